/**
 * Hypertension knowledge as data (hypertension.md): every threshold, table and list the engine
 * reads, each with the guideline section it comes from. The engine holds no numbers of its own.
 */

export const EDITIONS = ["2020", "2025"] as const;
export type EditionId = (typeof EDITIONS)[number];
export const DEFAULT_EDITION: EditionId = "2020";

export const BP_GRADES = ["normal", "high_normal", "grade1", "grade2", "grade3"] as const;
export type BpGrade = (typeof BP_GRADES)[number];
export const RISKS = ["low", "moderate", "moderate_high", "high", "high_very_high", "very_high"] as const;
export type Risk = (typeof RISKS)[number];
export const DRUG_CLASSES = ["A", "B", "C", "D"] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

export const CONDITIONS = [
  "diabetes",
  "diabetes_with_complications",
  "ckd_stage3",
  "ckd_stage4plus",
  "proteinuria",
  "coronary_heart_disease",
  "heart_failure",
  "stroke",
  "atrial_fibrillation",
  "peripheral_artery_disease",
  "advanced_retinopathy",
  "lvh",
  "carotid_plaque",
  "gout",
  "asthma",
  "av_block_2_3",
  "hyperkalemia",
  "bilateral_renal_artery_stenosis",
  "secondary_suspected",
] as const;
export type Condition = (typeof CONDITIONS)[number];
export const RISK_FACTORS = ["smoking", "impaired_glucose", "dyslipidemia", "family_history_premature_cvd", "obesity", "elevated_homocysteine"] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
export const SYMPTOMS = [
  "severe_headache",
  "vomiting",
  "altered_consciousness",
  "speech_disturbance",
  "limb_weakness",
  "chest_pain",
  "back_pain",
  "dyspnea",
  "orthopnea",
  "blurred_vision",
  "palpitations_sweating_episodes",
] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const SETTINGS = ["office", "home", "ambulatory_24h"] as const;
export type Setting = (typeof SETTINGS)[number];

/** Where a rule comes from: the guideline and its section. */
export interface Source {
  guideline: string;
  section: string;
}
const BASIC_2020 = "国家基层高血压防治管理指南 2020版";
const BASIC_2025 = "国家基层高血压防治管理指南 2025版";
const CHINA_2018 = "中国高血压防治指南 2018年修订版";
const src = (guideline: string, section: string): Source => ({ guideline, section });

/** Lower bound (inclusive) of each grade, for SBP and DBP; the higher category of the two wins. */
export const GRADE_TABLE = {
  source: src(BASIC_2020, "二、诊断与评估 · 表1 血压水平分类和定义"),
  bands: [
    { grade: "high_normal", sbp: 120, dbp: 80 },
    { grade: "grade1", sbp: 140, dbp: 90 },
    { grade: "grade2", sbp: 160, dbp: 100 },
    { grade: "grade3", sbp: 180, dbp: 110 },
  ] as { grade: BpGrade; sbp: number; dbp: number }[],
} as const;

/** Plausible ranges: anything outside is taken for an entry error, not a reading. */
export const PLAUSIBLE = { sbp: { min: 60, max: 300 }, dbp: { min: 30, max: 200 } } as const;

/** Risk stratification (2018 table 4): rows by other risk factors / organ damage / complications. */
export const RISK_TABLE = {
  source: src(CHINA_2018, "3.4 心血管风险分层 · 表4 血压升高患者心血管风险水平分层"),
  /** Age is a risk factor by itself above these ages (2018 table 5). */
  ageRiskFactor: { male: 55, female: 65 },
  organDamage: ["lvh", "carotid_plaque", "ckd_stage3"] as Condition[],
  /** ACR 30–300 mg/g is microalbuminuria, organ damage; above it, clinical kidney disease. */
  acrOrganDamage: { min: 30, max: 300 },
  /** eGFR 30–59 counts like ckd_stage3, below 30 like ckd_stage4plus (2018 table 5). */
  egfr: { stage3Below: 60, stage4Below: 30 },
  complications: [
    "coronary_heart_disease",
    "heart_failure",
    "stroke",
    "atrial_fibrillation",
    "ckd_stage4plus",
    "peripheral_artery_disease",
    "advanced_retinopathy",
    "diabetes_with_complications",
  ] as Condition[],
  rows: {
    none: { high_normal: null, grade1: "low", grade2: "moderate", grade3: "high" },
    oneOrTwo: { high_normal: "low", grade1: "moderate", grade2: "moderate_high", grade3: "very_high" },
    threeOrDamage: { high_normal: "moderate_high", grade1: "high", grade2: "high", grade3: "very_high" },
    complication: { high_normal: "high_very_high", grade1: "very_high", grade2: "very_high", grade3: "very_high" },
  } as Record<"none" | "oneOrTwo" | "threeOrDamage" | "complication", Record<Exclude<BpGrade, "normal">, Risk | null>>,
} as const;

