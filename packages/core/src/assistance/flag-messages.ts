import type { Bilingual } from "./messages.ts";

/** The words of the flags officials act on (issue 16 item 5), worded for a health-commission official. */

const percent = (share: number) => `${Math.round(share * 100)}%`;
const listZh = (items: string[], max = 6) => (items.length > max ? `${items.slice(0, max).join("、")} 等 ${items.length} 个月` : items.join("、"));
const listEn = (items: string[], max = 6) => (items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", "));
const range = (first: string | null, last: string | null) => (first && last ? (first === last ? first : `${first} – ${last}`) : "");

export const FLAG_MESSAGES = {
  away_days: (name: string, days: number, checkIns: number, share: number, first: string | null, last: string | null): Bilingual => ({
    zh: `${name} 的 ${checkIns} 次带定位打卡中有 ${days} 天不在受援机构（${percent(share)}，${range(first, last)}）`,
    en: `${name} was away from the recipient on ${days} of ${checkIns} located check-ins (${percent(share)}, ${range(first, last)})`,
  }),
  without_location_days: (name: string, days: number, checkIns: number, share: number, first: string | null, last: string | null): Bilingual => ({
    zh: `${name} 的 ${checkIns} 次打卡中有 ${days} 天无定位（${percent(share)}，${range(first, last)}）`,
    en: `${name} checked in without a location on ${days} of ${checkIns} days (${percent(share)}, ${range(first, last)})`,
  }),
  empty_work_log: (name: string, months: { month: string; stationedDays: number; checkIns: number }[]): Bilingual => ({
    zh: `${name} 在 ${listZh(months.map((m) => `${m.month}（驻点 ${m.stationedDays} 个工作日，打卡 ${m.checkIns} 次）`))} 工作日志为空`,
    en: `${name} logged no work in ${listEn(months.map((m) => `${m.month} (${m.stationedDays} stationed working days, ${m.checkIns} check-ins)`))}`,
  }),
  unconfirmed_months: (name: string, months: { month: string; status: "open" | "disputed" }[], graceDays: number): Bilingual => ({
    zh: `${name} 的 ${listZh(months.map((m) => (m.status === "disputed" ? `${m.month}（有异议）` : m.month)))} 月度工作超过月末 ${graceDays} 天仍未经受援机构确认`,
    en: `${name}'s ${listEn(months.map((m) => (m.status === "disputed" ? `${m.month} (disputed)` : m.month)))} not confirmed by the recipient ${graceDays} days after the month's end`,
  }),
  low_rating: (name: string, period: string, mean: number, threshold: number): Bilingual => ({
    zh: `受援机构对 ${name}（${period === "end" ? "驻点结束" : period}）的评价均分 ${mean.toFixed(1)}，低于 ${threshold} 分`,
    en: `The recipient rated ${name} ${mean.toFixed(1)} on average (${period === "end" ? "end of stay" : period}), below ${threshold}`,
  }),
};
