import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
