/**
 * The pairing planner (issue 17, item 3): which supporting (tertiary) hospital helps which county
 * hospital, so that every recipient has a supporter, each of its needs (specialties it lacks) is
 * covered by a supporter with staff in that specialty, no supporter takes more recipients than its
 * capacity nor more per specialty than the staff it can send, existing pairings stay unless told
 * otherwise, and the total distance (great-circle between region centroids) is least.
 *
 * A supporter may serve a recipient only in its own province or in a province its province is paired
 * with (东西部协作 / 对口支援). That is the programme's rule, not a shortcut: the problem holds every
 * allowed pair, so its optimum is the optimum. A model may hold a subset of them (`build(keys)`),
 * but only with the pricing (`price`) that proves the pairs left out cannot lower the objective —
 * never the k nearest candidates called optimal.
 *
 * Model (all pairs allowed by the province rule; r recipient, s supporter, k specialty):
 *   y[r,s] ∈ {0,1}                 pair r with s (fixed to 1 for an existing pair when kept)
 *   none[r] ∈ [0,1]                r gets no supporter (penalised, reported)
 *   u[r,k] ∈ [0,1]                 need k of r unmet (penalised, reported)
 *   cover[r,s,k] ∈ {0,1}           s sends k-staff to r — only where s's staff in k could run out
 *                                  (staff_s[k] < min(capacity_s, recipients in the model needing k));
 *                                  elsewhere a pair covers every need s has staff for, and y stands in
 *   Σ_s y[r,s] + none[r] ≥ 1                                   each recipient has a supporter
 *   Σ_{s: staff_s[k] > 0} (cover[r,s,k] or y[r,s]) + u[r,k] ≥ 1  each need covered
 *   Σ_r y[r,s] ≤ capacity_s                                    supporter capacity
 *   Σ_r cover[r,s,k] ≤ staff_s[k],  cover[r,s,k] ≤ y[r,s]      staff per specialty
 *   min Σ km(r,s)·y[r,s] + 10,000·Σ u + 10,000·Σ none
 * The penalty is above any distance in China (≤ 5,000 km), so a need is left unmet only when no
 * supporter in reach has staff and room for it (or covering it would move other pairs by more than
 * 10,000 km in all). Pure: the server solves the model with HiGHS and decodes here.
 */
import { distanceMeters, type GeoPoint, isGeoPoint } from "../assistance/location-evidence.ts";
import { type FieldError, invalid } from "../errors.ts";
import { isRegionCode, provinceOf } from "../regions.ts";
import { type LinearModel, ModelBuilder, type SolveResult, type SolverSummary, solverSummary } from "./linear-model.ts";
import { provinceShortName } from "./province-names.ts";

/** Penalty of one unmet need, and of a recipient left without any supporter, in km of travel. */
export const UNMET_NEED_PENALTY_KM = 10_000;
export const NO_SUPPORTER_PENALTY_KM = 10_000;

export interface PairingRecipient {
  id: string;
  /** Its county (GB/T 2260). */
  regionCode: string;
  /** The centroid of its region (the map data's), for distances. */
  point: GeoPoint;
  /** Specialties it lacks or asked a technique of, this year. */
  needs: string[];
  /** Supporters it is paired with today (active agreements). */
  existingSupporters: string[];
}

export interface PairingSupporter {
  id: string;
  regionCode: string;
  provinceCode: string;
  point: GeoPoint;
  /** How many recipients it can take in all. */
  maxRecipients: number;
  /** Staff it can send in a year, per specialty. */
  staffBySpecialty: Record<string, number>;
}

export interface PairingPlanInput {
  /** The region planned ("000000" for the nation), echoed in the plan. */
  regionCode: string;
  year: number;
  recipients: PairingRecipient[];
  supporters: PairingSupporter[];
  /** `[supporterProvince, recipientProvince]`: supporters of the first may serve recipients of the second. */
  provincePairings: [string, string][];
  keepExisting: boolean;
}

