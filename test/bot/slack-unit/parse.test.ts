import { describe, expect, it } from "vitest";
import { parseAction, parseMessage, parseSlashCommand, unslack } from "../../../src/bot/slack/parse";
import { parseSlackBody } from "../../../src/bot/slack/receiver";
import { CUSTOMER_COMMANDS } from "../../../src/flows/customer";
import { knownCommands } from "../../../src/flows/engine";
import { STAFF_COMMANDS } from "../../../src/flows/staff";
import { branchDirectory } from "../../support/branch";

const directory = branchDirectory([
  { id: "ma", name: "马丽", workNo: "030", roles: ["supervisor"], slackId: "U0MA" },
  { id: "he", name: "何军", roles: ["dispatcher"], slackId: "U0HE", language: "en" },
]);
const known = knownCommands(CUSTOMER_COMMANDS, STAFF_COMMANDS);
const command = (text: string, channel_id = "D0MA", user_id = "U0MA") =>
  parseSlashCommand(directory, { user_id, channel_id, text }, known);

describe("a Slack payload as the receiver reads it", () => {
  it("reads JSON events, form-encoded slash commands and form-encoded interaction payloads", () => {
    expect(parseSlackBody('{"type":"event_callback","event":{}}', "application/json")).toMatchObject({
      type: "event_callback",
    });
    expect(
      parseSlackBody("command=%2Fparcel&text=overdue&user_id=U0MA", "application/x-www-form-urlencoded"),
    ).toEqual({
      command: "/parcel",
      text: "overdue",
      user_id: "U0MA",
    });
    const payload = encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [] }));
    expect(
      parseSlackBody(`payload=${payload}`, "application/x-www-form-urlencoded; charset=utf-8"),
    ).toMatchObject({ type: "block_actions" });
  });

  it("refuses what is not a Slack payload: bad JSON, a bad payload field, arrays, objects without type or command", () => {
    for (const [raw, type] of [
      ["{not json", "application/json"],
      ["", "application/json"],
      ["[1,2]", "application/json"],
      ['{"hello":"world"}', "application/json"],
      ['"text"', "application/json"],
      ["payload=%7Bnope", "application/x-www-form-urlencoded"],
      ["a=1&b=2", "application/x-www-form-urlencoded"],
    ] as const) {
      expect(parseSlackBody(raw, type), raw).toBeUndefined();
    }
  });
});

