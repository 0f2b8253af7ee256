import type { HypertensionInput, Reading } from "./input.ts";
import {
  AVOID,
  AVOID_SOURCE,
  type BloodPressure,
  BP_GRADES,
  type BpGrade,
  COMBINATION_ORDER,
  COMBINATION_SOURCE,
  type Condition,
  DEFAULT_ORDER,
  type DrugClass,
  EDITION_DATA,
  ELDERLY_AGE,
  FOLLOW_UP,
  GRADE_TABLE,
  LABS,
  PREFERENCES,
  REFERRAL,
  RISK_TABLE,
  type Risk,
  type Source,
  TREATMENT,
} from "./knowledge.ts";

export const CDS_ACTIONS = [
  "refer_urgent",
  "acute_lowering",
  "refer_nonurgent",
  "recheck",
  "lifestyle",
  "start_dual",
  "start_mono",
  "keep",
  "titrate_or_add",
  "add_class",
] as const;
export type CdsAction = (typeof CDS_ACTIONS)[number];
export type Diagnosis = "confirmed" | "needs_more_readings" | "not_hypertension";

export interface TraceEntry {
  rule: string;
  source: string;
  detail: string;
}

/**
 * `suggestedClasses` lists every class that suits this step, best first: the first is the choice
 * (the first two for `start_dual`), the rest are the alternatives. So a new contraindication can
 * only take classes away, never bring one in.
 */
export interface HypertensionOutput {
  diagnosis: Diagnosis;
  grade: BpGrade;
  risk: Risk | null;
  target: BloodPressure;
  ifTolerated?: BloodPressure;
  controlled: boolean;
  action: CdsAction;
  suggestedClasses: DrugClass[];
  avoidClasses: { class: DrugClass; reason: string }[];
  followUpDays: { min: number; max: number };
  mayDeferWeeks?: number;
  trace: TraceEntry[];
}

const cite = (s: Source) => `${s.guideline} · ${s.section}`;
const atLeast = (bp: BloodPressure, threshold: BloodPressure) => bp.sbp >= threshold.sbp || bp.dbp >= threshold.dbp;
const fmt = (bp: BloodPressure) => `${Math.round(bp.sbp * 10) / 10}/${Math.round(bp.dbp * 10) / 10} mmHg`;
const mean = (rs: BloodPressure[]): BloodPressure => ({
  sbp: rs.reduce((s, r) => s + r.sbp, 0) / rs.length,
  dbp: rs.reduce((s, r) => s + r.dbp, 0) / rs.length,
});
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** The higher of the SBP and DBP categories. */
export function gradeOf(bp: BloodPressure): BpGrade {
  let grade: BpGrade = "normal";
  for (const band of GRADE_TABLE.bands) if (bp.sbp >= band.sbp || bp.dbp >= band.dbp) grade = band.grade;
  return grade;
}
const rank = (g: BpGrade) => BP_GRADES.indexOf(g);

/** Office readings grouped by date, each date's mean, oldest first. */
function officeDays(readings: Reading[]): { date: string; bp: BloodPressure }[] {
  const byDate = new Map<string, Reading[]>();
  for (const r of readings) if (r.setting === "office") byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, rs]) => ({ date, bp: mean(rs) }));
}

/**
 * Evaluates one visit: diagnosis, grade, risk, target, what to do and when to come back, with a
 * trace naming every rule that decided something and its source. Pure; the input is validated.
 */
