"""Planted CPython leaks whose chains the tests know; writes a pyheap snapshot. Usage: leaks.py <pyheap.py dir> <out>"""
import atexit
import ctypes
import sys
import threading

sys.path.insert(0, sys.argv[1])
import pyheap  # noqa: E402


class Leaky:
    def handler(self):
        return self


class Session:
    pass


class Job:
    pass


class FromC:
    pass


class AtExit:
    def close(self):
        pass


class Closure:
    pass


class Handler:                                         # a class hierarchy: subclass queries
    pass


class RetryHandler(Handler):
    pass


class BackoffHandler(RetryHandler):
    pass


HANDLERS = [Handler(), RetryHandler(), RetryHandler(), BackoffHandler(), BackoffHandler(), BackoffHandler()]
CACHE = []
REGISTRY = {}
LOCAL = threading.local()


def make_callback(captured):
    def callback():
        return captured
    return callback


def main():
    CACHE.append(Leaky().handler)                      # globals ['CACHE'] -> list [0] -> method .__self__ -> Leaky
    REGISTRY["on_close"] = make_callback(Closure())    # a closure in a registry
    LOCAL.session = Session()                          # a threading.local
    held = FromC()
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(held))  # a reference held from C: its own root
    del held
    atexit.register(AtExit().close)                    # atexit holds a bound method
    started = threading.Event()
    release = threading.Event()

    def worker():
        victim = Job()                                 # a local of a blocked thread
        started.set()
        release.wait()
        return victim

    thread = threading.Thread(target=worker, name="worker-1", daemon=True)
    thread.start()
    started.wait()
    c_string = "held by C " + str(id(thread))            # an untracked object held from C
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(c_string))
    targets = [c_string]
    del c_string                                       # only C (and the emptied list) held it then
    pyheap.dump(sys.argv[2], targets=targets)
    release.set()


main()
