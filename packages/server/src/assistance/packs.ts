import { BUILT_IN_PACKS, builtInPack, type FieldError, invalid, NOMINAL_DAYS_DEFAULT, notFound, type RuleConfig, type RulePack } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { rulePacks } from "../db/schema.ts";
import { RegionCode } from "../http/schemas.ts";

export const PackCopyInput = Type.Object(
  {
    id: Type.String({ pattern: "^[a-z][a-z0-9_]{2,60}$", description: "New pack id, e.g. gz_city_tertiary_to_county" }),
    basedOn: Type.String({ minLength: 1, maxLength: 60 }),
    name: Type.Object({ zh: Type.String({ minLength: 1, maxLength: 80 }), en: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false }),
    regionCode: RegionCode,
    /**
     * Parameter changes per rule id, e.g. { "min_continuous_stay": { "months": 12 } }. `nominal_days`
     * (which every pack gets when attendance is supplied) may be given even when the base pack does
     * not list it: { "nominal_days": { "onSiteRadiusMeters": 2000, "countWithoutLocation": true } }.
     */
    parameters: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()])))),
  },
  { additionalProperties: false },
);
export type PackCopyInput = Static<typeof PackCopyInput>;

/** A rule pack as the API answers it: its rules are data, each an id with that rule's numbers. */
export const PackSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  basedOn: Type.Optional(Type.String({ description: "The built-in pack a copy was made from" })),
  rules: Type.Array(
    Type.Object(
      { id: Type.String() },
      {
        additionalProperties: true,
        description:
          "min, months, roles, max, minTitle, count, days or maxShare, as the rule takes; nominal_days also onSiteRadiusMeters, countAway, countWithoutLocation (absent: 1000, true, false)",
      },
    ),
  ),
  builtIn: Type.Boolean(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
});

export interface PackRow extends RulePack {
  builtIn: boolean;
  regionCode: string | null;
}

function copyRow(c: typeof rulePacks.$inferSelect): PackRow {
  return {
    id: c.id,
    version: c.version,
    name: c.name as RulePack["name"],
    basedOn: c.basedOn,
    rules: c.rules as RuleConfig[],
    builtIn: false,
    regionCode: c.regionCode,
  };
}

export async function listPacks(db: Db): Promise<PackRow[]> {
  const copies = await db.select().from(rulePacks);
  return [...BUILT_IN_PACKS.map((p) => ({ ...p, builtIn: true, regionCode: null })), ...copies.map(copyRow)];
}

/** A built-in pack, or a province's copy from the database. */
export async function resolvePack(db: Db, id: string): Promise<PackRow | undefined> {
  const builtIn = builtInPack(id);
  if (builtIn) return { ...builtIn, builtIn: true, regionCode: null };
  const [c] = await db.select().from(rulePacks).where(eq(rulePacks.id, id));
  return c ? copyRow(c) : undefined;
}

/** Numbers a copy may change, per rule, with their sane ranges ("boolean": a yes/no switch). */
const PARAMETERS: Record<string, Record<string, [number, number] | "boolean">> = {
  min_staff: { min: [1, 100] },
  min_continuous_stay: { months: [1, 36] },
  batch_size: { min: [1, 100], max: [1, 100] },
  senior_title: { count: [1, 20] },
  weekly_days_on_site: { days: [1, 5] },
  fixed_physician: { months: [1, 36] },
  // The on-site radius: 100 m (a device's accuracy is added anyway) to 20 km (a county town).
  nominal_days: { maxShare: [0, 1], onSiteRadiusMeters: [100, 20_000], countAway: "boolean", countWithoutLocation: "boolean" },
};

/** Applies parameter changes to a base pack's rules, naming any change that is not allowed. */
export function withParameters(base: RulePack, parameters: Record<string, Record<string, number | string | boolean>> = {}): RuleConfig[] {
  const errors: FieldError[] = [];
  const rules = base.rules.map((r) => ({ ...r })) as RuleConfig[];
  // nominal_days joins every pack when attendance is supplied: changing it adds it to the copy.
  if (parameters.nominal_days && !rules.some((r) => r.id === "nominal_days")) rules.push({ ...NOMINAL_DAYS_DEFAULT });
  for (const [ruleId, changes] of Object.entries(parameters)) {
    const rule = rules.find((r) => r.id === ruleId) as Record<string, unknown> | undefined;
    if (!rule) {
      errors.push({ path: `parameters.${ruleId}`, code: "unknown_field", message: `pack ${base.id} has no rule ${ruleId}` });
      continue;
    }
    for (const [key, value] of Object.entries(changes)) {
      const range = PARAMETERS[ruleId]?.[key];
      if (!range) errors.push({ path: `parameters.${ruleId}.${key}`, code: "not_allowed", params: { reason: "not_changeable" }, message: "cannot be changed" });
      else if (range === "boolean") {
        if (typeof value === "boolean") rule[key] = value;
        else errors.push({ path: `parameters.${ruleId}.${key}`, code: "type", params: { type: "boolean" }, message: "must be true or false" });
      } else if (typeof value !== "number" || value < range[0] || value > range[1] || (key !== "maxShare" && !Number.isInteger(value))) {
        errors.push({
          path: `parameters.${ruleId}.${key}`,
          code: typeof value !== "number" ? "type" : value < range[0] ? "too_small" : value > range[1] ? "too_large" : "type",
          params:
            typeof value === "number" && (value < range[0] || value > range[1])
              ? { limit: value < range[0] ? range[0] : range[1] }
              : { type: key === "maxShare" ? "number" : "integer" },
          message: `must be ${key === "maxShare" ? "a number" : "a whole number"} from ${range[0]} to ${range[1]}`,
        });
      } else rule[key] = value;
    }
  }
  if (errors.length) throw invalid(errors);
  return rules;
}

export async function createPackCopy(db: Db, actor: Actor, input: PackCopyInput): Promise<PackRow> {
  const base = await resolvePack(db, input.basedOn);
  if (!base) throw invalid([{ path: "basedOn", code: "not_found", params: { entity: "rule_pack" }, message: `unknown rule pack "${input.basedOn}"` }]);
  if (await resolvePack(db, input.id)) throw invalid([{ path: "id", code: "duplicate", params: { scope: "system" }, message: "is taken" }]);
  const rules = withParameters(base, input.parameters);
  await db.insert(rulePacks).values({ id: input.id, name: input.name, basedOn: base.basedOn ?? base.id, rules, regionCode: input.regionCode });
  await audit(db, actor, { action: "create", entity: "rule_pack", entityId: input.id, regionCode: input.regionCode, after: { ...input, rules } });
  const created = await resolvePack(db, input.id);
  if (!created) throw notFound("rule_pack");
  return created;
}
