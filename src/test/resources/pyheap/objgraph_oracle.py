"""Plants leaks reachable from a module, writes a pyheap snapshot, then asks objgraph for each leak's
back-reference chain to a module in the same process. Prints {name: [ids, module first]}.
Usage: objgraph_oracle.py <pyheap.py dir> <out>"""
import json
import sys

import objgraph

sys.path.insert(0, sys.argv[1])
import pyheap  # noqa: E402


class Leaky:
    def handler(self):
        return self


class Closure:
    pass


class Entry:
    pass


CACHE = []
REGISTRY = {}
TABLE = {"rooms": [[None, Entry()]]}


def make_callback(captured):
    def callback():
        return captured
    return callback


CACHE.append(Leaky().handler)
REGISTRY["on_close"] = make_callback(Closure())
pyheap.dump(sys.argv[2])
chains = {}
for name, find in (("Leaky", lambda: CACHE[0].__self__),
                   ("Closure", lambda: REGISTRY["on_close"].__closure__[0].cell_contents),
                   ("Entry", lambda: TABLE["rooms"][0][1])):
    chains[name] = [id(o) for o in objgraph.find_backref_chain(find(), objgraph.is_proper_module)]
print(json.dumps(chains))
