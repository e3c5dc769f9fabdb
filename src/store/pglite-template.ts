import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import type { Logger } from "../log";
import { MIGRATION_DDL, migrateToLatest } from "./migrations";
import { createPGliteDialect } from "./pglite-dialect";

/**
 * In-memory PGlite (tests, a quick try-out) would run initdb and every migration on each open:
 * seconds of CPU, many times over in a test run on a small machine. Instead the first open
 * dumps a freshly migrated database as a template (gzip, a few MB) in a private directory under
 * the OS temp dir, keyed by the PGlite build and the migrations' DDL; later opens, in this
 * process or another, load it in a fraction of the time. Any failure falls back to a plain new
 * PGlite. A new persistent store (an empty DATA_DIR) starts as a copy of it when it exists
 * (templateDataDir), but never builds it: without one, it runs initdb in its own directory.
 */

let template: Promise<Blob | undefined> | undefined;

function pgliteBuild(): string {
  try {
    const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
    const pkg = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
      version?: string;
    };
    return `${pkg.version ?? "?"}:${entry}`;
  } catch {
    return "unknown";
  }
}

/** A directory only this user can write, so that nobody else can plant a template. */
async function privateDir(): Promise<string> {
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `parcel-desk-${uid ?? "user"}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await stat(dir);
  if (uid !== undefined && (info.uid !== uid || (info.mode & 0o022) !== 0)) {
    throw new Error(`${dir} is not private to this user`);
  }
  return dir;
}

export async function templatePath(): Promise<string> {
  const key = createHash("sha256")
    .update(pgliteBuild())
    .update(JSON.stringify(MIGRATION_DDL))
    .digest("hex")
    .slice(0, 16);
  return join(await privateDir(), `pglite-template-${key}.tar.gz`);
}

async function buildTemplate(path: string): Promise<Blob> {
  const pglite = new PGlite();
  await pglite.waitReady;
  const db = new Kysely({ dialect: createPGliteDialect(pglite, { ownsInstance: true }) });
  try {
    await migrateToLatest(db, { schema: "public" });
    const dump = await pglite.dumpDataDir("gzip");
    const bytes = Buffer.from(await dump.arrayBuffer());
    // Written aside and renamed: a process reading it never sees half a file.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await writeFile(partial, bytes);
    await rename(partial, path).catch(async (error: unknown) => {
      await rm(partial, { force: true });
      throw error;
    });
    return new Blob([bytes], { type: "application/x-gzip" });
  } finally {
    await db.destroy();
  }
}

async function loadTemplate(log: Logger | undefined): Promise<Blob | undefined> {
  try {
    const path = await templatePath();
    try {
      return new Blob([await readFile(path)], { type: "application/x-gzip" });
    } catch {
      return await buildTemplate(path);
    }
  } catch (error) {
    log?.debug({ err: error }, "no PGlite template; in-memory stores start from initdb");
    return undefined;
  }
}

/** The migrated template as a gzip tarball (PGlite's loadDataDir), or undefined when none can be had. */
export function pgliteTemplate(log?: Logger): Promise<Blob | undefined> {
  template ??= loadTemplate(log);
  return template;
}

/**
 * The template if this machine has one already (never builds it): a new persistent data dir
 * starts from it. It is trusted as the user's own files are: it lives in a directory only this
 * user can write (privateDir), under a name keyed by the PGlite build and the migrations.
 */
export async function existingTemplate(log?: Logger): Promise<Blob | undefined> {
  if (template) return template;
  try {
    return new Blob([await readFile(await templatePath())], { type: "application/x-gzip" });
  } catch (error) {
    log?.debug({ err: error }, "no PGlite template on this machine: a new data dir runs initdb");
    return undefined;
  }
}

/**
 * The template unpacked into a data directory (next to the tarball), made once per machine from
 * existingTemplate(): a new persistent data dir is a copy of it, which takes a fraction of
 * loading the tarball (issue 15, start-up). Undefined when there is no template.
 */
export async function templateDataDir(log?: Logger): Promise<string | undefined> {
  const dir = (await templatePath().catch(() => "")).replace(/\.tar\.gz$/, ".datadir");
  if (dir && existsSync(join(dir, "PG_VERSION"))) return dir; // unpacked before: the tarball unread
  const blob = await existingTemplate(log);
  if (!blob) return undefined;
  // Unpacked aside and renamed: a process copying it never sees half a directory.
  const partial = `${dir}.${process.pid}.${randomBytes(4).toString("hex")}`;
  try {
    const pglite = new PGlite(partial, { loadDataDir: blob });
    await pglite.waitReady;
    await pglite.close();
    await rename(partial, dir).catch(() => undefined);
    return existsSync(join(dir, "PG_VERSION")) ? dir : undefined;
  } catch (error) {
    log?.debug({ err: error }, "the PGlite template could not be unpacked");
    return undefined;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** A new in-memory PGlite, from the migrated template when there is one. */
export async function memoryPGlite(log?: Logger): Promise<PGlite> {
  const blob = await pgliteTemplate(log);
  if (blob) {
    try {
      const pglite = new PGlite({ loadDataDir: blob });
      await pglite.waitReady;
      return pglite;
    } catch (error) {
      log?.debug({ err: error }, "PGlite template did not load; starting from initdb");
      template = undefined;
      await rm(await templatePath(), { force: true }).catch(() => undefined);
    }
  }
  const pglite = new PGlite();
  await pglite.waitReady;
  return pglite;
}

/**
 * Copies the unpacked template into a new data directory. The files are copied by the thread
 * pool (copy_file_range where the OS has it), all at once, so that the main thread goes on
 * loading the service meanwhile (issue 15: cpSync took about 0.3 s of the main thread for the
 * thousand files). PG_VERSION, which marks a data directory as made, is copied last: a copy cut
 * short is made again at the next start.
 */
export async function copyTemplate(template: string, dir: string): Promise<void> {
  await copyTree(template, dir, (name) => name !== "PG_VERSION");
  await copyFile(join(template, "PG_VERSION"), join(dir, "PG_VERSION"));
}

/**
 * Settles every copy before it fails: a copy still running after the failure would write into the
 * directory the caller empties for initdb (its mkdir even making the directory again).
 */
async function copyTree(from: string, to: string, take: (name: string) => boolean = () => true) {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  const copies = await Promise.allSettled(
    entries
      .filter((entry) => take(entry.name))
      .map((entry) =>
        entry.isDirectory()
          ? copyTree(join(from, entry.name), join(to, entry.name))
          : copyFile(join(from, entry.name), join(to, entry.name)),
      ),
  );
  const failed = copies.find((copy): copy is PromiseRejectedResult => copy.status === "rejected");
  if (failed) throw failed.reason;
}
