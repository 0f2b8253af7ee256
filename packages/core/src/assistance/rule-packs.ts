import type { Title } from "../registry.ts";
import { DEFAULT_ON_SITE_RADIUS_METERS } from "./location-evidence.ts";
import type { DispatchRole } from "./vocabulary.ts";

/**
 * A rule pack is data: which rules apply and with which numbers. A province copies a pack and
 * changes its numbers (say 6 → 12 months) without a code change. Sources: NHC press conferences
 * 2019-xx (焦雅辉), 2023-04-13 (李大川) and 2024-06-18; see ../shared/spec/paired-assistance.md.
 */
export type RuleConfig =
  | { id: "min_staff"; min: number }
  | { id: "min_continuous_stay"; months: number }
  | { id: "full_year_coverage" }
  | { id: "composition"; roles: DispatchRole[] }
  | { id: "batch_size"; min: number; max: number }
  | { id: "senior_title"; minTitle: Title; count: number }
  | { id: "weekly_days_on_site"; days: number }
  | { id: "fixed_physician"; minTitle: Title; months: number }
  | NominalDaysRule;

/**
 * The nominal-stationing rule, with the pack's location-evidence parameters (issue 16). The
 * location fields are optional so that packs stored before them stay valid: a missing field means
 * its default (`nominalDaysSettings`).
 */
export interface NominalDaysRule {
  id: "nominal_days";
  maxShare: number;
  /** A check-in within this many metres of the recipient (plus the reported accuracy) is on site. Default 1000. */
  onSiteRadiusMeters?: number;
  /** Whether a day whose check-in was classified away counts as nominal. Default true. */
  countAway?: boolean;
  /** Whether a day whose check-in carried no usable position counts as nominal. Default false. */
  countWithoutLocation?: boolean;
}

export type RuleId = RuleConfig["id"];

/** Each rule's name in the two languages, as the board and the region report show it (never its id). */
export const RULE_NAMES: Record<RuleId, { zh: string; en: string }> = {
  min_staff: { zh: "派驻人数", en: "Staff count" },
  min_continuous_stay: { zh: "连续驻点时长", en: "Continuous stay" },
  full_year_coverage: { zh: "全年有人在岗", en: "Year-round presence" },
  composition: { zh: "人员构成", en: "Composition" },
  batch_size: { zh: "每批人数", en: "Batch size" },
  senior_title: { zh: "高级职称", en: "Senior title" },
  weekly_days_on_site: { zh: "每周在岗天数", en: "Days on site weekly" },
  fixed_physician: { zh: "固定医师", en: "Fixed physician" },
  nominal_days: { zh: "疑似挂名", en: "Suspected nominal" },
};

export interface RulePack {
  id: string;
  version: number;
  name: { zh: string; en: string };
  /** The built-in pack a copy was made from. */
  basedOn?: string | undefined;
  rules: RuleConfig[];
}

/**
 * `nominal_days` joins every pack when attendance is supplied. Its threshold (share of stationed
 * working days without attendance or without clinical/teaching work) is our default, not a
 * published number: 10%.
 */
export const NOMINAL_DAYS_DEFAULT: NominalDaysRule = { id: "nominal_days", maxShare: 0.1 };

/**
 * The defaults of the location parameters. An "away" check-in is the device saying the person was
 * elsewhere: by default that day is not a day on site (countAway true). "Without location" is
 * different: sharing the position is voluntary (the person may refuse, a device may have no fix
 * indoors), and the recipient still confirms the day, so by default it is not held against the
 * person (countWithoutLocation false); a province that requires positions sets it to true. Either
 * way such days are counted and shown in the verdict, and flagged on the board when many.
 */
export const LOCATION_DEFAULTS = { onSiteRadiusMeters: DEFAULT_ON_SITE_RADIUS_METERS, countAway: true, countWithoutLocation: false } as const;

export type NominalDaysSettings = Required<NominalDaysRule>;

/** A pack's nominal-days rule with every field filled in (the default rule when the pack has none). */
export function nominalDaysSettings(pack: Pick<RulePack, "rules"> | undefined): NominalDaysSettings {
  const rule = pack?.rules.find((r): r is NominalDaysRule => r.id === "nominal_days") ?? NOMINAL_DAYS_DEFAULT;
  return {
    id: "nominal_days",
    maxShare: rule.maxShare,
    onSiteRadiusMeters: typeof rule.onSiteRadiusMeters === "number" ? rule.onSiteRadiusMeters : LOCATION_DEFAULTS.onSiteRadiusMeters,
    countAway: typeof rule.countAway === "boolean" ? rule.countAway : LOCATION_DEFAULTS.countAway,
    countWithoutLocation: typeof rule.countWithoutLocation === "boolean" ? rule.countWithoutLocation : LOCATION_DEFAULTS.countWithoutLocation,
  };
}

/** The on-site radius (metres) check-ins under this pack are classified with. */
export function onSiteRadius(pack: Pick<RulePack, "rules"> | undefined): number {
  return nominalDaysSettings(pack).onSiteRadiusMeters;
}

export const BUILT_IN_PACKS: readonly RulePack[] = [
  {
    id: "city_tertiary_to_county",
    version: 1,
    name: { zh: "城市三级医院对口帮扶县级医院", en: "City tertiary hospital supports county hospital" },
    rules: [
      { id: "min_staff", min: 5 },
      { id: "min_continuous_stay", months: 6 },
      { id: "full_year_coverage" },
      { id: "composition", roles: ["management", "discipline_leader"] },
    ],
  },
  {
    id: "group_county",
    version: 1,
    name: { zh: "组团式帮扶重点县", en: "Group support of a key county" },
    rules: [
      { id: "batch_size", min: 5, max: 7 },
      { id: "min_continuous_stay", months: 12 },
      { id: "senior_title", minTitle: "associate_chief", count: 1 },
      { id: "full_year_coverage" },
    ],
  },
  {
    id: "city_to_community",
    version: 1,
    name: { zh: "城市医院支援社区卫生服务中心", en: "City hospital supports community health centre" },
    rules: [
      { id: "min_staff", min: 3 },
      { id: "weekly_days_on_site", days: 3 },
    ],
  },
  {
    id: "county_to_township",
    version: 1,
    name: { zh: "县级医院支援乡镇卫生院", en: "County hospital supports township health centre" },
    rules: [{ id: "fixed_physician", minTitle: "attending", months: 6 }, { id: "full_year_coverage" }],
  },
];

export function builtInPack(id: string): RulePack | undefined {
  return BUILT_IN_PACKS.find((p) => p.id === id);
}
