/**
 * Clinical vignettes for the hypertension engine: each is an input (over a 50-year-old man with
 * no history) and the part of the output it pins down, worked out by hand from hypertension.md.
 * Run by hypertension.test.ts; kept as data so they read like cases, not code.
 */
export interface Vignette {
  name: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const office = (date: string, sbp: number, dbp: number, extra: object = {}) => ({ date, sbp, dbp, setting: "office", ...extra });
/** Three high office dates: a confirmed diagnosis whatever the current reading is. */
const confirmed = (sbp: number, dbp: number) => [office("2026-01-05", 150, 95), office("2026-01-20", 150, 95), office("2026-02-20", sbp, dbp)];
const diagnosed = (sbp: number, dbp: number, date = "2026-02-20") => ({ diagnosedHypertension: true, readings: [office(date, sbp, dbp)] });
const male = (age: number) => ({ patient: { age, sex: "male" } });
const female = (age: number) => ({ patient: { age, sex: "female" } });

export const VIGNETTES: Vignette[] = [
  // Grade edges (rule 2): SBP and DBP each at their boundaries.
  { name: "119/79 is normal", input: { readings: [office("2026-02-20", 119, 79)] }, expect: { grade: "normal", diagnosis: "not_hypertension", risk: null } },
  { name: "120/79 is high normal", input: { readings: [office("2026-02-20", 120, 79)] }, expect: { grade: "high_normal" } },
  { name: "119/80 is high normal", input: { readings: [office("2026-02-20", 119, 80)] }, expect: { grade: "high_normal" } },
  { name: "139/89 is high normal", input: { readings: [office("2026-02-20", 139, 89)] }, expect: { grade: "high_normal", action: "lifestyle" } },
  { name: "140/89 is grade 1", input: diagnosed(140, 89), expect: { grade: "grade1" } },
  { name: "139/90 is grade 1", input: diagnosed(139, 90), expect: { grade: "grade1" } },
  { name: "159/99 is grade 1", input: diagnosed(159, 99), expect: { grade: "grade1" } },
  { name: "160/99 is grade 2", input: diagnosed(160, 99), expect: { grade: "grade2" } },
  { name: "159/100 is grade 2", input: diagnosed(159, 100), expect: { grade: "grade2" } },
  { name: "179/109 is grade 2", input: diagnosed(179, 109), expect: { grade: "grade2" } },
  { name: "180/109 is grade 3", input: diagnosed(180, 109), expect: { grade: "grade3", action: "acute_lowering", followUpDays: { min: 1, max: 2 } } },
  { name: "179/110 is grade 3", input: diagnosed(179, 110), expect: { grade: "grade3", action: "acute_lowering" } },
  {
    name: "current BP is the mean of the latest date's office readings",
    input: { diagnosedHypertension: true, readings: [office("2026-01-01", 190, 120), office("2026-02-20", 142, 88), office("2026-02-20", 136, 86)] },
    expect: { grade: "high_normal", controlled: true, action: "start_mono" },
  },

  // Diagnosis (rule 3).
  {
    name: "two high dates need more readings",
    input: { readings: [office("2026-01-05", 150, 95), office("2026-02-20", 148, 92)] },
    expect: { diagnosis: "needs_more_readings", action: "recheck", followUpDays: { min: 7, max: 28 } },
  },
  { name: "three high dates confirm (2020, any span)", input: { readings: confirmed(148, 92) }, expect: { diagnosis: "confirmed" } },
  {
    name: "2025: three dates over 46 days do not confirm",
    input: { edition: "2025", readings: confirmed(148, 92) },
    expect: { diagnosis: "needs_more_readings", action: "recheck" },
  },
  {
    name: "2025: three dates within 28 days confirm",
    input: { edition: "2025", readings: [office("2026-01-24", 150, 95), office("2026-02-01", 150, 95), office("2026-02-21", 148, 92)] },
    expect: { diagnosis: "confirmed" },
  },
  {
    name: "2025: 29 days apart is one day too many",
    input: { edition: "2025", readings: [office("2026-01-23", 150, 95), office("2026-02-01", 150, 95), office("2026-02-21", 148, 92)] },
    expect: { diagnosis: "needs_more_readings" },
  },
  {
    name: "home mean 135/85 with one high office reading confirms",
    input: {
      readings: [
        office("2026-02-20", 146, 92),
        { date: "2026-02-10", sbp: 136, dbp: 84, setting: "home" },
        { date: "2026-02-11", sbp: 134, dbp: 86, setting: "home" },
      ],
    },
    expect: { diagnosis: "confirmed" },
  },
  {
    name: "home mean 134/84 does not confirm",
    input: { readings: [office("2026-02-20", 146, 92), { date: "2026-02-10", sbp: 134, dbp: 84, setting: "home" }] },
    expect: { diagnosis: "needs_more_readings" },
  },
  {
    name: "ambulatory mean 130/80 with a high office reading confirms",
    input: { readings: [office("2026-02-20", 146, 92), { date: "2026-02-12", sbp: 130, dbp: 78, setting: "ambulatory_24h" }] },
    expect: { diagnosis: "confirmed" },
  },
  {
    name: "on a drug counts as diagnosed",
    input: { readings: [office("2026-02-20", 128, 78)], currentDrugs: [{ class: "C", name: "amlodipine", atMaxDose: false }], weeksOnCurrentRegimen: 8 },
    expect: { diagnosis: "confirmed", action: "keep" },
  },

  // Age as a risk factor (male > 55, female > 65) and the risk table (rule 4).
  { name: "man of 55: no age factor, grade 1 → low", input: { ...male(55), ...diagnosed(150, 92) }, expect: { risk: "low" } },
  { name: "man of 56: age factor, grade 1 → moderate", input: { ...male(56), ...diagnosed(150, 92) }, expect: { risk: "moderate" } },
  { name: "woman of 65: no age factor → low", input: { ...female(65), ...diagnosed(150, 92) }, expect: { risk: "low" } },
  { name: "woman of 66: age factor → moderate", input: { ...female(66), ...diagnosed(150, 92) }, expect: { risk: "moderate" } },
  {
    name: "three risk factors, grade 2 → high",
    input: { ...diagnosed(165, 95), riskFactors: ["smoking", "dyslipidemia", "obesity"] },
    expect: { risk: "high" },
  },
  {
    name: "uncomplicated diabetes, high normal → moderate_high",
    input: { ...diagnosed(130, 82), conditions: ["diabetes"] },
    expect: { risk: "moderate_high" },
  },
  { name: "stroke, high normal → high_very_high", input: { ...diagnosed(130, 82), conditions: ["stroke"] }, expect: { risk: "high_very_high" } },
  { name: "eGFR 45 counts as CKD 3 (organ damage)", input: { ...diagnosed(150, 92), labs: { egfr: 45 } }, expect: { risk: "high" } },
  { name: "ACR 100 is organ damage", input: { ...diagnosed(150, 92), labs: { acr: 100 } }, expect: { risk: "high" } },
  {
    name: "risk uses the untreated grade",
    input: {
      readings: [office("2025-06-01", 182, 100, { treated: false }), office("2026-02-20", 146, 88)],
      currentDrugs: [{ class: "C", name: "amlodipine", atMaxDose: false }],
      weeksOnCurrentRegimen: 12,
    },
    expect: { grade: "grade1", risk: "high", action: "titrate_or_add" },
  },

  // Targets (rule 5), 2020 and 2025, at the age edges.
  { name: "2020, 64: 140/90", input: { ...male(64), ...diagnosed(150, 92) }, expect: { target: { sbp: 140, dbp: 90 } } },
  {
    name: "2020, 65: 150/90, if tolerated 140/90",
    input: { ...male(65), ...diagnosed(150, 92) },
    expect: { target: { sbp: 150, dbp: 90 }, ifTolerated: { sbp: 140, dbp: 90 } },
  },
  { name: "2020, 79: still 150/90 if tolerated 140/90", input: { ...male(79), ...diagnosed(150, 92) }, expect: { ifTolerated: { sbp: 140, dbp: 90 } } },
  {
    name: "2020, 80: 150/90 with no tighter goal",
    input: { ...male(80), ...diagnosed(150, 92) },
    expect: { target: { sbp: 150, dbp: 90 }, ifTolerated: undefined },
  },
  {
    name: "2020 diabetes: 140/90, if tolerated 130/80",
    input: { ...diagnosed(150, 92), conditions: ["diabetes"] },
    expect: { target: { sbp: 140, dbp: 90 }, ifTolerated: { sbp: 130, dbp: 80 } },
  },
  {
    name: "2025, 79: 130/80",
    input: { edition: "2025", ...male(79), ...diagnosed(150, 92) },
    expect: { target: { sbp: 130, dbp: 80 }, ifTolerated: undefined },
  },
  {
    name: "2025, 80: 150/90, if tolerated 140/90",
    input: { edition: "2025", ...male(80), ...diagnosed(150, 92) },
    expect: { target: { sbp: 150, dbp: 90 }, ifTolerated: { sbp: 140, dbp: 90 } },
  },
  {
    name: "2020: 139/89 controlled at 140/90",
    input: { ...diagnosed(139, 89), currentDrugs: [{ class: "A", name: "losartan", atMaxDose: false }], weeksOnCurrentRegimen: 6 },
    expect: { controlled: true, action: "keep", followUpDays: { min: 90, max: 90 } },
  },
  {
    name: "2020: 140/89 not controlled",
    input: { ...diagnosed(140, 89), currentDrugs: [{ class: "A", name: "losartan", atMaxDose: false }], weeksOnCurrentRegimen: 6 },
    expect: { controlled: false, action: "titrate_or_add" },
  },

  // Actions (rule 8) in their order.
  {
    name: "grade 3 with a headache: refer urgently",
    input: { ...diagnosed(185, 112), symptoms: ["severe_headache"] },
    expect: { action: "refer_urgent", followUpDays: { min: 1, max: 14 }, suggestedClasses: [] },
  },
  { name: "limb weakness at 150/95: refer urgently", input: { ...diagnosed(150, 95), symptoms: ["limb_weakness"] }, expect: { action: "refer_urgent" } },
  {
    name: "limb weakness at 138/88: not an urgent BP referral",
    input: { readings: [office("2026-02-20", 138, 88)], symptoms: ["limb_weakness"] },
    expect: { action: "lifestyle" },
  },
  {
    name: "pregnant with grade 3, no symptom: refer urgently",
    input: { patient: { age: 30, sex: "female", pregnant: true }, ...diagnosed(182, 100) },
    expect: { action: "refer_urgent" },
  },
  {
    name: "pregnant at 145/92: refer (not urgent), A avoided",
    input: { patient: { age: 30, sex: "female", pregnant: true }, ...diagnosed(145, 92) },
    expect: { action: "refer_nonurgent", avoidClasses: [{ class: "A", reason: "pregnancy" }] },
  },
  { name: "age 29 with hypertension: refer", input: { ...male(29), ...diagnosed(145, 92) }, expect: { action: "refer_nonurgent" } },
  { name: "age 30 with hypertension: treat here", input: { ...male(30), ...diagnosed(145, 92) }, expect: { action: "start_mono" } },
  {
    name: "potassium 3.3 without a diuretic: suspected secondary",
    input: { ...diagnosed(150, 92), labs: { potassium: 3.3 } },
    expect: { action: "refer_nonurgent" },
  },
  {
    name: "potassium 3.3 on a diuretic: not suspected",
    input: { ...diagnosed(150, 92), labs: { potassium: 3.3 }, currentDrugs: [{ class: "D", name: "indapamide", atMaxDose: false }], weeksOnCurrentRegimen: 6 },
    expect: { action: "titrate_or_add" },
  },
  {
    name: "episodes of palpitations and sweating: refer",
    input: { ...diagnosed(150, 92), symptoms: ["palpitations_sweating_episodes"] },
    expect: { action: "refer_nonurgent" },
  },
  {
    name: "three classes incl. D at max dose, not controlled: resistant, refer",
    input: {
      ...diagnosed(150, 92),
      currentDrugs: [
        { class: "A", name: "valsartan", atMaxDose: true },
        { class: "C", name: "amlodipine", atMaxDose: true },
        { class: "D", name: "indapamide", atMaxDose: true },
      ],
      weeksOnCurrentRegimen: 8,
    },
    expect: { action: "refer_nonurgent" },
  },
  {
    name: "three classes not all at max dose: titrate",
    input: {
      ...diagnosed(150, 92),
      currentDrugs: [
        { class: "A", name: "valsartan", atMaxDose: true },
        { class: "C", name: "amlodipine", atMaxDose: false },
        { class: "D", name: "indapamide", atMaxDose: true },
      ],
      weeksOnCurrentRegimen: 8,
    },
    expect: { action: "titrate_or_add" },
  },
  {
    name: "normal BP: lifestyle, yearly",
    input: { readings: [office("2026-02-20", 112, 70)] },
    expect: { action: "lifestyle", followUpDays: { min: 365, max: 365 } },
  },
  {
    name: "high normal: lifestyle, half-yearly",
    input: { readings: [office("2026-02-20", 132, 84)] },
    expect: { action: "lifestyle", followUpDays: { min: 180, max: 180 } },
  },
  {
    name: "165/95 untreated: start two classes",
    input: { readings: confirmed(165, 95) },
    expect: { action: "start_dual", suggestedClasses: ["C", "A", "D", "B"], followUpDays: { min: 14, max: 28 } },
  },
  {
    name: "165/95 at 80: only one class",
    input: { ...male(80), readings: confirmed(165, 95) },
    expect: { action: "start_mono", suggestedClasses: ["C", "A", "D", "B"] },
  },
  {
    name: "2025: 152/88 with diabetes is ≥20 above 130/80 at high risk: two classes",
    input: { edition: "2025", ...diagnosed(152, 88), conditions: ["diabetes"] },
    expect: { action: "start_dual", suggestedClasses: ["A", "C", "D", "B"], risk: "high" },
  },
  { name: "2025: 152/88 at low risk: one class", input: { edition: "2025", ...diagnosed(152, 88) }, expect: { action: "start_mono", risk: "low" } },
  { name: "145/92, nothing else: one class, may defer 12 weeks", input: diagnosed(145, 92), expect: { action: "start_mono", mayDeferWeeks: 12 } },
  {
    name: "145/92 with diabetes and gout: A, D avoided, no deferring",
    input: { ...diagnosed(145, 92), conditions: ["diabetes", "gout"] },
    expect: { action: "start_mono", suggestedClasses: ["A", "C", "B"], avoidClasses: [{ class: "D", reason: "gout" }], mayDeferWeeks: undefined },
  },
  { name: "aged 70: C first", input: { ...male(70), ...diagnosed(158, 92) }, expect: { action: "start_mono", suggestedClasses: ["C", "A", "D", "B"] } },
  {
    name: "heart failure at 165/100: A and B",
    input: { ...diagnosed(165, 100), conditions: ["heart_failure"] },
    expect: { action: "start_dual", suggestedClasses: ["A", "B", "D", "C"] },
  },
  {
    name: "asthma: B avoided",
    input: { ...diagnosed(145, 92), conditions: ["asthma", "coronary_heart_disease"] },
    expect: { avoidClasses: [{ class: "B", reason: "asthma" }], suggestedClasses: ["A", "C", "D"] },
  },
  {
    name: "potassium 5.6: A avoided (hyperkalemia)",
    input: { ...diagnosed(145, 92), labs: { potassium: 5.6 }, conditions: ["diabetes"] },
    expect: { avoidClasses: [{ class: "A", reason: "hyperkalemia" }], suggestedClasses: ["C", "D", "B"] },
  },
  {
    name: "potassium 5.5: A allowed",
    input: { ...diagnosed(145, 92), labs: { potassium: 5.5 }, conditions: ["diabetes"] },
    expect: { avoidClasses: [], suggestedClasses: ["A", "C", "D", "B"] },
  },
  {
    name: "one week on a new regimen: too early to judge",
    input: { ...diagnosed(150, 92), currentDrugs: [{ class: "C", name: "amlodipine", atMaxDose: false }], weeksOnCurrentRegimen: 1 },
    expect: { action: "keep", followUpDays: { min: 14, max: 28 } },
  },
  {
    name: "two weeks on a regimen: judged, titrate or add",
    input: { ...diagnosed(150, 92), currentDrugs: [{ class: "C", name: "amlodipine", atMaxDose: false }], weeksOnCurrentRegimen: 2 },
    expect: { action: "titrate_or_add", suggestedClasses: ["A", "D", "B"], followUpDays: { min: 14, max: 28 } },
  },
  {
    name: "A + C not controlled: add D",
    input: {
      ...diagnosed(150, 92),
      currentDrugs: [
        { class: "A", name: "losartan", atMaxDose: false },
        { class: "C", name: "amlodipine", atMaxDose: false },
      ],
      weeksOnCurrentRegimen: 6,
    },
    expect: { action: "add_class", suggestedClasses: ["D", "B"] },
  },
  {
    name: "A + C with gout: D avoided, B instead",
    input: {
      ...diagnosed(150, 92),
      conditions: ["gout"],
      currentDrugs: [
        { class: "A", name: "losartan", atMaxDose: false },
        { class: "C", name: "amlodipine", atMaxDose: false },
      ],
      weeksOnCurrentRegimen: 6,
    },
    expect: { action: "add_class", suggestedClasses: ["B"] },
  },
];
