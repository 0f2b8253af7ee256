import {
  DEFAULT_FREQUENCY,
  day,
  type FieldError,
  type FrequencyRules,
  formatDay,
  PERIODS,
  provinceOf,
  regionContains,
  SITE_LEVELS,
  type SiteLevel,
  siteLevelOf,
  touringFrequency,
  yearEnd,
  yearStart,
} from "@medbridge/core";
import { and, asc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { inRegion } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { institutions, touringRules, touringTeams, touringVisits } from "../db/schema.ts";
import { DateString, RegionCode, StringEnum, Text, Timestamp, Uuid } from "../http/schemas.ts";
import { byNameOrId, cellNumber, type ImportSpec, withoutEmpty } from "../tabular/imports.ts";

export const TeamInput = Type.Object(
  {
    name: Text(80),
    homeInstitutionId: Uuid,
    members: Type.Optional(Type.Array(Type.Object({ name: Text(40), title: Type.Optional(Text(40)) }, { additionalProperties: false }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0, maximum: 100_000 });
export const TouringVisitInput = Type.Object(
  {
    teamId: Uuid,
    siteId: Uuid,
    date: DateString,
    endDate: Type.Optional(DateString),
    patientsSeen: Type.Optional(Count),
    healthTalks: Type.Optional(Count),
    audience: Type.Optional(Count),
    trained: Type.Optional(Count),
  },
  { additionalProperties: false },
);
export type TouringVisitInput = Static<typeof TouringVisitInput>;

export const FrequencyRulesInput = Type.Object(
  Object.fromEntries(
    SITE_LEVELS.map((level) => [
      level,
      Type.Object({ per: StringEnum(PERIODS), min: Type.Integer({ minimum: 1, maximum: 31 }) }, { additionalProperties: false }),
    ]),
  ),
  { additionalProperties: false },
);

export const ComplianceQuery = Type.Object(
  { regionCode: RegionCode, year: Type.Integer({ minimum: 2000, maximum: 2100 }), asOf: Type.Optional(DateString) },
  { additionalProperties: false },
);

/** A touring team as the API answers it: the stored row. */
export const TeamSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  homeInstitutionId: Uuid,
  members: Type.Array(Type.Object({ name: Type.String(), title: Type.Optional(Type.String()) })),
  regionCode: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A touring visit with its team's name (listVisitsOf). */
export const TouringVisitSchema = Type.Object({
  id: Uuid,
  teamId: Uuid,
  siteId: Uuid,
  date: Type.String(),
  endDate: Type.String(),
  patientsSeen: Type.Integer(),
  healthTalks: Type.Integer(),
  audience: Type.Integer(),
  trained: Type.Integer(),
  regionCode: Type.String(),
  provinceCode: Type.String(),
  createdAt: Timestamp,
  team: Type.String(),
});

/** The rules that apply in a region and the region that set them (null: the defaults). */
export const RulesSchema = Type.Object({ rules: FrequencyRulesInput, from: Type.Union([Type.String(), Type.Null()]) });

/** Touring-frequency compliance of a region's sites (touringCompliance). */
export const TouringComplianceSchema = Type.Object({
  regionCode: Type.String(),
  year: Type.Integer(),
  asOf: Type.Union([Type.String(), Type.Null()]),
  sites: Type.Integer(),
  failing: Type.Integer(),
  items: Type.Array(
    Type.Object({
      siteId: Uuid,
      level: StringEnum(SITE_LEVELS),
      per: StringEnum(PERIODS),
      min: Type.Integer(),
      periods: Type.Integer(),
      metPeriods: Type.Integer(),
      emptyPeriods: Type.Array(Type.Object({ label: Type.String(), from: Type.String(), to: Type.String(), visits: Type.Integer() })),
      status: StringEnum(["pass", "fail"] as const),
      siteName: Type.String(),
      regionCode: Type.String(),
    }),
  ),
});

export async function createTeam(db: Db, actor: Actor, input: Static<typeof TeamInput>, regionCode: string): Promise<string> {
  const [row] = await db
    .insert(touringTeams)
    .values({ name: input.name.trim(), homeInstitutionId: input.homeInstitutionId, members: input.members ?? [], regionCode })
    .returning({ id: touringTeams.id });
  const id = (row as { id: string }).id;
  await audit(db, actor, { action: "create", entity: "touring_team", entityId: id, regionCode, after: input });
  return id;
}

/**
 * Checks visits against the database: the team exists, the site is a touring site (county
 * hospital, township or community centre, village clinic), the dates are in order.
 * Errors come per input index, so the API and the spreadsheet import name the same fields.
 */
export async function checkVisits(
  db: Db,
  inputs: TouringVisitInput[],
): Promise<{ errors: Map<number, FieldError[]>; sites: Map<string, { regionCode: string; kind: string }>; homes: Map<string, string> }> {
  const siteIds = [...new Set(inputs.map((i) => i.siteId))];
  const teamIds = [...new Set(inputs.map((i) => i.teamId))];
  const sites = new Map(
    (siteIds.length
      ? await db
          .select({ id: institutions.id, regionCode: institutions.regionCode, kind: institutions.kind })
          .from(institutions)
          .where(inArray(institutions.id, siteIds))
      : []
    ).map((s) => [s.id, s]),
  );
  const homes = new Map(
    (teamIds.length
      ? await db.select({ id: touringTeams.id, home: touringTeams.homeInstitutionId }).from(touringTeams).where(inArray(touringTeams.id, teamIds))
      : []
    ).map((t) => [t.id, t.home]),
  );
  const errors = new Map<number, FieldError[]>();
  inputs.forEach((input, index) => {
    const list: FieldError[] = [];
    const site = sites.get(input.siteId);
    if (!site) list.push({ path: "siteId", code: "not_found", params: { entity: "institution" }, message: "no such institution" });
    else if (!siteLevelOf(site.kind))
      list.push({
        path: "siteId",
        code: "wrong_kind",
        params: { expected: "touring_site" },
        message: "is not a touring site (county hospital, township or community centre, village clinic)",
      });
    if (!homes.has(input.teamId)) list.push({ path: "teamId", code: "not_found", params: { entity: "touring_team" }, message: "no such touring team" });
    if (input.endDate && input.endDate < input.date) list.push({ path: "endDate", code: "before", params: { other: "date" }, message: "is before date" });
    if (list.length) errors.set(index, list);
  });
  return { errors, sites, homes };
}

export async function insertVisits(db: Db, actor: Actor, inputs: TouringVisitInput[], sites: Map<string, { regionCode: string }>): Promise<string[]> {
  const rows = await db
    .insert(touringVisits)
    .values(
      inputs.map((v) => {
        const regionCode = (sites.get(v.siteId) as { regionCode: string }).regionCode;
        return {
          teamId: v.teamId,
          siteId: v.siteId,
          date: v.date,
          endDate: v.endDate ?? v.date,
          patientsSeen: v.patientsSeen ?? 0,
          healthTalks: v.healthTalks ?? 0,
          audience: v.audience ?? 0,
          trained: v.trained ?? 0,
          regionCode,
          provinceCode: provinceOf(regionCode),
        };
      }),
    )
    .returning({ id: touringVisits.id });
  await audit(db, actor, {
    action: "create",
    entity: "touring_visit",
    entityId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
    after: { visits: inputs.length },
  });
  return rows.map((r) => r.id);
}

/** The rules of a region: its own, else the nearest ancestor's, else the defaults. */
export async function rulesFor(db: Db, regionCode: string): Promise<{ rules: FrequencyRules; from: string | null }> {
  const rows = await db
    .select()
    .from(touringRules)
    .where(inArray(touringRules.regionCode, [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`]));
  const nearest = rows.sort((a, b) => b.regionCode.replace(/0+$/, "").length - a.regionCode.replace(/0+$/, "").length)[0];
  return nearest ? { rules: nearest.rules as FrequencyRules, from: nearest.regionCode } : { rules: DEFAULT_FREQUENCY, from: null };
}

export async function setRules(db: Db, actor: Actor, regionCode: string, rules: FrequencyRules): Promise<void> {
  await db
    .insert(touringRules)
    .values({ regionCode, rules })
    .onConflictDoUpdate({ target: touringRules.regionCode, set: { rules, updatedAt: new Date() } });
  await audit(db, actor, { action: "update", entity: "touring_rules", entityId: regionCode, regionCode, after: rules });
}

/**
 * Touring-frequency compliance of every site in a region for a year. A site is in the touring
 * programme once a team has visited it (up to the end of the year); each site is judged by the
 * rules of its own county, city or province (nearest set), else the defaults.
 */
export async function touringCompliance(db: Db, regionCode: string, year: number, asOf?: string) {
  const from = yearStart(year) - 7;
  const to = yearEnd(year) + 7;
  const visits = await db
    .select({ siteId: touringVisits.siteId, date: touringVisits.date })
    .from(touringVisits)
    .where(and(inRegion(touringVisits.regionCode, regionCode), lte(touringVisits.date, sql`${formatDay(to)}::date`)));
  const bySite = new Map<string, number[]>();
  for (const v of visits) {
    const d = day(v.date);
    const list = bySite.get(v.siteId) ?? [];
    if (d >= from) list.push(d);
    bySite.set(v.siteId, list);
  }
  const siteIds = [...bySite.keys()];
  const sites = siteIds.length
    ? await db
        .select({ id: institutions.id, name: institutions.name, kind: institutions.kind, regionCode: institutions.regionCode })
        .from(institutions)
        .where(inArray(institutions.id, siteIds))
        .orderBy(asc(institutions.regionCode), asc(institutions.name))
    : [];
  const allRules = await db.select().from(touringRules);
  const rulesOf = (code: string): FrequencyRules => {
    const match = allRules
      .filter((r) => regionContains(r.regionCode, code))
      .sort((a, b) => b.regionCode.replace(/0+$/, "").length - a.regionCode.replace(/0+$/, "").length)[0];
    return (match?.rules as FrequencyRules | undefined) ?? DEFAULT_FREQUENCY;
  };
  // Sites grouped by the rules that apply to them, then judged by the one engine.
  const groups = new Map<string, { rules: FrequencyRules; sites: { siteId: string; level: SiteLevel; visits: number[] }[] }>();
  for (const s of sites) {
    const level = siteLevelOf(s.kind);
    if (!level) continue;
    const rules = rulesOf(s.regionCode);
    const key = JSON.stringify(rules);
    const group = groups.get(key) ?? { rules, sites: [] };
    group.sites.push({ siteId: s.id, level, visits: bySite.get(s.id) ?? [] });
    groups.set(key, group);
  }
  const asOfDay = asOf ? day(asOf) : undefined;
  const results = [...groups.values()].flatMap((g) => touringFrequency(g.sites, year, g.rules, asOfDay));
  const names = new Map(sites.map((s) => [s.id, s]));
  const items = results
    .map((r) => ({ ...r, siteName: names.get(r.siteId)?.name ?? "", regionCode: names.get(r.siteId)?.regionCode ?? "" }))
    .sort((a, b) => b.emptyPeriods.length - a.emptyPeriods.length || a.siteName.localeCompare(b.siteName));
  return { regionCode, year, asOf: asOf ?? null, sites: items.length, failing: items.filter((i) => i.status === "fail").length, items };
}

export async function listVisitsOf(db: Db, where: { siteId?: string; regionCode?: string; from?: string; to?: string }) {
  return db
    .select({ v: touringVisits, team: touringTeams.name, home: touringTeams.homeInstitutionId })
    .from(touringVisits)
    .innerJoin(touringTeams, eq(touringTeams.id, touringVisits.teamId))
    .where(
      and(
        where.siteId ? or(eq(touringVisits.siteId, where.siteId), eq(touringTeams.homeInstitutionId, where.siteId)) : undefined,
        where.regionCode ? inRegion(touringVisits.regionCode, where.regionCode) : undefined,
        where.from ? gte(touringVisits.endDate, where.from) : undefined,
        where.to ? lte(touringVisits.date, where.to) : undefined,
      ),
    )
    .orderBy(asc(touringVisits.date))
    .limit(1000);
}

/** The form hospitals already fill: one row per visit, team and site by name or id. */
const VisitRow = Type.Object(
  { ...Type.Omit(TouringVisitInput, ["teamId", "siteId"]).properties, team: Text(120), site: Text(120) },
  { additionalProperties: false },
);
type VisitRow = Static<typeof VisitRow> & Partial<TouringVisitInput> & { regionCode?: string };

export const touringVisitImport: ImportSpec<VisitRow> = {
  entity: "touring_visit",
  aliases: {
    team: "team",
    巡回医疗队: "team",
    医疗队: "team",
    site: "site",
    巡回点: "site",
    服务机构: "site",
    date: "date",
    日期: "date",
    开始日期: "date",
    end_date: "endDate",
    enddate: "endDate",
    结束日期: "endDate",
    patients_seen: "patientsSeen",
    诊疗人次: "patientsSeen",
    health_talks: "healthTalks",
    健康讲座: "healthTalks",
    audience: "audience",
    听众人数: "audience",
    trained: "trained",
    培训人数: "trained",
  },
  schema: VisitRow,
  toInput: (v) =>
    withoutEmpty({
      team: v.team,
      site: v.site,
      date: v.date,
      endDate: v.endDate,
      patientsSeen: v.patientsSeen && cellNumber(v.patientsSeen),
      healthTalks: v.healthTalks && cellNumber(v.healthTalks),
      audience: v.audience && cellNumber(v.audience),
      trained: v.trained && cellNumber(v.trained),
    }),
  check: async (db, inputs) => {
    const sites = [...new Set(inputs.map((i) => i.site))];
    const teams = [...new Set(inputs.map((i) => i.team))];
    const foundSites = await db
      .select({ id: institutions.id, name: institutions.name })
      .from(institutions)
      .where(byNameOrId(institutions.name, institutions.id, sites));
    const foundTeams = await db
      .select({ id: touringTeams.id, name: touringTeams.name })
      .from(touringTeams)
      .where(byNameOrId(touringTeams.name, touringTeams.id, teams));
    const resolve = (found: { id: string; name: string }[], ref: string) => found.filter((f) => f.id === ref || f.name === ref);
    const errors = new Map<number, FieldError[]>();
    inputs.forEach((input, index) => {
      const list: FieldError[] = [];
      const s = resolve(foundSites, input.site);
      const t = resolve(foundTeams, input.team);
      if (s.length !== 1)
        list.push({
          path: "site",
          code: s.length ? "ambiguous" : "not_found",
          params: { entity: "institution" },
          message: s.length ? "several institutions have this name; use the id" : `no institution named "${input.site}"`,
        });
      else input.siteId = (s[0] as { id: string }).id;
      if (t.length !== 1)
        list.push({
          path: "team",
          code: t.length ? "ambiguous" : "not_found",
          params: { entity: "touring_team" },
          message: t.length ? "several teams have this name; use the id" : `no touring team named "${input.team}"`,
        });
      else input.teamId = (t[0] as { id: string }).id;
      if (list.length) errors.set(index, list);
    });
    // The rest (touring site, date order) is the API's own check.
    const resolved = inputs.map((i, index) => ({ i, index })).filter(({ index }) => !errors.has(index));
    const more = await checkVisits(
      db,
      resolved.map(({ i }) => i as TouringVisitInput),
    );
    for (const [k, list] of more.errors)
      errors.set(
        (resolved[k] as { index: number }).index,
        list.map((e) => ({ ...e, path: e.path === "siteId" ? "site" : e.path })),
      );
    for (const { i } of resolved) i.regionCode = more.sites.get(i.siteId as string)?.regionCode;
    return errors;
  },
  // The check resolved each row's site and its county; no second lookup.
  insert: (db, actor, inputs) =>
    insertVisits(
      db,
      actor,
      inputs.map(({ team: _, site: __, regionCode: ___, ...rest }) => rest as TouringVisitInput),
      new Map(inputs.map((i) => [i.siteId as string, { regionCode: i.regionCode as string }])),
    ),
};
