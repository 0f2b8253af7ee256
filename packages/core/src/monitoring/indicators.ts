/**
 * Indicators as data (indicators.md): id, names, what is counted over what, unit and direction.
 * The server keeps every one in its monthly county rollups.
 */
export type IndicatorUnit = "%" | "count" | "days" | "hours" | "ratio";
interface IndicatorDefinition {
  id: string;
  zh: string;
  en: string;
  numerator: string;
  denominator: string | null;
  unit: IndicatorUnit;
  /** Whether a higher value is better. */
  higherIsBetter: boolean;
  /** Measured once a year (counted in December): a tile shows the latest year, not this month. */
  yearly?: boolean;
  /** A median (read off histograms), not a sum: only the server can combine regions and months. */
  median?: boolean;
}

/**
 * The catalogue, kept literal (`as const`) so its ids form a closed union and its flags stay
 * visible to the compiler: the server's sources (monitoring/indicator-sources.ts) must name every
 * id, and a median must have a histogram.
 */
const CATALOGUE = [
  {
    id: "referrals_up",
    zh: "上转人次",
    en: "Up-referrals",
    numerator: "referrals submitted upward in the period",
    denominator: null,
    unit: "count",
    higherIsBetter: false,
  },
  {
    id: "referrals_down",
    zh: "下转人次",
    en: "Down-referrals",
    numerator: "referrals submitted downward in the period",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
  },
  {
    id: "down_up_ratio",
    zh: "下转/上转比",
    en: "Down/up ratio",
    numerator: "down-referrals",
    denominator: "up-referrals",
    unit: "ratio",
    higherIsBetter: true,
  },
  {
    id: "reserved_slot_utilisation",
    zh: "预留号源使用率",
    en: "Reserved slot utilisation",
    numerator: "booked slots",
    denominator: "reserved slots",
    unit: "%",
    higherIsBetter: true,
  },
  {
    id: "reserved_bed_utilisation",
    zh: "预留床位使用率",
    en: "Reserved bed utilisation",
    numerator: "booked beds",
    denominator: "reserved beds",
    unit: "%",
    higherIsBetter: true,
  },
  {
    id: "telemedicine_sessions",
    zh: "远程医疗次数",
    en: "Telemedicine sessions",
    numerator: "sessions held (recipient's region)",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
  },
  {
    id: "touring_visits",
    zh: "巡回医疗次数",
    en: "Touring visits",
    numerator: "touring visits at sites of the region",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
  },
  {
    id: "trainees",
    zh: "培训人次",
    en: "Person-times trained",
    numerator: "training attendees + further-study placements started",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
  },
  {
    id: "techniques_transferred",
    zh: "新技术新项目",
    en: "Techniques transferred",
    numerator: "techniques launched",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
  },
  {
    id: "county_capability_basic",
    zh: "县医院达基本标准率",
    en: "County hospitals meeting the basic standard",
    numerator: "meeting basic",
    denominator: "assessed",
    unit: "%",
    higherIsBetter: true,
    yearly: true,
  },
  {
    id: "county_capability_recommended",
    zh: "县医院达推荐标准率",
    en: "County hospitals meeting the recommended standard",
    numerator: "meeting recommended",
    denominator: "assessed",
    unit: "%",
    higherIsBetter: true,
    yearly: true,
  },
  {
    id: "dispatch_compliance",
    zh: "派驻合规率",
    en: "Dispatch compliance",
    numerator: "agreements passing",
    denominator: "agreements active",
    unit: "%",
    higherIsBetter: true,
    yearly: true,
  },
  {
    id: "stationed_person_days",
    zh: "派驻人日",
    en: "Stationed person-days",
    numerator: "stationed days",
    denominator: null,
    unit: "days",
    higherIsBetter: true,
  },
  {
    id: "coverage_gap_days",
    zh: "断档天数",
    en: "Coverage gap days",
    numerator: "days with nobody on site",
    denominator: null,
    unit: "days",
    higherIsBetter: false,
  },
  {
    id: "suspected_nominal_days",
    zh: "疑似挂名天数",
    en: "Suspected nominal days",
    numerator: "flagged days",
    denominator: null,
    unit: "days",
    higherIsBetter: false,
    yearly: true,
  },
  {
    id: "referral_acceptance_median_h",
    zh: "转诊接收时长中位数",
    en: "Referral acceptance, median hours",
    numerator: "hours submitted → accepted",
    denominator: null,
    unit: "hours",
    higherIsBetter: false,
    median: true,
  },
  {
    id: "within_county_rate",
    zh: "县域内就诊率",
    en: "Within-county treatment rate",
    numerator: "visits inside the county",
    denominator: "all visits of residents",
    unit: "%",
    higherIsBetter: true,
  },
  {
    id: "out_of_county_referral_rate",
    zh: "县外转诊率",
    en: "Out-of-county referral rate",
    numerator: "up-referrals leaving the county",
    denominator: "visits of the county",
    unit: "%",
    higherIsBetter: false,
  },
  {
    id: "techniques_gap_filling",
    zh: "填补空白技术",
    en: "Techniques filling a provincial gap",
    numerator: "techniques filling a gap",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
  },
  {
    id: "techniques_sustained",
    zh: "持续开展技术",
    en: "Techniques sustained",
    numerator: "sustained techniques",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
    yearly: true,
  },
  {
    id: "touring_visit_compliance",
    zh: "巡回频次达标率",
    en: "Touring frequency compliance",
    numerator: "sites meeting the rule",
    denominator: "sites under the rule",
    unit: "%",
    higherIsBetter: true,
    yearly: true,
  },
  {
    id: "htn_control_rate",
    zh: "高血压控制率",
    en: "Hypertension control rate",
    numerator: "controlled in the last 3 months",
    denominator: "patients under care",
    unit: "%",
    higherIsBetter: true,
  },
] as const satisfies readonly IndicatorDefinition[];

/** An indicator's id: one of the catalogue's, nothing else. */
export type IndicatorId = (typeof CATALOGUE)[number]["id"];
/** One catalogue entry as written, its flags literal (`median: true`), for types keyed on them. */
export type CatalogueEntry = (typeof CATALOGUE)[number];
export interface Indicator extends IndicatorDefinition {
  id: IndicatorId;
}
export const INDICATORS: readonly Indicator[] = CATALOGUE;

/** `all` is the whole from–to window as one period. */
export const PERIOD_KINDS = ["month", "quarter", "year", "all"] as const;
/** `national` is the whole country as one region (code 000000). */
export const VALUE_LEVELS = ["national", "province", "city", "county"] as const;
export type ValueLevel = (typeof VALUE_LEVELS)[number];
export type IndicatorPeriod = (typeof PERIOD_KINDS)[number];

/** The value of a numerator over a denominator in the indicator's unit (null when undefined). */
export function indicatorValue(indicator: Indicator, numerator: number, denominator: number | null): number | null {
  if (indicator.denominator === null) return numerator;
  if (!denominator) return null;
  const v = numerator / denominator;
  return indicator.unit === "%" ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100;
}
