import {
  type FieldError,
  invalid,
  PAIRING_RECIPIENT_KINDS,
  PAIRING_SUPPORTER_KINDS,
  type PairingModel,
  type PairingPlan,
  type PairingProblem,
  type PairingRecipient,
  type PairingSupporter,
  preparePairing,
  provinceOf,
  REGION_CODE_PATTERN,
  regionPrefix,
  type SolveResult,
} from "@medbridge/core";
import { and, eq, inArray, like } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, capabilityNeeds, institutions, provincePairings, regions, supportCapacity } from "../db/schema.ts";
import { regionCentroid } from "../geo/county-areas.ts";
import { solve } from "../solver/solve.ts";

/** The nation, as a pairing region. */
export const NATION = "000000";

export interface PairingParams {
  regionCode: string;
  year: number;
  keepExisting: boolean;
  timeLimitSeconds: number;
}

/** Refuses bad parameters, each error naming its field; an unknown region code is a field error too. */
async function validate(db: Db, params: PairingParams): Promise<void> {
  const errors: FieldError[] = [];
  if (params.regionCode !== NATION) {
    if (!REGION_CODE_PATTERN.test(params.regionCode))
      errors.push({ path: "regionCode", code: "format", params: { format: "region_code" }, message: "must be a 6-digit region code or 000000" });
    else {
      const [known] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, params.regionCode));
      if (!known) errors.push({ path: "regionCode", code: "not_found", params: { entity: "region" }, message: "no such region" });
    }
  }
  if (!Number.isInteger(params.year) || params.year < 2000 || params.year > 2100)
    errors.push({
      path: "year",
      code: params.year < 2000 ? "too_small" : "too_large",
      params: { limit: params.year < 2000 ? 2000 : 2100 },
      message: "year must be 2000..2100",
    });
  if (!Number.isInteger(params.timeLimitSeconds) || params.timeLimitSeconds < 1 || params.timeLimitSeconds > 300)
    errors.push({
      path: "timeLimitSeconds",
      code: params.timeLimitSeconds < 1 ? "too_small" : "too_large",
      params: { limit: params.timeLimitSeconds < 1 ? 1 : 300 },
      message: "time limit must be 1..300 s",
    });
  if (errors.length > 0) throw invalid(errors);
}

const centroids = new Map<string, Promise<{ latitude: number; longitude: number }>>();
/** A region's centroid from the map data (cached: a national plan asks ~2,000 of them). */
function pointOf(code: string) {
  let point = centroids.get(code);
  if (!point) {
    point = regionCentroid(code).then((p) => {
      if (!p) throw new Error(`the map data has no area for region ${code}`);
      return p;
    });
    centroids.set(code, point);
  }
  return point;
}

