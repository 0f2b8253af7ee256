import { type Day, formatDay, yearEnd } from "@medbridge/core";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { ENGINE_SOURCES } from "./indicator-sources.ts";

/** The (county, day) of every fact an engine judges: the counties worth visiting. */
const engineCounties = sql.join(
  ENGINE_SOURCES.map(([, source]) => source.counties),
  sql` union all `,
);

/**
 * Re-judges the engine indicators of the counties and years the dirty (county, month) pairs touch
 * (a change in a month can move every later year's verdict), or of every county with touring
 * visits or techniques for a rebuild. Only counties that have such facts are visited.
 */
export async function recomputeEngineFacts(db: Db, keys: { region: string; month: string }[] | "all", today: Day): Promise<void> {
  const thisYear = Number(formatDay(today).slice(0, 4));
  const firstYear = new Map<string, number>();
  if (keys !== "all") for (const k of keys) firstYear.set(k.region, Math.min(firstYear.get(k.region) ?? thisYear, Number(k.month.slice(0, 4))));
  const counties = JSON.stringify([...firstYear.keys()]);
  // Verdicts of the touched counties and years go first: a county whose last touring visit was
  // deleted has nothing left to judge, and its old verdicts must not stay behind.
  const ids = sql.join(
    ENGINE_SOURCES.map(([id]) => sql`${id}`),
    sql`, `,
  );
  if (keys !== "all")
    await db.execute(sql`delete from indicator_rollups t using jsonb_to_recordset(${JSON.stringify([...firstYear].map(([region, first]) => ({ region, first })))}::jsonb) as k(region text, first int)
      where t.indicator_id in (${ids}) and t.region_code = k.region and t.month >= k.first || '-12'`);
  const withFacts = (
    (await db.execute(sql`
      select region_code, min(extract(year from d))::int as first from (${engineCounties}) f
      ${keys === "all" ? sql`` : sql`where region_code in (select jsonb_array_elements_text(${counties}::jsonb))`}
      group by 1`)) as unknown as { rows: { region_code: string; first: number }[] }
  ).rows;
  for (const { region_code: county, first } of withFacts) {
    for (let year = Math.max(first, firstYear.get(county) ?? first); year <= thisYear; year++) {
      const asOf = formatDay(Math.min(today, yearEnd(year)) as Day);
      for (const [id, source] of ENGINE_SOURCES) {
        const judged = await source.judge(db, county, year, asOf);
        await db.execute(sql`delete from indicator_rollups where indicator_id = ${id} and region_code = ${county} and month = ${`${year}-12`}`);
        if (judged)
          await db.execute(sql`insert into indicator_rollups (indicator_id, region_code, month, numerator, denominator)
            values (${id}, ${county}, ${`${year}-12`}, ${judged.numerator}, ${judged.denominator})`);
      }
    }
  }
}

/**
 * Marks December of this year for every county with touring visits or techniques, so the daily
 * job re-judges them as periods end and six-month checks come due (time moves these verdicts).
 */
export async function markEngineFactsForToday(db: Db, today: Day): Promise<void> {
  const month = `${formatDay(today).slice(0, 4)}-12`;
  await db.execute(sql`
    insert into rollup_dirty (region_code, month, source)
    select distinct region_code, ${month}, '*' from (${engineCounties}) f
    on conflict do nothing`);
}