export function evaluateHypertension(input: HypertensionInput): HypertensionOutput {
  const edition = EDITION_DATA[input.edition];
  const trace: TraceEntry[] = [];
  const note = (rule: string, source: Source, detail: string) => trace.push({ rule, source: cite(source), detail });
  const { age, sex } = input.patient;
  const has = new Set<Condition>(input.conditions);
  // Labs stand for conditions (hypertension.md: potassium > 5.5 is hyperkalemia; eGFR and ACR per the 2018 table).
  const { potassium, egfr, acr } = input.labs;
  if (potassium !== undefined && potassium > LABS.hyperkalemiaAbove && !has.has("hyperkalemia")) {
    has.add("hyperkalemia");
    note("labs", LABS.source, `血钾 ${potassium} mmol/L > ${LABS.hyperkalemiaAbove}，按高钾血症处理`);
  }
  const onDiuretic = input.currentDrugs.some((d) => d.class === "D");
  const hypokalemia = potassium !== undefined && potassium < LABS.hypokalemiaBelow && !onDiuretic;
  if (egfr !== undefined && egfr < RISK_TABLE.egfr.stage4Below) has.add("ckd_stage4plus");
  else if (egfr !== undefined && egfr < RISK_TABLE.egfr.stage3Below) has.add("ckd_stage3");
  if (egfr !== undefined && egfr < RISK_TABLE.egfr.stage3Below) note("labs", RISK_TABLE.source, `eGFR ${egfr} ml/min/1.73m² 计为慢性肾病`);

  // 1. Current BP and grade.
  const days = officeDays(input.readings);
  const latest = days[days.length - 1] as { date: string; bp: BloodPressure };
  const current = latest.bp;
  const grade = gradeOf(current);
  note("current_bp", GRADE_TABLE.source, `最近一次诊室血压 ${latest.date}：${fmt(current)}，分级 ${grade}`);

  // 2. Diagnosis.
  const onDrugs = input.currentDrugs.length > 0;
  const dx = edition.diagnosis;
  let diagnosis: Diagnosis;
  const highDays = days.filter((d) => atLeast(d.bp, dx.office)).map((d) => dayNumber(d.date));
  const enoughDates = highDays.some((start, i) => {
    const window = highDays.slice(i).filter((d) => dx.withinDays === null || d - start <= dx.withinDays);
    return window.length >= dx.dates;
  });
  const home = input.readings.filter((r) => r.setting === "home");
  const ambulatory = input.readings.filter((r) => r.setting === "ambulatory_24h");
  const outOfOffice = (home.length > 0 && atLeast(mean(home), dx.home)) || (ambulatory.length > 0 && atLeast(mean(ambulatory), dx.ambulatory));
  const anyOfficeHigh = highDays.length > 0;
  if (input.diagnosedHypertension || onDrugs) {
    diagnosis = "confirmed";
    note("diagnosis", dx.source, input.diagnosedHypertension ? "既往已确诊高血压" : "正在服用降压药，视为已确诊");
  } else if (enoughDates) {
    diagnosis = "confirmed";
    note("diagnosis", dx.source, `非同日 ${dx.dates} 次诊室血压 ≥${dx.office.sbp}/${dx.office.dbp}${dx.withinDays ? `（${dx.withinDays} 天内）` : ""}`);
  } else if (outOfOffice && anyOfficeHigh) {
    diagnosis = "confirmed";
    note("diagnosis", dx.source, `家庭血压均值 ≥${dx.home.sbp}/${dx.home.dbp} 或24小时动态均值 ≥${dx.ambulatory.sbp}/${dx.ambulatory.dbp}，且诊室血压升高`);
  } else if (anyOfficeHigh) {
    diagnosis = "needs_more_readings";
    note("diagnosis", dx.source, `诊室血压升高 ${highDays.length} 天，需非同日复测至 ${dx.dates} 次${dx.withinDays ? `（${dx.withinDays} 天内）` : ""}以确诊`);
  } else {
    diagnosis = "not_hypertension";
    note("diagnosis", dx.source, `诊室血压未达 ${dx.office.sbp}/${dx.office.dbp}`);
  }

  // 3. Risk, from the untreated grade when known.
  const untreated = input.readings.filter((r) => r.treated === false);
  const riskGrade = untreated.length ? untreated.map(gradeOf).reduce((a, b) => (rank(b) > rank(a) ? b : a)) : grade;
  const ageFactor = age > RISK_TABLE.ageRiskFactor[sex];
  const factors = input.riskFactors.length + (ageFactor ? 1 : 0);
  const complication = RISK_TABLE.complications.filter((c) => has.has(c));
  if (acr !== undefined && acr > RISK_TABLE.acrOrganDamage.max) complication.push("proteinuria");
  const damage = RISK_TABLE.organDamage.filter((c) => has.has(c));
  if (acr !== undefined && acr >= RISK_TABLE.acrOrganDamage.min && acr <= RISK_TABLE.acrOrganDamage.max) damage.push("proteinuria");
  const row = complication.length
    ? "complication"
    : damage.length || factors >= 3 || has.has("diabetes")
      ? "threeOrDamage"
      : factors >= 1
        ? "oneOrTwo"
        : "none";
  const risk = riskGrade === "normal" ? null : RISK_TABLE.rows[row][riskGrade];
  note(
    "risk",
    RISK_TABLE.source,
    `${untreated.length ? "未治疗时" : "当前"}分级 ${riskGrade}；其他危险因素 ${factors} 个${ageFactor ? "（含年龄）" : ""}${damage.length ? `；靶器官损害 ${damage.join("、")}` : ""}${has.has("diabetes") ? "；糖尿病" : ""}${complication.length ? `；临床并发症 ${complication.join("、")}` : ""} → ${risk ?? "不适用"}`,
  );

  // 4. Target.
  const targetRule = edition.targets.find(
    (t) =>
      (t.minAge === undefined || age >= t.minAge) &&
      (t.maxAge === undefined || age <= t.maxAge) &&
      (t.anyCondition === undefined || t.anyCondition.some((c) => has.has(c))),
  ) as (typeof edition.targets)[number];
  const target = targetRule.target;
  const ifTolerated =
    targetRule.ifTolerated && (targetRule.ifTolerated.sbp !== target.sbp || targetRule.ifTolerated.dbp !== target.dbp) ? targetRule.ifTolerated : undefined;
  const controlled = current.sbp < target.sbp && current.dbp < target.dbp;
  note(
    "target",
    targetRule.source,
    `目标 <${target.sbp}/${target.dbp}${ifTolerated ? `，如能耐受 <${ifTolerated.sbp}/${ifTolerated.dbp}` : ""}（${targetRule.id}）；当前${controlled ? "已" : "未"}达标`,
  );

  // 5. Classes to avoid.
  const present = (reason: string) => (reason === "pregnancy" ? input.patient.pregnant : has.has(reason as Condition));
  const avoidClasses = AVOID.filter((a) => present(a.reason)).map((a) => ({ class: a.class, reason: a.reason }));
  const avoided = new Set(avoidClasses.map((a) => a.class));
  for (const a of avoidClasses) note("avoid", AVOID_SOURCE, `避免 ${a.class}：${a.reason}`);
  const onClasses = [...new Set(input.currentDrugs.map((d) => d.class))];
  for (const c of onClasses.filter((c) => avoided.has(c))) note("avoid", AVOID_SOURCE, `正在使用的 ${c} 类药物属禁忌，应换药`);
  const raas = input.currentDrugs.filter((d) => d.class === "A").map((d) => d.name.toLowerCase());
  if (raas.length >= 2) note("avoid", AVOID_SOURCE, `不宜 ACEI 与 ARB 联用（当前 A 类：${raas.join("、")}）`);

  // 6. Preferences: the classes this patient's conditions call for, in order.
  const isolatedSystolic = current.sbp >= dx.office.sbp && current.dbp < dx.office.dbp;
  const preferred: DrugClass[] = [];
  for (const p of PREFERENCES) {
    const applies = p.when === "elderly_or_isolated_systolic" ? age >= ELDERLY_AGE || isolatedSystolic : p.when.some((c) => has.has(c));
    if (!applies) continue;
    const usable = p.classes.filter((c) => !avoided.has(c));
    for (const c of p.all ? usable : usable.slice(0, 1)) if (!preferred.includes(c)) preferred.push(c);
    note(
      "preference",
      p.source,
      `${p.id} → ${p.all ? p.classes.join(" + ") : p.classes.join(" 或 ")}${usable.length < p.classes.length ? "（去除禁忌类）" : ""}`,
    );
  }
  const candidates = [...preferred, ...DEFAULT_ORDER.filter((c) => !preferred.includes(c))].filter((c) => !avoided.has(c));

  // 7. CdsAction: the first that applies.
  const symptoms = input.symptoms;
  const pregnantOrNursing = input.patient.pregnant || input.patient.breastfeeding;
  const high = atLeast(current, dx.office);
  const result = (
    action: CdsAction,
    suggested: DrugClass[],
    followUpDays: { min: number; max: number },
    detail: string,
    source: Source,
    extra: object = {},
  ) => {
    note("action", source, detail);
    note("follow_up", FOLLOW_UP.source, `${followUpDays.min}–${followUpDays.max} 天内随访`);
    return {
      diagnosis,
      grade,
      risk,
      target,
      ...(ifTolerated && { ifTolerated }),
      controlled,
      action,
      suggestedClasses: suggested.filter((c) => !avoided.has(c)),
      avoidClasses,
      followUpDays,
      ...extra,
      trace,
    };
  };

  if (grade === "grade3" && symptoms.length > 0)
    return result("refer_urgent", [], FOLLOW_UP.refer, `血压 ≥180/110 伴症状（${symptoms.join("、")}）：紧急转诊`, REFERRAL.urgentSource);
  const neuro = symptoms.filter((s) => REFERRAL.urgentSymptoms.includes(s));
  if (neuro.length && high) return result("refer_urgent", [], FOLLOW_UP.refer, `血压升高伴 ${neuro.join("、")}：疑似脑卒中，紧急转诊`, REFERRAL.urgentSource);
  if (pregnantOrNursing && grade === "grade3") return result("refer_urgent", [], FOLLOW_UP.refer, "妊娠或哺乳期血压 ≥180/110：紧急转诊", REFERRAL.urgentSource);
  if (grade === "grade3")
    return result(
      "acute_lowering",
      [],
      FOLLOW_UP.acute_lowering,
      "血压 ≥180/110 无症状：口服短效降压药，观察，1–2 天复测；仍 ≥180/110 则转诊",
      REFERRAL.acuteSource,
    );

  const nonUrgent: string[] = [];
  if (pregnantOrNursing && high) nonUrgent.push("妊娠或哺乳期高血压");
  if (age < REFERRAL.youngerThan && high) nonUrgent.push(`年龄 <${REFERRAL.youngerThan} 岁的高血压`);
  if (has.has("secondary_suspected")) nonUrgent.push("疑似继发性高血压");
  if (hypokalemia) nonUrgent.push(`未用利尿剂而血钾 <${LABS.hypokalemiaBelow}（疑似原发性醛固酮增多症）`);
  const episodes = symptoms.filter((s) => REFERRAL.secondarySymptoms.includes(s));
  if (episodes.length) nonUrgent.push("阵发性心悸、出汗（疑似嗜铬细胞瘤）");
  if (onClasses.length >= TREATMENT.resistantClasses && onClasses.includes("D") && input.currentDrugs.every((d) => d.atMaxDose) && !controlled) {
    nonUrgent.push(`${onClasses.length} 类药物（含利尿剂）足量仍未达标（难治性高血压）`);
  }
  if (nonUrgent.length) return result("refer_nonurgent", [], FOLLOW_UP.refer, `普通转诊：${nonUrgent.join("；")}`, REFERRAL.nonUrgentSource);

  if (diagnosis === "needs_more_readings") return result("recheck", [], FOLLOW_UP.recheck, "尚未确诊：非同日复测诊室血压，或家庭/动态血压监测", dx.source);
  if (diagnosis === "not_hypertension") {
    const interval = grade === "high_normal" ? FOLLOW_UP.high_normal : FOLLOW_UP.normal;
    return result("lifestyle", [], interval, `${grade === "high_normal" ? "正常高值" : "血压正常"}：生活方式指导，定期测量`, FOLLOW_UP.source);
  }

  if (!onDrugs) {
    const aboveTarget = current.sbp >= target.sbp + TREATMENT.dualAboveTarget.sbp || current.dbp >= target.dbp + TREATMENT.dualAboveTarget.dbp;
    const dual = atLeast(current, TREATMENT.dualAt) || (aboveTarget && risk !== null && TREATMENT.dualRisks.includes(risk));
    // A combination needs two suitable classes; with one left (the rest contraindicated) it starts alone.
    const first = candidates[0];
    const partner = first && [...preferred, ...COMBINATION_ORDER, ...DEFAULT_ORDER].find((c) => c !== first && !avoided.has(c));
    const noPartner = dual && age < TREATMENT.monoOnlyFromAge && !partner;
    if (dual && age < TREATMENT.monoOnlyFromAge && first && partner) {
      return result(
        "start_dual",
        [first, partner, ...candidates.filter((c) => c !== first && c !== partner)],
        FOLLOW_UP.adjust,
        `血压 ${fmt(current)}：${atLeast(current, TREATMENT.dualAt) ? "≥160/100" : `高于目标 ≥20/10 且${risk}危`}，起始两药联合`,
        COMBINATION_SOURCE,
      );
    }
    const defer = current.sbp < TREATMENT.deferBelow.sbp && current.dbp < TREATMENT.deferBelow.dbp && !TREATMENT.noDeferWith.some((c) => has.has(c));
    return result(
      "start_mono",
      candidates,
      FOLLOW_UP.adjust,
      `起始单药治疗${noPartner ? "（联合所需的第二类药物均不宜使用）" : dual ? `（≥${TREATMENT.monoOnlyFromAge} 岁高龄不起始联合）` : ""}${defer ? `；可先生活方式干预至多 ${TREATMENT.deferWeeks} 周` : ""}`,
      TREATMENT.source,
      defer ? { mayDeferWeeks: TREATMENT.deferWeeks } : {},
    );
  }

  const keepClasses = onClasses.filter((c) => !avoided.has(c));
  if (controlled) return result("keep", keepClasses, FOLLOW_UP.keep, "已达标：维持当前方案", TREATMENT.source);
  const weeks = input.weeksOnCurrentRegimen;
  if (weeks !== null && weeks < TREATMENT.minWeeksToJudge)
    return result("keep", keepClasses, FOLLOW_UP.tooEarly, `当前方案仅 ${weeks} 周（<${TREATMENT.minWeeksToJudge} 周），暂不调整`, TREATMENT.source);
  const missing = [...COMBINATION_ORDER, ...DEFAULT_ORDER].filter((c, i, all) => all.indexOf(c) === i && !onClasses.includes(c) && !avoided.has(c));
  const ordered = [...preferred.filter((c) => missing.includes(c)), ...missing.filter((c) => !preferred.includes(c))];
  if (onClasses.length === 2) {
    const core = ordered.filter((c) => COMBINATION_ORDER.includes(c));
    return result("add_class", [...core, ...ordered.filter((c) => !core.includes(c))], FOLLOW_UP.adjust, "两药未达标：加用第三类药物", COMBINATION_SOURCE);
  }
  return result(
    "titrate_or_add",
    ordered,
    FOLLOW_UP.adjust,
    onClasses.length === 1 ? "单药未达标：加量或联合第二类药物" : "多药未达标且未全部足量：加量或调整",
    TREATMENT.source,
  );
}
