import base64
import json
import sys
from urllib.parse import quote, urlencode

# With "aws": only AWS SigV4's canonical query string, as botocore's SigV4Auth builds it from request params.
if sys.argv[1:] == ["aws"]:
    from botocore.auth import SigV4Auth
    from botocore.credentials import Credentials

    signer = SigV4Auth(Credentials("key", "secret"), "service", "us-east-1")

for line in sys.stdin:
    pairs = [tuple(p) for p in json.loads(base64.b64decode(line.strip()))]
    if sys.argv[1:] == ["aws"]:
        print(json.dumps({"aws-sigv4": signer._canonical_query_string_params(pairs)}))
        continue
    print(json.dumps({
        "python-urlencode": urlencode(pairs),
        "rfc3986": "&".join(quote(k, safe="") + "=" + quote(v, safe="") for k, v in pairs),
    }))
