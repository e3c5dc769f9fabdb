import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cachedBuild } from "../scripts/build-cache.mjs";
import { StartupError, startApp } from "../src/app";
import { loadConfig } from "../src/config";
import { parseDirectory } from "../src/domain/config/directory";
import { defaultPolicy } from "../src/domain/config/policy";
import { silentLogger } from "../src/log";
import { BRANCH } from "./support/branch";

/** `npm start` on a port another process holds: said at once, before anything starts. */
const dataDir = mkdtempSync(join(tmpdir(), "parcel-desk-port-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("start-up", () => {
  it("a taken HTTP port stops the start before the database, Redis or the job workers start", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const config = loadConfig({ HTTP_PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "silent" });
      const started = startApp({
        config,
        policy: defaultPolicy(),
        directory: parseDirectory(BRANCH),
        log: silentLogger,
      });
      await expect(started).rejects.toBeInstanceOf(StartupError);
      await expect(started).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      // Nothing was opened: no embedded database was created under DATA_DIR.
      expect(existsSync(join(dataDir, "pglite"))).toBe(false);
    } finally {
      holder.close();
    }
  });
});

/**
 * `npm start` runs src from a build kept in node_modules/.cache (scripts/build-cache.mjs, issue 15):
 * it must never run code older than the sources.
 */
describe("the start-up build cache", () => {
  const root = mkdtempSync(join(tmpdir(), "parcel-desk-build-"));
  const cacheDir = join(root, "cache");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const run = async () => {
    const built = await cachedBuild(root, "src/entry.ts", cacheDir);
    if (!built) throw new Error("no build");
    const { seen } = (await import(pathToFileURL(built).href)) as { seen: unknown };
    return { built, seen };
  };

  it("is reused while the sources are the same and rebuilt when one changes", async () => {
    write("src/lib.ts", "export const value: number = 1;\n");
    write(
      "src/entry.ts",
      'import { value } from "./lib";\nexport const seen = { value, dir: import.meta.dirname };\n',
    );
    const first = await run();
    // import.meta names the source file's folder (the web pages are found beside it, not in the cache).
    expect(first.seen).toEqual({ value: 1, dir: join(root, "src") });
    expect((await run()).built).toBe(first.built);

    write("src/lib.ts", "export const value: number = 2;\n");
    const second = await run();
    expect(second.built).not.toBe(first.built);
    expect(second.seen).toEqual({ value: 2, dir: join(root, "src") });
  });

  it("is rebuilt when a new file changes what an import resolves to", async () => {
    write("src/util/index.ts", 'export const which = "folder";\n');
    write("src/entry.ts", 'import { which } from "./util";\nexport const seen = which;\n');
    expect((await run()).seen).toBe("folder");
    write("src/util.ts", 'export const which = "file";\n');
    expect((await run()).seen).toBe("file");
  });

  it("is not made from sources that do not compile (tsx then runs them and says why)", async () => {
    write("src/entry.ts", "export const seen = ;\n");
    expect(await cachedBuild(root, "src/entry.ts", cacheDir)).toBeUndefined();
  });
});
