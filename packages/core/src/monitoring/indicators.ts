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
  /**
   * Known only once the month is over (whether a patient due in it came by its end): the current
   * month has no figure, and a tile shows last month.
   */
  pastMonthsOnly?: boolean;
  /** What is counted, precisely, and the standard it comes from. */
  description?: string;
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
    id: "stationed_outpatient_visits",
    zh: "派驻人员门诊人次",
    en: "Outpatient visits by stationed staff",
    numerator: "patients seen in confirmed outpatient sessions of the work log",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
    description:
      "Issue 16: the stationed doctors' work log, counted only once the recipient has confirmed the line (status confirmed; recorded and disputed lines are not counted). Sum of the patients of outpatient lines, in the recipient institution's county and the month of the line's date.",
  },
  {
    id: "stationed_operations",
    zh: "派驻人员手术台次",
    en: "Operations by stationed staff",
    numerator: "confirmed operation lines of the work log",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
    description: "One per confirmed operation line (lead or assistant), in the recipient institution's county and the month of the line's date.",
  },
  {
    id: "stationed_teaching_hours",
    zh: "派驻人员授课小时数",
    en: "Teaching hours by stationed staff",
    numerator: "minutes of confirmed teaching lines / 60",
    denominator: null,
    unit: "hours",
    higherIsBetter: true,
    description:
      "Lectures and teaching sessions (kind teaching) the recipient confirmed: their minutes summed and divided by 60; a line without a length adds nothing. Recipient's county, month of the line.",
  },
  {
    id: "stationed_people_trained",
    zh: "派驻人员培训带教人次",
    en: "People trained on site by stationed staff",
    numerator: "attendees of confirmed teaching lines + mentees of confirmed lines",
    denominator: null,
    unit: "count",
    higherIsBetter: true,
    description:
      "Person-times: the attendees of each confirmed teaching line plus the local staff mentored (带教, mentees) on confirmed lines. Not the same as trainees (training events and further study hosted by the supporting hospital). Recipient's county, month of the line.",
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
  // The follow-up of the hypertension register (issue 13): patients are counted in their register
  // entry's county, only while the entry is active; visits of either kind (a follow-up at the
  // institution, or a hospital's discharge summary) count as contact, except where stated.
  {
    id: "htn_standard_management_rate",
    zh: "高血压患者规范管理率",
    en: "Hypertension standardised management rate",
    numerator: "patients with at least 4 follow-up visits in the year",
    denominator: "patients on the register enrolled by the year's end",
    unit: "%",
    higherIsBetter: true,
    yearly: true,
    description:
      "国家基本公共卫生服务规范（第三版）：高血压患者每年至少4次面对面随访。National basic public health service standard (3rd edition): at least four face-to-face follow-ups a year. Numerator: patients with ≥ 4 visits of kind follow_up dated in the calendar year (a hospital's discharge summary is not a face-to-face follow-up); denominator: active register patients enrolled on or before 31 December of the year. Counted in December.",
  },
  {
    id: "htn_missed_visits",
    zh: "高血压未按期随访率",
    en: "Hypertension missed visits",
    numerator: "patients due in the month with no visit from the due date to the month's end",
    denominator: "patients due in the month",
    unit: "%",
    higherIsBetter: false,
    pastMonthsOnly: true,
    description:
      "A patient is due on the next due date set by a visit, unless another visit comes before that date (it sets a new one); due dates more than six months after their visit (a yearly re-check of someone found not hypertensive) are not follow-up dues. Missed: no visit on or after the due date up to the last day of its month (a visit on the due date is on time). Patients are counted once per month; a month is counted once it is over.",
  },
  {
    id: "htn_lost_to_follow_up",
    zh: "高血压失访率",
    en: "Hypertension lost to follow-up",
    numerator: "patients neither enrolled nor visited in the 6 months up to the month's end",
    denominator: "patients under care at the month's end",
    unit: "%",
    higherIsBetter: false,
    description:
      "Each month from enrolment: lost when the patient has no visit dated after the day six months before the month's last day (a visit exactly six months before it no longer counts) and was enrolled on or before that day. Under care: active register patients enrolled by the month's end.",
  },
  {
    id: "htn_visits_without_bp",
    zh: "随访未记录血压占比",
    en: "Visits without a BP reading",
    numerator: "visits in the month without a blood pressure",
    denominator: "visits in the month",
    unit: "%",
    higherIsBetter: false,
    description:
      "Visits of either kind dated in the month, of any register patient; without a reading: systolic or diastolic missing (a discharge summary may come without one).",
  },
  {
    id: "htn_calls_reached",
    zh: "电话随访接通率",
    en: "Follow-up calls reached",
    numerator: "calls in the month with the result reached (a date agreed)",
    denominator: "calls in the month",
    unit: "%",
    higherIsBetter: true,
    description:
      "Calls to register patients on the call list, counted in the month they were made; the region report lists the calls by result (reached, no answer, wrong number, moved away, died, refused).",
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
  // Counts are whole already; hours (teaching minutes / 60) keep two decimals.
  if (indicator.denominator === null) return Math.round(numerator * 100) / 100;
  if (!denominator) return null;
  const v = numerator / denominator;
  return indicator.unit === "%" ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100;
}
