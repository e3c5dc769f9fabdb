import type { ServedAnswer } from "../../domain/intents";
import { MAINLAND_REGIONS } from "../../domain/kernel/places";
import { nearestZones } from "../../domain/pickups/rules";
import { ask, choice, say } from "../common";
import { flowValue } from "../engine/payloads";
import type { FlowContext, Reply } from "../types";

/**
 * SOP-1: a customer asking whether a place is served gets one message: from the zones (the
 * courier comes there, with the pickup button), from the network's coverage (SOP-27: a destination
 * inside it, with the pickup button; one outside, said plainly), or the area in general.
 */

/** The zones as the answer lists them ("• 城东:文昌路、东关街"): nearest first, or all of them. */
function zonesText(ctx: FlowContext, place: string | undefined): string {
  const { directory } = ctx.deps;
  return (place === undefined ? directory.data.zones : nearestZones(directory, place))
    .map((z) => ctx.t("pickup.address.zone", { zone: z.name, keywords: z.keywords.join("、") }))
    .join("\n");
}

/** The network's coverage in words: the mainland, or the policy's own divisions. */
function regionsText(ctx: FlowContext): string {
  const regions = ctx.deps.policy.coverage.regions;
  const mainland =
    regions.length === MAINLAND_REGIONS.length && MAINLAND_REGIONS.every((r) => regions.includes(r));
  return mainland ? ctx.t("coverage.mainland") : regions.join("、");
}

export function servedReply(ctx: FlowContext, answer: ServedAnswer): Reply {
  const hotline = ctx.deps.directory.branch.hotline;
  const book = [choice(ctx, "menu.pickup", flowValue("pickup"))];
  switch (answer.kind) {
    case "zone":
      return ask(ctx.t("coverage.zone.yes", { place: answer.keyword, zone: answer.zone.name }), book);
    case "outside_zones":
      return say(
        ctx.t("coverage.zone.no", { place: answer.place, zones: zonesText(ctx, answer.place), hotline }),
      );
    case "covered":
      return ask(ctx.t("coverage.destination.yes", { destination: answer.destination }), book);
    case "not_covered":
      return say(ctx.t("coverage.destination.no", { place: answer.place }));
    case "general":
      return say(
        ctx.t("coverage.general", { regions: regionsText(ctx), zones: zonesText(ctx, undefined), hotline }),
      );
  }
}
