import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  announceOnce,
  type Claim,
  type DirectoryReloader,
  type DirectoryReloadOptions,
  redisClaim,
  startDirectoryReload,
} from "../src/directory-reload";
import { DirectoryIndex, type DirectoryInput, parseDirectory } from "../src/domain/config/directory";
import { ManualClock } from "../src/domain/kernel/clock";
import { deletePrefix, newRedis, uniquePrefix } from "./jobs/support";
import { BRANCH } from "./support/branch";
import { FakeNotifier } from "./support/fakes";
import { openMemoryStore } from "./support/memory/store";

/**
 * SOP-25: the directory file reloaded without a restart (SIGHUP, the file watched), validated
 * first; a good file's changes announced to the whole department once, a bad file kept out.
 */

const EAST_ADDRESS = "扬州市文昌路 100 号";

/** The shared branch with the east zone handed to liu (a courier change SOP-25 announces). */
function eastToLiu(): DirectoryInput {
  const input = structuredClone(BRANCH);
  const east = input.zones?.find((z) => z.id === "east");
  if (east) east.courier = "liu";
  return input;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function setup(options: { watchFile?: boolean; claim?: Claim } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "directory-reload-"));
  const path = join(dir, "directory.yaml");
  writeFileSync(path, JSON.stringify(BRANCH));
  const directory = new DirectoryIndex(parseDirectory(BRANCH));
  const store = openMemoryStore();
  const notifier = new FakeNotifier();
  const clock = new ManualClock("2026-11-27T02:00:00Z");
  const errors: string[] = [];
  const infos: string[] = [];
  const log = {
    info: (...args: unknown[]) => void infos.push(String(args.at(-1))),
    warn: (...args: unknown[]) => void errors.push(String(args.at(-1))),
    error: (...args: unknown[]) => void errors.push(String(args.at(-1))),
  } as unknown as DirectoryReloadOptions["log"];
  const claimed = new Set<string>();
  const claim: Claim =
    options.claim ??
    (async (key) => {
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    });
  const reloader: DirectoryReloader = startDirectoryReload({
    path,
    directory,
    log,
    debounceMs: 50,
    watchFile: options.watchFile ?? false,
    onChange: announceOnce(claim, { store, notifier, clock }),
  });
  cleanups.push(() => {
    reloader.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  /** Replaces the file as deployments do: write beside it, then rename over it (atomic). */
  const replaceFile = (text: string) => {
    const tmp = join(dir, ".directory.yaml.tmp");
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  };
  return { path, directory, store, notifier, errors, infos, reloader, replaceFile, claim, clock };
}

describe("SOP-25: the directory file reloaded without a restart", () => {
  it("a good file replaces the directory everywhere it is read and is announced, one message per person", async () => {
    const world = setup();
    const east = world.directory.zoneForAddress(EAST_ADDRESS);
    expect(east && world.directory.courierOf(east)?.id).toBe("zhang");

    world.replaceFile(JSON.stringify(eastToLiu()));
    const outcome = await world.reloader.reload("test");

    expect(outcome.status).toBe("reloaded");
    // The same DirectoryIndex object, read at use time, now answers with the new file.
    const eastNow = world.directory.zoneForAddress(EAST_ADDRESS);
    expect(eastNow && world.directory.courierOf(eastNow)?.id).toBe("liu");
    expect(world.directory.data.zones.find((z) => z.id === "east")?.courier).toBe("liu");

    const people = world.directory.data.people.map((p) => p.id);
    expect(world.notifier.sent).toHaveLength(people.length);
    for (const id of people) {
      expect(world.notifier.toPerson(id).map((n) => n.key)).toEqual(["directory.changed"]);
    }
    expect(world.notifier.toPerson("zhang")[0]?.params.lines).toBe(
      "• 片区 城东 的业务员:张伟(105) → 刘洋(106)",
    );
    const audit = await world.store.audit.list({ subject: "directory" });
    expect(audit.map((a) => a.action)).toEqual(["directory.changed"]);
  });

  it("a bad file keeps the old directory and says why in one log line", async () => {
    const world = setup();
    const bad = structuredClone(BRANCH);
    const east = bad.zones?.find((z) => z.id === "east");
    if (east) east.courier = "wang"; // an agent, not a courier
    world.replaceFile(JSON.stringify(bad));

    const outcome = await world.reloader.reload("test");

    expect(outcome).toMatchObject({ status: "invalid" });
    expect(world.directory.data.zones.find((z) => z.id === "east")?.courier).toBe("zhang");
    expect(world.errors).toHaveLength(1);
    expect(world.errors[0]).toContain("old one stays in use");
    expect(world.errors[0]).toContain('zones.0.courier: "wang" is not a courier in people');
    expect(world.errors[0]).not.toContain("\n");
    expect(world.notifier.sent).toHaveLength(0);
    // The watcher seeing the same bad file again does not say it twice.
    await world.reloader.reload("file changed");
    expect(world.errors).toHaveLength(1);
  });

  it("text that is not YAML is refused the same way, and a file read again unchanged does nothing", async () => {
    const world = setup();
    world.replaceFile("people: [unclosed");
    expect((await world.reloader.reload("test")).status).toBe("invalid");
    expect(world.errors[0]).toContain("not valid YAML or JSON");

    world.replaceFile(JSON.stringify(BRANCH));
    expect((await world.reloader.reload("test")).status).toBe("unchanged");
    expect(world.notifier.sent).toHaveLength(0);
  });

  it("SIGHUP reloads the file", async () => {
    const world = setup();
    world.replaceFile(JSON.stringify(eastToLiu()));
    process.emit("SIGHUP", "SIGHUP");
    await vi.waitFor(() => expect(world.directory.data.zones[0]?.courier).toBe("liu"), { timeout: 5000 });
    await vi.waitFor(() => expect(world.notifier.sent).toHaveLength(7));
  });

  it("the watched file, replaced by a rename, is reloaded once its burst of events settles", async () => {
    const world = setup({ watchFile: true });
    world.replaceFile(JSON.stringify(eastToLiu()));
    await vi.waitFor(() => expect(world.directory.data.zones[0]?.courier).toBe("liu"), { timeout: 10_000 });
    await vi.waitFor(() => expect(world.notifier.sent).toHaveLength(7));
    // Edited again in place (no rename): seen too.
    const again = eastToLiu();
    const zhao = again.people?.find((p) => p.id === "zhao");
    if (zhao) zhao.phone = "13900000004";
    writeFileSync(world.path, JSON.stringify(again));
    await vi.waitFor(() => expect(world.directory.person("zhao")?.phone).toBe("13900000004"), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(world.notifier.sent).toHaveLength(14));
  });

  it("two processes reloading the same file announce it once (the one that claims it)", async () => {
    const claimed = new Set<string>();
    const claim: Claim = async (key) => !claimed.has(key) && Boolean(claimed.add(key));
    const web = setup({ claim });
    const worker = setup({ claim });
    web.replaceFile(JSON.stringify(eastToLiu()));
    worker.replaceFile(JSON.stringify(eastToLiu()));

    expect((await web.reloader.reload("test")).status).toBe("reloaded");
    expect((await worker.reloader.reload("test")).status).toBe("reloaded");

    expect(worker.directory.data.zones[0]?.courier).toBe("liu");
    expect(web.notifier.sent.length + worker.notifier.sent.length).toBe(7);
  });

  it("the claim is Redis's: of two processes on one Redis, the first to claim a change announces it", async () => {
    const redis = newRedis();
    const prefix = uniquePrefix("directory-claim");
    cleanups.push(async () => {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    });
    const web = setup({ claim: redisClaim(redis, prefix) });
    const worker = setup({ claim: redisClaim(redis, prefix) });
    for (const p of [web, worker]) p.replaceFile(JSON.stringify(eastToLiu()));

    await Promise.all([web.reloader.reload("test"), worker.reloader.reload("test")]);

    expect(web.notifier.sent.length + worker.notifier.sent.length).toBe(7);
    const keys = await redis.keys(`${prefix}:once:*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0] ?? "");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
  });
});
