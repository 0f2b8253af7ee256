import type { Title } from "../registry.ts";
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
  | { id: "nominal_days"; maxShare: number };

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
export const NOMINAL_DAYS_DEFAULT: RuleConfig = { id: "nominal_days", maxShare: 0.1 };

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
