import type { Bilingual } from "../assistance/messages.ts";
import type { DispatchRole } from "../assistance/vocabulary.ts";
import { DISPATCH_ROLE_ZH, TITLE_ZH } from "../labels.ts";
import type { Title } from "../registry.ts";

/**
 * The planner's sentences, for a coordinator rather than an optimiser: a break says which rule of
 * which agreement the best plan still misses, a reason says why no plan meets every rule.
 */
const roleEn = (role: DispatchRole, n = 1) => `${role.replace("_", " ")}${n === 1 ? "" : "s"}`;
const titleEn = (title: Title) => title.replace("_", " ");
const people = (n: number) => (n === 1 ? "person" : "people");

export const PLAN_MESSAGES = {
  coverage: (agreement: string, from: string, to: string): Bilingual => ({
    zh: `协议 ${agreement}：${from}…${to} 无人可派，该段无人在岗`,
    en: `${agreement}: nobody free for ${from}…${to}, so nobody is on site then`,
  }),
  staff: (agreement: string, missing: number, required: number): Bilingual => ({
    zh: `协议 ${agreement}：能派出的人员比要求的 ${required} 人少 ${missing} 人`,
    en: `${agreement}: ${missing} ${people(missing)} short of the ${required} required`,
  }),
  role: (agreement: string, role: DispatchRole): Bilingual => ({
    zh: `协议 ${agreement}：没有可派的${DISPATCH_ROLE_ZH[role]}`,
    en: `${agreement}: no ${roleEn(role)} free to go`,
  }),
  senior: (agreement: string, missing: number, minTitle: Title): Bilingual => ({
    zh: `协议 ${agreement}：还缺 ${missing} 名${TITLE_ZH[minTitle]}及以上职称人员`,
    en: `${agreement}: ${missing} more ${titleEn(minTitle)} or above needed`,
  }),
  batch: (agreement: string, missing: number, min: number): Bilingual => ({
    zh: `协议 ${agreement}：本批人数比最少的 ${min} 人少 ${missing} 人`,
    en: `${agreement}: the batch is ${missing} short of the minimum ${min}`,
  }),
  fixedPhysician: (agreement: string, minTitle: Title, months: number): Bilingual => ({
    zh: `协议 ${agreement}：没有能连续驻点 ${months} 个月的${TITLE_ZH[minTitle]}及以上医师`,
    en: `${agreement}: no physician of ${titleEn(minTitle)} or above free for ${months} continuous months`,
  }),
  department: (department: string, month: string, over: number, cap: number): Bilingual => ({
    zh: `${month} ${department}外派会超出上限 ${over} 人（最多同时外派 ${cap} 人）`,
    en: `${department} would have ${over} more away in ${month} than its limit of ${cap}`,
  }),
  shortFacts: (agreement: string, count: number, months: number): Bilingual => ({
    zh: `协议 ${agreement}：已记录的 ${count} 人驻点不足 ${months} 个月，规划无法延长`,
    en: `${agreement}: ${count} recorded ${count === 1 ? "stay is" : "stays are"} shorter than ${months} months; a plan cannot lengthen them`,
  }),
  /** "2 discipline leaders for 3 agreements". */
  roleShortage: (role: DispatchRole, available: number, needing: number): Bilingual => ({
    zh: `${needing} 个协议各需 1 名${DISPATCH_ROLE_ZH[role]}，可派的只有 ${available} 名`,
    en: `${available} ${roleEn(role, available)} for ${needing} agreements`,
  }),
  allMet: (): Bilingual => ({ zh: "该计划满足每个协议的全部驻点规则", en: "The plan meets every stationing rule of every agreement" }),
  noAgreements: (year: number): Bilingual => ({
    zh: `${year} 年没有需要规划的协议（该医院没有覆盖这一年的有效协议）`,
    en: `No agreement to plan for ${year} (the hospital has no active agreement covering that year)`,
  }),
};
