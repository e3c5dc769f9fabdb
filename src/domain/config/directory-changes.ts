import { z } from "zod";
import {
  auditEntry,
  bestEffort,
  closedUntil,
  type DeskLog,
  sendAll,
  sendStrict,
  toPerson,
  type UseCaseDeps,
  uniquePeople,
} from "../desk/context";
import type { TimerOutcome } from "../desk/timers";
import type { BusinessCalendar } from "../kernel/calendar";
import type { Language } from "../kernel/chat";
import type { Clock } from "../kernel/clock";
import { t } from "../messages";
import { type Notice, type Notifier, type Scheduler, type Store, timer } from "../ports";
import type { Directory, Person, Zone } from "./directory";

/**
 * SOP-25: a change of zone, courier, driver or phone number is announced to the whole department.
 * When the directory file is reloaded (src/directory-reload.ts), the old and the new directory are
 * compared here; what changed goes to every person of the new directory in one message each.
 * Names are written as the directory has them: `name(workNo)`.
 */
type DirectoryChange =
  | { kind: "zoneAdded"; zone: string; courier: string; driver: string | null }
  | { kind: "zoneRemoved"; zone: string }
  | { kind: "zoneRenamed"; from: string; to: string }
  | { kind: "zoneArea"; zone: string; keywords: string[] }
  | { kind: "courier"; zone: string; from: string; to: string }
  | { kind: "driver"; zone: string; from: string | null; to: string | null }
  | { kind: "phone"; person: string; from: string | null; to: string | null };

const DIRECTORY_SUBJECT = "directory";
export const DIRECTORY_CHANGED_ACTION = "directory.changed";

function label(directory: Directory, personId: string): string {
  const person = directory.people.find((p) => p.id === personId);
  if (!person) return personId;
  return person.workNo ? `${person.name}(${person.workNo})` : person.name;
}

function zoneChanges(before: Directory, after: Directory): DirectoryChange[] {
  const changes: DirectoryChange[] = [];
  const old = new Map(before.zones.map((z) => [z.id, z]));
  const driverOf = (d: Directory, z: Zone) => (z.driver === undefined ? null : label(d, z.driver));
  for (const zone of after.zones) {
    const was = old.get(zone.id);
    if (!was) {
      const courier = label(after, zone.courier);
      changes.push({ kind: "zoneAdded", zone: zone.name, courier, driver: driverOf(after, zone) });
      continue;
    }
    if (was.name !== zone.name) changes.push({ kind: "zoneRenamed", from: was.name, to: zone.name });
    if ([...was.keywords].sort().join("\n") !== [...zone.keywords].sort().join("\n")) {
      changes.push({ kind: "zoneArea", zone: zone.name, keywords: zone.keywords });
    }
    if (was.courier !== zone.courier) {
      const [from, to] = [label(before, was.courier), label(after, zone.courier)];
      changes.push({ kind: "courier", zone: zone.name, from, to });
    }
    if (was.driver !== zone.driver) {
      const [from, to] = [driverOf(before, was), driverOf(after, zone)];
      changes.push({ kind: "driver", zone: zone.name, from, to });
    }
  }
  const kept = new Set(after.zones.map((z) => z.id));
  for (const zone of before.zones) {
    if (!kept.has(zone.id)) changes.push({ kind: "zoneRemoved", zone: zone.name });
  }
  return changes;
}

function phoneChanges(before: Directory, after: Directory): DirectoryChange[] {
  const old = new Map(before.people.map((p) => [p.id, p]));
  return after.people.flatMap((person): DirectoryChange[] => {
    const was: Person | undefined = old.get(person.id);
    const from = was?.phone ?? null;
    const to = person.phone ?? null;
    return from === to ? [] : [{ kind: "phone", person: label(after, person.id), from, to }];
  });
}

/** What SOP-25 announces between two directories: zones, their couriers and drivers, phones. */
export function directoryChanges(before: Directory, after: Directory): DirectoryChange[] {
  return [...zoneChanges(before, after), ...phoneChanges(before, after)];
}

/** One line of the announcement, in a reader's language. */
export function changeLine(language: Language, change: DirectoryChange): string {
  const none = (value: string | null) => value ?? t(language, "directory.change.none");
  switch (change.kind) {
    case "zoneAdded":
      return t(language, "directory.change.zoneAdded", {
        zone: change.zone,
        courier: change.courier,
        driver: none(change.driver),
      });
    case "zoneRemoved":
      return t(language, "directory.change.zoneRemoved", { zone: change.zone });
    case "zoneRenamed":
      return t(language, "directory.change.zoneRenamed", { from: change.from, to: change.to });
    case "zoneArea":
      return t(language, "directory.change.zoneArea", {
        zone: change.zone,
        keywords: change.keywords.join(t(language, "directory.change.separator")),
      });
    case "courier":
      return t(language, "directory.change.courier", { zone: change.zone, from: change.from, to: change.to });
    case "driver":
      return t(language, "directory.change.driver", {
        zone: change.zone,
        from: none(change.from),
        to: none(change.to),
      });
    case "phone":
      return t(language, "directory.change.phone", {
        person: change.person,
        from: none(change.from),
        to: none(change.to),
      });
  }
}

