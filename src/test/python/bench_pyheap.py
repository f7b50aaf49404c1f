"""How fast pyheap writes a process of about a million objects (the process is frozen meanwhile).

Run: python3 src/test/python/bench_pyheap.py [millions of objects, default 1]

Prints objects/s for a plain and a gzip snapshot, next to a baseline measured in the same run: one
walk of the heap with gc.get_objects() and gc.get_referents(), the least any writer must do.
"""

import gc
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python"))
import pyheap  # noqa: E402


class Item:
    def __init__(self, i):
        self.i = i
        self.name = "item-%d" % i


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt


def build(millions):
    # Roughly 1M tracked objects and as many untracked ones (ints, strings) per "million".
    n = int(300_000 * millions)
    items = [Item(i) for i in range(n)]
    head = None
    for i in range(n):
        head = Node(i, head)
    table = {"k%d" % i: [i, str(i)] for i in range(n // 3)}
    return items, head, table


def walk():
    started = time.perf_counter()
    objects = gc.get_objects()
    edges = 0
    for o in objects:
        edges += len(gc.get_referents(o))
    return time.perf_counter() - started, len(objects), edges


def main():
    millions = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    data = build(millions)  # noqa: F841 (kept alive for the dumps)
    gc.collect()
    baseline, tracked, edges = walk()
    print("heap: %d tracked objects, %d references; one walk of it: %.2f s" % (tracked, edges, baseline))
    out = tempfile.mkdtemp()
    for name in ("bench.pyheap", "bench.pyheap.gz"):
        path = os.path.join(out, name)
        started = time.perf_counter()
        count = pyheap.dump(path)
        elapsed = time.perf_counter() - started
        print("%-16s %8d objects in %6.2f s: %7.0f objects/s, %6.1f MB, %.1fx the walk"
              % (name, count, elapsed, count / elapsed, os.path.getsize(path) / 1e6, elapsed / baseline))
        os.remove(path)


if __name__ == "__main__":
    main()
