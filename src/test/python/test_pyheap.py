"""The writer's own tests, run with the machine's python3 (PyheapWriterTest runs them in the build)."""

import collections
import gc
import gzip
import json
import os
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python"))
import pyheap  # noqa: E402


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="ascii") as f:
        lines = [json.loads(line) for line in f]
    header = lines[0]
    objects = {d["address"]: d for d in lines if "kind" not in d}
    threads = [d for d in lines if d.get("kind") == "thread"]
    inbound = collections.Counter(r for d in objects.values() for r in d.get("refs", []))
    return header, objects, threads, inbound, lines[-1]


class Holder:
    def __init__(self, payload):
        self.payload = payload

    def method(self):
        return self.payload


REGISTRY = {}


class Slotted:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class WriterTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def dump(self, name="heap.pyheap", targets=None):
        path = os.path.join(self.dir, name)
        pyheap.dump(path, targets=targets)
        return (path,) + read(path)

    def test_header_and_end_lines_frame_the_snapshot(self):
        path, header, objects, threads, inbound, end = self.dump()
        self.assertEqual(("header", "pyheap", 1), (header["kind"], header["format"], header["version"]))
        self.assertEqual("%d.%d.%d" % sys.version_info[:3], header["python"])
        self.assertGreaterEqual(header["refcnt_bias"], 1, "the bias is measured, and the writer holds references")
        self.assertEqual("end", end["kind"])
        self.assertEqual(len(objects), end["objects"])
        self.assertEqual(id(sys.modules), header["sys_modules"])
        self.assertIn(threading.current_thread().name, [t["name"] for t in threads])

    def test_targets_are_emptied_and_named_in_the_header(self):
        leaked = Holder("x")
        targets = [leaked]
        path, header, objects, threads, inbound, end = self.dump(targets=targets)
        self.assertEqual([], targets)
        self.assertEqual([id(leaked)], header["targets"])
        self.assertIn(id(leaked), objects)

    def test_the_refcount_correction_is_exact_on_a_known_graph(self):
        # Only ids are kept here, so that no local of this frame holds the objects.
        REGISTRY["outer"] = [Holder("inner payload")]
        REGISTRY["outer"].append(REGISTRY["outer"][0])
        outer_id, inner_id = id(REGISTRY["outer"]), id(REGISTRY["outer"][0])
        local_only = Holder("held by this frame alone")
        try:
            path, header, objects, threads, inbound, end = self.dump()
        finally:
            del REGISTRY["outer"]
        # Held only by tracked objects: references from outside the graph (GCRefs) are zero.
        for address in (outer_id, inner_id):
            record = objects[address]
            self.assertEqual(0, record["refcnt"] - inbound[address], record)
        self.assertEqual(2, objects[inner_id]["refcnt"], "the list holds it twice; duplicates are kept")
        # Held by a local of a running frame: exactly one reference from outside.
        record = objects[id(local_only)]
        self.assertEqual(1, record["refcnt"] - inbound[id(local_only)], record)
        self.assertIn(id(local_only), [v for t in threads for f in t["frames"] for v in f["locals"].values()])

    def test_a_bound_method_in_a_global_cache_has_the_seed_chain_labels(self):
        leaky = Holder("leaked")
        REGISTRY["cache"] = [leaky.method]
        try:
            path, header, objects, threads, inbound, end = self.dump()
        finally:
            del REGISTRY["cache"]
        registry = objects[id(REGISTRY)]
        cache_address = registry["refs"][registry["labels"].index("['cache']")]
        cache = objects[cache_address]
        self.assertEqual("[0]", cache["labels"][0])
        method = objects[cache["refs"][0]]
        self.assertEqual("method", method["type"])
        self.assertEqual(".__self__", method["labels"][method["refs"].index(id(leaky))])
        self.assertEqual("test_pyheap.Holder", objects[id(leaky)]["type"])

    def test_instance_attributes_and_slots_are_labelled_without_reading_their_dict(self):
        REGISTRY["holder"] = Holder(["payload"])
        REGISTRY["slotted"] = Slotted(["slot value"])
        try:
            path, header, objects, threads, inbound, end = self.dump()
            holder = objects[id(REGISTRY["holder"])]
            slotted = objects[id(REGISTRY["slotted"])]
            payload, value = id(REGISTRY["holder"].payload), id(REGISTRY["slotted"].value)
        finally:
            del REGISTRY["holder"], REGISTRY["slotted"]
        self.assertEqual(".payload", holder["labels"][holder["refs"].index(payload)])
        self.assertEqual(".value", slotted["labels"][slotted["refs"].index(value)])

    def test_writing_does_not_change_the_heap(self):
        self.dump()  # a first dump in a process may create one-time caches (imports, encoders)
        instance = Holder([1, 2, 3])
        referents_before = [id(r) for r in gc.get_referents(instance)]
        gc.collect()
        before = len(gc.get_objects())
        self.dump()
        gc.collect()
        after = len(gc.get_objects())
        self.assertEqual(referents_before, [id(r) for r in gc.get_referents(instance)],
                         "no __dict__ was materialised for an instance with inline values")
        self.assertLessEqual(abs(after - before), 2, "the writer leaves nothing behind")

    def test_the_writers_own_bookkeeping_is_not_in_the_snapshot(self):
        path, header, objects, threads, inbound, end = self.dump()
        lists = [d for d in objects.values() if d["type"] == "list" and d.get("len", 0) >= len(objects) - 10]
        self.assertEqual([], lists, "neither gc.get_objects()'s list nor the counts are dumped")
        for t in threads:
            for frame in t["frames"]:
                self.assertNotEqual(os.path.abspath(pyheap.__file__), os.path.abspath(frame["file"]))

    def test_values_are_short_and_huge_ints_do_not_break_the_writer(self):
        REGISTRY["huge"] = {10 ** 5000: "x" * 10000}
        try:
            path, header, objects, threads, inbound, end = self.dump()
            huge = objects[id(next(iter(REGISTRY["huge"])))]
            long_text = objects[id(next(iter(REGISTRY["huge"].values())))]
            untracked_dict = objects[id(REGISTRY["huge"])]
        finally:
            del REGISTRY["huge"]
        self.assertTrue(huge["value"].startswith("<int of "), huge)
        self.assertFalse(untracked_dict.get("tracked", True), "a dict of atomic values is not tracked by the gc")
        self.assertEqual(2, len(untracked_dict["refs"]), "yet its key and value are referents in the snapshot")
        self.assertLessEqual(len(long_text["value"]), 67)
        self.assertEqual(10000, long_text["len"])

    def test_gzip_output_holds_the_same_snapshot(self):
        path, header, objects, threads, inbound, end = self.dump("heap.pyheap.gz")
        with open(path, "rb") as f:
            self.assertEqual(b"\x1f\x8b", f.read(2))
        self.assertEqual(len(objects), end["objects"])
        self.assertGreater(len(objects), 1000)


if __name__ == "__main__":
    unittest.main()
