import { describe, expect, it } from "vitest";
import {
  BUILT_IN_COMMANDS,
  customerCommands,
  describeCommand,
  personCommands,
} from "../../../src/bot/telegram/commands";
import { isMessageKey, t } from "../../../src/domain/messages";
import { CUSTOMER_COMMANDS } from "../../../src/flows/customer";
import { STAFF_COMMANDS } from "../../../src/flows/staff";
import { branchDirectory } from "../../support/branch";

// The shared test branch, and a courier of this file's own who reads English (wu).
const directory = branchDirectory([
  { id: "wu", name: "吴敏", roles: ["courier"], telegramId: 2008, language: "en" },
]);
const staff = (id: string) => {
  const person = directory.person(id);
  if (!person) throw new Error(`no ${id} in the test branch`);
  return person;
};
const agent = staff("wang");
const courier = staff("wu");

describe("the command menus (setMyCommands)", () => {
  it("offers customers the built-in and customer commands only, described in Chinese by default", () => {
    const commands = customerCommands(CUSTOMER_COMMANDS, "zh");
    expect(commands.map((c) => c.command)).toEqual([...BUILT_IN_COMMANDS, ...Object.keys(CUSTOMER_COMMANDS)]);
    expect(commands.find((c) => c.command === "track")?.description).toBe("查件:/track 运单号");
    expect(commands.some((c) => c.command in STAFF_COMMANDS)).toBe(false);
  });

  it("describes them in English for language_code en", () => {
    expect(customerCommands(CUSTOMER_COMMANDS, "en").find((c) => c.command === "human")?.description).toBe(
      "Talk to a person",
    );
  });

  it("gives a staff member the staff commands of their roles, then everyone's, in their language", () => {
    const agentMenu = personCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, agent).map((c) => c.command);
    expect(agentMenu).toEqual(
      expect.arrayContaining(["queries", "available", "busy", "problem", "track", "help"]),
    );
    expect(agentMenu).not.toContain("jobs"); // a courier's command
    expect(agentMenu.indexOf("queries")).toBeLessThan(agentMenu.indexOf("track"));

    const courierMenu = personCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, courier);
    expect(courierMenu.map((c) => c.command)).toEqual(expect.arrayContaining(["jobs", "problem"]));
    expect(courierMenu.map((c) => c.command)).not.toContain("queries");
    expect(courierMenu.find((c) => c.command === "jobs")?.description).toBe("My pickup jobs");
  });

  it("lists for each role exactly the staff commands of the flows that declare that role", () => {
    const own = (id: string) =>
      personCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, staff(id))
        .map((c) => c.command)
        .filter((name) => name in STAFF_COMMANDS);
    expect(own("sun")).toEqual(["pickups", "receipt"]); // the dispatcher (SOP-73: receipts)
    expect(own("li")).toEqual([
      "queries",
      "askbranch", // SOP-13
      "branchasks",
      "return", // SOP-52
      "overdue",
      "claims", // SOP-70..SOP-72
      "complaints", // SOP-82
      "signed", // SOP-74
      "receipt", // SOP-73
      "undelivered", // SOP-44
      "broadcast", // SOP-83
      "broadcasts",
      "workload", // SOP-90
    ]); // the duty lead
    expect(own("wang")).toEqual([
      "queries",
      "available",
      "busy",
      "branchquery",
      "askbranch", // SOP-13
      "branchasks",
      "problem",
      "hold",
      "return", // SOP-52
      "claims", // SOP-70..SOP-72
      "complaints", // SOP-82
      "receipt", // SOP-73
      "undelivered", // SOP-44
      "workload", // SOP-90
    ]);
  });

  it("has a real description in both languages for every command of the flows' tables", () => {
    for (const name of [
      ...BUILT_IN_COMMANDS,
      ...Object.keys(CUSTOMER_COMMANDS),
      ...Object.keys(STAFF_COMMANDS),
    ]) {
      for (const language of ["zh", "en"] as const) {
        const description = describeCommand(name, language);
        expect(description, `${name} (${language})`).not.toBe(`/${name}`);
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
  });

  it("reads every description from the message catalogue (command.<name>), as /help does", () => {
    for (const name of [
      ...BUILT_IN_COMMANDS,
      ...Object.keys(CUSTOMER_COMMANDS),
      ...Object.keys(STAFF_COMMANDS),
    ]) {
      const key = `command.${name}`;
      if (!isMessageKey(key)) throw new Error(`${key} is not in the catalogue`);
      for (const language of ["zh", "en"] as const) {
        expect(describeCommand(name, language)).toBe(t(language, key));
      }
    }
  });

  it("leaves out names Telegram would refuse", () => {
    const commands = customerCommands({ "Bad-Name": { flow: "x" }, ok_1: { flow: "y" } }, "zh");
    expect(commands.map((c) => c.command)).toContain("ok_1");
    expect(commands.map((c) => c.command)).not.toContain("Bad-Name");
    expect(commands.find((c) => c.command === "ok_1")?.description).toBe("/ok_1");
  });
});