/** Everything the pairing planner needs for a region and a year, from the database. */
export async function loadPairingInput(db: Db, params: PairingParams) {
  const inRegion = params.regionCode === NATION ? undefined : like(institutions.regionCode, `${regionPrefix(params.regionCode)}%`);
  const recipientRows = await db
    .select({ id: institutions.id, regionCode: institutions.regionCode })
    .from(institutions)
    .where(and(eq(institutions.active, true), inArray(institutions.kind, [...PAIRING_RECIPIENT_KINDS]), inRegion))
    .orderBy(institutions.regionCode, institutions.id);
  const recipientIds = recipientRows.map((r) => r.id);
  const recipientProvinces = [...new Set(recipientRows.map((r) => provinceOf(r.regionCode)))];

  const pairingRows =
    recipientProvinces.length === 0
      ? []
      : await db
          .select({ from: provincePairings.supporterProvince, to: provincePairings.recipientProvince })
          .from(provincePairings)
          .where(inArray(provincePairings.recipientProvince, recipientProvinces));
  const supporterProvinces = [...new Set([...recipientProvinces, ...pairingRows.map((p) => p.from)])];

  const needRows =
    recipientIds.length === 0
      ? []
      : await db
          .select({ institutionId: capabilityNeeds.institutionId, specialty: capabilityNeeds.specialty })
          .from(capabilityNeeds)
          .where(and(eq(capabilityNeeds.year, params.year), inArray(capabilityNeeds.institutionId, recipientIds)));
  const existingRows =
    recipientIds.length === 0
      ? []
      : await db
          .selectDistinct({ recipient: agreements.recipientId, supporter: agreementSupporters.institutionId })
          .from(agreements)
          .innerJoin(agreementSupporters, eq(agreementSupporters.agreementId, agreements.id))
          .where(and(eq(agreements.status, "active"), inArray(agreements.recipientId, recipientIds)));

  const supporterRows =
    supporterProvinces.length === 0
      ? []
      : await db
          .select({
            id: institutions.id,
            regionCode: institutions.regionCode,
            provinceCode: institutions.provinceCode,
            maxRecipients: supportCapacity.maxRecipients,
            staffBySpecialty: supportCapacity.staffBySpecialty,
          })
          .from(supportCapacity)
          .innerJoin(institutions, eq(institutions.id, supportCapacity.institutionId))
          .where(
            and(
              eq(institutions.active, true),
              inArray(institutions.kind, [...PAIRING_SUPPORTER_KINDS]),
              inArray(institutions.provinceCode, supporterProvinces),
            ),
          )
          .orderBy(institutions.regionCode, institutions.id);
  // Today's supporters without a capacity row are still today's: kept with the pairings they have
  // (capacity 0, so the planner gives them no new recipient, and no staff it knows of).
  const known = new Set(supporterRows.map((s) => s.id));
  const unlisted = [...new Set(existingRows.map((e) => e.supporter).filter((id) => !known.has(id)))];
  const unlistedRows =
    unlisted.length === 0
      ? []
      : await db
          .select({ id: institutions.id, regionCode: institutions.regionCode, provinceCode: institutions.provinceCode })
          .from(institutions)
          .where(inArray(institutions.id, unlisted));

  const needs = new Map<string, string[]>();
  for (const n of needRows) needs.set(n.institutionId, [...(needs.get(n.institutionId) ?? []), n.specialty]);
  const existing = new Map<string, string[]>();
  for (const e of existingRows) existing.set(e.recipient, [...(existing.get(e.recipient) ?? []), e.supporter]);

  const recipients: PairingRecipient[] = await Promise.all(
    recipientRows.map(async (r) => ({
      id: r.id,
      regionCode: r.regionCode,
      point: await pointOf(r.regionCode),
      needs: [...new Set(needs.get(r.id) ?? [])].sort(),
      existingSupporters: existing.get(r.id) ?? [],
    })),
  );
  const supporters: PairingSupporter[] = await Promise.all(
    [...supporterRows, ...unlistedRows.map((u) => ({ ...u, maxRecipients: 0, staffBySpecialty: {} as Record<string, number> }))].map(async (s) => ({
      id: s.id,
      regionCode: s.regionCode,
      provinceCode: s.provinceCode,
      point: await pointOf(s.regionCode),
      maxRecipients: s.maxRecipients,
      staffBySpecialty: s.staffBySpecialty,
    })),
  );
  return {
    regionCode: params.regionCode,
    year: params.year,
    recipients,
    supporters,
    provincePairings: pairingRows.map((p) => [p.from, p.to] as [string, string]),
    keepExisting: params.keepExisting,
  };
}

/** Whether every integer column of a model has an integral value in a solution. */
function integral(integer: boolean[], values: number[]): boolean {
  for (let i = 0; i < integer.length; i++) if (integer[i] && Math.abs((values[i] ?? 0) - Math.round(values[i] ?? 0)) > 1e-6) return false;
  return true;
}

/** Each recipient's nearest pairs the first LP holds, and the nearest per need; pricing brings in any other that pays. */
const FIRST_NEAREST = 16;
const FIRST_PER_NEED = 3;
/** A reduced cost below this is negative (the objective is in km, to 0.1 km). */
const EPSILON = 1e-6;
/** Relative gap under which a plan is called optimal: HiGHS's own default mip_rel_gap (0.01 %); the gap itself is reported. */
const OPTIMALITY_GAP = 1e-4;
// Each piece's MIP stops at half of it: the pieces' gaps add up, and pricing leaves a little too.
/** Pairs a recipient gains per pricing round, the most negative first (all at once bloats the LP: an unmet need's dual makes every pair that covers it look good). */
const JOIN_PER_ROUND = 10;

/** Per recipient, the few left-out pairs of most negative reduced cost. */
function mostNegative(priced: { key: string; reducedCost: number }[]): { key: string; reducedCost: number }[] {
  const byRecipient = new Map<string, { key: string; reducedCost: number }[]>();
  for (const p of priced)
    if (p.reducedCost < -EPSILON) {
      const r = p.key.slice(0, p.key.indexOf(","));
      byRecipient.set(r, [...(byRecipient.get(r) ?? []), p]);
    }
  return [...byRecipient.values()].flatMap((list) => list.sort((a, b) => a.reducedCost - b.reducedCost).slice(0, JOIN_PER_ROUND));
}

