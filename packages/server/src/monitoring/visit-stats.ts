import { type FieldError, provinceOf } from "@medbridge/core";
import { inArray, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { audit } from "../audit.ts";
import { countyVisitStats, regions } from "../db/schema.ts";
import { RegionCode } from "../http/schemas.ts";
import { cellNumber, type ImportSpec, withoutEmpty } from "../tabular/imports.ts";

const Visits = Type.Integer({ minimum: 0, maximum: 100_000_000 });
/** One county-month of the statistics system's visit totals. */
export const VisitStatsRow = Type.Object(
  {
    regionCode: RegionCode,
    month: Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }),
    totalVisits: Visits,
    withinCountyVisits: Visits,
    grassrootsVisits: Type.Optional(Visits),
  },
  { additionalProperties: false },
);
type VisitStatsRow = Static<typeof VisitStatsRow>;

/** County visit totals (within / outside the county, grassroots share), re-importable: a month's new figures replace the old. */
export const countyVisitImport: ImportSpec<VisitStatsRow> = {
  entity: "county_visit_stats",
  aliases: {
    region_code: "regionCode",
    区划代码: "regionCode",
    month: "month",
    月份: "month",
    total_visits: "totalVisits",
    总诊疗人次: "totalVisits",
    within_county_visits: "withinCountyVisits",
    县域内诊疗人次: "withinCountyVisits",
    grassroots_visits: "grassrootsVisits",
    基层诊疗人次: "grassrootsVisits",
  },
  schema: VisitStatsRow,
  toInput: (v) =>
    withoutEmpty({
      regionCode: v.regionCode,
      month: v.month,
      totalVisits: v.totalVisits && cellNumber(v.totalVisits),
      withinCountyVisits: v.withinCountyVisits && cellNumber(v.withinCountyVisits),
      grassrootsVisits: v.grassrootsVisits && cellNumber(v.grassrootsVisits),
    }),
  unique: [
    {
      path: "month",
      code: "duplicate",
      params: { scope: "file" },
      message: "this county and month appear twice in the file",
      key: (input) => `${input.regionCode}/${input.month}`,
    },
  ],
  check: async (db, inputs) => {
    const codes = [...new Set(inputs.map((i) => i.regionCode))];
    const leaves = new Set((await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes))).map((r) => r.code));
    const errors = new Map<number, FieldError[]>();
    inputs.forEach((input, index) => {
      const list: FieldError[] = [];
      if (!leaves.has(input.regionCode))
        list.push({ path: "regionCode", code: "not_found", params: { entity: "region" }, message: "is not a GB/T 2260 region" });
      if (input.withinCountyVisits > input.totalVisits)
        list.push({ path: "withinCountyVisits", code: "more_than", params: { other: "totalVisits" }, message: "is more than totalVisits" });
      if (input.grassrootsVisits !== undefined && input.grassrootsVisits > input.totalVisits)
        list.push({ path: "grassrootsVisits", code: "more_than", params: { other: "totalVisits" }, message: "is more than totalVisits" });
      if (list.length) errors.set(index, list);
    });
    return errors;
  },
  insert: async (db, actor, inputs) => {
    await db
      .insert(countyVisitStats)
      .values(inputs.map((i) => ({ ...i, grassrootsVisits: i.grassrootsVisits ?? null })))
      .onConflictDoUpdate({
        target: [countyVisitStats.regionCode, countyVisitStats.month],
        set: {
          totalVisits: sql`excluded.total_visits`,
          withinCountyVisits: sql`excluded.within_county_visits`,
          grassrootsVisits: sql`excluded.grassroots_visits`,
          importedAt: new Date(),
        },
      });
    await audit(db, actor, {
      action: "import",
      entity: "county_visit_stats",
      regionCode: provinceOf(inputs[0]?.regionCode ?? "110000"),
      after: { rows: inputs.length },
    });
  },
};
