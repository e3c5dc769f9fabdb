import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { z } from "zod";

/**
 * The YAML parser, loaded when a data file is first read: a start without POLICY_FILE or
 * DIRECTORY_FILE never needs it (issue 15, start-up time).
 */
let yamlParse: ((text: string) => unknown) | undefined;
function parseYaml(text: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse;
  return yamlParse(text);
}

/** A data file (policy, directory) that cannot be used; the message is one line for the operator. */
export class DataFileError extends Error {
  override name = "DataFileError";
}

/** Formats the first zod issue as `path.to.key: what is wrong`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => `${[...path, k].join(".")}: unknown key`).join("; ");
  }
  return `${path.length ? path.join(".") : "(top level)"}: ${issue.message}`;
}

/** Parses YAML or JSON text (JSON is YAML) and validates it; throws DataFileError naming the bad key. */
export function parseDataText<S extends z.ZodType>(text: string, schema: S, label: string): z.output<S> {
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : parseYaml(text);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    throw new DataFileError(`${label}: not valid YAML or JSON: ${reason}`);
  }
  const result = schema.safeParse(raw ?? {});
  if (!result.success) throw new DataFileError(`${label}: ${describeIssue(result.error)}`);
  return result.data;
}

export function loadDataFile<S extends z.ZodType>(path: string, schema: S, label: string): z.output<S> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw new DataFileError(`${label} ${path}: cannot be read (${code})`);
  }
  return parseDataText(text, schema, `${label} ${path}`);
}
