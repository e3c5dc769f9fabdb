import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyTemplate } from "../../src/store/pglite-template";

/**
 * The unpacked PGlite template copied into a new data directory (store/index.ts openDataDir).
 * A copy that fails is followed by emptying the directory and running initdb there, so when it
 * fails nothing of it may still be running.
 */
const root = mkdtempSync(join(tmpdir(), "pd-template-copy-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DIRS = 20;
const FILES = 20;

function template(broken: boolean): string {
  const dir = mkdtempSync(join(root, "template-"));
  writeFileSync(join(dir, "PG_VERSION"), "17\n");
  // Sorted first, fails at once (copyFile follows the link to nothing).
  if (broken) symlinkSync(join(dir, "missing"), join(dir, "aaa-broken"));
  for (let d = 0; d < DIRS; d++) {
    mkdirSync(join(dir, `base${d}`));
    for (let f = 0; f < FILES; f++) writeFileSync(join(dir, `base${d}`, `${f}`), "x".repeat(8192));
  }
  return dir;
}

const copied = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .reduce((n, entry) => n + readdirSync(join(dir, entry.name)).length, 0);

describe("copying the PGlite template", () => {
  it("copies every file, PG_VERSION included", async () => {
    const to = join(root, "ok");
    await copyTemplate(template(false), to);
    expect(copied(to)).toBe(DIRS * FILES);
    expect(existsSync(join(to, "PG_VERSION"))).toBe(true);
  });

  it("fails only once every other copy has settled, and without PG_VERSION", async () => {
    const to = join(root, "broken");
    await expect(copyTemplate(template(true), to)).rejects.toThrow(/ENOENT/);
    expect(copied(to)).toBe(DIRS * FILES);
    expect(existsSync(join(to, "PG_VERSION"))).toBe(false);
  });
});
