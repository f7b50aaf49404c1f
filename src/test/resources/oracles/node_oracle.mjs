// Usage: node node_oracle.mjs <canonicalize's entry module> <fast-json-stable-stringify's entry module>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const canonicalizeModule = await import(pathToFileURL(process.argv[2]).href);
const canonicalize = canonicalizeModule.default ?? canonicalizeModule;
const stableStringify = createRequire(import.meta.url)(process.argv[3]);
const decoder = new TextDecoder(); // replaces ill-formed UTF-8, drops a leading BOM, as the vectors' harness did

const lines = readFileSync(0, "utf8").split("\n"); // an empty line is an empty body
if (lines.at(-1) === "") {
  lines.pop();
}
const out = [];
for (const line of lines) {
  const text = decoder.decode(Buffer.from(line, "base64"));
  const result = {};
  let value;
  let parsed = true;
  try {
    value = JSON.parse(text);
  } catch (e) {
    parsed = false;
  }
  const encoders = {
    "javascript-json": (v) => JSON.stringify(v),
    "javascript-json-indent2": (v) => JSON.stringify(v, null, 2),
    "jcs": (v) => canonicalize(v),
    "js-stable-stringify": (v) => stableStringify(v),
  };
  for (const [profile, encode] of Object.entries(encoders)) {
    if (!parsed) {
      result[profile] = { err: "parse" };
      continue;
    }
    try {
      result[profile] = { ok: Buffer.from(encode(value), "utf8").toString("base64") };
    } catch (e) {
      result[profile] = { err: "encode" };
    }
  }
  out.push(JSON.stringify(result));
}
process.stdout.write(out.join("\n") + "\n");
