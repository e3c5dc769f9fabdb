/**
 * The baseline bot: grammY's webhookCallback on node http, a session in Redis, one reply per
 * update, in plain JavaScript (run by node itself, no TypeScript loader: the bare figure).
 * @grammyjs/storage-redis is not installed here, so the session is the minimal one it would be:
 * one GET before the handler and one SET after it, on ioredis (2 Redis commands).
 *
 * Run by the bench as a child process: BARE_TOKEN, BARE_API_ROOT, BARE_PORT, BARE_SECRET, REDIS_URL.
 */
import { createServer } from "node:http";
import { Bot, session, webhookCallback } from "grammy";
import { Redis } from "ioredis";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const redis = new Redis(env("REDIS_URL"));
const prefix = `bare:${process.pid}:`;
const bot = new Bot(env("BARE_TOKEN"), { client: { apiRoot: env("BARE_API_ROOT") } });
bot.use(
  session({
    initial: () => ({ count: 0 }),
    storage: {
      read: async (key) => {
        const raw = await redis.get(prefix + key);
        return raw === null ? undefined : JSON.parse(raw);
      },
      write: async (key, value) => {
        await redis.set(prefix + key, JSON.stringify(value), "EX", 3600);
      },
      delete: async (key) => {
        await redis.del(prefix + key);
      },
    },
  }),
);
bot.on("message", async (ctx) => {
  ctx.session.count++;
  await ctx.reply(`收到: ${ctx.message.text ?? ""} (${ctx.session.count})`);
});

await bot.init();
const callback = webhookCallback(bot, "http", { secretToken: env("BARE_SECRET") });
const server = createServer((request, response) => {
  if (request.method === "POST" && request.url === "/webhook") {
    callback(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
    return;
  }
  response.writeHead(request.url === "/healthz" ? 200 : 404);
  response.end();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(env("BARE_PORT")), "127.0.0.1");
process.once("SIGTERM", () => {
  server.close();
  redis.disconnect();
  process.exit(0);
});
