import { ACTIVITIES, type Activity, DISPATCH_ROLES, type DispatchRole } from "./assistance/vocabulary.ts";
import {
  ALLIANCE_KINDS,
  type AllianceKind,
  ASSESSMENT_LEVELS,
  type AssessmentLevel,
  INSTITUTION_KINDS,
  type InstitutionKind,
  PROFESSIONS,
  type Profession,
  ROLES,
  type Role,
  TITLES,
  type Title,
} from "./registry.ts";

/**
 * The Chinese names of the vocabularies people type into spreadsheets. One table: the web shows
 * these (web/src/i18n.ts takes them for zh) and every import reads them back (`enumCell`), so
 * 乡镇卫生院 in a file means what the screen calls 乡镇卫生院.
 */
export const INSTITUTION_KIND_ZH: Record<InstitutionKind, string> = {
  national_medical_center: "国家医学中心",
  regional_medical_center: "区域医疗中心",
  tertiary_hospital: "三级医院",
  secondary_hospital: "二级医院",
  county_hospital: "县级医院",
  county_tcm_hospital: "县中医医院",
  township_health_center: "乡镇卫生院",
  community_health_center: "社区卫生服务中心",
  village_clinic: "村卫生室",
};

export const ALLIANCE_KIND_ZH: Record<AllianceKind, string> = {
  medical_alliance: "医联体",
  county_medical_community: "县域医共体",
  city_medical_group: "城市医疗集团",
  specialty_alliance: "专科联盟",
  telemedicine_network: "远程医疗协作网",
};

export const TITLE_ZH: Record<Title, string> = { resident: "住院医师", attending: "主治医师", associate_chief: "副主任医师", chief: "主任医师" };

export const PROFESSION_ZH: Record<Profession, string> = { physician: "医师", nurse: "护理", technician: "医技", pharmacist: "药师", manager: "管理" };

export const ROLE_ZH: Record<Role, string> = {
  national_admin: "国家管理员",
  health_official: "卫生健康行政部门",
  institution_coordinator: "机构联络员",
  clinician: "临床医生",
  stationed_doctor: "派驻医生",
};

export const ASSESSMENT_LEVEL_ZH: Record<AssessmentLevel, string> = { none: "未达标", basic: "达到基本标准", recommended: "达到推荐标准" };

export const DISPATCH_ROLE_ZH: Record<DispatchRole, string> = {
  management: "管理人员",
  clinical: "临床医师",
  discipline_leader: "学科带头人",
  nursing: "护理人员",
  technician: "医技人员",
};

export const ACTIVITY_ZH: Record<Activity, string> = {
  clinic: "门诊",
  ward_round: "查房",
  surgery: "手术",
  teaching: "带教",
  training: "培训",
  consultation: "会诊",
  management: "管理",
};

/** A vocabulary as imports read it: its values, their Chinese names, and words people also write. */
export interface Vocabulary<T extends string> {
  values: readonly T[];
  zh: Record<T, string>;
  /** Further words for a value (短 names, 旧称…), in either language. */
  synonyms?: Record<string, T>;
}

export const VOCABULARIES = {
  institutionKind: {
    values: INSTITUTION_KINDS,
    zh: INSTITUTION_KIND_ZH,
    synonyms: {
      县医院: "county_hospital",
      县人民医院: "county_hospital",
      县中医院: "county_tcm_hospital",
      卫生院: "township_health_center",
      乡镇卫生院: "township_health_center",
      社区卫生服务中心: "community_health_center",
      社区医院: "community_health_center",
      村卫生所: "village_clinic",
    },
  },
  allianceKind: { values: ALLIANCE_KINDS, zh: ALLIANCE_KIND_ZH },
  title: { values: TITLES, zh: TITLE_ZH, synonyms: { 住院医生: "resident", 主治: "attending", 副主任: "associate_chief", 主任: "chief" } },
  profession: { values: PROFESSIONS, zh: PROFESSION_ZH, synonyms: { 护士: "nurse", 药剂: "pharmacist", 管理人员: "manager", 医生: "physician" } },
  role: { values: ROLES, zh: ROLE_ZH },
  assessmentLevel: { values: ASSESSMENT_LEVELS, zh: ASSESSMENT_LEVEL_ZH, synonyms: { 基本标准: "basic", 推荐标准: "recommended" } },
  dispatchRole: {
    values: DISPATCH_ROLES,
    zh: DISPATCH_ROLE_ZH,
    synonyms: { 管理: "management", 临床: "clinical", 医师: "clinical", 护理: "nursing", 医技: "technician" },
  },
  activity: { values: ACTIVITIES, zh: ACTIVITY_ZH },
} as const satisfies Record<string, Vocabulary<string>>;

/** Case, width and spacing do not matter: `Township Health Center`, ` township-health-center`, `乡镇 卫生院`. */
function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[\s\-_]+/g, "_");
}

const LOOKUPS = new WeakMap<Vocabulary<string>, Map<string, string>>();

function lookupOf(vocabulary: Vocabulary<string>): Map<string, string> {
  let map = LOOKUPS.get(vocabulary);
  if (!map) {
    map = new Map();
    for (const [word, value] of Object.entries(vocabulary.synonyms ?? {})) map.set(normalise(word).replace(/_/g, ""), value);
    for (const value of vocabulary.values) {
      map.set(normalise(value), value);
      map.set(normalise(vocabulary.zh[value] ?? value).replace(/_/g, ""), value);
    }
    LOOKUPS.set(vocabulary, map);
  }
  return map;
}

/**
 * A spreadsheet cell → the vocabulary's value: the identifier (`township_health_center`) or its
 * Chinese name (乡镇卫生院), tolerant of case and spaces. Anything else comes back as typed, so
 * validation refuses it naming the allowed values (`enum`, params.allowed).
 */
export function enumCell<T extends string>(vocabulary: Vocabulary<T>, text: string): T | string {
  const key = normalise(text);
  const map = lookupOf(vocabulary as Vocabulary<string>);
  return (map.get(key) ?? map.get(key.replace(/_/g, "")) ?? text) as T | string;
}

/** Kinds of in-app notification: referral events, and telemedicine session events (telemedicine_<new status>). */
export type NotificationKind =
  | "incoming"
  | "accepted"
  | "rejected"
  | "scheduled"
  | "expiring"
  | "expired"
  | "completed"
  | "telemedicine_requested"
  | "telemedicine_proposed"
  | "telemedicine_scheduled"
  | "telemedicine_held"
  | "telemedicine_closed"
  | "telemedicine_cancelled";

/** A notification's Chinese title: stored for webhooks and API clients, and the web's zh text. */
export const NOTIFICATION_TITLE_ZH: Record<NotificationKind, string> = {
  incoming: "新的转入申请",
  accepted: "转诊已被接收",
  rejected: "转诊被拒绝",
  scheduled: "转诊已预约号源/床位",
  expiring: "转诊即将超时，请尽快处理",
  expired: "转诊超时未应答",
  completed: "转诊已完成",
  telemedicine_requested: "新的远程医疗申请",
  telemedicine_proposed: "远程医疗：对方提议了新的时间",
  telemedicine_scheduled: "远程医疗已安排",
  telemedicine_held: "远程医疗已开展，纪要已填写",
  telemedicine_closed: "远程医疗已结束",
  telemedicine_cancelled: "远程医疗已取消",
};
