import { type Day, day, formatDay, yearEnd } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { agreementsInScope, complianceBoard } from "../assistance/compliance-service.ts";
import type { Db } from "../db/connection.ts";
import { agreements } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";

type Gap = { from: string; to: string };
const rows = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Re-judges the (agreement, year) pairs that `compliance_dirty` names with the rules engine and
 * stores each verdict in `agreement_compliance` (whose trigger marks the county's months for the
 * rollups). A verdict that did not change is not rewritten, so a daily re-check touches nothing
 * downstream unless a gap is still running. Returns how many pairs were judged.
 */
export async function refreshCompliance(db: Db, today: Day): Promise<number> {
  const pending = rows<unknown>(await db.execute(sql`select 1 from compliance_dirty limit 1`));
  if (pending.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    const pairs = rows<{ agreement_id: string; year: number }>(await tx.execute(sql`delete from compliance_dirty returning agreement_id, year`));
    const byYear = new Map<number, string[]>();
    for (const p of pairs) byYear.set(p.year, [...(byYear.get(p.year) ?? []), p.agreement_id]);
    for (const [year, ids] of byYear) await judgeYear(tx, year, ids, today);
    return pairs.length;
  });
}

async function judgeYear(db: Db, year: number, ids: string[], today: Day): Promise<void> {
  const idList = sql`select unnest(${`{${ids.join(",")}}`}::uuid[])`;
  // A year still to come has no verdict yet.
  if (year > Number(formatDay(today).slice(0, 4))) {
    await db.execute(sql`delete from agreement_compliance where year = ${year} and agreement_id in (${idList})`);
    return;
  }
  const list = await agreementsInScope(db, sql`${agreements.id} in (${idList})`);
  const asOf = Math.min(today, yearEnd(year)) as Day;
  const board = await complianceBoard(db, list, year, asOf);
  const stored = new Map(
    rows<{ agreement_id: string; status: string; gaps: Gap[]; nominal_days: number; as_of: string }>(
      await db.execute(sql`select agreement_id, status, gaps, nominal_days, to_char(as_of, 'YYYY-MM-DD') as as_of from agreement_compliance
        where year = ${year} and agreement_id in (${idList})`),
    ).map((r) => [r.agreement_id, r]),
  );
  const judged = new Set<string>();
  for (const { agreement, report } of board) {
    judged.add(agreement.id);
    const gaps = (report.rules.find((r) => r.id === "full_year_coverage")?.gaps ?? []) as Gap[];
    const nominalDays = Number(report.rules.find((r) => r.id === "nominal_days")?.nominalDays ?? 0);
    const before = stored.get(agreement.id);
    const same = before && before.status === report.status && before.nominal_days === nominalDays && JSON.stringify(before.gaps) === JSON.stringify(gaps);
    // Gap days count up to the verdict's day: a gap still open after it needs the new day stored.
    const gapRunning = before && gaps.some((g) => day(g.to) > day(before.as_of) && day(g.from) <= asOf);
    if (same && !gapRunning) {
      await db.execute(sql`update agreement_compliance set evaluated_on = ${formatDay(today)}::date where agreement_id = ${agreement.id} and year = ${year}`);
      continue;
    }
    await db.execute(sql`
      insert into agreement_compliance (agreement_id, year, region_code, status, gaps, nominal_days, as_of, evaluated_on)
      values (${agreement.id}, ${year}, ${agreement.regionCode}, ${report.status}, ${JSON.stringify(gaps)}::jsonb, ${nominalDays}, ${formatDay(asOf)}::date, ${formatDay(today)}::date)
      on conflict (agreement_id, year) do update set region_code = excluded.region_code, status = excluded.status, gaps = excluded.gaps,
        nominal_days = excluded.nominal_days, as_of = excluded.as_of, evaluated_on = excluded.evaluated_on`);
  }
  // An agreement no longer running in the year has no verdict for it.
  const gone = ids.filter((id) => !judged.has(id));
  if (gone.length)
    await db.execute(sql`delete from agreement_compliance where year = ${year} and agreement_id in (select unnest(${`{${gone.join(",")}}`}::uuid[]))`);
}

/**
 * Marks for re-judging the agreements running this year whose verdict was not checked today (the
 * verdict moves with the day: plans become facts or fall through). The server's job calls it.
 */
export async function markStaleCompliance(db: Db, today: Day): Promise<void> {
  const year = Number(formatDay(today).slice(0, 4));
  await db.execute(sql`
    insert into compliance_dirty (agreement_id, year)
    select a.id, ${year} from agreements a
    where a.starts_on <= make_date(${year}, 12, 31) and a.ends_on >= make_date(${year}, 1, 1)
      and not exists (select 1 from agreement_compliance c where c.agreement_id = a.id and c.year = ${year} and c.evaluated_on >= ${formatDay(today)}::date)
    on conflict do nothing`);
}

/** Marks every agreement's every year for re-judging (a rebuild, or after a bulk load). */
export async function markAllCompliance(db: Db): Promise<void> {
  await db.execute(sql`
    insert into compliance_dirty (agreement_id, year)
    select a.id, y from agreements a
    cross join lateral generate_series(extract(year from a.starts_on)::int, least(extract(year from a.ends_on)::int, extract(year from now())::int)) y
    on conflict do nothing`);
}
