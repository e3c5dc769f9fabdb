import { z } from "zod";
import { describeIssue } from "./data-file-reader";

/**
 * Every environment variable of DESIGN.md, validated once at start-up. All are optional:
 * with none set the service runs the local web chat on embedded PGlite and a local Redis.
 */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = (protocols: string[]) =>
  optionalText.refine((v) => v === undefined || isUrl(v, protocols), {
    message: `must be a ${protocols.join(" or ")} URL`,
  });

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol.replace(":", ""));
  } catch {
    return false;
  }
}

const secret = (min: number) =>
  optionalText.refine((v) => v === undefined || v.length >= min, {
    message: `must be at least ${min} characters`,
  });

export const configSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^\d+:[A-Za-z0-9_-]{20,}$/.test(v), {
    message: "must look like 123456:ABC-DEF… as BotFather gives it",
  }),
  TELEGRAM_API_ROOT: optionalUrl(["http", "https"]),
  TELEGRAM_WEBHOOK_URL: optionalUrl(["https", "http"]),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), {
    message: "must be a bot token starting with xoxb-",
  }),
  SLACK_SIGNING_SECRET: secret(8),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), {
    message: "must be an app-level token starting with xapp-",
  }),
  SLACK_API_URL: optionalUrl(["http", "https"]),
  REDIS_URL: optionalUrl(["redis", "rediss"]).transform((v) => v ?? "redis://127.0.0.1:6379"),
  DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
  DATA_DIR: optionalText.transform((v) => v ?? "./data"),
  HTTP_PORT: optionalText
    .transform((v) => (v === undefined ? 3000 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65535, { message: "must be a port number 0-65535" }),
  HTTP_HOST: optionalText.transform((v) => v ?? "127.0.0.1"),
  POLICY_FILE: optionalText,
  DIRECTORY_FILE: optionalText,
  INGEST_TOKEN: secret(16),
  ADMIN_TOKEN: secret(16),
  // Fastify's trustProxy: unset/false, true (whoever connects is the proxy), or proxy addresses/CIDRs.
  TRUST_PROXY: optionalText.transform((v, ctx): boolean | string => {
    if (v === undefined || v === "false") return false;
    if (v === "true") return true;
    if (v.split(",").every((a) => /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/.test(a.trim()))) return v;
    ctx.addIssue({
      code: "custom",
      message: "must be true, false or the proxies' addresses (10.0.0.1,10.1.0.0/16)",
    });
    return z.NEVER;
  }),
  LOG_LEVEL: optionalText
    .transform((v) => v ?? "info")
    .pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the environment; a bad value throws ConfigError with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) throw new ConfigError(`environment variable ${describeIssue(result.error)}`);
  const config = result.data;
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError("environment variable TELEGRAM_WEBHOOK_URL: is set but TELEGRAM_BOT_TOKEN is not");
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    throw new ConfigError(
      "environment variable SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  return config;
}
