// `npm test`: Biome (lint, format, the layer rule), the type check and vitest, all three at once:
// vitest spends much of its time waiting on timers, Redis and databases, so the others fit in its
// waits on 2 cores. Biome answers in about a second; when it fails, the other two are stopped and
// its report is shown alone, so a lint or format error still fails fast. Fails when any of the
// three fails; extra arguments go to vitest.
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const running = new Set();

/**
 * Runs a tool in a process group of its own, so that stopping it also stops what it started (a
 * test's child process, the private redis-server of test/global-setup.ts). `quiet` keeps its
 * output, to be printed when it has finished.
 */
function run(name, args, { quiet = false } = {}) {
  const child = spawn(bin(name), args, {
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    detached: true,
  });
  running.add(child);
  let output = "";
  if (quiet) {
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
  }
  const done = new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`npm test: cannot run ${name}: ${error.message} (run npm ci first)`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  }).finally(() => running.delete(child));
  return { child, done, output: () => output };
}

/** `dir`, made if need be, when this process may write in it; undefined otherwise. */
function writableDir(dir) {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return undefined;
  }
}

function stop(child) {
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

// The groups are not the terminal's: pass Ctrl-C (and a SIGTERM) on to them.
for (const [signal, number] of [
  ["SIGINT", 2],
  ["SIGTERM", 15],
]) {
  process.on(signal, () => {
    for (const child of running) stop(child);
    process.exit(128 + number);
  });
}

if (
  !existsSync(bin("vitest")) ||
  !existsSync(new URL("../node_modules/.package-lock.json", import.meta.url))
) {
  console.error(
    "npm test: the dependencies are not installed: run `npm ci` in this folder first, then `npm test`.",
  );
  process.exit(1);
}
const biome = run("biome", ["check", "--error-on-warnings", "."], { quiet: true });
// TypeScript 7's native tsc: a few seconds of CPU where 5.x took about 17; one thread, because
// its parallel checkers cost twice the CPU on 2 cores that vitest needs too. Incremental, with its
// record in node_modules/.cache: a fresh clone (no record) gets the whole check (about 15 s of
// CPU); a later run checks again only the files changed since, and what they affect (about 2 s
// when nothing changed), and still reports every error, the unchanged files' from the record.
// Where the record cannot be written (a read-only node_modules), the whole check each time.
const record = writableDir(new URL("../node_modules/.cache/parcel-desk-tsc", import.meta.url).pathname);
const types = run("tsc", [
  "--noEmit",
  "--singleThreaded",
  ...(record ? ["--incremental", "--tsBuildInfoFile", `${record}/tsbuildinfo`] : []),
]);
const tests = run("vitest", ["run", ...process.argv.slice(2)]);

if ((await biome.done) !== 0) {
  stop(types.child);
  stop(tests.child);
  await Promise.all([types.done, tests.done]);
  process.stdout.write(biome.output());
  console.error(
    "npm test: Biome failed (lint, format or the layer rule); the type check and vitest were stopped",
  );
  process.exit(1);
}
const [typeCheck, testRun] = await Promise.all([types.done, tests.done]);
console.log(`npm test: Biome passed (${biome.output().trim().split("\n").at(-1)})`);
if (typeCheck !== 0) console.error("npm test: the type check failed (npm run typecheck shows it alone)");
process.exit(typeCheck || testRun);
