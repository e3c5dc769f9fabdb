import { describe, expect, it } from "vitest";
import { parseMessage, parseSlashCommand } from "../../src/bot/slack/parse";
import { personCommands } from "../../src/bot/telegram/commands";
import { parseUpdate } from "../../src/bot/telegram/parse";
import { t } from "../../src/domain/messages";
import { CUSTOMER_COMMANDS } from "../../src/flows/customer";
import {
  acceptedInGroup,
  BUILT_IN_COMMANDS,
  failureLanguage,
  failureText,
  knownCommands,
  offeredCommands,
} from "../../src/flows/engine";
import { STAFF_COMMANDS } from "../../src/flows/staff";
import { branchDirectory } from "../support/branch";

/**
 * The rules every channel applies alike, held once by the engine (issue 10 §1): Telegram and Slack
 * both read them from there, so they cannot drift apart.
 */
const directory = branchDirectory([{ id: "ma", name: "马丽", roles: ["supervisor"], slackId: "U0MA" }]);
const wang = directory.person("wang");
const chen = directory.person("chen");
const zhang = directory.person("zhang");

describe("the group rule: in a group only commands and buttons reach the engine", () => {
  it("accepts commands and button presses, and nothing else", () => {
    expect(acceptedInGroup({ kind: "command", name: "pickups", args: "" })).toBe(true);
    expect(acceptedInGroup({ kind: "choice", payload: "a.accept.p1" })).toBe(true);
    expect(acceptedInGroup({ kind: "text", text: "谁去一下文昌路?" })).toBe(false);
    expect(acceptedInGroup({ kind: "photo", fileRef: "f" })).toBe(false);
    expect(acceptedInGroup({ kind: "contact", phone: "13800000000", ownContact: true })).toBe(false);
    expect(acceptedInGroup({ kind: "location", latitude: 32.4, longitude: 119.4 })).toBe(false);
  });

  it("is the rule both channels apply to a group's chatter", () => {
    const telegram = parseUpdate(
      {
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: -1001234567, type: "supergroup", title: "dispatch" },
          from: { id: 2006, is_bot: false, first_name: "Sun" },
          text: "谁去一下文昌路?",
        },
      },
      { directory, botUsername: "desk_bot" },
    );
    expect(telegram).toEqual({ ignored: "chatter in the dispatch group" });
    const slack = parseMessage(directory, {
      channel: "C0DISPATCH",
      channel_type: "channel",
      user: "U0MA",
      text: "谁去一下",
    });
    expect(slack).toEqual({ ignored: "chatter in a channel" });
    const known = knownCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS);
    const typed = parseSlashCommand(
      directory,
      { user_id: "U0MA", channel_id: "C0DISPATCH", text: "随便说说" },
      known,
    );
    expect(acceptedInGroup(typed.input)).toBe(true); // typed words in a channel become the menu, privately
  });
});

describe("the language of the error reply", () => {
  it("is the directory's for staff, whatever the platform hints", () => {
    expect(failureLanguage({ person: wang, languageHint: "en" })).toBe("zh");
    expect(failureLanguage({ person: chen, languageHint: "zh-hans" })).toBe("en");
    expect(failureText({ person: chen, languageHint: undefined })).toBe(t("en", "error.internal"));
  });

  it("is the platform's hint for customers, Chinese when there is none", () => {
    expect(failureLanguage({ person: undefined, languageHint: "en-GB" })).toBe("en");
    expect(failureLanguage({ person: undefined, languageHint: "zh-TW" })).toBe("zh");
    expect(failureText({ person: undefined, languageHint: undefined })).toBe(t("zh", "error.internal"));
  });
});

describe("the built-in commands and the commands a chat is offered", () => {
  it("offers everyone the built-ins and the customer commands", () => {
    const names = offeredCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, undefined);
    expect(names.slice(0, BUILT_IN_COMMANDS.length)).toEqual([...BUILT_IN_COMMANDS]);
    expect(names).toEqual(expect.arrayContaining(Object.keys(CUSTOMER_COMMANDS)));
    expect(names).not.toContain("queries");
  });

  it("offers staff their own staff commands first, by role (an agent's queries, not a courier's)", () => {
    const agent = offeredCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, wang);
    expect(agent[0]).toBe("queries");
    expect(agent).toEqual(expect.arrayContaining([...BUILT_IN_COMMANDS]));
    expect(offeredCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, zhang)).not.toContain("queries");
    expect(new Set(agent).size).toBe(agent.length);
  });

  it("is what Telegram's command menu shows, and what Slack's /parcel recognises", () => {
    const menu = personCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, wang as NonNullable<typeof wang>);
    expect(menu.map((c) => c.command)).toEqual(offeredCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS, wang));
    const known = knownCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS);
    for (const name of [...BUILT_IN_COMMANDS, "overdue", "pickups", "queries"])
      expect(known.has(name), name).toBe(true);
    expect(known.has("yt1234567890")).toBe(false);
  });
});
