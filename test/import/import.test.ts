import { spawn } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy } from "../../src/domain/config/policy";
import { ManualClock } from "../../src/domain/kernel/clock";
import { type ImportIo, importCommand } from "../../src/import/cli";
import { progressReporter } from "../../src/import/progress";
import { type ImportProgress, importScanCsv, ScanFileError } from "../../src/import/scan-csv";
import { openDatabase } from "../../src/store";
import { LOCK_FILE } from "../../src/store/data-dir-lock";
import { uniquePrefix } from "../jobs/support";
import { FakeScheduler } from "../support/fake-scheduler";
import { openTestStore, seedPGliteDataDir, type TestStore } from "../support/store-backends";

/**
 * `npm run import -- FILE.csv` (issue 11 §3): the ingest API's validation and idempotence, line by
 * line and in batches, on a streamed file. The 100 000-line file goes through the real command
 * (`npm run import`, a process of its own) into PGlite under a temporary DATA_DIR, as an operator
 * runs it; the command's other outcomes run its same function in-process (importCommand: no
 * second process to load), and the rules about lines run the import function on PGlite.
 */

const ROOT = resolve(import.meta.dirname, "..", "..");
const HEADER = "trackingNo,at,kind,location,note,originBranch";
const KINDS = ["collected", "departed", "arrived", "out_for_delivery", "problem"];
let dir: string;
let ts: TestStore;
const scheduler = new FakeScheduler();
const policy = defaultPolicy();
const deps = () => ({ store: ts.store, scheduler, policy, clock: new ManualClock("2026-11-27T02:00:00Z") });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parcel-desk-import-"));
  ts = await openTestStore("pglite", "import");
});

