import { loadDataFile } from "./data-file-reader";
import {
  type Directory,
  directorySchema,
  EMPTY_DIRECTORY_INPUT,
  parseDirectory,
} from "./domain/config/directory";
import { defaultPolicy, type Policy, policySchema } from "./domain/config/policy";

/** The policy (POLICY_FILE) or the SOP defaults when none is given. */
export function loadPolicy(path: string | undefined): Policy {
  return path ? loadDataFile(path, policySchema, "POLICY_FILE") : defaultPolicy();
}

/** The directory (DIRECTORY_FILE) or an empty one: everybody is a customer. */
export function loadDirectory(path: string | undefined): Directory {
  return path ? loadDataFile(path, directorySchema, "DIRECTORY_FILE") : parseDirectory(EMPTY_DIRECTORY_INPUT);
}
