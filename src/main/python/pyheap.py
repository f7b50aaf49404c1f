#!/usr/bin/env python3
"""pyheap: write a snapshot of this CPython process's heap for Casebook's nearest-root analysis.

One file, no dependencies, Python 3.8 and newer. Run it inside the process that leaks:

    import pyheap
    pyheap.dump("/tmp/app.pyheap")                        # the whole heap
    pyheap.dump("/tmp/app.pyheap.gz", targets=[leaked])   # and name the leaked object

then upload the file to Casebook (POST /v1/jobs). The snapshot is JSON Lines (format "pyheap",
version 1): a header, one line per object with its corrected reference count and its referents,
one line per thread with its frames and locals, and an end line.

What it takes care of:
- ``targets`` is emptied before the heap is read, so the caller's list does not hold the target.
- Every reference count is corrected by a bias *measured* with a probe object, never assumed:
  the writer's own list, loop variable and call argument add the same amount to every object.
- Nothing it reads changes the heap: no ``__dict__`` of an instance is materialised, no
  ``isinstance`` (which may run ``__instancecheck__``), no ``__len__`` or ``__sizeof__`` of
  user classes. Thread locals are read only after every object has been written.
- The writer's own bookkeeping (the probes, its lists) is left out of the snapshot.
- ``refs`` lists what ``gc.get_referents`` lists, then, for a dict whose keys are all ``str``, its
  keys (labelled ``<key>``): CPython's traversal skips them, and retained sizes need every object a
  container holds. Snapshots written before this read the same, with those keys as their own roots.
"""

import gc
import gzip
import json
import os
import sys
import threading
import time

FORMAT = "pyheap"
VERSION = 1

_encode = json.encoder.encode_basestring_ascii  # the C escaper json itself uses
_BUILTIN_SIZED = (str, bytes, bytearray, list, tuple, dict, set, frozenset, int, float, complex)
_VALUE_TYPES = (str, bytes, int, float, bool)
_MAX_VALUE = 64


def _immortal_min():
    if sys.version_info >= (3, 12) and sys.maxsize > 2 ** 32:
        return 4294967295
    if sys.version_info >= (3, 12):
        return 1073741823
    return 999999999


def _qualname(tp):
    # type.__getattribute__, so that no metaclass code runs.
    module = type.__getattribute__(tp, "__module__")
    name = type.__getattribute__(tp, "__qualname__")
    if type(name) is not str:
        name = tp.__name__
    return name if module == "builtins" or type(module) is not str else module + "." + name


def _short(value):
    if type(value) is int and value.bit_length() > 200:
        # repr of a huge int is slow, and refused past 4,300 digits since Python 3.11.
        return "<int of %d bits>" % value.bit_length()
    if type(value) is bytes:
        text = value[:_MAX_VALUE].decode("latin-1")
    else:
        text = repr(value) if type(value) is not str else value
    return text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE] + "..."


def _key_label(key):
    if type(key) is str or (type(key) is int and key.bit_length() <= 200):
        text = repr(key)
        return "[" + (text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE] + "...") + "]"
    return "[...]"


def _labels(obj, tp, refs):
    """Python-expression labels for the referents of obj, parallel to refs; None where not known.

    Matched by identity, not by position, so they stay right whatever order tp_traverse visits in.
    """
    n = len(refs)
    if tp is list or tp is tuple:
        return ["[" + str(i) + "]" for i in range(n)] if len(obj) == n else [None] * n
    if tp is set or tp is frozenset:
        return ["<elem>"] * n
    known = {}
    if tp is dict:
        for key, value in obj.items():
            known.setdefault(id(value), _key_label(key))
            known.setdefault(id(key), "<key>")
    elif tp is _FunctionType:
        known = {id(obj.__code__): ".__code__", id(obj.__globals__): ".__globals__",
                 id(obj.__closure__): ".__closure__", id(obj.__defaults__): ".__defaults__"}
    elif tp is _MethodType:
        known = {id(obj.__self__): ".__self__", id(obj.__func__): ".__func__"}
    elif tp is _CellType:
        try:
            known = {id(obj.cell_contents): ".cell_contents"}
        except ValueError:
            pass
    elif tp is _ModuleType:
        known = {id(object.__getattribute__(obj, "__dict__")): ".__dict__"}
    elif type in type.__getattribute__(tp, "__mro__"):
        mapping = type.__getattribute__(obj, "__dict__")
        known = {id(type.__getattribute__(obj, "__mro__")): ".__mro__"}
        for real in gc.get_referents(mapping):
            known[id(real)] = ".__dict__"
    else:
        _attribute_labels(obj, tp, known)
    if not known:
        return [None] * n
    return [known.get(id(r)) for r in refs]