afterAll(async () => {
  await ts?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run import` as an operator would (no TTY: plain progress lines); `onStderr` sees its
 * stderr as it comes, with the child's pid.
 */
function runImport(
  file: string,
  dataDir: string,
  onStderr: (text: string, pid: number) => void = () => {},
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["scripts/start.mjs", "src/import/cli.ts", file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      onStderr(stderr, child.pid ?? 0);
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** The same command in this process (importCommand), its output collected. */
async function importHere(args: string[], dataDir: string): Promise<Run> {
  const run = { code: null as number | null, stdout: "", stderr: "" };
  const io: ImportIo = {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "" },
    stdout: { write: (text: string) => (run.stdout += text) },
    stderr: { write: (text: string) => (run.stderr += text) },
    queuePrefix: uniquePrefix("import-cli"),
  };
  run.code = await importCommand(args, io);
  return run;
}

async function seededDataDir(name: string): Promise<string> {
  const dataDir = join(dir, name);
  mkdirSync(join(dataDir, "pglite"), { recursive: true });
  await seedPGliteDataDir(dataDir);
  return dataDir;
}

const csv = (...lines: string[]) => Readable.from([`${[HEADER, ...lines].join("\n")}\n`]);
const trackingNo = (n: number) => `ZT${String(n).padStart(12, "0")}`;

async function scansOf(trackingNos: string[]): Promise<number> {
  const list = trackingNos.map((t) => `'${t}'`).join(",");
  const rows = await ts.exec(`select count(*)::int as n from scans where tracking_no in (${list})`);
  return Number(rows[0]?.n);
}

describe("npm run import: a whole file", () => {
  it("imports a 100 000-line file in one run, showing its progress", { timeout: 240_000 }, async () => {
    const file = join(dir, "scans-100k.csv");
    const out = createWriteStream(file);
    out.write(`${HEADER}\n`);
    const start = Date.parse("2026-11-01T00:00:00Z");
    for (let i = 0; i < 100_000; i += 1) {
      const at = new Date(start + i * 1000).toISOString().replace("Z", "+00:00");
      out.write(`${trackingNo(i % 20_000)},${at},${KINDS[i % 5]},网点 ${i % 17},,\n`);
    }
    out.end();
    await finished(out);
    const dataDir = await seededDataDir("data");

    // While the command holds the embedded database, a second import refuses to run, naming it:
    // tried (in this process) once the command's first progress line shows it importing.
    const during: { refused?: Promise<Run>; holder?: number; lock?: string } = {};
    const run = await runImport(file, dataDir, (stderr, pid) => {
      if (during.refused || !stderr.includes("导入中 importing:")) return;
      during.holder = pid;
      during.lock = readFileSync(join(dataDir, LOCK_FILE), "utf8").trim();
      during.refused = importHere([file], dataDir);
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(during.lock).toBe(String(during.holder));
    const refused = await during.refused;
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain(`in use by process ${during.holder}`);
    expect(refused?.stdout).toBe("");
    expect(run.stdout).toMatch(/lines read:\s+100000/);
    expect(run.stdout).toMatch(/stored:\s+100000/);
    const progress = run.stderr.split("\n").filter((l) => l.startsWith("导入中 importing:"));
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress[0]).toContain("10000 行 lines");
    expect(progress.at(-1)).toContain("100000 行 lines");
    expect(progress.filter((l) => l.includes("100000 行 lines"))).toHaveLength(1);

    // Stored for good, once: the refused import stored nothing.
    const db = await openDatabase({ dataDir });
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from scans`.execute(db);
      expect(rows[0]?.n).toBe(100_000);
    } finally {
      await db.destroy();
    }
  });

  it("refuses a file whose header names unknown columns or misses one, storing nothing", async () => {
    await expect(importScanCsv(Readable.from(["trackingNo,at,kind,place\n"]), deps())).rejects.toThrow(
      /line 1: unknown column "place"/,
    );
    await expect(importScanCsv(Readable.from(["trackingNo,at,kind\nZT1,x,y\n"]), deps())).rejects.toThrow(
      /missing column location/,
    );
    await expect(importScanCsv(Readable.from([""]), deps())).rejects.toThrow(ScanFileError);
  });

  it("exits 2 with its usage line when it is not given exactly one file, or the file is not there", async () => {
    const none = await importHere([], join(dir, "unused"));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^import: usage: npm run import -- FILE\.csv/);
    const two = await importHere(["a.csv", "b.csv"], join(dir, "unused"));
    expect(two.stderr).toMatch(/^import: usage:/);
    const missing = await importHere([join(dir, "missing.csv")], join(dir, "unused"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`import: ${join(dir, "missing.csv")}: no such file\n`);
  });
});

