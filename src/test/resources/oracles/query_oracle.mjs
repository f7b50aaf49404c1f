import { readFileSync } from "node:fs";

const out = [];
for (const line of readFileSync(0, "utf8").split("\n").filter((l) => l.length > 0)) {
  const pairs = JSON.parse(Buffer.from(line, "base64").toString("utf8"));
  out.push(JSON.stringify({
    "javascript-urlsearchparams": new URLSearchParams(pairs).toString(),
    "javascript-encodeuricomponent": pairs.map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&"),
  }));
}
process.stdout.write(out.join("\n") + "\n");