export interface PairingSolve {
  plan: PairingPlan;
  /** "lp": the LP optimum was integral; "mip": branch and bound on the priced model. */
  method: "lp" | "mip";
  /** LP rounds of pricing, and the pairs the final model held out of all candidates. */
  rounds: number;
  modelPairs: number;
  candidatePairs: number;
}

/**
 * Solves the pairing problem to proven optimality within the time limit, over every allowed pair
 * without building a column for each (the national bench has ~119,000 allowed pairs; its optimum uses ~1,200):
 * 1. column generation on the LP relaxation: the LP over each recipient's nearest pairs (and the
 *    nearest for each need), priced against every pair left out with the LP's duals; the most
 *    negative join and the LP is solved again. The LP's value plus the left-out negative reduced
 *    costs is a lower bound on the full LP (a Lagrangian bound: y ≤ 1), so the rounds stop when
 *    that bound is within OPTIMALITY_GAP of the LP's value;
 * 2. an integral LP optimum within that gap is the optimum, proven;
 * 3. otherwise the MIP over the priced pairs, piece by piece (solveInPieces). A left-out pair j can
 *    only be in a solution costing at least (lower bound + its reduced cost), so the full model's
 *    bound is min(the MIP's bound, lower bound + the least reduced cost left out): no pair left
 *    out matters once that is the MIP's own bound. Otherwise the pairs priced under the margin join
 *    and the MIP runs again, while time is left.
 */
export async function solvePairing(problem: PairingProblem, timeLimitSeconds: number): Promise<PairingSolve> {
  const deadline = performance.now() + timeLimitSeconds * 1000;
  const left = () => Math.max(1, (deadline - performance.now()) / 1000);
  let keys = problem.nearest(FIRST_NEAREST, FIRST_PER_NEED);
  let pairing = problem.build(keys);
  let seconds = 0;
  let rounds = 0;
  const relax = async () => {
    const result = await solve({ ...pairing.model, integer: pairing.model.integer.map(() => false) }, { timeLimitSeconds: left(), relativeGap: 0 });
    seconds += result.seconds;
    return result;
  };
  const done = (result: SolveResult, method: "lp" | "mip"): PairingSolve => {
    if (result.values.length === 0) throw new Error(`the solver found no pairing (${result.status}) within ${timeLimitSeconds} s`);
    return { plan: pairing.decode({ ...result, seconds }), method, rounds, modelPairs: keys.size, candidatePairs: problem.pairCount };
  };

  let relaxed: SolveResult;
  let priced: { key: string; reducedCost: number }[] = [];
  let lowerBound: number | null = null;
  for (;;) {
    rounds++;
    relaxed = await relax();
    if (relaxed.status !== "optimal" || !relaxed.rowDuals || relaxed.objective === null) break;
    priced = pairing.price(relaxed.rowDuals);
    const negative = priced.reduce((sum, p) => sum + Math.min(0, p.reducedCost), 0);
    lowerBound = relaxed.objective + negative;
    if (-negative <= OPTIMALITY_GAP * Math.abs(relaxed.objective) || performance.now() >= deadline) break;
    keys = new Set([...keys, ...mostNegative(priced).map((p) => p.key)]);
    pairing = problem.build(keys);
  }
  if (lowerBound === null || relaxed.status !== "optimal") {
    // The LP did not finish: the MIP over the pairs in hand, with no bound for the pairs left out.
    const mip = await solve(pairing.model, { timeLimitSeconds: left(), relativeGap: OPTIMALITY_GAP });
    seconds += mip.seconds;
    return done({ ...mip, status: mip.status === "optimal" ? "time_limit" : mip.status, bound: null, gap: null }, "mip");
  }
  const verdict = (result: SolveResult, ownBound: number, objective: number, method: "lp" | "mip") => {
    const margin = objective - (lowerBound as number);
    const missing = priced.filter((p) => p.reducedCost < margin && !keys.has(p.key));
    const bound = Math.min(ownBound, ...missing.map((p) => (lowerBound as number) + p.reducedCost));
    const gap = Math.max(0, (objective - bound) / Math.max(1, Math.abs(objective)));
    const status = result.status === "optimal" && gap <= OPTIMALITY_GAP ? "optimal" : result.status === "optimal" ? "time_limit" : result.status;
    return { result: { ...result, status, bound, gap } as SolveResult, missing, method };
  };
  if (integral(pairing.model.integer, relaxed.values)) {
    const lp = verdict(relaxed, relaxed.objective as number, relaxed.objective as number, "lp");
    if (lp.result.status === "optimal") return done(lp.result, "lp");
  }
  for (;;) {
    const mip = await solveInPieces(problem, keys, pairing, relaxed, left);
    seconds += mip.seconds;
    if (mip.objective === null) return done({ ...mip, bound: null, gap: null }, "mip");
    const checked = verdict(mip, mip.bound ?? mip.objective, mip.objective, "mip");
    if (checked.missing.length === 0 || checked.result.status === "optimal" || performance.now() >= deadline) return done(checked.result, "mip");
    keys = new Set([...keys, ...checked.missing.map((p) => p.key)]);
    pairing = problem.build(keys);
    relaxed = await relax();
    if (relaxed.status !== "optimal") return done(checked.result, "mip");
  }
}

