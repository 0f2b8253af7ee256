import type { Title } from "../registry.ts";
import type { DispatchRole } from "./vocabulary.ts";

/** A message in both languages the UI offers, worded for a health-commission official. */
export interface Bilingual {
  zh: string;
  en: string;
}

const ROLE_ZH: Record<DispatchRole, string> = {
  management: "管理人员",
  clinical: "临床医师",
  discipline_leader: "学科带头人",
  nursing: "护理人员",
  technician: "医技人员",
};
const TITLE_ZH: Record<Title, string> = {
  resident: "住院医师",
  attending: "主治医师（中级）",
  associate_chief: "副主任医师（副高）",
  chief: "主任医师（正高）",
};
const list = (items: string[], max = 5) => (items.length > max ? `${items.slice(0, max).join("、")} 等 ${items.length} 项` : items.join("、"));
const listEn = (items: string[], max = 5) => (items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", "));

export const MESSAGES = {
  min_staff: (actual: number, required: number): Bilingual =>
    actual >= required
      ? { zh: `本年度派驻 ${actual} 人，达到不少于 ${required} 人的要求`, en: `${actual} staff stationed this year; at least ${required} required` }
      : { zh: `本年度仅派驻 ${actual} 人，少于要求的 ${required} 人`, en: `Only ${actual} staff stationed this year; at least ${required} required` },
  min_continuous_stay: (offenders: { person: string; longestStayDays: number }[], months: number): Bilingual =>
    offenders.length === 0
      ? { zh: `每名派驻人员均连续驻点满 ${months} 个月`, en: `Every stationed person stayed at least ${months} continuous months` }
      : {
          zh: `${offenders.length} 人连续驻点不足 ${months} 个月：${list(offenders.map((o) => `${o.person}（最长 ${o.longestStayDays} 天）`))}`,
          en: `${offenders.length} ${offenders.length === 1 ? "person" : "people"} stayed less than ${months} continuous months: ${listEn(offenders.map((o) => `${o.person} (longest ${o.longestStayDays} days)`))}`,
        },
  full_year_coverage: (gaps: { from: string; to: string }[]): Bilingual =>
    gaps.length === 0
      ? { zh: "全年每天均有派驻人员在岗", en: "Someone was on site every day of the year" }
      : {
          zh: `${list(gaps.map((g) => (g.from === g.to ? g.from : `${g.from} 至 ${g.to}`)))} 无派驻人员在岗`,
          en: `Nobody on site ${listEn(gaps.map((g) => (g.from === g.to ? `on ${g.from}` : `from ${g.from} to ${g.to}`)))}`,
        },
  composition: (missing: DispatchRole[]): Bilingual =>
    missing.length === 0
      ? { zh: "派驻人员包含管理人员和学科带头人", en: "The stationed staff include the required roles" }
      : { zh: `本年度未派驻${missing.map((r) => ROLE_ZH[r]).join("和")}`, en: `No ${missing.join(" or ")} stationed this year` },
  batch_size: (offenders: { batch: string; size: number }[], min: number, max: number): Bilingual =>
    offenders.length === 0
      ? { zh: `每批派驻 ${min}–${max} 人`, en: `Every batch has ${min}–${max} people` }
      : {
          zh: `批次人数不符合 ${min}–${max} 人：${list(offenders.map((o) => `${o.batch} 批 ${o.size} 人`))}`,
          en: `Batches outside ${min}–${max} people: ${listEn(offenders.map((o) => `${o.batch} has ${o.size}`))}`,
        },
  senior_title: (offenders: { batch: string }[], minTitle: Title, count: number): Bilingual =>
    offenders.length === 0
      ? { zh: `每批至少 ${count} 名${TITLE_ZH[minTitle]}及以上职称人员`, en: `Every batch has at least ${count} ${minTitle} or above` }
      : {
          zh: `${list(offenders.map((o) => `${o.batch} 批`))}缺少${TITLE_ZH[minTitle]}及以上职称人员`,
          en: `${listEn(offenders.map((o) => `Batch ${o.batch}`))} lacks ${count} ${minTitle} or above`,
        },
  fixed_physician: (qualifying: number, minTitle: Title, months: number): Bilingual =>
    qualifying > 0
      ? {
          zh: `有 ${qualifying} 名${TITLE_ZH[minTitle]}及以上医师相对固定驻点满 ${months} 个月`,
          en: `${qualifying} physician(s) of ${minTitle} or above stayed ${months} months or more`,
        }
      : {
          zh: `没有${TITLE_ZH[minTitle]}及以上医师相对固定驻点满 ${months} 个月`,
          en: `No physician of ${minTitle} or above stayed ${months} continuous months`,
        },
  weekly_days_on_site: (offenders: { person: string; week: string; days: number; required: number }[], days: number): Bilingual =>
    offenders.length === 0
      ? { zh: `派驻期间每周在岗不少于 ${days} 个工作日`, en: `At least ${days} working days on site every week of the stay` }
      : {
          zh: `${offenders.length} 个人周在岗不足 ${days} 个工作日：${list(offenders.map((o) => `${o.person} ${o.week} 当周 ${o.days} 天`))}`,
          en: `${offenders.length} person-weeks below ${days} working days on site: ${listEn(offenders.map((o) => `${o.person} week of ${o.week}: ${o.days}`))}`,
        },
  nominal_days: (nominal: number, stationed: number, maxShare: number, location: LocationDays): Bilingual => {
    const where = locationSentence(location);
    return nominal / Math.max(stationed, 1) <= maxShare
      ? {
          zh: `派驻工作日中疑似挂名 ${nominal} 天（共 ${stationed} 天），未超过 ${Math.round(maxShare * 100)}%${where.zh}`,
          en: `${nominal} of ${stationed} stationed working days suspected nominal, within ${Math.round(maxShare * 100)}%${where.en}`,
        }
      : {
          zh: `疑似挂名：${stationed} 个派驻工作日中有 ${nominal} 天无考勤${location.countAway ? "、打卡不在岗" : ""}${location.countWithoutLocation ? "、打卡无位置" : ""}或无诊疗、带教活动，超过 ${Math.round(maxShare * 100)}%${where.zh}`,
          en: `Suspected nominal stationing: ${nominal} of ${stationed} stationed working days have no attendance${location.countAway ? ", a check-in away from the recipient" : ""}${location.countWithoutLocation ? ", a check-in without location" : ""} or no clinical/teaching work (over ${Math.round(maxShare * 100)}%)${where.en}`,
        };
  },
  no_attendance: (): Bilingual => ({ zh: "未提供考勤记录，无法核实每周在岗天数", en: "No attendance was supplied, so days on site cannot be verified" }),
  at_risk: (plan: Bilingual, asOf: string): Bilingual => ({
    zh: `截至 ${asOf} 尚未达到，依赖已计划的派驻：${plan.zh}`,
    en: `Not yet met on ${asOf}; relies on planned dispatches: ${plan.en}`,
  }),
};

/** Check-in days classified away or without location, and whether the pack counts them as nominal. */
export interface LocationDays {
  awayDays: number;
  withoutLocationDays: number;
  countAway: boolean;
  countWithoutLocation: boolean;
}

/** "；其中 3 天打卡不在岗（计入）、2 天打卡无位置（不计入）" — empty when there were none. */
function locationSentence(l: LocationDays): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  if (l.awayDays > 0) {
    zh.push(`${l.awayDays} 天打卡不在岗（${l.countAway ? "计入" : "按规则包不计入"}）`);
    en.push(`${l.awayDays} checked in away (${l.countAway ? "counted" : "not counted under this pack"})`);
  }
  if (l.withoutLocationDays > 0) {
    zh.push(`${l.withoutLocationDays} 天打卡无位置（${l.countWithoutLocation ? "计入" : "按规则包不计入"}）`);
    en.push(`${l.withoutLocationDays} checked in without location (${l.countWithoutLocation ? "counted" : "not counted under this pack"})`);
  }
  return zh.length ? { zh: `；其中 ${zh.join("，")}`, en: `; ${en.join(", ")}` } : { zh: "", en: "" };
}
