import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * DESIGN.md's dependency rule, as `npm run lint` enforces it: the domain and the flows import no
 * SDK, database, queue or HTTP library and nothing from the adapters. Biome's own configuration
 * (biome.json) is run over a scratch tree that breaks the rule on purpose, so a change that
 * weakens the configuration fails here.
 */

const ROOT = resolve(import.meta.dirname, "..");
const FORBIDDEN = ["grammy", "@slack/bolt", "bullmq", "ioredis", "pg", "kysely", "fastify"] as const;

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string; start: { line: number } };
}

let scratch: string;
let diagnostics: Diagnostic[];

function write(path: string, source: string): void {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), source);
}

/** One file per forbidden module, importing it and using the import so no other rule fires. */
function importing(module: string): string {
  return `import * as lib from "${module}";\nexport const used = lib;\n`;
}

const fileFor = (layer: string, module: string) => `src/${layer}/uses-${module.replace(/\W/g, "-")}.ts`;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "parcel-desk-layers-"));
  const config = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8"));
  delete config.vcs; // the scratch tree is no git checkout
  delete config.$schema;
  writeFileSync(join(scratch, "biome.json"), JSON.stringify(config));
  for (const module of FORBIDDEN) {
    write(fileFor("domain/queries", module), importing(module));
    write(fileFor("flows/staff", module), importing(module));
    write(fileFor("bot/telegram", module), importing(module)); // adapters may
  }
  write("src/domain/kernel/uses-store.ts", importing("../../store"));
  write("src/domain/holds/uses-flows.ts", importing("../../flows/engine"));
  write("src/flows/customer/uses-jobs.ts", importing("../../jobs/queues"));
  write("src/flows/customer/uses-domain.ts", importing("../../domain/kernel/chat"));
  const biome = join(ROOT, "node_modules", ".bin", "biome");
  let out: string;
  try {
    out = execFileSync(biome, ["lint", "--reporter=json", "--max-diagnostics=none", "."], {
      cwd: scratch,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // errors found: biome exits 1, the report is on stdout
  }
  diagnostics = (JSON.parse(out) as { diagnostics: Diagnostic[] }).diagnostics;
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const flagged = (path: string) =>
  diagnostics.filter((d) => d.location.path === path && d.category === "lint/style/noRestrictedImports");

describe("the layer rule (DESIGN.md), enforced by npm run lint", () => {
  it.each(FORBIDDEN)("fails the build when the domain imports %s", (module) => {
    expect(flagged(fileFor("domain/queries", module)).length).toBeGreaterThan(0);
  });

  it.each(FORBIDDEN)("fails the build when a flow imports %s", (module) => {
    expect(flagged(fileFor("flows/staff", module)).length).toBeGreaterThan(0);
  });

  it("fails the build when the domain imports an adapter or a flow", () => {
    expect(flagged("src/domain/kernel/uses-store.ts")).toHaveLength(1);
    expect(flagged("src/domain/holds/uses-flows.ts")).toHaveLength(1);
  });

  it("fails the build when a flow imports the jobs, and lets it import the domain", () => {
    expect(flagged("src/flows/customer/uses-jobs.ts")).toHaveLength(1);
    expect(flagged("src/flows/customer/uses-domain.ts")).toHaveLength(0);
  });

  it("lets a channel adapter import its SDK", () => {
    for (const module of FORBIDDEN) expect(flagged(fileFor("bot/telegram", module))).toHaveLength(0);
  });
});
