// node summary.mjs file.cpuprofile [top]: self time by function and by file
import { readFileSync } from "node:fs";

const p = JSON.parse(readFileSync(process.argv[2], "utf8"));
const top = Number(process.argv[3] ?? 25);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas;
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const n = byId.get(p.samples[i]);
  const d = dt[i] ?? 0;
  total += d;
  self.set(n, (self.get(n) ?? 0) + d);
}
const fn = new Map(),
  file = new Map();
for (const [n, t] of self) {
  const cf = n.callFrame;
  const u = cf.url.replace(/.*node_modules\//, "nm/").replace(/.*\/work\/main\//, "");
  const k = `${cf.functionName || "(anon)"} ${u}:${cf.lineNumber}`;
  fn.set(k, (fn.get(k) ?? 0) + t);
  const pkg = u.startsWith("nm/")
    ? u
        .split("/")
        .slice(0, u.split("/")[1].startsWith("@") ? 3 : 2)
        .join("/")
    : u || cf.functionName;
  file.set(pkg, (file.get(pkg) ?? 0) + t);
}
const show = (m) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([k, t]) =>
        `${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`,
    )
    .join("\n");
console.log(
  `total ${(total / 1000).toFixed(0)} ms\n--- by package/file\n${show(file)}\n--- by function\n${show(fn)}`,
);
// Inclusive time of our own functions (src/, bench/ excluded) and of the packages called from them.
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [n, t] of self) {
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const cf = byId.get(id).callFrame;
    if (!cf.url.includes("/work/main/src/")) continue;
    const k = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*\/work\/main\//, "")}:${cf.lineNumber}`;
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + t);
  }
}
console.log(`--- inclusive, our functions\n${show(incl)}`);
