/**
 * Where the bench runs: a Redis database of its own (an empty one of 8–15 on the local server,
 * flushed when the bench ends), PGlite data dirs under one temp dir, and a Postgres database of
 * its own per run (created from TEST_DATABASE_URL or DATABASE_URL, dropped at the end).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";

export interface BenchEnv {
  redisUrl: string;
  redisDb: number;
  /** A client on the bench's Redis database. */
  redis: Redis;
  tempDir: string;
  /** The server URL Postgres databases are created on, when one is configured. */
  postgresUrl: string | undefined;
  cleanup(): Promise<void>;
}

const BASE_REDIS = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** The Postgres databases this run created (createDatabase), dropped by cleanup(). */
const created: string[] = [];

async function emptyRedisDb(): Promise<number> {
  const probe = new Redis(BASE_REDIS, { lazyConnect: true });
  await probe.connect();
  try {
    for (let db = 15; db >= 8; db--) {
      await probe.select(db);
      if ((await probe.dbsize()) === 0) {
        // Claim it, so that a second bench at the same time picks another.
        if ((await probe.set("bench:claimed", String(process.pid), "NX")) === "OK") return db;
      }
    }
  } finally {
    probe.disconnect();
  }
  throw new Error("no empty Redis database among 8-15 for the bench");
}

function withDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function benchEnv(): Promise<BenchEnv> {
  const redisDb = await emptyRedisDb();
  const redisUrl = withDb(BASE_REDIS, redisDb);
  const redis = new Redis(redisUrl);
  const tempDir = await mkdtemp(join(tmpdir(), "parcel-desk-bench-"));
  const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  return {
    redisUrl,
    redisDb,
    redis,
    tempDir,
    postgresUrl,
    async cleanup() {
      await redis.flushdb().catch(() => undefined);
      redis.disconnect();
      await rm(tempDir, { recursive: true, force: true });
      for (const name of created.splice(0))
        await dropDatabase(postgresUrl ?? "", name).catch(() => undefined);
    },
  };
}

/** A new, empty database on the Postgres server of `serverUrl`; its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
    created.push(name);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
