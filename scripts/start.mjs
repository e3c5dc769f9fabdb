// Runs a TypeScript entry (src/main.ts, bench/index.ts) after checking that the project is
// installed; it installs nothing itself, it says what is missing.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`parcel-desk needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}
if (
  !existsSync(resolve(root, "node_modules/tsx")) ||
  !existsSync(resolve(root, "node_modules/.package-lock.json"))
) {
  console.error("The dependencies are not installed: run `npm ci` in this folder first, then `npm start`.");
  process.exit(1);
}
const entry = process.argv[2];
if (!entry) {
  console.error("usage: node scripts/start.mjs <entry.ts>");
  process.exit(2);
}
const { register } = await import("tsx/esm/api");
register();
await import(pathToFileURL(resolve(root, entry)).href);
