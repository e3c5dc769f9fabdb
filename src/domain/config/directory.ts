import { z } from "zod";
import { LANGUAGES } from "../kernel/chat";

/** The branch's people, zones and branch points (DIRECTORY_FILE). Anyone not in it is a customer. */
export const ROLES = ["agent", "courier", "driver", "dispatcher", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "must be lower-case letters, digits, _ or - (at most 32)");
const phone = z.string().regex(/^[0-9+][0-9 -]{4,19}$/, "must be a phone number");
const telegramChatId = z.number().int();

const personSchema = z
  .object({
    id,
    name: z.string().min(1),
    workNo: z.string().min(1).optional(), // SOP-80, SOP-81: staff give their work number
    roles: z.array(z.enum(ROLES)).min(1, "a person needs at least one role"),
    telegramId: z.number().int().positive().optional(),
    slackId: z
      .string()
      .regex(/^[UW][A-Z0-9]+$/, "must be a Slack user id such as U0123ABC")
      .optional(),
    phone: phone.optional(),
    language: z.enum(LANGUAGES).default("zh"),
  })
  .strict();

const zoneSchema = z
  .object({
    id,
    name: z.string().min(1),
    keywords: z.array(z.string().min(1)).min(1, "a zone needs at least one address keyword"),
    courier: id,
    driver: id.optional(), // SOP-24: who carries what the zone's courier collects
  })
  .strict();

const branchPointSchema = z
  .object({
    name: z.string().min(1),
    address: z.string().min(1),
    phone,
    city: z.string().min(1).optional(), // SOP-44: absent, the branch's own city
  })
  .strict();

export const directorySchema = z
  .object({
    branch: z
      .object({
        name: z.string().min(1),
        hotline: phone,
        // SOP-80: "您好,某某快递 NNN 号为您服务" names the network.
        network: z.string().min(1).default("快递"),
        networkEn: z.string().min(1).default("Express"),
        // SOP-44: the branch's city, and the other branches in it (as the scans name origin branches):
        // their undelivered parcels need no message.
        city: z.string().min(1).optional(),
        sameCity: z.array(z.string().min(1)).default([]),
      })
      .strict(),
    dispatch: z
      .object({
        telegramChatId: telegramChatId.optional(),
        slackChannel: z
          .string()
          .regex(/^[CG][A-Z0-9]+$/, "must be a Slack channel id such as C0123ABC")
          .optional(),
      })
      .strict()
      .prefault({}),
    zones: z.array(zoneSchema).default([]),
    branchPoints: z.array(branchPointSchema).default([]),
    people: z.array(personSchema).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const byId = new Map<string, z.output<typeof personSchema>>();
    const seen = (value: unknown, path: (string | number)[], set: Set<unknown>) => {
      if (value === undefined) return;
      if (set.has(value)) ctx.addIssue({ code: "custom", path, message: `${String(value)} is used twice` });
      set.add(value);
    };
    const ids = new Set<unknown>();
    const tg = new Set<unknown>();
    const slack = new Set<unknown>();
    d.people.forEach((p, i) => {
      seen(p.id, ["people", i, "id"], ids);
      seen(p.telegramId, ["people", i, "telegramId"], tg);
      seen(p.slackId, ["people", i, "slackId"], slack);
      byId.set(p.id, p);
    });
    const zoneIds = new Set<unknown>();
    d.zones.forEach((z, i) => {
      seen(z.id, ["zones", i, "id"], zoneIds);
      const courier = byId.get(z.courier);
      if (!courier?.roles.includes("courier")) {
        ctx.addIssue({
          code: "custom",
          path: ["zones", i, "courier"],
          message: `"${z.courier}" is not a courier in people`,
        });
      }
      if (z.driver !== undefined && !byId.get(z.driver)?.roles.includes("driver")) {
        ctx.addIssue({
          code: "custom",
          path: ["zones", i, "driver"],
          message: `"${z.driver}" is not a driver in people`,
        });
      }
    });
  });