export interface BloodPressure {
  sbp: number;
  dbp: number;
}

/** A target rule: the first whose conditions hold applies. */
export interface TargetRule {
  id: string;
  minAge?: number;
  maxAge?: number;
  anyCondition?: Condition[];
  target: BloodPressure;
  ifTolerated?: BloodPressure;
  source: Source;
}

export interface Edition {
  id: EditionId;
  title: string;
  diagnosis: {
    office: BloodPressure;
    home: BloodPressure;
    ambulatory: BloodPressure;
    /** Distinct office dates at or above the threshold that confirm the diagnosis. */
    dates: number;
    /** null: any span; a number: the dates must fall within this many days. */
    withinDays: number | null;
    source: Source;
  };
  targets: TargetRule[];
}

export const EDITION_DATA: Record<EditionId, Edition> = {
  "2020": {
    id: "2020",
    title: BASIC_2020,
    diagnosis: {
      office: { sbp: 140, dbp: 90 },
      home: { sbp: 135, dbp: 85 },
      ambulatory: { sbp: 130, dbp: 80 },
      dates: 3,
      withinDays: null,
      source: src(BASIC_2020, "二、诊断与评估 · （一）诊断标准"),
    },
    targets: [
      // Safety first: the very old keep the loose target whatever else they have.
      { id: "age_80_plus", minAge: 80, target: { sbp: 150, dbp: 90 }, source: src(BASIC_2020, "四、治疗 · （一）降压目标 · 80岁及以上") },
      {
        id: "comorbidity",
        anyCondition: ["diabetes", "diabetes_with_complications", "coronary_heart_disease", "heart_failure", "proteinuria"],
        target: { sbp: 140, dbp: 90 },
        ifTolerated: { sbp: 130, dbp: 80 },
        source: src(BASIC_2020, "四、治疗 · （一）降压目标 · 合并糖尿病、冠心病、心力衰竭、慢性肾脏疾病伴蛋白尿"),
      },
      {
        id: "age_65_79",
        minAge: 65,
        maxAge: 79,
        target: { sbp: 150, dbp: 90 },
        ifTolerated: { sbp: 140, dbp: 90 },
        source: src(BASIC_2020, "四、治疗 · （一）降压目标 · 65～79岁"),
      },
      { id: "default", target: { sbp: 140, dbp: 90 }, source: src(BASIC_2020, "四、治疗 · （一）降压目标 · 一般患者") },
    ],
  },
  "2025": {
    id: "2025",
    title: BASIC_2025,
    diagnosis: {
      office: { sbp: 140, dbp: 90 },
      home: { sbp: 135, dbp: 85 },
      ambulatory: { sbp: 130, dbp: 80 },
      dates: 3,
      withinDays: 28,
      source: src(BASIC_2025, "诊断 · 非同日3次诊室血压（4周内）"),
    },
    targets: [
      {
        id: "age_80_plus",
        minAge: 80,
        target: { sbp: 150, dbp: 90 },
        ifTolerated: { sbp: 140, dbp: 90 },
        source: src(BASIC_2025, "降压目标 · 80岁及以上"),
      },
      { id: "under_80", target: { sbp: 130, dbp: 80 }, source: src(BASIC_2025, "降压目标 · 80岁以下") },
    ],
  },
};