export interface Words {
  zh: string;
  en: string;
}

export interface PairingPlan {
  kind: "pairing";
  regionCode: string;
  year: number;
  solver: SolverSummary;
  pairs: { recipient: string; supporter: string; existing: boolean; distanceKm: number; covers: string[]; why: Words }[];
  /** A need no pair covers; `specialty` is "" for a recipient with no needs that got no supporter. */
  unmet: { recipient: string; specialty: string; why: Words }[];
  totals: { recipients: number; supporters: number; pairs: number; newPairs: number; unmetNeeds: number; distanceKm: number };
}

export interface PairingModel {
  model: LinearModel;
  decode(result: SolveResult): PairingPlan;
  /** Reduced costs of the allowed pairs left out of this model, from an LP optimum's row duals. */
  price(rowDuals: readonly number[]): { key: string; reducedCost: number }[];
}

export interface PairingProblem {
  /** Candidate pairs in all: every allowed pair, and kept existing pairs outside the rule. */
  pairCount: number;
  /**
   * Keys of each recipient's n nearest candidate pairs, of the `perNeed` nearest with staff in each
   * of its needs, and of the kept existing ones: where column generation starts.
   */
  nearest(n: number, perNeed?: number): Set<string>;
  /**
   * The model over every candidate pair, or over those whose keys are given (kept pairs always);
   * with `only`, the part of it for those recipients (by index): an independent piece when no
   * supporter is shared with the others. Column names (y[r,s], cover[r,s,k], none[r], unmet[r,k])
   * are the same in every model, so a piece's solution maps back by name.
   */
  build(restrictTo?: ReadonlySet<string>, only?: ReadonlySet<number>): PairingModel;
}

/** One candidate pair (a column of the models that include it). */
interface Pair {
  r: number;
  s: number;
  /** "r,s": how a subset of pairs names it. */
  key: string;
  km: number;
  existing: boolean;
  /** Within the province rule (an existing pair outside it is only a column when kept). */
  allowed: boolean;
}

const roundKm = (km: number) => Math.round(km * 10) / 10;

function validate(input: PairingPlanInput): void {
  const errors: FieldError[] = [];
  const error = (path: string, code: FieldError["code"], message: string, params?: FieldError["params"]) =>
    errors.push({ path, code, message, ...(params && { params }) });
  if (!Number.isInteger(input.year)) error("year", "type", "year must be an integer", { type: "integer" });
  else if (input.year < 2000) error("year", "too_small", "year must be 2000..2100", { limit: 2000 });
  else if (input.year > 2100) error("year", "too_large", "year must be 2000..2100", { limit: 2100 });
  const seen = new Set<string>();
  input.recipients.forEach((r, i) => {
    if (seen.has(r.id)) error(`recipients[${i}].id`, "duplicate", "recipient listed twice", { scope: "file" });
    seen.add(r.id);
    if (!isRegionCode(r.regionCode)) error(`recipients[${i}].regionCode`, "format", "not a region code", { format: "region_code" });
    if (!isGeoPoint(r.point)) error(`recipients[${i}].point`, "format", "not a point", { format: "point" });
  });
  const supporters = new Set<string>();
  input.supporters.forEach((s, i) => {
    if (supporters.has(s.id)) error(`supporters[${i}].id`, "duplicate", "supporter listed twice", { scope: "file" });
    supporters.add(s.id);
    if (!isRegionCode(s.provinceCode)) error(`supporters[${i}].provinceCode`, "format", "not a region code", { format: "region_code" });
    if (!isGeoPoint(s.point)) error(`supporters[${i}].point`, "format", "not a point", { format: "point" });
    if (!Number.isInteger(s.maxRecipients)) error(`supporters[${i}].maxRecipients`, "type", "must be an integer", { type: "integer" });
    else if (s.maxRecipients < 0) error(`supporters[${i}].maxRecipients`, "too_small", "capacity must not be negative", { limit: 0 });
    for (const [specialty, n] of Object.entries(s.staffBySpecialty)) {
      if (!Number.isInteger(n)) error(`supporters[${i}].staffBySpecialty.${specialty}`, "type", "must be an integer", { type: "integer" });
      else if (n < 0) error(`supporters[${i}].staffBySpecialty.${specialty}`, "too_small", "staff must not be negative", { limit: 0 });
    }
  });
  if (errors.length > 0) throw invalid(errors);
}

