// `npm test`: Biome first (lint, format, the layer rule; it fails in a second), then the type check
// and vitest side by side: vitest spends much of its time waiting on timers, Redis and databases,
// so the two overlap on 2 cores. Fails when any of the three fails; extra arguments go to vitest.
import { spawn } from "node:child_process";

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

function run(name, args) {
  return new Promise((resolve) => {
    const child = spawn(bin(name), args, { stdio: "inherit" });
    child.on("error", (error) => {
      console.error(`npm test: cannot run ${name}: ${error.message} (run npm ci first)`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if ((await run("biome", ["check", "--error-on-warnings", "."])) !== 0) process.exit(1);
const [types, tests] = await Promise.all([
  run("tsc", ["--noEmit"]),
  run("vitest", ["run", ...process.argv.slice(2)]),
]);
if (types !== 0) console.error("npm test: the type check failed (npm run typecheck shows it alone)");
process.exit(types || tests);
