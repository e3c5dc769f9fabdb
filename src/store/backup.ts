import { mkdir, readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Store } from "../domain/ports";
import { lockDataDir } from "./data-dir-lock";

/**
 * Backups of the embedded database (issue 16 §5). PGlite belongs to one process (data-dir-lock.ts),
 * so a backup while the service runs goes through the service (GET /admin/backup streams what
 * backupEmbedded returns); with no service running, `npm run backup` opens the directory itself.
 * The dump is PGlite's dumpDataDir(): a gzip'ed tar of the data directory, taken while the store's
 * one connection is held (store.transaction), so between two transactions: every committed change
 * is in it, nothing half-done. A restore loads it into a new, empty DATA_DIR.
 */

const open = new Map<string, PGlite>();

/** store/index.ts tells which PGlite serves a DATA_DIR in this process. */
export function rememberEmbedded(dataDir: string, pglite: PGlite): void {
  open.set(resolve(dataDir), pglite);
}

export class BackupError extends Error {
  override name = "BackupError";
}

/** The dump of the embedded database `store` keeps under `dataDir` (open in this process). */
export async function backupEmbedded(store: Store, dataDir: string): Promise<Blob> {
  const pglite = open.get(resolve(dataDir));
  if (!pglite || pglite.closed) throw new BackupError(`no embedded database under ${dataDir} is open here`);
  // The store's one connection, held for the dump: no transaction of the service runs meanwhile.
  return store.transaction(async () => {
    await pglite.exec("checkpoint");
    return pglite.dumpDataDir("gzip");
  });
}

/** A backup's file name: `parcel-desk-2026-11-29T11-05-53Z.tar.gz` (UTC). */
export function backupFileName(at: Date): string {
  return `parcel-desk-${at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replaceAll(":", "-")}.tar.gz`;
}

async function isEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/**
 * Restores `file` (a backup) as the embedded database of `dataDir`, which must be empty or missing:
 * a restore never overwrites data. The database is opened once to check that it starts.
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (!(await isEmpty(dataDir))) {
    throw new BackupError(`DATA_DIR ${dataDir} is not empty: restore into a new, empty folder`);
  }
  const data = await readFile(file).catch((error: unknown) => {
    throw new BackupError(`cannot read ${file}: ${(error as Error).message}`);
  });
  await mkdir(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const pglite = new PGlite(join(dataDir, "pglite"), {
      loadDataDir: new Blob([new Uint8Array(data)], { type: "application/x-gzip" }),
    });
    try {
      await pglite.waitReady;
      await pglite.query("select 1");
    } finally {
      await pglite.close();
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `${file} could not be restored (is it a parcel-desk backup?): ${(error as Error).message}`,
    );
  } finally {
    unlock();
  }
}
