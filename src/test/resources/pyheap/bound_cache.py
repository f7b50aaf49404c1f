"""A CPython program whose global dict caches bound methods (cache[i] = room.on); writes a pyheap snapshot.

Usage: bound_cache.py <pyheap.py dir> <out> [rooms]. Issue 17: each Room is held through a different key of
one data dict, so the groups must not split by key; the three Rooms of the second global, lobby, are another
group; and two Rooms held as attributes of one object whose attribute dict exists (vars() made it) stay two
groups, since an object's attributes are names, not data.
"""
import sys

sys.path.insert(0, sys.argv[1])
import pyheap  # noqa: E402


class Room:
    def on(self):
        return self


class Desk:
    pass


cache = {}
lobby = {}
desk = Desk()


def main():
    rooms = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    for i in range(rooms):
        cache[i] = Room().on
    for name in ("north", "south", "east"):
        lobby[name] = Room().on
    desk.first = Room()
    desk.second = Room()
    vars(desk)  # the attribute dict exists from now on: its keys are attribute names
    pyheap.dump(sys.argv[2])


main()
