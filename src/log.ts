import { type DestinationStream, pino } from "pino";
import { maskPersonalData } from "./domain/kernel/privacy";

export type Logger = pino.Logger;

/**
 * No secret and no customer's phone number reaches the log (issue 16 §6), in two layers:
 * - fields that hold them are replaced by "[redacted]" wherever they are logged (REDACT_PATHS:
 *   tokens, Authorization and Cookie headers, the configuration's secrets, phones, addresses and
 *   message texts);
 * - every line is scrubbed before it is written: the configured secrets (INGEST_TOKEN,
 *   ADMIN_TOKEN, the bot tokens, the signing secret, DATABASE_URL's password) and anything shaped
 *   like a Telegram or Slack token or a bearer credential, wherever they appear (an error message
 *   quoting a request URL with the bot token in it), and phone numbers masked as chats show them
 *   (138****0003, kernel/privacy.ts); a name only where a field holds one (REDACT_PATHS) or after
 *   a Chinese label (联系人:张*), never in the service's own English words (maskLogText).
 */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "*.cookie",
  "TELEGRAM_BOT_TOKEN",
  "*.TELEGRAM_BOT_TOKEN",
  "SLACK_BOT_TOKEN",
  "*.SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "*.SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "*.SLACK_APP_TOKEN",
  "INGEST_TOKEN",
  "*.INGEST_TOKEN",
  "ADMIN_TOKEN",
  "*.ADMIN_TOKEN",
  "DATABASE_URL",
  "*.DATABASE_URL",
  "phone",
  "*.phone",
  "address",
  "*.address",
  "contact",
  "*.contact",
  // What a person typed (a chat message, a pickup's note) says who they are and where they live.
  "text",
  "*.text",
  // A field that holds a person's name (the names in free text are masked after a Chinese label only).
  "contactName",
  "*.contactName",
  "signerName",
  "*.signerName",
  "signer",
  "*.signer",
  "courierName",
  "*.courierName",
  "customerName",
  "*.customerName",
];

const SHAPES: RegExp[] = [
  /(?<!\d)\d{5,12}:[A-Za-z0-9_-]{30,}/g, // a Telegram bot token (also inside a URL: /bot123:…)
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack bot and user tokens
  /\bxapp-[A-Za-z0-9-]{10,}/g, // a Slack app-level token
  /\b(Bearer\s+)[^\s"\\]+/gi, // an Authorization header quoted in a message
  /(postgres(?:ql)?:\/\/[^:/@\s"]+:)[^@\s"]+(@)/g, // a database URL's password
];

/** Replaces every secret and token shape in `line` and masks phone numbers. */
export function scrubLine(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  for (const shape of SHAPES) {
    out = out.replace(shape, (_whole, head?: string, tail?: string) =>
      typeof head === "string" && typeof tail === "string" && tail === "@"
        ? `${head}[redacted]@`
        : typeof head === "string" && /^Bearer/i.test(head)
          ? `${head}[redacted]`
          : "[redacted]",
    );
  }
  return maskLogText(out);
}

/** Latin letters: the service's own English words in a log line, where no name is read. */
const LATIN_RUN = /[^A-Za-z]+/g;
/** What may hold a phone or a Chinese-labelled name: a digit or a Chinese character. */
const PERSONAL = /[\d\u3400-\u9fff]/;

/**
 * Phones masked (138****0003) and names after a Chinese label (联系人:张*), by kernel/privacy.ts's
 * rules, in what lies between Latin words: "no sender for this channel" is the service's own
 * sentence, not a sender's name (privacy.ts reads a name after "sender" in scan notes). A digit run
 * right after a capital letter keeps it, so a waybill number (YT13800000003) is no phone here either.
 */
export function maskLogText(line: string): string {
  return line.replace(LATIN_RUN, (run: string, at: number) => {
    if (!PERSONAL.test(run)) return run;
    const before = line[at - 1] ?? "";
    if (!/[A-Z]/.test(before)) return maskPersonalData(run);
    return maskPersonalData(before + run).slice(before.length);
  });
}

/** The configuration's secrets, for createLogger (what the variables hold, never logged). */
export function secretsOf(config: Record<string, unknown>): string[] {
  const names = [
    "TELEGRAM_BOT_TOKEN",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "INGEST_TOKEN",
    "ADMIN_TOKEN",
  ];
  const values = names.map((n) => config[n]).filter((v): v is string => typeof v === "string" && v !== "");
  const url = config.DATABASE_URL;
  if (typeof url === "string") {
    const password = /^[a-z]+:\/\/[^:/@]+:([^@]+)@/i.exec(url)?.[1];
    if (password) values.push(password);
  }
  return values;
}

export function createLogger(
  level: string,
  name = "parcel-desk",
  secrets: readonly string[] = [],
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    hooks: { streamWrite: (line: string) => scrubLine(line, secrets) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that says nothing, for tests. */
export const silentLogger: Logger = pino({ level: "silent" });