describe("npm run import: a file that breaks off", () => {
  it("stops at a line over 64 KiB, naming the line it starts on and the scans stored before it, and reads nothing after it", async () => {
    const before = Array.from({ length: 3 }, (_, i) => trackingNo(700_001 + i));
    const after = trackingNo(700_101);
    const lines = before.map((t) => `${t},2026-11-27T09:00:00+08:00,arrived,扬州转运中心,,`);
    // The long line comes once the first batch is committed, as in a file far longer than a batch.
    async function* file() {
      yield `${[HEADER, ...lines].join("\n")}\n`;
      await expect.poll(() => scansOf(before), { timeout: 20_000 }).toBe(2);
      yield `${trackingNo(700_050)},2026-11-27T09:00:00+08:00,arrived,扬州转运中心,"${"长".repeat(30_000)}",\n`;
      yield `${after},2026-11-27T09:00:00+08:00,arrived,扬州转运中心,,\n`;
    }
    const stopped = importScanCsv(Readable.from(file()), deps(), { batchSize: 2 });
    await expect(stopped).rejects.toThrow(ScanFileError);
    await expect(stopped).rejects.toThrow(
      /^第 5 行 line 5: 这条记录超过 64 KiB.*the 3 scans before it are stored/,
    );
    expect(await scansOf(before)).toBe(3); // every line before the long one
    expect(await scansOf([after])).toBe(0);
  });

  it("stops at an unclosed quote, naming the line the quote opens on, after storing every line before it", async () => {
    const good = [trackingNo(710_001), trackingNo(710_002)];
    const swallowed = [trackingNo(710_003), trackingNo(710_004)];
    const ok = (t: string) => `${t},2026-11-27T09:00:00+08:00,arrived,扬州转运中心,,`;
    const stopped = importScanCsv(
      csv(
        ok(good[0] as string),
        "",
        ok(good[1] as string),
        `${trackingNo(710_050)},2026-11-27T09:00:00+08:00,arrived,"扬州,,`,
        ok(swallowed[0] as string),
        ok(swallowed[1] as string),
      ),
      deps(),
    );
    const error = await stopped.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScanFileError);
    const message = (error as ScanFileError).message;
    expect(message).toMatch(/^第 5 行 line 5: 引号没有闭合/);
    expect(message).toContain("the 2 scans before it are stored");
    expect(message).not.toContain("Quote Not Closed"); // csv-parse's own words are not the operator's
    expect((error as ScanFileError).summary).toMatchObject({ lines: 2, stored: 2, rejected: 0 });
    expect(await scansOf(good)).toBe(2);
    expect(await scansOf(swallowed)).toBe(0);
  });

  it("names a stray quote inside a field, with nothing stored when it is the first line", async () => {
    const stopped = importScanCsv(
      csv(`${trackingNo(720_001)},2026-11-27T09:00:00+08:00,arrived,扬州"转运"中心,,`),
      deps(),
    );
    await expect(stopped).rejects.toThrow(/^第 2 行 line 2: 没加引号的字段中间有引号.*nothing was stored$/);
    expect(await scansOf([trackingNo(720_001)])).toBe(0);
  });

  it("exits 2 from the command at an unclosed quote, printing what was stored before it", async () => {
    const file = join(dir, "unclosed.csv");
    const ok = (n: number) => `${trackingNo(n)},2026-11-27T09:00:00+08:00,arrived,扬州转运中心,,`;
    writeFileSync(
      file,
      `${[HEADER, ok(730_001), `${trackingNo(730_002)},2026-11-27T09:00:00+08:00,arrived,"扬州,,`, ok(730_003), ok(730_004)].join("\n")}\n`,
    );
    const run = await importHere([file], await seededDataDir("data-unclosed"));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("导入中止 Import stopped");
    expect(run.stdout).toMatch(/lines read:\s+1\n/);
    expect(run.stdout).toMatch(/stored:\s+1\n/);
    expect(run.stderr).toContain("import: 第 3 行 line 3: 引号没有闭合");
    expect(run.stderr).toContain("the 1 scans before it are stored");
  });
});