/** Drug classes with example drugs and usual daily doses (基层 2020, appendix table of common drugs). */
export const DRUGS: Record<DrugClass, { zh: string; en: string; examples: { name: string; zh: string; en: string; kind?: "acei" | "arb"; dose: string }[] }> = {
  A: {
    zh: "血管紧张素转换酶抑制剂/血管紧张素Ⅱ受体拮抗剂（ACEI/ARB）",
    en: "ACE inhibitor or angiotensin receptor blocker",
    examples: [
      { name: "captopril", zh: "卡托普利", en: "Captopril", kind: "acei", dose: "25–300 mg/d，分2–3次" },
      { name: "enalapril", zh: "依那普利", en: "Enalapril", kind: "acei", dose: "2.5–40 mg/d，分1–2次" },
      { name: "benazepril", zh: "贝那普利", en: "Benazepril", kind: "acei", dose: "5–40 mg/d，分1–2次" },
      { name: "perindopril", zh: "培哚普利", en: "Perindopril", kind: "acei", dose: "4–8 mg/d，每日1次" },
      { name: "losartan", zh: "氯沙坦", en: "Losartan", kind: "arb", dose: "25–100 mg/d，每日1次" },
      { name: "valsartan", zh: "缬沙坦", en: "Valsartan", kind: "arb", dose: "80–160 mg/d，每日1次" },
      { name: "irbesartan", zh: "厄贝沙坦", en: "Irbesartan", kind: "arb", dose: "150–300 mg/d，每日1次" },
      { name: "telmisartan", zh: "替米沙坦", en: "Telmisartan", kind: "arb", dose: "20–80 mg/d，每日1次" },
    ],
  },
  B: {
    zh: "β受体阻滞剂",
    en: "beta-blocker",
    examples: [
      { name: "metoprolol", zh: "美托洛尔（平片）", en: "Metoprolol (immediate release)", dose: "50–100 mg/d，分2次" },
      { name: "metoprolol_succinate", zh: "琥珀酸美托洛尔缓释片", en: "Metoprolol succinate (extended release)", dose: "47.5–190 mg/d，每日1次" },
      { name: "bisoprolol", zh: "比索洛尔", en: "Bisoprolol", dose: "2.5–10 mg/d，每日1次" },
    ],
  },
  C: {
    zh: "二氢吡啶类钙通道阻滞剂（CCB）",
    en: "dihydropyridine calcium channel blocker",
    examples: [
      { name: "amlodipine", zh: "氨氯地平", en: "Amlodipine", dose: "2.5–10 mg/d，每日1次" },
      { name: "nifedipine_gits", zh: "硝苯地平控释片", en: "Nifedipine GITS (controlled release)", dose: "30–60 mg/d，每日1次" },
      { name: "felodipine_er", zh: "非洛地平缓释片", en: "Felodipine (extended release)", dose: "2.5–10 mg/d，每日1次" },
    ],
  },
  D: {
    zh: "噻嗪类/噻嗪样利尿剂",
    en: "thiazide or thiazide-like diuretic",
    examples: [
      { name: "hydrochlorothiazide", zh: "氢氯噻嗪", en: "Hydrochlorothiazide", dose: "6.25–25 mg/d，每日1次" },
      { name: "indapamide", zh: "吲达帕胺", en: "Indapamide", dose: "0.625–2.5 mg/d，每日1次" },
    ],
  },
};

/** A drug by its name in words (硝苯地平控释片 / Nifedipine GITS), never its identifier; a name outside the examples as given. */
export function drugLabel(drugClass: DrugClass, name: string, lang: "zh" | "en"): string {
  const known = DRUGS[drugClass]?.examples.find((d) => d.name === name);
  return known ? known[lang] : name;
}

/** When a class must not be used (compelling contraindications). */
export const AVOID: { class: DrugClass; reason: "pregnancy" | "hyperkalemia" | "bilateral_renal_artery_stenosis" | "gout" | "asthma" | "av_block_2_3" }[] = [
  { class: "A", reason: "pregnancy" },
  { class: "A", reason: "hyperkalemia" },
  { class: "A", reason: "bilateral_renal_artery_stenosis" },
  { class: "D", reason: "gout" },
  { class: "B", reason: "asthma" },
  { class: "B", reason: "av_block_2_3" },
];
export const AVOID_SOURCE = src(BASIC_2020, "四、治疗 · 表3 常用降压药物的禁忌证");
/** Lab thresholds that stand for a condition. */
export const LABS = {
  hyperkalemiaAbove: 5.5,
  hypokalemiaBelow: 3.5,
  source: src(BASIC_2020, "三、转诊 · 疑似继发性高血压（自发性低血钾）；表3 ACEI/ARB 禁忌证（高血钾）"),
} as const;

