"""A CPython program whose global dict cache grows without bound; writes a pyheap snapshot.

Usage: cache_leak.py <pyheap.py dir> <out> [rooms]. The leak: CACHE[i] = Room(i), each Room holding
1 KB of its own, so the dict retains most of the heap: the triage's first suspect.
"""
import sys

sys.path.insert(0, sys.argv[1])
import pyheap  # noqa: E402


class Room:
    def __init__(self, number):
        self.number = number
        self.payload = bytes(1024) + str(number).encode()


CACHE = {}
NAMES = {}  # a dict whose keys are all str: CPython's traversal does not show them, pyheap.py writes them


def main():
    rooms = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    for i in range(rooms):
        CACHE[i] = Room(i)
        NAMES["room-name-%06d" % i] = None
    pyheap.dump(sys.argv[2])


main()