def _referents(o):
    """What o holds: gc.get_referents, plus a dict's str keys when its traversal skips them.

    CPython's dict traversal visits only the values of a table whose keys are all exact str (the keys
    cannot form cycles), so get_referents never shows those keys. Retained sizes need them.
    """
    refs = gc.get_referents(o)
    if type(o) is dict and o and all(type(k) is str for k in o):
        refs.extend(o)
    return refs


_candidates_by_type = {}
_MemberDescriptorType = type(type("_Slotted", (), {"__slots__": ("a",)}).__dict__["a"])


def _attribute_candidates(tp):
    """(name, label) pairs of the attributes instances of tp may hold, and of its slot descriptors,
    found once per type.

    The names are those the class's own methods use (their code's co_names) that are not class
    attributes, so reading them from an instance runs no descriptor, property or __getattr__. Types
    that are not Python classes have none.
    """
    found = _candidates_by_type.get(tp)
    if found is not None:
        return found
    if type.__getattribute__(tp, "__flags__") & (1 << 9) == 0:  # not a heap type: no Python attributes
        found = ((), ())
        _candidates_by_type[tp] = found
        return found
    class_names = set()
    used = set()
    slots = []
    for klass in type.__getattribute__(tp, "__mro__"):
        for key, value in type.__getattribute__(klass, "__dict__").items():
            class_names.add(key)
            kind = type(value)
            if kind is _MemberDescriptorType:
                slots.append((value, "." + key))
                continue
            if kind is staticmethod or kind is classmethod:
                value = value.__func__
                kind = type(value)
            if kind is _FunctionType:
                codes = [value.__code__]
                while codes:
                    code = codes.pop()
                    used.update(code.co_names)
                    codes.extend(c for c in code.co_consts if type(c) is type(code))
    names = tuple((name, "." + name) for name in sorted(used)
                  if name not in class_names and not name.startswith("__"))
    found = (names, tuple(slots))
    _candidates_by_type[tp] = found
    return found


def _attribute_labels(obj, tp, known):
    """'.name' for the attributes and slots of an instance of a Python class, without its __dict__."""
    names, slots = _attribute_candidates(tp)
    get = object.__getattribute__
    for name, label in names:
        try:
            known.setdefault(id(get(obj, name)), label)
        except AttributeError:
            pass
    for descriptor, label in slots:
        try:
            known.setdefault(id(descriptor.__get__(obj, tp)), label)
        except AttributeError:
            pass


def _function():
    pass


_FunctionType = type(_function)
_MethodType = type(threading.Thread().start)
_CellType = type((lambda x: (lambda: x))(0).__closure__[0])
_ModuleType = type(sys)


