import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import type { Database } from "../src/db/connection.ts";
import { COUNTED_SOURCES } from "../src/monitoring/indicator-sources.ts";
import { rebuildRollups, refreshRollups } from "../src/monitoring/rollups.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { BACKENDS, type Backend, freshDatabase } from "./helpers/db.ts";

/**
 * The counted indicators (referrals up and down, their ratio, the acceptance histogram) follow
 * referral changes by delta: the refresh folds the logged ±1s in without recounting. Whatever mix
 * of changes comes, the result must equal a full rebuild from the referrals.
 */
describe.each(BACKENDS)("rollups kept by delta on %s", (backend: Backend) => {
  let database: Database;
  /** Three counties of two provinces, each with an institution to send from. */
  let places: { region_code: string; province_code: string; id: string }[];
  const exec = (q: ReturnType<typeof sql>) => database.db.execute(q);
  const rows = async <T>(q: ReturnType<typeof sql>) => ((await exec(q)) as unknown as { rows: T[] }).rows;
  const counted = COUNTED_SOURCES.map(([id]) => id);
  const snapshot = () =>
    rows(sql`select indicator_id, region_code, month, numerator, denominator, null::int as bucket from indicator_rollups
      union all select indicator_id, region_code, month, count, null, bucket from rollup_histograms order by 1, 2, 3, 6`);
  const today = () => todayInChina();

  beforeAll(async () => {
    database = await freshDatabase(backend);
    await seedDemo(database.db, { demo: "demo-password-for-tests", admin: "admin-password-for-tests" });
    places =
      await rows(sql`(select distinct on (region_code) region_code, province_code, id from institutions where province_code = '520000' order by region_code, id limit 2)
      union all (select region_code, province_code, id from institutions where province_code = '530000' order by region_code, id limit 1)`);
    expect(places.length).toBe(3);
    await rebuildRollups(database.db, today());
  }, 300_000);
  afterAll(async () => database?.close());

  const insert = (k: number, direction: string, submitted: string | null, acceptedHours: number | null) => {
    const p = places[k % places.length] as (typeof places)[number];
    return exec(sql`insert into referrals (direction, priority, status, from_institution_id, to_institution_id, department, patient_name, patient_sex,
        patient_birth_date, patient_id_cipher, patient_id_masked, reason_icd10, reason_text, submitted_at, accepted_at, region_code, province_code)
      values (${direction}, 'routine', ${submitted ? "submitted" : "draft"}, ${p.id}, ${p.id}, '内科', '增量', 'female', '1960-01-01', 'v1:x', 'x', 'I10', 'x',
        ${submitted}::timestamptz, ${submitted}::timestamptz + ${acceptedHours} * interval '1 hour', ${p.region_code}, ${p.province_code})`);
  };
  /** The k-th of the referrals this test made (wrapping), by id. */
  const nth = (k: number) =>
    sql`(select id from referrals where patient_name = '增量' order by id offset ${k} % greatest(1, (select count(*) from referrals where patient_name = '增量')) limit 1)`;
  /** A day within the last three months and the next one, as a China-noon timestamp. */
  const at = (daysAgo: number) => sql`(date_trunc('day', now()) - ${daysAgo} * interval '1 day' + interval '4 hours')`;

  it("equal a full rebuild after any mix of inserts, submissions, acceptances, moves and deletes", async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("insert" as const),
        k: fc.nat(5),
        up: fc.boolean(),
        days: fc.option(fc.integer({ min: -20, max: 95 })),
        hours: fc.option(fc.integer({ min: 0, max: 100 })),
      }),
      fc.record({ kind: fc.constant("submit" as const), k: fc.nat(20), days: fc.option(fc.integer({ min: 0, max: 95 })) }),
      fc.record({ kind: fc.constant("accept" as const), k: fc.nat(20), hours: fc.option(fc.integer({ min: 0, max: 800 })) }),
      fc.record({ kind: fc.constant("status" as const), k: fc.nat(20) }),
      fc.record({ kind: fc.constant("county" as const), k: fc.nat(20), to: fc.nat(2) }),
      fc.record({ kind: fc.constant("direction" as const), k: fc.nat(20) }),
      fc.record({ kind: fc.constant("delete" as const), k: fc.nat(20) }),
      fc.record({ kind: fc.constant("refresh" as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === "insert")
            await insert(
              o.k,
              o.up ? "up" : "down",
              o.days === null ? null : ((await rows<{ t: string }>(sql`select ${at(o.days)}::text as t`))[0]?.t ?? null),
              o.hours,
            );
          if (o.kind === "submit") await exec(sql`update referrals set submitted_at = ${o.days === null ? null : at(o.days)} where id = ${nth(o.k)}`);
          if (o.kind === "accept") await exec(sql`update referrals set accepted_at = submitted_at + ${o.hours} * interval '1 hour' where id = ${nth(o.k)}`);
          // A change no counted column sees: logged as nothing.
          if (o.kind === "status") await exec(sql`update referrals set status = 'cancelled', outcome = 'x' where id = ${nth(o.k)}`);
          if (o.kind === "county") {
            const p = places[o.to] as (typeof places)[number];
            await exec(sql`update referrals set region_code = ${p.region_code}, province_code = ${p.province_code} where id = ${nth(o.k)}`);
          }
          if (o.kind === "direction")
            await exec(sql`update referrals set direction = case direction when 'up' then 'down' else 'up' end where id = ${nth(o.k)}`);
          if (o.kind === "delete") await exec(sql`delete from referrals where id = ${nth(o.k)}`);
          if (o.kind === "refresh") await refreshRollups(database.db, today());
        }
        await refreshRollups(database.db, today());
        expect(await rows(sql`select 1 from referral_rollup_changes`)).toEqual([]);
        const incremental = await snapshot();
        await rebuildRollups(database.db, today());
        expect(await snapshot()).toEqual(incremental);
      }),
      { numRuns: 25 },
    );
  }, 300_000);

  it("fold a change into the stored counts instead of recounting the referrals", async () => {
    await refreshRollups(database.db, today());
    const p = places[0] as (typeof places)[number];
    const [now] = await rows<{ t: string; month: string }>(sql`select ${at(0)}::text as t, rollup_china_month(${at(0)}) as month`);
    await insert(0, "up", now?.t ?? null, null);
    await refreshRollups(database.db, today());
    // A stored count off by 1,000 stays off by 1,000: the next referral adds one to it.
    await exec(
      sql`update indicator_rollups set numerator = numerator + 1000 where indicator_id = 'referrals_up' and region_code = ${p.region_code} and month = ${now?.month}`,
    );
    const before = await rows<{ n: number }>(
      sql`select numerator as n from indicator_rollups where indicator_id = 'referrals_up' and region_code = ${p.region_code} and month = ${now?.month}`,
    );
    await insert(0, "up", now?.t ?? null, null);
    expect(await rows(sql`select sign::int, direction from referral_rollup_changes`)).toEqual([{ sign: 1, direction: "up" }]);
    // An update of columns no count reads logs nothing.
    await exec(sql`update referrals set outcome = 'noted' where id = ${nth(0)}`);
    expect((await rows(sql`select 1 from referral_rollup_changes`)).length).toBe(1);
    await refreshRollups(database.db, today());
    const after = await rows<{ n: number }>(
      sql`select numerator as n from indicator_rollups where indicator_id = 'referrals_up' and region_code = ${p.region_code} and month = ${now?.month}`,
    );
    expect(Number(after[0]?.n)).toBe(Number(before[0]?.n) + 1);
    await rebuildRollups(database.db, today());
    const rebuilt = await rows<{ n: number }>(
      sql`select numerator as n from indicator_rollups where indicator_id = 'referrals_up' and region_code = ${p.region_code} and month = ${now?.month}`,
    );
    expect(Number(rebuilt[0]?.n)).toBe(Number(before[0]?.n) + 1 - 1000);
    expect(counted).toEqual(expect.arrayContaining(["referrals_up", "referrals_down", "down_up_ratio", "referral_acceptance_median_h"]));
  }, 120_000);

  it.runIf(backend === "postgres")(
    "count every change once when refreshes race each other and the writes",
    async () => {
      await rebuildRollups(database.db, today());
      const [now] = await rows<{ t: string }>(sql`select ${at(1)}::text as t`);
      const writes = Array.from({ length: 60 }, (_, k) => insert(k, k % 3 ? "up" : "down", now?.t ?? null, k % 4 ? k : null));
      const refreshes = Array.from({ length: 6 }, () => refreshRollups(database.db, today()));
      await Promise.all([...writes, ...refreshes]);
      await Promise.all([refreshRollups(database.db, today()), refreshRollups(database.db, today())]);
      const incremental = await snapshot();
      await rebuildRollups(database.db, today());
      expect(await snapshot()).toEqual(incremental);
    },
    120_000,
  );
});
