import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../../../src/bot/slack/listeners";
import { SLACK_EVENTS_PATH } from "../../../src/bot/slack/receiver";

/** examples/slack-app-manifest.yaml creates the app in one paste: it must name what the service handles. */
const manifest = parse(readFileSync("examples/slack-app-manifest.yaml", "utf8"));

describe("the Slack app manifest (issue 10 §2)", () => {
  it("declares the slash command, interactivity and the events the service listens to, all at POST /slack/events", () => {
    const command = manifest.features.slash_commands[0];
    expect(command.command).toBe(SLASH_COMMAND);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["message.im", "app_home_opened"]);
    for (const url of [
      command.url,
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ]) {
      expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    }
  });

  it("asks for the scopes the service uses and no others, the home tab and the DM tab", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["chat:write", "commands", "im:history", "im:write"]),
    );
    // Never called (no users.*, no conversations.info/list): least privilege.
    expect(manifest.oauth_config.scopes.bot).not.toContain("users:read");
    expect(manifest.oauth_config.scopes.bot).not.toContain("im:read");
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});
