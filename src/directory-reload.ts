import { createHash } from "node:crypto";
import { type FSWatcher, readFileSync, watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { Redis } from "ioredis";
import { DataFileError, parseDataText } from "./data-file-reader";
import { type Directory, type DirectoryIndex, directorySchema } from "./domain/config/directory";
import { announceDirectoryChanges, type DirectoryAnnounceDeps } from "./domain/config/directory-changes";
import type { Logger } from "./log";

/**
 * SOP-25: the directory file (DIRECTORY_FILE) is read again without a restart, on SIGHUP and when
 * the file changes (watched through its folder, so an editor's or a deployment's atomic
 * rename-replace is seen too; several events in a burst are one reload). The new file is validated
 * first: a bad one keeps the directory in use and says why in one log line. A good one replaces
 * the shared DirectoryIndex in place (every reader sees it at once) and is handed to `onChange`,
 * which announces the changes (app.ts: one process of the deployment, the one that claims it).
 */
type ReloadOutcome =
  | { status: "reloaded"; version: string }
  | { status: "unchanged" }
  | { status: "invalid"; reason: string }
  | { status: "off" };

export interface DirectoryReloadOptions {
  /** DIRECTORY_FILE; undefined: no file, nothing to reload. */
  path: string | undefined;
  directory: DirectoryIndex;
  log: Pick<Logger, "info" | "warn" | "error">;
  /** After a good reload: the directory before and after. */
  onChange?: (change: DirectoryReload) => Promise<void>;
  /** How long the watcher waits for a burst of events to end (default 300 ms). */
  debounceMs?: number;
  /** Reload on SIGHUP (default true). */
  sighup?: boolean;
  /** Watch the file (default true). */
  watchFile?: boolean;
}

interface DirectoryReload {
  before: Directory;
  after: Directory;
  /** The new file's hash, and the one it replaced (undefined: unknown, e.g. unreadable at start). */
  version: string;
  from: string | undefined;
}

export interface DirectoryReloader {
  /** Reads and validates the file, and swaps it in when it is good and new. */
  reload(trigger: string): Promise<ReloadOutcome>;
  stop(): void;
}

const LABEL = "DIRECTORY_FILE";

function fileVersion(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

export function startDirectoryReload(options: DirectoryReloadOptions): DirectoryReloader {
  const { path, directory, log } = options;
  let version = path ? currentVersion(path) : undefined;
  let rejected: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function reloadNow(trigger: string): Promise<ReloadOutcome> {
    if (!path) {
      log.info({ trigger }, "directory reload: no DIRECTORY_FILE is set, nothing to reload");
      return { status: "off" };
    }
    let text = "";
    let next: Directory;
    try {
      text = readText(path);
      if (fileVersion(text) === version) {
        if (trigger === "SIGHUP") log.info({ version }, "directory reload: the file has not changed");
        return { status: "unchanged" };
      }
      next = parseDataText(text, directorySchema, `${LABEL} ${path}`);
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      // The same bad file seen again by the watcher is not logged twice; SIGHUP always says it.
      const seen = fileVersion(text);
      if (seen !== rejected || trigger === "SIGHUP") {
        log.error(`directory not reloaded (${trigger}), the old one stays in use: ${error.message}`);
      }
      rejected = seen;
      return { status: "invalid", reason: error.message };
    }
    const before = directory.data;
    const from = version;
    version = fileVersion(text);
    directory.replace(next);
    log.info(
      { trigger, version, people: next.people.length, zones: next.zones.length },
      "directory reloaded",
    );
    if (options.onChange) {
      await options.onChange({ before, after: next, version, from }).catch((error: unknown) => {
        log.warn({ err: error, version }, "directory reloaded, but its changes could not be announced");
      });
    }
    return { status: "reloaded", version };
  }

  /** One reload at a time, in the order asked. */
  function reload(trigger: string): Promise<ReloadOutcome> {
    const run = queue.then(() => reloadNow(trigger));
    queue = run.catch(() => undefined);
    return run;
  }

  const stops: (() => void)[] = [];
  // Without a file, SIGHUP is still caught (its default would end the process) and says so.
  if (options.sighup !== false) {
    const onHup = () =>
      void reload("SIGHUP").catch((error: unknown) => log.error({ err: error }, "reload failed"));
    process.on("SIGHUP", onHup);
    stops.push(() => process.off("SIGHUP", onHup));
  }
  if (path && options.watchFile !== false) {
    stops.push(watchFileFor(path, options.debounceMs ?? 300, log, reload));
  }
  return {
    reload,
    stop() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw new DataFileError(`${LABEL} ${path}: cannot be read (${code})`);
  }
}

function currentVersion(path: string): string | undefined {
  try {
    return fileVersion(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Watches the file's folder (a watch on the file itself ends when the file is replaced by a
 * rename) and reloads once a burst of events for the file's name has settled.
 */
function watchFileFor(
  path: string,
  debounceMs: number,
  log: DirectoryReloadOptions["log"],
  reload: (trigger: string) => Promise<ReloadOutcome>,
): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        reload("file changed").catch((error: unknown) => log.error({ err: error }, "reload failed"));
      }, debounceMs);
    });
  } catch (error) {
    log.warn({ err: error, path }, "cannot watch the directory file: reload it with SIGHUP");
    return () => undefined;
  }
  watcher.on("error", (error) => log.warn({ err: error, path }, "directory file watch failed"));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

/** Whether this process is the one to act on `key` (a Redis SET NX: the first of the deployment). */
export type Claim = (key: string) => Promise<boolean>;

/** A claim in Redis, kept ten minutes: every process of the deployment reloads within that. */
export function redisClaim(redis: Redis, prefix = "pd"): Claim {
  return async (key) => (await redis.set(`${prefix}:once:${key}`, "1", "PX", 10 * 60_000, "NX")) === "OK";
}

/**
 * SOP-25: every process reloads the file, one announces it: the one that claims the change (from
 * the old file's hash to the new one's). Its notices carry the new hash as their dedupe key too.
 */
export function announceOnce(
  claim: Claim,
  deps: DirectoryAnnounceDeps,
): (change: DirectoryReload) => Promise<void> {
  return async ({ before, after, version, from }) => {
    if (!(await claim(`directory-${from ?? "start"}-${version}`))) return;
    await announceDirectoryChanges(deps, before, after, version);
  };
}

/** What app.ts and worker.ts start: the reload, announced once per deployment (SOP-25). */
export function reloadAndAnnounce(options: {
  path: string | undefined;
  directory: DirectoryIndex;
  log: Logger;
  redis: Redis;
  announce: DirectoryAnnounceDeps;
}): DirectoryReloader {
  const { path, directory, log, redis, announce } = options;
  return startDirectoryReload({ path, directory, log, onChange: announceOnce(redisClaim(redis), announce) });
}
