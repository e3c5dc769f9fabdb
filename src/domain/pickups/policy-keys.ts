import { z } from "zod";
import { MAINLAND_REGIONS, regionNamed } from "../kernel/places";
import { DEFAULT_GOODS_LISTS, type GoodsLists } from "./goods";

/**
 * The pickup area's keys of the policy file (config/policy.ts), every one optional.
 *
 * SOP-26 `goods`: the words that refuse goods. A list given replaces its defaults; `goods.add`
 * adds words to the lists and keeps the defaults (a branch extends them without copying them).
 *
 * SOP-27 `coverage`: the provincial divisions the network delivers to (`regions`, short or full
 * names; default the 31 of the mainland: not Hong Kong, Macau or Taiwan), and places inside them it
 * does not reach (`excluded`, words of the destination such as a city's name).
 */
const words = z.array(z.string().trim().min(1));

export const goodsPolicySchema = z
  .object({
    prohibited: words.default([...DEFAULT_GOODS_LISTS.prohibited]),
    fragile: words.default([...DEFAULT_GOODS_LISTS.fragile]),
    byAir: words.default([...DEFAULT_GOODS_LISTS.byAir]),
    add: z
      .object({ prohibited: words.default([]), fragile: words.default([]), byAir: words.default([]) })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({})
  .transform(
    (g): GoodsLists => ({
      prohibited: [...g.prohibited, ...g.add.prohibited],
      fragile: [...g.fragile, ...g.add.fragile],
      byAir: [...g.byAir, ...g.add.byAir],
    }),
  );

const regionName = z
  .string()
  .trim()
  .refine((name) => regionNamed(name) !== undefined, {
    message: "is not a provincial division of China (such as 江苏, 新疆, 西藏)",
  })
  .transform((name) => regionNamed(name)?.name ?? name);

export const coveragePolicySchema = z
  .object({
    regions: z
      .array(regionName)
      .min(1)
      .default([...MAINLAND_REGIONS]),
    excluded: words.default([]),
  })
  .strict()
  .prefault({});
