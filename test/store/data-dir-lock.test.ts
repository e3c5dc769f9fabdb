import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store";
import { DataDirBusyError, LOCK_FILE, lockDataDir } from "../../src/store/data-dir-lock";

/**
 * One process at a time on an embedded database (store/data-dir-lock.ts): PGlite takes no lock
 * of its own, so `npm run import` beside a live `npm start` would corrupt its files.
 */

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "parcel-desk-lock-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database's lock", () => {
  it("is held while open, shared within the process, and gone when the last holder lets go", () => {
    const dir = freshDir();
    const first = lockDataDir(dir);
    const second = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
    first();
    first(); // releasing twice is once
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    second();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("refuses while another live process holds it, naming that process", async () => {
    const dir = freshDir();
    const holder = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      writeFileSync(join(dir, LOCK_FILE), `${holder.pid}\n`);
      expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
      expect(() => lockDataDir(dir)).toThrow(`in use by process ${holder.pid}`);
    } finally {
      holder.kill();
    }
  });

  it("a first start waits for nothing and fills nothing while another process holds the new data dir", async () => {
    const dir = freshDir();
    const holder = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      writeFileSync(join(dir, LOCK_FILE), `${holder.pid}\n`);
      await expect(openStore({ dataDir: dir })).rejects.toThrow(DataDirBusyError);
      // The lock is taken before the template is copied in: the holder's first start is left alone.
      expect(existsSync(join(dir, "pglite", "PG_VERSION"))).toBe(false);
    } finally {
      holder.kill();
    }
  });

  it("takes over a lock whose process is gone (a crash, a kill -9)", () => {
    const dir = freshDir();
    const gone = spawnSync("true").pid;
    writeFileSync(join(dir, LOCK_FILE), `${gone}\n`);
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
    release();
  });
});
