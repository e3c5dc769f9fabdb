import { pino } from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string, name = "parcel-desk"): Logger {
  return pino({ name, level });
}

/** A logger that says nothing, for tests. */
export const silentLogger: Logger = pino({ level: "silent" });
