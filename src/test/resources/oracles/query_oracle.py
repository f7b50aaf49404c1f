import base64
import json
import sys
from urllib.parse import quote, urlencode

for line in sys.stdin:
    pairs = [tuple(p) for p in json.loads(base64.b64decode(line.strip()))]
    print(json.dumps({
        "python-urlencode": urlencode(pairs),
        "rfc3986": "&".join(quote(k, safe="") + "=" + quote(v, safe="") for k, v in pairs),
    }))