describe("npm run import: line by line, as POST /api/scans", () => {
  it("reports bad lines by their number and reason, and stores nothing of them", async () => {
    const good = [trackingNo(900_001), trackingNo(900_002)];
    const bad = [trackingNo(900_101), trackingNo(900_102), trackingNo(900_103)];
    const summary = await importScanCsv(
      csv(
        `${good[0]},2026-11-27T09:00:00+08:00,arrived,扬州转运中心,,`,
        `${bad[0]},yesterday,arrived,扬州转运中心,,`,
        `${bad[1]},2026-11-27T09:00:00+08:00,teleported,扬州转运中心,,`,
        "NOT-A-NUMBER,2026-11-27T09:00:00+08:00,arrived,扬州转运中心,,",
        `${bad[2]},2026-11-27T09:00:00+08:00,arrived,,,`,
        `${good[1]},2026-11-27T09:30:00+08:00,departed,扬州转运中心,"带逗号, 的备注",苏州分公司`,
        `${good[1]},2026-11-27T10:00:00+08:00,arrived`,
      ),
      deps(),
    );
    expect(summary).toMatchObject({ lines: 7, stored: 2, duplicates: 0, rejected: 5 });
    expect(summary.rejectedLines.map((r) => r.line)).toEqual([3, 4, 5, 6, 8]);
    expect(summary.rejectedLines[0]?.reasons[0]).toMatch(/^at: must be an ISO-8601 date-time/);
    expect(summary.rejectedLines[1]?.reasons[0]).toMatch(/^kind: /);
    expect(summary.rejectedLines[2]?.reasons[0]).toBe("trackingNo: is not a tracking number of the network");
    expect(summary.rejectedLines[3]?.reasons[0]).toBe("location: must not be empty");
    expect(summary.rejectedLines[4]?.reasons[0]).toBe("has 3 fields; the header names 6");
    expect(await scansOf(bad)).toBe(0);
    expect(await scansOf(good)).toBe(2);
    const parcel = await ts.store.parcels.get(good[1] as string);
    expect(parcel?.scans[0]).toMatchObject({ note: "带逗号, 的备注", originBranch: "苏州分公司" });
  });

  it("stores the same file twice once: the second run finds only duplicates", async () => {
    const lines = Array.from(
      { length: 1200 },
      (_, i) =>
        `${trackingNo(800_000 + (i % 300))},2026-11-2${i % 3}T0${i % 10}:00:00+08:00,${KINDS[i % 5]},网点 ${i},,`,
    );
    const seen: ImportProgress[] = [];
    const first = await importScanCsv(csv(...lines), deps(), { onProgress: (p) => seen.push(p) });
    const second = await importScanCsv(csv(...lines), deps());
    expect(first).toMatchObject({ lines: 1200, stored: 1200, duplicates: 0, rejected: 0 });
    expect(second).toMatchObject({ lines: 1200, stored: 0, duplicates: 1200, rejected: 0 });
    expect(seen.map((p) => p.stored)).toEqual([500, 1000, 1200, 1200]);
    const nos = Array.from({ length: 300 }, (_, i) => trackingNo(800_000 + i));
    expect(await scansOf(nos)).toBe(1200);
  });

  it("opens a self-pickup hold for a held_for_pickup line and schedules its SOP-50 timer, as the API does", async () => {
    const parcel = trackingNo(700_001);
    const summary = await importScanCsv(
      csv(`${parcel},2026-11-27T10:00:00+08:00,held_for_pickup,东关分点,客户要求自取,南京分公司`),
      deps(),
    );
    expect(summary).toMatchObject({ stored: 1, holdsOpened: 1 });
    const hold = await ts.store.holds.openForParcel(parcel);
    expect(hold).toMatchObject({ place: "东关分点", originBranch: "南京分公司" });
    expect(scheduler.pending.has(`hold-origin-${hold?.id}`)).toBe(true);
  });

  it("reads the example file of the README", async () => {
    const summary = await importScanCsv(createReadStream(join(ROOT, "examples", "scans.csv")), deps());
    expect(summary).toMatchObject({ lines: 6, rejected: 0 });
  });
});

describe("the import's progress", () => {
  it("draws a bar on a terminal", async () => {
    let drawn = "";
    const terminal = {
      isTTY: true,
      columns: 120,
      write: (text: string) => (drawn += text),
      cursorTo() {},
      clearLine() {},
    };
    const bar = progressReporter(terminal, 1000);
    bar.update({ bytes: 1000, lines: 10, stored: 8, duplicates: 1, rejected: 1 });
    bar.stop();
    expect(drawn).toContain("导入 Import |");
    expect(drawn).toContain("100%");
    expect(drawn).toContain("拒收 rejected 1");
  });

  it("writes plain lines elsewhere", async () => {
    const lines: string[] = [];
    const plain = progressReporter({ write: (text: string) => lines.push(text) }, 1000);
    plain.update({ bytes: 10, lines: 500, stored: 500, duplicates: 0, rejected: 0 });
    plain.update({ bytes: 20, lines: 10_000, stored: 10_000, duplicates: 0, rejected: 0 });
    plain.update({ bytes: 30, lines: 10_300, stored: 10_300, duplicates: 0, rejected: 0 });
    plain.stop();
    plain.stop(); // the end is told once
    expect(lines).toEqual([
      "导入中 importing: 10000 行 lines · 新存 stored 10000 · 重复 duplicates 0 · 拒收 rejected 0\n",
      "导入中 importing: 10300 行 lines · 新存 stored 10300 · 重复 duplicates 0 · 拒收 rejected 0\n",
    ]);
  });
});