/**
 * The MIP of a priced model, piece by piece: recipients that share no supporter (through the pairs
 * in the model) form independent pieces, and branch and bound on each alone is far cheaper than on
 * their union (the gap closes per piece). A piece whose LP optimum is integral keeps it (optimal);
 * the others are solved as MIPs and their values put back by column name. The bound is the sum of
 * the pieces' bounds.
 */
async function solveInPieces(
  problem: PairingProblem,
  keys: ReadonlySet<string>,
  pairing: PairingModel,
  relaxed: SolveResult,
  left: () => number,
): Promise<SolveResult> {
  const { model } = pairing;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const key of keys) {
    const [r, s] = key.split(",");
    const a = find(`r${r}`);
    const b = find(`s${s}`);
    if (a !== b) parent.set(a, b);
  }
  // Each column's recipient, from its name (y[r,s], cover[r,s,k], none[r], unmet[r,k]).
  const recipientOf = model.columnNames.map((name) => Number(name.slice(name.indexOf("[") + 1).split(/[,\]]/)[0]));
  const pieces = new Map<string, Set<number>>();
  for (const r of recipientOf) {
    const root = find(`r${r}`);
    const piece = pieces.get(root) ?? new Set<number>();
    piece.add(r);
    pieces.set(root, piece);
  }
  const fractional = new Set<string>();
  model.integer.forEach((isInteger, i) => {
    const v = relaxed.values[i] ?? 0;
    if (isInteger && Math.abs(v - Math.round(v)) > 1e-6) fractional.add(find(`r${recipientOf[i]}`));
  });
  const index = new Map(model.columnNames.map((name, i) => [name, i]));
  const values = [...relaxed.values];
  let status: SolveResult["status"] = "optimal";
  let bound = 0;
  let seconds = 0;
  let heapBytes = relaxed.heapBytes;
  const boundOfPiece = new Map<string, number>();
  for (const root of fractional) {
    const piece = problem.build(keys, pieces.get(root));
    const mip = await solve(piece.model, { timeLimitSeconds: left(), relativeGap: OPTIMALITY_GAP / 2 });
    seconds += mip.seconds;
    heapBytes = Math.max(heapBytes, mip.heapBytes);
    if (mip.values.length === 0 || mip.objective === null) return { ...mip, objective: null, bound: null, gap: null, values: [], seconds };
    if (mip.status !== "optimal") status = mip.status;
    piece.model.columnNames.forEach((name, i) => {
      values[index.get(name) as number] = mip.values[i] ?? 0;
    });
    boundOfPiece.set(root, mip.bound ?? mip.objective);
  }
  let objective = 0;
  model.cost.forEach((cost, i) => {
    objective += cost * (values[i] ?? 0);
    if (!fractional.has(find(`r${recipientOf[i]}`))) bound += cost * (values[i] ?? 0);
  });
  for (const b of boundOfPiece.values()) bound += b;
  const gap = Math.max(0, (objective - bound) / Math.max(1, Math.abs(objective)));
  return { status, objective, bound, gap, values, seconds, heapBytes };
}

/** Plans the pairings of a region (or the nation, "000000") for a year. */
export async function planPairing(db: Db, params: PairingParams): Promise<PairingPlan> {
  await validate(db, params);
  const input = await loadPairingInput(db, params);
  return (await solvePairing(preparePairing(input), params.timeLimitSeconds)).plan;
}