/** Builds the pairing model over every pair the province rule allows, and its decoder. */
/** The full model over every allowed pair (small regions; a nation goes through `preparePairing` and pricing). */
export function buildPairingModel(input: PairingPlanInput): PairingModel {
  return preparePairing(input).build();
}

/**
 * The pairing problem, prepared once: every allowed pair with its distance, the effective
 * capacities, where staff can run out. `build` makes the model over all pairs or over a subset of
 * them (column generation: the server solves the LP over the nearest pairs, prices the others with
 * `price`, adds those that would lower the objective, and so proves the LP bound of the full model).
 */
export function preparePairing(input: PairingPlanInput): PairingProblem {
  validate(input);
  const { recipients, supporters } = input;
  const supporterIndex = new Map(supporters.map((s, i) => [s.id, i]));
  const needsOf = recipients.map((r) => [...new Set(r.needs)]);

  // Supporters by province, and the provinces that may serve each recipient province.
  const byProvince = new Map<string, number[]>();
  supporters.forEach((s, i) => {
    const list = byProvince.get(s.provinceCode) ?? [];
    list.push(i);
    byProvince.set(s.provinceCode, list);
  });
  const reachOf = (province: string): number[] => [
    ...(byProvince.get(province) ?? []),
    ...input.provincePairings.filter(([from, to]) => to === province && from !== province).flatMap(([from]) => byProvince.get(from) ?? []),
  ];
  const reachCache = new Map<string, number[]>();

  // Candidate pairs per recipient (allowed ones, plus kept existing ones outside the rule).
  const candidates: Pair[][] = recipients.map((r, ri) => {
    const province = provinceOf(r.regionCode);
    let reach = reachCache.get(province);
    if (!reach) {
      reach = [...new Set(reachOf(province))];
      reachCache.set(province, reach);
    }
    const existing = new Set(r.existingSupporters.map((id) => supporterIndex.get(id)).filter((i): i is number => i !== undefined));
    const list = reach.map((s) => ({ s, allowed: true }));
    if (input.keepExisting) for (const s of existing) if (!reach.includes(s)) list.push({ s, allowed: false });
    return list
      .map(({ s, allowed }) => ({
        r: ri,
        s,
        key: `${ri},${s}`,
        km: roundKm(distanceMeters(r.point, (supporters[s] as PairingSupporter).point) / 1000),
        existing: existing.has(s),
        allowed,
      }))
      .sort((a, b) => a.km - b.km);
  });

  // Effective capacity: kept pairings count even when they already exceed it.
  const kept = new Array<number>(supporters.length).fill(0);
  if (input.keepExisting) for (const list of candidates) for (const p of list) if (p.existing) kept[p.s] = (kept[p.s] ?? 0) + 1;
  const capacity = supporters.map((s, i) => Math.max(s.maxRecipients, kept[i] ?? 0));
  const staff = (s: number, k: string) => (supporters[s] as PairingSupporter).staffBySpecialty[k] ?? 0;

  const keptPair = (p: Pair) => input.keepExisting && p.existing;

  function nearest(n: number, perNeed = 0): Set<string> {
    const keys = new Set<string>();
    candidates.forEach((list, r) => {
      let taken = 0;
      const forNeed = new Map((needsOf[r] ?? []).map((k) => [k, 0]));
      for (const p of list) {
        let take = keptPair(p) || taken < n;
        if (p.allowed)
          for (const [k, count] of forNeed)
            if (count < perNeed && staff(p.s, k) > 0) {
              forNeed.set(k, count + 1);
              take = true;
            }
        if (take) keys.add(p.key);
        if (!keptPair(p)) taken++;
      }
    });
    return keys;
  }

  function build(restrictTo?: ReadonlySet<string>, only?: ReadonlySet<number>): PairingModel {
    const builder = new ModelBuilder();
    const outside = (r: number) => only !== undefined && !only.has(r);
    const included = candidates.map((list, r) => (outside(r) ? [] : list.filter((p) => !restrictTo || restrictTo.has(p.key) || keptPair(p))));
    const columnOf = new Map<Pair, number>();
    const coverColumns = new Map<Pair, Map<string, number>>();
    const pairsOfSupporter = supporters.map(() => [] as Pair[]);
    // Recipients in this model needing each specialty, per supporter: staff can run out only where
    // they outnumber both the staff and the capacity, and only there are cover columns needed (a
    // left-out pair then prices with the staff row's dual 0, which the full model admits too).
    const demand = supporters.map(() => new Map<string, number>());
    for (const list of included) for (const p of list) for (const k of needsOf[p.r] ?? []) demand[p.s]?.set(k, (demand[p.s]?.get(k) ?? 0) + 1);
    const mayRunOut = (s: number, k: string) => staff(s, k) > 0 && staff(s, k) < Math.min(capacity[s] ?? 0, demand[s]?.get(k) ?? 0);
    for (const list of included)
      for (const p of list) {
        columnOf.set(p, builder.column(`y[${p.r},${p.s}]`, { cost: p.km, lower: keptPair(p) ? 1 : 0 }));
        pairsOfSupporter[p.s]?.push(p);
        const covers = new Map<string, number>();
        for (const k of needsOf[p.r] ?? []) if (mayRunOut(p.s, k)) covers.set(k, builder.column(`cover[${p.r},${p.s},${k}]`));
        coverColumns.set(p, covers);
      }
    const column = (p: Pair) => columnOf.get(p) as number;
    const coversOfPair = (p: Pair) => coverColumns.get(p) ?? new Map<string, number>();
    const none = recipients.map((_, r) => (outside(r) ? -1 : builder.column(`none[${r}]`, { cost: NO_SUPPORTER_PENALTY_KM, integer: false })));
    const unmetColumns = needsOf.map((needs, r) =>
      outside(r) ? [] : needs.map((k) => builder.column(`unmet[${r},${k}]`, { cost: UNMET_NEED_PENALTY_KM, integer: false })),
    );

    // Row indices, for pricing the pairs left out (a row that was not made has dual 0).
    const supporterRow: (number | null)[] = [];
    const needRows: (number | null)[][] = [];
    const capacityRow: (number | null)[] = supporters.map(() => null);
    const staffRows = supporters.map(() => new Map<string, number | null>());
    included.forEach((list, r) => {
      if (outside(r)) return;
      supporterRow[r] = builder.row(`supporter[${r}]`, [...list.map((p) => [column(p), 1] as const), [none[r] as number, 1]], 1, Number.POSITIVE_INFINITY);
      needRows[r] = (needsOf[r] ?? []).map((k, i) => {
        const terms = list.filter((p) => staff(p.s, k) > 0).map((p) => [coversOfPair(p).get(k) ?? column(p), 1] as const);
        return builder.row(`need[${r},${k}]`, [...terms, [unmetColumns[r]?.[i] as number, 1]], 1, Number.POSITIVE_INFINITY);
      });
      for (const p of list)
        for (const [k, cover] of coversOfPair(p))
          builder.row(
            `link[${r},${p.s},${k}]`,
            [
              [cover, 1],
              [column(p), -1],
            ],
            Number.NEGATIVE_INFINITY,
            0,
          );
    });
    pairsOfSupporter.forEach((list, s) => {
      if (list.length > (capacity[s] ?? 0))
        capacityRow[s] = builder.row(
          `capacity[${s}]`,
          list.map((p) => [column(p), 1] as const),
          Number.NEGATIVE_INFINITY,
          capacity[s] ?? 0,
        );
      const bySpecialty = new Map<string, number[]>();
      for (const p of list) for (const [k, cover] of coversOfPair(p)) bySpecialty.set(k, [...(bySpecialty.get(k) ?? []), cover]);
      for (const [k, columns] of bySpecialty)
        staffRows[s]?.set(
          k,
          builder.row(
            `staff[${s},${k}]`,
            columns.map((c) => [c, 1] as const),
            Number.NEGATIVE_INFINITY,
            staff(s, k),
          ),
        );
    });
    const model = builder.build();

    /**
     * Reduced cost of each pair left out, from the LP's row duals: the pair with the best set of
     * covers (a need k joins when its dual, less the dual of s's k-staff row, is positive). With
     * the link rows' duals chosen accordingly, every left-out column prices at ≥ 0 exactly when
     * these do — then the LP over the subset is the LP over all pairs, and a pair costing more than
     * (incumbent − LP bound) cannot be in a better solution.
     */
    function price(rowDuals: readonly number[]): { key: string; reducedCost: number }[] {
      const dual = (row: number | null | undefined) => (row === null || row === undefined ? 0 : (rowDuals[row] ?? 0));
      const out: { key: string; reducedCost: number }[] = [];
      candidates.forEach((list, r) => {
        const needs = needsOf[r] ?? [];
        const base = dual(supporterRow[r]);
        for (const p of list) {
          if (columnOf.has(p) || !p.allowed) continue;
          let cost = p.km - base - dual(capacityRow[p.s]);
          needs.forEach((k, i) => {
            if (staff(p.s, k) === 0) return;
            const gain = dual(needRows[r]?.[i]) + dual(staffRows[p.s]?.get(k));
            if (gain > 0) cost -= gain;
          });
          out.push({ key: p.key, reducedCost: cost });
        }
      });
      return out;
    }

    function decode(result: SolveResult): PairingPlan {
      const solver = solverSummary(result, model);
      const on = (c: number) => (result.values[c] ?? 0) > 0.5;
      const chosen = included.map((list) => list.filter((p) => on(column(p))));
      // What each chosen pair covers, and what each supporter has used of its capacity and staff.
      const coversOf = new Map<Pair, string[]>();
      const load = new Array<number>(supporters.length).fill(0);
      const staffUsed = supporters.map(() => new Map<string, number>());
      chosen.forEach((list, r) => {
        for (const p of list) {
          load[p.s] = (load[p.s] ?? 0) + 1;
          const covers = (needsOf[r] ?? []).filter((k) => staff(p.s, k) > 0 && (coversOfPair(p).has(k) ? on(coversOfPair(p).get(k) as number) : true));
          coversOf.set(p, covers);
          for (const k of covers) staffUsed[p.s]?.set(k, (staffUsed[p.s]?.get(k) ?? 0) + 1);
        }
      });
      const full = (s: number) => (load[s] ?? 0) >= (capacity[s] ?? 0);
      const staffGone = (s: number, k: string) => (staffUsed[s]?.get(k) ?? 0) >= staff(s, k);

      const pairs: PairingPlan["pairs"] = [];
      const unmet: PairingPlan["unmet"] = [];
      if (result.values.length > 0)
        chosen.forEach((list, r) => {
          const recipient = recipients[r] as PairingRecipient;
          for (const p of [...list].sort((a, b) => a.km - b.km)) {
            const covers = coversOf.get(p) ?? [];
            pairs.push({
              recipient: recipient.id,
              supporter: (supporters[p.s] as PairingSupporter).id,
              existing: p.existing,
              distanceKm: p.km,
              covers,
              why: sentence(pairWhy(p, covers, candidates[r] ?? [], list, needsOf[r] ?? [], { full, staffGone, staff })),
            });
          }
          const covered = new Set(list.flatMap((p) => coversOf.get(p) ?? []));
          for (const k of needsOf[r] ?? [])
            if (!covered.has(k))
              unmet.push({
                recipient: recipient.id,
                specialty: k,
                why: sentence(unmetWhy(recipient, k, candidates[r] ?? [], list.length, { full, staffGone, staff })),
              });
          if (list.length === 0 && (needsOf[r] ?? []).length === 0)
            unmet.push({ recipient: recipient.id, specialty: "", why: sentence(noSupporterWhy(recipient, candidates[r] ?? [])) });
        });
      return {
        kind: "pairing",
        regionCode: input.regionCode,
        year: input.year,
        solver,
        pairs,
        unmet,
        totals: {
          recipients: recipients.length,
          supporters: supporters.length,
          pairs: pairs.length,
          newPairs: pairs.filter((p) => !p.existing).length,
          unmetNeeds: unmet.filter((u) => u.specialty !== "").length,
          distanceKm: roundKm(pairs.reduce((sum, p) => sum + p.distanceKm, 0)),
        },
      };
    }
    return { model, decode, price };
  }

  /** The province relation of a pair in words: same province, or the paired provinces. */
  function relation(p: Pair): Words {
    const from = (supporters[p.s] as PairingSupporter).provinceCode;
    const to = provinceOf((recipients[p.r] as PairingRecipient).regionCode);
    if (!p.allowed) return { zh: "现有结对（不在省际协作关系内）", en: "an existing pairing outside the province pairings" };
    if (from === to) return { zh: `同省（${provinceShortName(to, "zh")}）`, en: `in the same province (${provinceShortName(to, "en")})` };
    return {
      zh: `协作省份 ${provinceShortName(from, "zh")}→${provinceShortName(to, "zh")}`,
      en: `in the paired province ${provinceShortName(from, "en")}→${provinceShortName(to, "en")}`,
    };
  }

  interface State {
    full: (s: number) => boolean;
    staffGone: (s: number, k: string) => boolean;
    staff: (s: number, k: string) => number;
  }

  /** The English sentence begins with a capital (the parts are written to be joined mid-sentence). */
  function sentence(words: Words): Words {
    return { zh: words.zh, en: words.en.charAt(0).toUpperCase() + words.en.slice(1) };
  }
  function pairWhy(p: Pair, covers: string[], reach: Pair[], chosen: Pair[], needs: string[], state: State): Words {
    const km = Math.round(p.km);
    const coverWords: Words =
      covers.length > 0
        ? { zh: `覆盖${covers.join("、")}`, en: `covers ${covers.join(", ")}` }
        : needs.length > 0
          ? { zh: "需求已由其他支援医院覆盖，作为其支援医院", en: "its needs are covered by others; every recipient gets a supporter" }
          : { zh: "无登记需求，每家受援医院至少一家支援医院", en: "no needs listed; every recipient gets a supporter" };
    const where = relation(p);
    if (p.existing && input.keepExisting)
      return { zh: `现有结对，按要求保留；${coverWords.zh}；${km} 公里，${where.zh}`, en: `existing pairing, kept; ${coverWords.en}; ${km} km, ${where.en}` };
    const nearer = reach.filter((q) => q.km < p.km && !chosen.includes(q));
    const again: Words = p.existing ? { zh: "现有结对，重新选中；", en: "existing pairing, chosen again; " } : { zh: "", en: "" };
    if (nearer.length === 0)
      return {
        zh: `${again.zh}${coverWords.zh}；${km} 公里，可选的最近一家，${where.zh}`,
        en: `${again.en}${coverWords.en}; ${km} km, the nearest allowed, ${where.en}`,
      };
    let fullCount = 0;
    let staffCount = 0;
    let otherCount = 0;
    const lacking = new Set<string>();
    let lackCount = 0;
    for (const q of nearer) {
      if (state.full(q.s)) fullCount++;
      else {
        const missing = covers.filter((k) => state.staff(q.s, k) === 0);
        if (missing.length > 0) {
          lackCount++;
          for (const k of missing) lacking.add(k);
        } else if (covers.some((k) => state.staffGone(q.s, k))) staffCount++;
        else otherCount++;
      }
    }
    const listed = [...lacking].slice(0, 3);
    const parts: Words[] = [];
    if (fullCount > 0) parts.push({ zh: `${fullCount} 家名额已满`, en: `${fullCount} full` });
    if (lackCount > 0) parts.push({ zh: `${lackCount} 家缺${listed.join("、")}`, en: `${lackCount} lack ${listed.join(", ")}` });
    if (staffCount > 0) parts.push({ zh: `${staffCount} 家该专科人员已派完`, en: `${staffCount} have those staff assigned` });
    if (otherCount > 0) parts.push({ zh: `${otherCount} 家留给总距离更短的安排`, en: `${otherCount} left for a shorter total distance` });
    const rank: Words =
      fullCount === nearer.length
        ? { zh: "有空余名额的最近一家", en: "the nearest with free capacity" }
        : fullCount + staffCount + lackCount === nearer.length && covers.length > 0
          ? { zh: "有空余名额且能覆盖这些专科的最近一家", en: "the nearest with free capacity for these specialties" }
          : { zh: "使总距离最短的选择", en: "the choice of least total distance" };
    return {
      zh: `${again.zh}${coverWords.zh}；${km} 公里，${rank.zh}（更近的 ${nearer.length} 家：${parts.map((w) => w.zh).join("，")}），${where.zh}`,
      en: `${again.en}${coverWords.en}; ${km} km, ${rank.en} (${nearer.length} nearer: ${parts.map((w) => w.en).join(", ")}), ${where.en}`,
    };
  }

  /** The provinces that may serve a recipient, in words: "贵州及其协作省份浙江" / "Guizhou or its paired provinces (Zhejiang)". */
  function reachWords(recipient: PairingRecipient): Words {
    const to = provinceOf(recipient.regionCode);
    const from = input.provincePairings.filter(([a, b]) => b === to && a !== to).map(([a]) => a);
    if (from.length === 0) return { zh: provinceShortName(to, "zh"), en: provinceShortName(to, "en") };
    return {
      zh: `${provinceShortName(to, "zh")}及其协作省份${from.map((c) => provinceShortName(c, "zh")).join("、")}`,
      en: `${provinceShortName(to, "en")} or its paired provinces (${from.map((c) => provinceShortName(c, "en")).join(", ")})`,
    };
  }

  function unmetWhy(recipient: PairingRecipient, k: string, reach: Pair[], pairedWith: number, state: State): Words {
    const able = reach.filter((q) => q.allowed && state.staff(q.s, k) > 0);
    const area = reachWords(recipient);
    if (able.length === 0) return { zh: `${area.zh}没有能派${k}人员的支援医院`, en: `no supporter in ${area.en} has staff in ${k}` };
    if (able.every((q) => state.full(q.s) || state.staffGone(q.s, k)))
      return {
        zh: `${area.zh}有${k}人员的 ${able.length} 家支援医院名额已满或该专科人员已派完`,
        en: `the ${able.length} supporters in ${area.en} with staff in ${k} are full or have their ${k} staff assigned`,
      };
    return pairedWith === 0
      ? { zh: "求解在时限内未找到覆盖它的安排", en: "the solver found no plan covering it within the time limit" }
      : {
          zh: `覆盖它的代价超过每项未满足需求 ${UNMET_NEED_PENALTY_KM} 公里的罚分`,
          en: `covering it costs more than the ${UNMET_NEED_PENALTY_KM} km penalty of an unmet need`,
        };
  }

  function noSupporterWhy(recipient: PairingRecipient, reach: Pair[]): Words {
    const area = reachWords(recipient);
    return reach.length === 0
      ? { zh: `${area.zh}没有登记支援能力的支援医院`, en: `no supporter in ${area.en} has a support capacity` }
      : { zh: `${area.zh}的 ${reach.length} 家支援医院名额已满`, en: `the ${reach.length} supporters in ${area.en} are full` };
  }

  return { pairCount: candidates.reduce((n, list) => n + list.length, 0), nearest, build };
}