describe("Slack identity and input (issue 10 §4)", () => {
  it("a DM is the person's own chat, keyed by their user id; staff by the directory's slackId", () => {
    const parsed = parseMessage(directory, {
      type: "message",
      channel: "D0MA",
      channel_type: "im",
      user: "U0MA",
      text: "你好",
    });
    expect(parsed).toEqual({
      who: {
        chat: { channel: "slack", chatId: "U0MA", userId: "U0MA" },
        person: expect.objectContaining({ id: "ma" }),
        isGroup: false,
      },
      input: { kind: "text", text: "你好" },
    });
    const stranger = parseMessage(directory, {
      channel: "D0X",
      channel_type: "im",
      user: "U0STRANGER",
      text: "hi",
    });
    expect("who" in stranger && stranger.who.person).toBeUndefined();
  });

  it("ignores bots, edits and channel chatter quietly", () => {
    expect(parseMessage(directory, { channel_type: "im", bot_id: "B1", text: "x" })).toHaveProperty(
      "ignored",
    );
    expect(
      parseMessage(directory, { channel_type: "im", user: "U0MA", subtype: "message_changed" }),
    ).toHaveProperty("ignored");
    expect(
      parseMessage(directory, {
        channel: "C0DISPATCH",
        channel_type: "channel",
        user: "U0MA",
        text: "谁去一下",
      }),
    ).toEqual({ ignored: "chatter in a channel" });
  });

  it("/parcel alone is the menu; /parcel overdue the command; /parcel query its alias; other words are typed text", () => {
    expect(command("").input).toEqual({ kind: "command", name: "menu", args: "" });
    expect(command("overdue").input).toEqual({ kind: "command", name: "overdue", args: "" });
    expect(command("Query").input).toEqual({ kind: "command", name: "queries", args: "" });
    expect(command("track YT1234567890").input).toEqual({
      kind: "command",
      name: "track",
      args: "YT1234567890",
    });
    expect(command("YT1234567890").input).toEqual({ kind: "text", text: "YT1234567890" });
    expect(command("note").problemNote).toBe(true);
    expect(command("问题件").problemNote).toBe(true);
    expect(command("pickups").problemNote).toBe(false);
    // What follows the word is the tracking number the modal opens with (not typed twice).
    expect(command("problem  YT3000000003 ").problemArgs).toBe("YT3000000003");
    expect(command("note").problemArgs).toBe("");
    expect(command("pickups YT3000000003").problemArgs).toBe("");
  });

  it("a slash command in a channel is a group turn: replies go to the person's DM; typed words there show the menu", () => {
    const parsed = command("pickups", "C0DISPATCH", "U0HE");
    expect(parsed.who).toMatchObject({
      chat: { channel: "slack", chatId: "C0DISPATCH", userId: "U0HE" },
      isGroup: true,
      privateChat: { channel: "slack", chatId: "U0HE", userId: "U0HE" },
    });
    expect(command("where is my parcel", "C0DISPATCH").input).toEqual({
      kind: "command",
      name: "menu",
      args: "",
    });
  });

  it("a click carries the engine's payload: a button's value, or the chosen option of a static_select", () => {
    const body = {
      user: { id: "U0HE" },
      channel: { id: "C0DISPATCH" },
      container: { channel_id: "C0DISPATCH", message_ts: "1700000000.000100" },
    };
    const click = parseAction(directory, body, { type: "button", action_id: "pd.b0", value: "a.accept.p1" });
    expect(click).toMatchObject({
      who: { isGroup: true, person: { id: "he" } },
      input: { kind: "choice", payload: "a.accept.p1" },
      channelId: "C0DISPATCH",
      messageTs: "1700000000.000100",
    });
    const chosen = parseAction(directory, body, {
      type: "static_select",
      action_id: "pd.s",
      selected_option: { value: "a.assign.p1-zhang" },
    });
    expect(chosen).toMatchObject({ input: { kind: "choice", payload: "a.assign.p1-zhang" } });
    expect(parseAction(directory, body, { type: "static_select", selected_option: null })).toHaveProperty(
      "ignored",
    );
    expect(parseAction(directory, {}, { type: "button", value: "x" })).toHaveProperty("ignored");
  });
});

describe("Slack's markup, as the person meant it (unslack)", () => {
  it("decodes the three entities and Slack's links, mentions and channels", () => {
    expect(unslack(directory, "A &amp; B &lt;3 &gt; 2")).toBe("A & B <3 > 2");
    expect(unslack(directory, "see <https://x.example/a?b=1&amp;c=2|the page>")).toBe("see the page");
    expect(unslack(directory, "see <https://x.example/a>")).toBe("see https://x.example/a");
    expect(unslack(directory, "<mailto:a@b.cn|a@b.cn>")).toBe("a@b.cn");
    expect(unslack(directory, "ask <@U0MA> or <@U0NOBODY>")).toBe("ask 马丽 or U0NOBODY");
    expect(unslack(directory, "in <#C123|dispatch>")).toBe("in #dispatch");
    expect(unslack(directory, "&amp;lt; stays as typed")).toBe("&lt; stays as typed");
  });

  it("a DM's text and a slash command's text arrive decoded", () => {
    const dm = parseMessage(directory, {
      type: "message",
      channel: "D0MA",
      channel_type: "im",
      user: "U0MA",
      text: "A &amp; B <https://x.example|x>",
    });
    expect(dm).toMatchObject({ input: { kind: "text", text: "A & B x" } });
    expect(command("请问 &lt;YT1&gt; for <@U0HE>").input).toEqual({
      kind: "text",
      text: "请问 <YT1> for 何军",
    });
  });
});
