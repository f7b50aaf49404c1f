// Usage: node query_libraries.mjs <axios's package dir> <@smithy/signature-v4's package dir>
// axios-params: axios.getUri with the pairs as its params object (a JavaScript object: array-index names first).
// aws-sigv4: @smithy/signature-v4's getCanonicalQuery on the same object.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axios = require(process.argv[2]);
const { getCanonicalQuery } = require(process.argv[3]);

const lines = readFileSync(0, "utf8").split("\n").filter((l) => l.length > 0);
const out = [];
for (const line of lines) {
  const params = Object.fromEntries(JSON.parse(Buffer.from(line, "base64").toString("utf8")));
  out.push(JSON.stringify({
    "axios-params": axios.getUri({ url: "", params }).replace(/^\?/, ""),
    "aws-sigv4": getCanonicalQuery({ query: params }),
  }));
}
process.stdout.write(out.join("\n") + "\n");
