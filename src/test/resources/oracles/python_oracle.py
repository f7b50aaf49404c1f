import base64
import json
import sys

PROFILES = {
    "python-json": {},
    "python-json-compact": {"separators": (",", ":")},
    "python-json-sorted": {"sort_keys": True},
    "python-json-compact-sorted": {"separators": (",", ":"), "sort_keys": True},
    "python-json-unicode": {"ensure_ascii": False},
    "python-json-unicode-compact": {"ensure_ascii": False, "separators": (",", ":")},
    "python-json-indent2": {"indent": 2},
}

sys.setrecursionlimit(1000)
out = sys.stdout
for line in sys.stdin:
    body = base64.b64decode(line.strip())
    result = {}
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        result = {p: {"err": "parse"} for p in PROFILES}
    else:
        for profile, kwargs in PROFILES.items():
            try:
                encoded = json.dumps(value, **kwargs).encode("utf-8")
            except (ValueError, RecursionError):
                result[profile] = {"err": "encode"}
            else:
                result[profile] = {"ok": base64.b64encode(encoded).decode("ascii")}
    out.write(json.dumps(result) + "\n")