export interface DirectoryAnnounceDeps {
  store: Store;
  notifier: Notifier;
  clock: Clock;
  log?: DeskLog | undefined;
  /**
   * With both, a change made while the desk is closed is announced when it next opens (a
   * `directory-announce` timer), as every staff notice of a timer waits for desk hours: a file
   * deployed at night wakes nobody. Without them (tests), it is announced at once.
   */
  calendar?: Pick<BusinessCalendar, "isDeskOpen" | "nextOpening"> | undefined;
  scheduler?: Scheduler | undefined;
}

/** The notices of one announcement: one per person, in their language, sent once per version. */
function announcementNotices(
  people: readonly Person[],
  changes: readonly DirectoryChange[],
  version: string,
) {
  return uniquePeople(people).map(
    (person): Notice => ({
      ...toPerson(person, "directory.changed", (language) => ({
        lines: changes.map((change) => changeLine(language, change)).join("\n"),
      })),
      dedupeKey: `directory-${version}`,
    }),
  );
}

/**
 * SOP-25: records the changes (one transaction, its audit row) and then tells everyone in the new
 * directory, one message each in their own language. `version` names the new file (its hash): a
 * notice sent twice for one version (two processes reloading the same file) is sent once.
 * Nothing is recorded or sent when nothing SOP-25 names has changed. While the desk is closed
 * (calendar and scheduler given), the changes are recorded now and told when it opens.
 */
export async function announceDirectoryChanges(
  deps: DirectoryAnnounceDeps,
  before: Directory,
  after: Directory,
  version: string,
): Promise<{ changes: DirectoryChange[]; told: number; deferredUntil?: Date }> {
  const changes = directoryChanges(before, after);
  if (changes.length === 0) return { changes, told: 0 };
  const now = deps.clock.now();
  await deps.store.transaction((tx) =>
    tx.audit.append(
      auditEntry(
        now,
        { kind: "system", name: "directory-reload" },
        DIRECTORY_CHANGED_ACTION,
        DIRECTORY_SUBJECT,
        {
          version,
          changes,
        },
      ),
    ),
  );
  const { calendar, scheduler } = deps;
  if (calendar && scheduler && !calendar.isDeskOpen(now)) {
    const deferredUntil = calendar.nextOpening(now);
    const announce = timer("directory-announce", version, deferredUntil);
    await bestEffort(deps, `schedule ${announce.id}`, () => scheduler.schedule(announce));
    return { changes, told: 0, deferredUntil };
  }
  const notices = announcementNotices(after.people, changes, version);
  await sendAll(deps, notices);
  return { changes, told: notices.length };
}

const recordedChanges = z.array(
  z.union([
    z.object({
      kind: z.literal("zoneAdded"),
      zone: z.string(),
      courier: z.string(),
      driver: z.string().nullable(),
    }),
    z.object({ kind: z.literal("zoneRemoved"), zone: z.string() }),
    z.object({ kind: z.literal("zoneRenamed"), from: z.string(), to: z.string() }),
    z.object({ kind: z.literal("zoneArea"), zone: z.string(), keywords: z.array(z.string()) }),
    z.object({ kind: z.literal("courier"), zone: z.string(), from: z.string(), to: z.string() }),
    z.object({
      kind: z.literal("driver"),
      zone: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
    z.object({
      kind: z.literal("phone"),
      person: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ]),
);

/** How many of the directory's audit rows the timer looks through for its version. */
const RECORDED_LOOKBACK = 50;

/**
 * The `directory-announce` timer (SOP-25): the changes recorded for `version` while the desk was
 * closed go to everyone in the directory at its opening (still closed: later). No record: nothing.
 */
export async function directoryAnnounceDue(deps: UseCaseDeps, version: string): Promise<TimerOutcome> {
  const closed = closedUntil(deps, deps.clock.now());
  if (closed) return closed;
  const rows = await deps.store.audit.list({ subject: DIRECTORY_SUBJECT, limit: RECORDED_LOOKBACK });
  const row = rows.find((r) => r.action === DIRECTORY_CHANGED_ACTION && r.data.version === version);
  const changes = recordedChanges.safeParse(row?.data.changes);
  if (!changes.success || changes.data.length === 0) return "skipped";
  await sendStrict(deps, announcementNotices(deps.directory.data.people, changes.data, version));
  return "done";
}