def dump(path, targets=None):
    """Writes the heap snapshot to path (gzip when it ends in .gz); returns the number of objects.

    targets, when given, is a list of the objects to name as leaked; it is emptied first.
    """
    target_ids = []
    # An untracked target (a string kept alive by C code) is found by no walk of the tracked objects,
    # so it is kept here until the untracked objects are collected, and let go before they are counted.
    untracked_targets = []
    if targets is not None:
        target_ids = [id(t) for t in targets]
        untracked_targets = [t for t in targets if not gc.is_tracked(t)]
        del targets[:]
    started = time.time()
    gc.collect()

    # 1. Tracked objects and their counts, read before any other temporaries exist.
    probe = []
    objects = gc.get_objects()
    counts = [sys.getrefcount(o) for o in objects]
    probe_index = next(i for i, o in enumerate(objects) if o is probe)
    bias = counts[probe_index] - 1
    # The writer's own: its probes and lists, and the per-type cache it fills while writing.
    exclude = {id(probe), id(objects), id(counts), id(target_ids), id(untracked_targets), id(_candidates_by_type)}

    # 2. Untracked referents (ints, strings, atomic tuples...) and their counts, with their own probe.
    untracked_probe = float(time.time())
    untracked = {}
    tracked_ids = set(map(id, objects))
    pending = []
    for o in objects:
        for r in _referents(o):
            if id(r) not in tracked_ids and id(r) not in untracked:
                untracked[id(r)] = r
                pending.append(r)
    for t in untracked_targets:
        if id(t) not in tracked_ids and id(t) not in untracked:
            untracked[id(t)] = t
            pending.append(t)
    untracked_targets.clear()
    # Untracked containers (a dict or tuple of strings and ints) have referents too.
    while pending:
        found = pending
        pending = []
        for u in found:
            for r in _referents(u):
                if id(r) not in tracked_ids and id(r) not in untracked:
                    untracked[id(r)] = r
                    pending.append(r)
    # Loop variables outlive their loops: let go of what they last held before anything is counted.
    o = r = t = u = found = None
    untracked[id(untracked_probe)] = untracked_probe
    untracked_objects = list(untracked.values())
    untracked_counts = [sys.getrefcount(o) for o in untracked_objects]
    untracked_bias = untracked_counts[-1] - 1
    exclude.update((id(untracked_probe), id(untracked), id(untracked_objects), id(untracked_counts),
                    id(tracked_ids), id(exclude), id(pending)))

    # Level 3: about 8x smaller at a small fraction of level 9's time; the process is frozen while this runs.
    def opener(name, mode, **kw):
        return gzip.open(name, mode, compresslevel=3, **kw) if name.endswith(".gz") else open(name, mode, **kw)
    immortal_min = _immortal_min()
    is_immortal = getattr(sys, "_is_immortal", None)
    written = 0
    edges = 0
    with opener(path, "wt", encoding="ascii", newline="\n") as out:
        header = {"kind": "header", "format": FORMAT, "version": VERSION,
                  "python": "%d.%d.%d" % sys.version_info[:3], "implementation": sys.implementation.name,
                  "gil_disabled": bool(getattr(sys, "_is_gil_enabled", lambda: True)() is False),
                  "pointer_size": 8 if sys.maxsize > 2 ** 32 else 4, "time": started,
                  "refcnt_bias": bias, "immortal_min": immortal_min, "targets": target_ids,
                  "sys_modules": id(sys.modules)}
        out.write(json.dumps(header) + "\n")
        for group, group_counts, group_bias, tracked in ((objects, counts, bias, True),
                                                         (untracked_objects, untracked_counts, untracked_bias, False)):
            write = out.write
            for i in range(len(group)):
                o = group[i]
                oid = id(o)
                if oid in exclude:
                    continue
                tp = type(o)
                refcnt = group_counts[i] - group_bias
                refs = _referents(o)
                edges += len(refs)
                parts = ['{"address":', str(oid), ',"type":', _encode(_qualname(tp)),
                         ',"size":', str(sys.getsizeof(o) if tp in _BUILTIN_SIZED else tp.__basicsize__),
                         ',"refcnt":', str(refcnt)]
                if not tracked:
                    parts.append(',"tracked":false')
                if refcnt >= immortal_min or (is_immortal is not None and is_immortal(o)):
                    parts.append(',"immortal":true')
                if refs:
                    parts.append(',"refs":[')
                    parts.append(",".join([str(id(r)) for r in refs]))
                    parts.append("]")
                    labels = _labels(o, tp, refs)
                    if any(label is not None for label in labels):
                        parts.append(',"labels":[')
                        parts.append(",".join(["null" if label is None else _encode(label) for label in labels]))
                        parts.append("]")
                if tp in _VALUE_TYPES:
                    parts.append(',"value":')
                    parts.append(_encode(_short(o)))
                elif tp is _ModuleType or tp is _FunctionType or type in type.__getattribute__(tp, "__mro__"):
                    if tp is _ModuleType:
                        name = object.__getattribute__(o, "__dict__").get("__name__")
                    elif tp is _FunctionType:
                        name = o.__qualname__
                    else:
                        # As its instances' type reads: how subclass queries find a class's __mro__.
                        name = _qualname(o)
                    if type(name) is str:
                        parts.append(',"name":')
                        parts.append(_encode(name))
                if tp in (list, tuple, dict, set, frozenset, str, bytes):
                    parts.append(',"len":')
                    parts.append(str(len(o)))
                parts.append("}\n")
                write("".join(parts))
                written += 1
        # 3. Threads last: reading a frame's locals creates objects, which must not be in the snapshot.
        names = {t.ident: t.name for t in threading.enumerate()}
        this_thread = threading.get_ident()
        for ident, frame in sys._current_frames().items():
            frames = []
            while frame is not None:
                code = frame.f_code
                if not (ident == this_thread and code.co_filename == __file__):
                    local_refs = {name: id(value) for name, value in frame.f_locals.items()}
                    frames.append({"func": code.co_name, "file": code.co_filename, "line": frame.f_lineno,
                                   "locals": local_refs})
                frame = frame.f_back
            out.write(json.dumps({"kind": "thread", "ident": ident, "name": names.get(ident, str(ident)),
                                  "frames": frames}) + "\n")
        out.write(json.dumps({"kind": "end", "objects": written, "edges": edges,
                              "elapsed_s": round(time.time() - started, 3)}) + "\n")
    return written


def main(argv=None):
    import argparse
    parser = argparse.ArgumentParser(description="Write a Casebook heap snapshot of this Python process.")
    parser.add_argument("path", help="where to write the snapshot (.gz for gzip)")
    args = parser.parse_args(argv)
    count = dump(args.path)
    print("wrote %d objects to %s" % (count, args.path))


if __name__ == "__main__":
    main()
