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
// The entry runs from a build of its TypeScript made by esbuild (tsx's own compiler) and kept in
// node_modules/.cache, rebuilt when a source file's content changes (build-cache.mjs): Node then
// loads every module natively. Through tsx's loader hooks every module, ours and the packages',
// goes through a hook thread, which took about half of the start-up (issue 15). Should the build
// fail (a syntax error, no esbuild), the entry runs through tsx as before, which reports the error.
// Start-up phases are marked (performance.mark) for the service's debug log (src/startup-phases.ts).
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
};
performance.mark("start.mjs", { detail: cpuMs() });
const { cachedBuild } = await import("./build-cache.mjs");
const built = process.env.PARCEL_DESK_NO_BUILD === "1" ? undefined : await cachedBuild(root, entry);
performance.mark(built ? "build checked" : "no build", { detail: cpuMs() });
if (built) {
  process.setSourceMapsEnabled(true); // stack traces name src/…ts lines, as under tsx
  await import(pathToFileURL(built).href);
} else {
  // Through tsx, packages made of hundreds of small ES modules load natively first: its hooks run
  // for every module they see (kysely 1 s instead of 0.13 s). A module is the same instance
  // whichever loader saw it first.
  const NATIVE_FIRST = ["kysely", "date-fns", "@date-fns/tz", "chrono-node", "zod", "bullmq", "yaml"];
  await Promise.all(NATIVE_FIRST.map((name) => import(name).catch(() => undefined)));
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(resolve(root, entry)).href);
}
