import {
  buildPairingModel,
  type FieldError,
  type InstitutionKind,
  invalid,
  type PairingPlan,
  type PairingRecipient,
  type PairingSupporter,
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
/** Recipients: county-level hospitals (the programme pairs city tertiary hospitals with them). */
export const PAIRING_RECIPIENT_KINDS: readonly InstitutionKind[] = ["county_hospital", "county_tcm_hospital"];
/** Supporters: tertiary hospitals that registered a support capacity. */
export const PAIRING_SUPPORTER_KINDS: readonly InstitutionKind[] = ["national_medical_center", "regional_medical_center", "tertiary_hospital"];

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

/**
 * Plans the pairings of a region (or the nation, "000000") for a year. The model's LP relaxation is
 * solved first: pairing is close to a transportation problem, whose LP optima are integral, and an
 * integral LP optimum is a proven MIP optimum (bound = objective, gap 0) at a fraction of the MIP's
 * cost. Only when some pair comes out fractional (staff limits, several needs) is the MIP solved,
 * with the time left.
 */
export async function planPairing(db: Db, params: PairingParams): Promise<PairingPlan> {
  await validate(db, params);
  const input = await loadPairingInput(db, params);
  const { model, decode } = buildPairingModel(input);
  const started = performance.now();
  const relaxed = await solve({ ...model, integer: model.integer.map(() => false) }, { timeLimitSeconds: params.timeLimitSeconds, relativeGap: 0 });
  let result: SolveResult = relaxed;
  if (relaxed.status !== "optimal" || !integral(model.integer, relaxed.values)) {
    const left = Math.max(1, params.timeLimitSeconds - (performance.now() - started) / 1000);
    const mip = await solve(model, { timeLimitSeconds: left, relativeGap: 1e-6 });
    // The LP's optimum is a bound on the MIP's; HiGHS's own bound is at least as good.
    result = { ...mip, seconds: relaxed.seconds + mip.seconds };
  }
  if (result.values.length === 0) throw new Error(`the solver found no pairing (${result.status}) within ${params.timeLimitSeconds} s`);
  return decode(result);
}
