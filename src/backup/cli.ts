import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { loadConfig } from "../config";
import { BACKUP_PATH } from "../server/routes/admin-backup";
import { openStore } from "../store";
import { BackupError, backupEmbedded, backupFileName, restoreEmbedded } from "../store/backup";
import { DataDirBusyError, lockDataDir } from "../store/data-dir-lock";

/**
 * `npm run backup [-- PATH]` and `npm run restore -- FILE` (issue 16 §5), for the embedded
 * database under DATA_DIR. A backup while `npm start` runs is taken by the service (it holds
 * DATA_DIR) through GET /admin/backup with ADMIN_TOKEN; with no service running the directory is
 * opened here. PATH is a file, or a folder for a timestamped file (default: ./backups). A restore
 * goes into an empty DATA_DIR only. With DATABASE_URL set, both say to use pg_dump / pg_restore.
 */
type Outcome = { ok: true; line: string } | { ok: false; line: string };
type Env = NodeJS.ProcessEnv;

/** What the command reads and writes: the process's own, or a test's (which runs it in-process). */
export interface BackupIo {
  env: Env;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

async function target(arg: string | undefined, at: Date): Promise<string> {
  const path = resolve(arg ?? "backups");
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => arg === undefined || arg.endsWith("/"),
  );
  return isDir ? join(path, backupFileName(at)) : path;
}

/** Writes the dump next to its final name first, so a cut-off backup never looks complete. */
async function write(file: string, body: Readable): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    await pipeline(body, createWriteStream(partial, { flags: "wx" }));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return (await stat(file)).size;
}

async function backup(arg: string | undefined, env: Env): Promise<Outcome> {
  const config = loadConfig(env);
  if (config.DATABASE_URL) {
    return { ok: false, line: "backup: DATABASE_URL is set: back the database up with pg_dump (see README)" };
  }
  if (!existsSync(join(config.DATA_DIR, "pglite", "PG_VERSION"))) {
    return { ok: false, line: `backup: no embedded database under ${config.DATA_DIR} (DATA_DIR)` };
  }
  const file = await target(arg, new Date());
  let unlock: (() => void) | undefined;
  try {
    unlock = lockDataDir(config.DATA_DIR);
  } catch (error) {
    if (!(error instanceof DataDirBusyError)) throw error;
    return viaService(config, file, error.message);
  }
  try {
    const store = await openStore({ dataDir: config.DATA_DIR });
    try {
      const dump = await backupEmbedded(store, config.DATA_DIR);
      const bytes = await write(file, Readable.from(Buffer.from(await dump.arrayBuffer())));
      return { ok: true, line: `backup: ${file} (${bytes} bytes)` };
    } finally {
      await store.close();
    }
  } finally {
    unlock();
  }
}

async function viaService(
  config: ReturnType<typeof loadConfig>,
  file: string,
  busy: string,
): Promise<Outcome> {
  if (!config.ADMIN_TOKEN) {
    return {
      ok: false,
      line: `backup: ${busy}; set ADMIN_TOKEN (the service's) so the backup goes through it, or stop the service`,
    };
  }
  const host = config.HTTP_HOST.includes(":") ? `[${config.HTTP_HOST}]` : config.HTTP_HOST;
  const url = `http://${host}:${config.HTTP_PORT}${BACKUP_PATH}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${config.ADMIN_TOKEN}` } }).catch(
    (error: unknown) => {
      throw new BackupError(
        `the service holds DATA_DIR but ${url} does not answer: ${(error as Error).message}`,
      );
    },
  );
  if (!response.ok || !response.body) {
    return { ok: false, line: `backup: ${url} answered ${response.status}: ${await response.text()}` };
  }
  const bytes = await write(file, Readable.fromWeb(response.body as WebReadableStream));
  return { ok: true, line: `backup: ${file} (${bytes} bytes, taken by the running service)` };
}

async function restore(file: string | undefined, env: Env): Promise<Outcome> {
  const config = loadConfig(env);
  if (config.DATABASE_URL) {
    return {
      ok: false,
      line: "restore: DATABASE_URL is set: restore the database with pg_restore (see README)",
    };
  }
  if (!file) return { ok: false, line: "usage: npm run restore -- FILE" };
  await restoreEmbedded(file, config.DATA_DIR);
  return {
    ok: true,
    line: `restore: ${file} restored into ${config.DATA_DIR}; start the service with npm start`,
  };
}

/**
 * The command: `args` are `backup [PATH]` or `restore FILE`; resolves to the exit code (0 done,
 * 1 refused, 2 failed), having written its one line to `io`. Tests run it in-process.
 */
export async function backupCommand(args: string[], io: BackupIo = process): Promise<number> {
  const [command, arg] = args;
  try {
    const outcome = command === "restore" ? await restore(arg, io.env) : await backup(arg, io.env);
    (outcome.ok ? io.stdout : io.stderr).write(`${outcome.line}\n`);
    return outcome.ok ? 0 : 1;
  } catch (error: unknown) {
    const known = error instanceof BackupError || error instanceof DataDirBusyError;
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`${known ? `${command ?? "backup"}: ${(error as Error).message}` : text}\n`);
    return 2;
  }
}

// Run as the entry (`node scripts/start.mjs src/backup/cli.ts <backup|restore> [PATH]`), not when a
// test imports it.
const self = process.argv.slice(1, 3).findIndex((a) => /backup[/\\]cli\.ts$/.test(a));
if (self !== -1) {
  backupCommand(process.argv.slice(self + 2)).then((code) => {
    process.exitCode = code;
  });
}
