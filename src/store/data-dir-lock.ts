import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/**
 * One process at a time on an embedded database. PGlite is Postgres in single-user mode inside
 * the process: it takes no lock on its files, and a second process opening the same directory
 * (`npm run import` beside a running `npm start`) would write the same pages with no coordination
 * and corrupt them. So whoever opens DATA_DIR/pglite holds DATA_DIR/pglite.lock, a file holding
 * its process id, created exclusively. A lock whose process is gone (a crash, a kill -9) is stale
 * and taken over. Within one process the lock is shared (counted).
 */

export class DataDirBusyError extends Error {
  override name = "DataDirBusyError";
}

export const LOCK_FILE = "pglite.lock";

const held = new Map<string, number>();
let releaseOnExit = false;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the lock with its content in one step (a hard link fails if the lock exists). */
function tryCreate(path: string): boolean {
  const draft = `${path}.${process.pid}`;
  writeFileSync(draft, `${process.pid}\n`);
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function release(path: string): void {
  const count = (held.get(path) ?? 0) - 1;
  if (count > 0) {
    held.set(path, count);
    return;
  }
  held.delete(path);
  if (ownerOf(path) === process.pid) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Takes the lock of the embedded database under `dataDir`; returns its release (idempotent). */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const count = held.get(path);
  if (count === undefined) {
    acquire(path, dataDir);
    if (!releaseOnExit) {
      releaseOnExit = true;
      process.once("exit", () => {
        for (const lock of held.keys()) {
          held.set(lock, 1);
          release(lock);
        }
      });
    }
  }
  held.set(path, (count ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    release(path);
  };
}

function acquire(path: string, dataDir: string): void {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(path)) return;
    const owner = ownerOf(path);
    if (owner !== undefined && owner !== process.pid && processAlive(owner)) {
      throw new DataDirBusyError(
        `the embedded database under ${dataDir} is in use by process ${owner} (npm start?): stop it first, ` +
          `or set DATABASE_URL to share a PostgreSQL (if no such process runs, delete ${path})`,
      );
    }
    // Stale: its process is gone.
    try {
      unlinkSync(path);
    } catch {
      // Someone else took it over first: try again.
    }
  }
  throw new DataDirBusyError(`cannot take the lock ${path}: another process keeps taking it`);
}

/**
 * Opens the embedded database under `dataDir` holding its lock, released when it closes (or fails
 * to open). Throws DataDirBusyError while another live process holds it.
 */
export async function openLocked(dataDir: string, open: () => PGlite): Promise<PGlite> {
  const unlock = lockDataDir(dataDir);
  try {
    const pglite = open();
    await pglite.waitReady;
    const close = pglite.close.bind(pglite);
    pglite.close = async () => {
      try {
        await close();
      } finally {
        unlock();
      }
    };
    return pglite;
  } catch (error) {
    unlock();
    throw error;
  }
}