export type Directory = z.output<typeof directorySchema>;
export type DirectoryInput = z.input<typeof directorySchema>;
export type Person = Directory["people"][number];
export type Zone = Directory["zones"][number];
export type BranchPoint = Directory["branchPoints"][number];

/** A directory with nobody in it: everyone is a customer (a fresh install with no DIRECTORY_FILE). */
export const EMPTY_DIRECTORY_INPUT: DirectoryInput = {
  branch: { name: "网点客服部", hotline: "00000" },
};

export function parseDirectory(input: DirectoryInput): Directory {
  return directorySchema.parse(input);
}

/**
 * Read access to the directory: people by channel identity, roles, zones by address. One index is
 * shared by the whole process and read at use time, so a reload (SOP-25, src/directory-reload.ts)
 * replaces its contents in place and every reader sees the new directory at once.
 */
export class DirectoryIndex {
  #data!: Directory;
  #byTelegram = new Map<number, Person>();
  #bySlack = new Map<string, Person>();
  #byId = new Map<string, Person>();
  #byWorkNo = new Map<string, Person[]>();

  constructor(data: Directory) {
    this.replace(data);
  }

  get data(): Directory {
    return this.#data;
  }

  /** Swaps in a validated directory (a reload): all of it at once, never half of it. */
  replace(data: Directory): void {
    const byTelegram = new Map<number, Person>();
    const bySlack = new Map<string, Person>();
    const byId = new Map<string, Person>();
    const byWorkNo = new Map<string, Person[]>();
    for (const p of data.people) {
      byId.set(p.id, p);
      if (p.telegramId !== undefined) byTelegram.set(p.telegramId, p);
      if (p.slackId !== undefined) bySlack.set(p.slackId, p);
      if (p.workNo !== undefined) byWorkNo.set(p.workNo, [...(byWorkNo.get(p.workNo) ?? []), p]);
    }
    this.#data = data;
    this.#byTelegram = byTelegram;
    this.#bySlack = bySlack;
    this.#byId = byId;
    this.#byWorkNo = byWorkNo;
  }

  get branch(): Directory["branch"] {
    return this.data.branch;
  }

  person(personId: string): Person | undefined {
    return this.#byId.get(personId);
  }

  byTelegramId(telegramId: number): Person | undefined {
    return this.#byTelegram.get(telegramId);
  }

  bySlackId(slackId: string): Person | undefined {
    return this.#bySlack.get(slackId);
  }

  /**
   * The person with this work number (SOP-80, SOP-81), exactly as the directory writes it; with a
   * role, the first person with both. The directory does not require work numbers to be unique, so
   * of two people sharing one the first listed is found, as a scan of `people` in order would.
   */
  byWorkNo(workNo: string, role?: Role): Person | undefined {
    const people = this.#byWorkNo.get(workNo);
    return role === undefined ? people?.[0] : people?.find((p) => p.roles.includes(role));
  }

  withRole(role: Role): Person[] {
    return this.data.people.filter((p) => p.roles.includes(role));
  }

  zone(zoneId: string): Zone | undefined {
    return this.data.zones.find((z) => z.id === zoneId);
  }

  /**
   * The zone an address lies in (SOP-20 notifies the zone's courier): the zone with the longest
   * keyword found in the address, so "东关街" wins over "东关" when both are keywords.
   */
  zoneForAddress(address: string): Zone | undefined {
    const text = address.normalize("NFKC").toLowerCase();
    let best: { zone: Zone; length: number } | undefined;
    for (const zone of this.data.zones) {
      for (const kw of zone.keywords) {
        const k = kw.normalize("NFKC").toLowerCase();
        if (text.includes(k) && (!best || k.length > best.length)) best = { zone, length: k.length };
      }
    }
    return best?.zone;
  }

  courierOf(zone: Zone): Person | undefined {
    return this.#byId.get(zone.courier);
  }

  driverOf(zone: Zone): Person | undefined {
    return zone.driver ? this.#byId.get(zone.driver) : undefined;
  }
}

export function hasRole(person: Person | undefined, ...roles: Role[]): boolean {
  return !!person && roles.some((r) => person.roles.includes(r));
}