/** Compelling indications: which classes each situation calls for, in order of preference. */
export const PREFERENCES: { id: string; when: Condition[] | "elderly_or_isolated_systolic"; classes: DrugClass[]; all: boolean; source: Source }[] = [
  {
    id: "diabetes_ckd_proteinuria",
    when: ["diabetes", "diabetes_with_complications", "ckd_stage3", "ckd_stage4plus", "proteinuria"],
    classes: ["A"],
    all: true,
    source: src(BASIC_2020, "四、治疗 · 表4 有合并症高血压的治疗（糖尿病、慢性肾病）"),
  },
  {
    id: "heart_failure",
    when: ["heart_failure"],
    classes: ["A", "B", "D"],
    all: true,
    source: src(BASIC_2020, "四、治疗 · 表4 有合并症高血压的治疗（心力衰竭）"),
  },
  {
    id: "coronary",
    when: ["coronary_heart_disease"],
    classes: ["B", "A"],
    all: false,
    source: src(BASIC_2020, "四、治疗 · 表4 有合并症高血压的治疗（冠心病）"),
  },
  { id: "stroke", when: ["stroke"], classes: ["A", "C", "D"], all: false, source: src(BASIC_2020, "四、治疗 · 表4 有合并症高血压的治疗（脑卒中后）") },
  {
    id: "elderly_or_isolated_systolic",
    when: "elderly_or_isolated_systolic",
    classes: ["C", "D"],
    all: false,
    source: src(BASIC_2020, "四、治疗 · 老年高血压、单纯收缩期高血压"),
  },
];
/** Order of choice with no compelling indication (基层 2020: C, A, D, B are all first-line). */
export const DEFAULT_ORDER: DrugClass[] = ["C", "A", "D", "B"];
/** Classes a regimen of two or three is completed with (基层 2020 recommended combinations). */
export const COMBINATION_ORDER: DrugClass[] = ["A", "C", "D"];
export const ELDERLY_AGE = 65;
export const COMBINATION_SOURCE = src(BASIC_2020, "四、治疗 · （三）药物治疗方案 · 联合用药（A+C、A+D、C+D、C+B）");

/** Thresholds of the treatment decision (基层 2020, drug treatment flow chart). */
export const TREATMENT = {
  dualAt: { sbp: 160, dbp: 100 },
  dualAboveTarget: { sbp: 20, dbp: 10 },
  dualRisks: ["high", "high_very_high", "very_high"] as Risk[],
  monoOnlyFromAge: 80,
  deferWeeks: 12,
  deferBelow: { sbp: 160, dbp: 100 },
  noDeferWith: [
    "coronary_heart_disease",
    "heart_failure",
    "stroke",
    "peripheral_artery_disease",
    "ckd_stage3",
    "ckd_stage4plus",
    "diabetes",
    "diabetes_with_complications",
  ] as Condition[],
  minWeeksToJudge: 2,
  resistantClasses: 3,
  source: src(BASIC_2020, "四、治疗 · 图2 高血压药物治疗流程"),
} as const;

/** Referral criteria (基层 2020, 五、转诊). */
export const REFERRAL = {
  urgentSymptoms: ["altered_consciousness", "speech_disturbance", "limb_weakness"] as Symptom[],
  youngerThan: 30,
  secondarySymptoms: ["palpitations_sweating_episodes"] as Symptom[],
  urgentSource: src(BASIC_2020, "五、转诊 · （一）紧急转诊"),
  nonUrgentSource: src(BASIC_2020, "五、转诊 · （二）普通转诊"),
  acuteSource: src(BASIC_2020, "四、治疗 · 高血压急症和亚急症的处理"),
} as const;

/** Follow-up intervals in days (基层 2020, 六、长期随访管理). */
export const FOLLOW_UP = {
  refer: { min: 1, max: 14 },
  acute_lowering: { min: 1, max: 2 },
  recheck: { min: 7, max: 28 },
  adjust: { min: 14, max: 28 },
  keep: { min: 90, max: 90 },
  tooEarly: { min: 14, max: 28 },
  high_normal: { min: 180, max: 180 },
  normal: { min: 365, max: 365 },
  source: src(BASIC_2020, "六、长期随访管理 · 随访频率"),
} as const;
