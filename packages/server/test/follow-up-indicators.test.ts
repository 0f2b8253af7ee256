import { addMonths, type CallResult, day, formatDay, type IndicatorId } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import type { Database } from "../src/db/connection.ts";
import { callsByResult, regionReport, regionReportPdf } from "../src/monitoring/report.ts";
import { markNewMonth, rebuildRollups, refreshRollups } from "../src/monitoring/rollups.ts";
import { demoApp, json } from "./helpers/app.ts";
import { BACKENDS, freshDatabase } from "./helpers/db.ts";
import { pdfText } from "./helpers/pdf-text.ts";

/**
 * The register's follow-up indicators (issue 13, item 5) against hand-made patients, visits and
 * calls, each in a county of its own: the figures after the incremental refresh, and the same
 * after a full rebuild, at the boundaries their definitions name.
 */
describe.each(BACKENDS)("follow-up indicators on %s", (backend) => {
  let database: Database;
  let institution: string;
  let caller: string;
  const counties: string[] = [];
  const exec = (q: ReturnType<typeof sql>) => database.db.execute(q);
  const rows = async <T>(q: ReturnType<typeof sql>) => ((await exec(q)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    counties.push(
      ...(await rows<{ code: string }>(sql`select code from regions where level = 'county' and code like '5226%' order by code limit 6`)).map((r) => r.code),
    );
    const [home] = await rows<{ id: string }>(sql`insert into institutions (name, kind, region_code, province_code)
      values ('随访指标测试卫生院', 'township_health_center', ${counties[0]}, '520000') returning id`);
    institution = home?.id as string;
    const [user] = await rows<{ id: string }>(sql`insert into users (username, display_name, password_hash, role)
      values ('follow-up-tester', '测试', 'x', 'clinician') returning id`);
    caller = user?.id as string;
  }, 60_000);
  afterAll(async () => database?.close());

  const patient = async (county: string, enrolled: string, active = true) =>
    (
      await rows<{ id: string }>(sql`insert into chronic_patients (institution_id, name, sex, birth_date, enrolled_on, active, region_code, province_code)
        values (${institution}, '测试患者', 'female', '1950-01-01', ${enrolled}, ${active}, ${county}, '520000') returning id`)
    )[0]?.id as string;
  const visit = async (
    patientId: string,
    visitOn: string,
    nextDueOn: string,
    o: { kind?: "follow_up" | "discharge"; sbp?: number | null; dbp?: number | null } = {},
  ) =>
    (
      await rows<{
        id: string;
      }>(sql`insert into chronic_visits (patient_id, institution_id, visit_on, input, edition, recommendation, action, controlled, kind, sbp, dbp, next_due_on, recorded_by)
        values (${patientId}, ${institution}, ${visitOn}, '{}', 'test', '{}', 'keep', true, ${o.kind ?? "follow_up"},
                ${o.sbp === undefined ? 132 : o.sbp}, ${o.dbp === undefined ? 82 : o.dbp}, ${nextDueOn}, 'test') returning id`)
    )[0]?.id as string;
  const call = async (patientId: string, calledOn: string, result: CallResult) =>
    (
      await rows<{ id: string }>(sql`insert into chronic_calls (patient_id, institution_id, called_on, result, caller_id)
        values (${patientId}, ${institution}, ${calledOn}, ${result}, ${caller}) returning id`)
    )[0]?.id as string;

  /** An indicator's rollup rows of a county as {month: [numerator, denominator]}. */
  const figures = async (id: IndicatorId, county: string) =>
    Object.fromEntries(
      (
        await rows<{ month: string; numerator: number; denominator: number }>(
          sql`select month, numerator, denominator from indicator_rollups where indicator_id = ${id} and region_code = ${county} order by month`,
        )
      ).map((r) => [r.month, [Number(r.numerator), Number(r.denominator)]]),
    ) as Record<string, [number, number]>;
  /** The figures after a refresh, checked to be those of a full rebuild too. */
  const settled = async (id: IndicatorId, county: string) => {
    await refreshRollups(database.db, todayInChina());
    const incremental = await figures(id, county);
    await rebuildRollups(database.db, todayInChina());
    expect(await figures(id, county), `${id}: rebuild = refresh`).toEqual(incremental);
    return incremental;
  };

  it("standardised management: ≥ 4 follow-up visits in the year over the patients enrolled by its end, in December", async () => {
    const county = counties[0] as string;
    const four = await patient(county, "2023-05-01");
    // Four follow-ups on the year's first and last days and between; one the next year.
    const first = await visit(four, "2024-01-01", "2024-04-01");
    for (const d of ["2024-04-01", "2024-07-01", "2024-12-31", "2025-01-01"]) await visit(four, d, "2025-03-01");
    // Three follow-ups and a hospital's discharge summary: not four face-to-face follow-ups.
    const three = await patient(county, "2024-02-01");
    for (const d of ["2024-02-01", "2024-05-01", "2024-08-01"]) await visit(three, d, "2024-11-01");
    await visit(three, "2024-10-01", "2024-10-15", { kind: "discharge", sbp: null, dbp: null });
    await patient(county, "2024-12-31"); // enrolled on the year's last day: counted, no visits
    await patient(county, "2025-01-01"); // enrolled the next year: not in 2024
    const gone = await patient(county, "2023-01-01", false); // no longer on the register
    for (const d of ["2024-01-10", "2024-03-10", "2024-06-10", "2024-09-10"]) await visit(gone, d, "2024-12-10");
    const year = Number(formatDay(todayInChina()).slice(0, 4));
    const expected: Record<string, [number, number]> = { "2023-12": [0, 1], "2024-12": [1, 3], "2025-12": [0, 4] };
    for (let y = 2026; y <= year; y++) expected[`${y}-12`] = [0, 4];
    expect(await settled("htn_standard_management_rate", county)).toEqual(expected);

    // A visit in January moves December of its year (beyond the six months its trigger marks).
    await exec(sql`delete from chronic_visits where id = ${first}`);
    expect((await settled("htn_standard_management_rate", county))["2024-12"]).toEqual([0, 3]);
    const fourth = await visit(three, "2024-03-15", "2024-06-15");
    expect((await settled("htn_standard_management_rate", county))["2024-12"]).toEqual([1, 3]);
    // Moving that visit into the next year takes it out of 2024.
    await exec(sql`update chronic_visits set visit_on = '2025-02-01' where id = ${fourth}`);
    expect((await settled("htn_standard_management_rate", county))["2024-12"]).toEqual([0, 3]);
    // A patient leaving the register leaves every year.
    await exec(sql`update chronic_patients set active = false where id = ${three}`);
    expect(await settled("htn_standard_management_rate", county)).toMatchObject({ "2024-12": [0, 2], "2025-12": [0, 3] });
  });

  it("missed visits: patients due in the month with no visit from the due date to its end, once the month is over", async () => {
    const county = counties[1] as string;
    // On time: the visit falls on the due date.
    const onDate = await patient(county, "2023-06-01");
    await visit(onDate, "2024-01-15", "2024-03-10");
    await visit(onDate, "2024-03-10", "2024-06-08");
    // Missed: came in April.
    const late = await patient(county, "2023-06-01");
    await visit(late, "2024-01-20", "2024-03-20");
    await visit(late, "2024-04-01", "2024-06-30");
    // On time on the month's last day.
    const lastDay = await patient(county, "2023-06-01");
    await visit(lastDay, "2024-02-01", "2024-03-31");
    await visit(lastDay, "2024-03-31", "2024-06-29");
    // Came early: the visit before the due date set a new one (May), so not due in March.
    const early = await patient(county, "2023-06-01");
    await visit(early, "2024-01-10", "2024-03-05");
    const earlyVisit = await visit(early, "2024-02-20", "2024-05-20");
    // Due twice in March, the second missed: one patient, missed.
    const twice = await patient(county, "2023-06-01");
    await visit(twice, "2024-03-01", "2024-03-15");
    await visit(twice, "2024-03-15", "2024-03-29");
    // A yearly re-check set a year ahead is not a follow-up due.
    const yearly = await patient(county, "2023-01-01");
    await visit(yearly, "2023-03-01", "2024-03-01");
    // Off the register: not counted.
    const gone = await patient(county, "2023-06-01", false);
    await visit(gone, "2024-01-10", "2024-03-11");

    let got = await settled("htn_missed_visits", county);
    expect(got["2024-03"]).toEqual([2, 4]);
    // May: early's due (missed); June: onDate's (missed) and late's on 30 June and lastDay's (missed).
    expect(got["2024-05"]).toEqual([1, 1]);
    expect(got["2024-06"]).toEqual([3, 3]);
    // The yearly re-check's due month has no dues at all.
    expect(got["2024-02"]).toBeUndefined();

    // A late patient coming within the month is on time after all.
    await visit(late, "2024-03-25", "2024-06-23");
    got = await settled("htn_missed_visits", county);
    expect(got["2024-03"]).toEqual([1, 4]);
    // Without the early visit, the January due (5 March) stands and was missed.
    await exec(sql`delete from chronic_visits where id = ${earlyVisit}`);
    got = await settled("htn_missed_visits", county);
    expect(got["2024-03"]).toEqual([2, 5]);
    expect(got["2024-05"]).toBeUndefined();
  });

  it("missed visits: the current month has no figure, last month gets one when the new month is marked", async () => {
    const county = counties[2] as string;
    const today = todayInChina();
    const thisMonth = formatDay(today).slice(0, 7);
    const lastMonth = formatDay(addMonths(day(`${thisMonth}-01`), -1)).slice(0, 7);
    const p = await patient(county, `${lastMonth}-01`);
    await visit(p, `${lastMonth}-01`, `${lastMonth}-02`);
    await visit(p, `${lastMonth}-02`, `${thisMonth}-01`);
    const got = await settled("htn_missed_visits", county);
    expect(got[lastMonth]).toEqual([0, 1]);
    expect(got[thisMonth]).toBeUndefined();
    // As if last month's figure had not been computed since it ended: the daily mark brings it.
    await exec(sql`delete from indicator_rollups where indicator_id = 'htn_missed_visits' and region_code = ${county}`);
    await markNewMonth(database.db, today);
    await refreshRollups(database.db, today);
    expect((await figures("htn_missed_visits", county))[lastMonth]).toEqual([0, 1]);
  });

  it("lost to follow-up: neither enrolled nor visited in the six months up to the month's end", async () => {
    const county = counties[3] as string;
    // July 2024 ends on the 31st; six months before is 31 January.
    const sixMonthsAgo = await patient(county, "2023-01-01");
    await visit(sixMonthsAgo, "2023-06-01", "2023-09-01");
    await visit(sixMonthsAgo, "2024-01-31", "2024-04-30");
    const dayAfter = await patient(county, "2023-01-01");
    await visit(dayAfter, "2024-02-01", "2024-05-01");
    await patient(county, "2024-01-31"); // enrolled exactly six months before, never seen
    await patient(county, "2024-02-01"); // enrolled within the six months
    await patient(county, "2024-08-01"); // not yet under care in July
    await patient(county, "2023-01-01", false);
    let got = await settled("htn_lost_to_follow_up", county);
    expect(got["2024-07"]).toEqual([2, 4]);
    // August: 31 August less six months is 29 February, so 1 February no longer counts either.
    expect(got["2024-08"]).toEqual([4, 5]);
    expect(got["2024-06"]).toEqual([0, 4]);
    expect(got["2023-01"]).toEqual([0, 2]);
    // A visit on July's last day brings the patient back for July and the five months after; on
    // 31 January it is exactly six months old and no longer counts.
    await visit(sixMonthsAgo, "2024-07-31", "2024-10-31");
    got = await settled("htn_lost_to_follow_up", county);
    expect(got["2024-07"]).toEqual([1, 4]);
    expect(got["2024-12"]).toEqual([3, 5]);
    expect(got["2025-01"]).toEqual([4, 5]);
  });

  it("visits without a blood pressure over the visits of the month, of either kind", async () => {
    const county = counties[4] as string;
    const p = await patient(county, "2024-01-01");
    await visit(p, "2024-05-01", "2024-05-15", { kind: "discharge", sbp: null, dbp: null });
    await visit(p, "2024-05-31", "2024-08-29");
    const june = await visit(p, "2024-06-01", "2024-08-30", { sbp: 150, dbp: null });
    const gone = await patient(county, "2024-01-01", false);
    await visit(gone, "2024-05-10", "2024-08-10", { kind: "discharge", sbp: null, dbp: null });
    let got = await settled("htn_visits_without_bp", county);
    expect(got).toEqual({ "2024-05": [2, 3], "2024-06": [1, 1] });
    await exec(sql`update chronic_visits set dbp = 90 where id = ${june}`);
    got = await settled("htn_visits_without_bp", county);
    expect(got).toEqual({ "2024-05": [2, 3], "2024-06": [0, 1] });
  });

  it("calls reached over the calls of the month, on its first and last days; the report lists them by result", async () => {
    const county = counties[5] as string;
    const a = await patient(county, "2024-01-01");
    const b = await patient(county, "2024-01-01");
    await call(a, "2024-02-29", "died");
    await call(a, "2024-03-01", "reached");
    const lastDay = await call(b, "2024-03-31", "no_answer");
    await call(b, "2024-04-01", "reached");
    await call(b, "2024-04-30", "wrong_number");
    let got = await settled("htn_calls_reached", county);
    expect(got).toEqual({ "2024-02": [0, 1], "2024-03": [1, 2], "2024-04": [1, 2] });
    await exec(sql`update chronic_calls set called_on = '2024-04-01' where id = ${lastDay}`);
    got = await settled("htn_calls_reached", county);
    expect(got).toEqual({ "2024-02": [0, 1], "2024-03": [1, 1], "2024-04": [1, 3] });
    await exec(sql`delete from chronic_calls where id = ${lastDay}`);
    got = await settled("htn_calls_reached", county);
    expect(got).toEqual({ "2024-02": [0, 1], "2024-03": [1, 1], "2024-04": [1, 2] });

    // The breakdown by result: every result named, its count, the reached ones the indicator's numerator.
    const april = await callsByResult(database.db, county, ["2024-04"]);
    expect(april.map((c) => [c.result, c.calls])).toEqual([
      ["reached", 1],
      ["no_answer", 0],
      ["wrong_number", 1],
      ["moved_away", 0],
      ["died", 0],
      ["refused", 0],
    ]);
    const year = await callsByResult(database.db, county.slice(0, 4).padEnd(6, "0"), monthsOfYear("2024"));
    expect(year.reduce((s, c) => s + c.calls, 0)).toBe(4);

    // The PDF names every follow-up indicator and every call result in both languages.
    // Columns wrap to their width, so a name may be split over lines: compare without whitespace.
    const squeeze = (s: string) => s.replace(/\s+/g, "");
    const text = squeeze(await pdfText(await regionReportPdf(await regionReport(database.db, county, "2024", todayInChina()))));
    for (const phrase of [
      "高血压患者规范管理率",
      "Hypertension standardised management rate",
      "高血压未按期随访率",
      "Hypertension missed visits",
      "高血压失访率",
      "Hypertension lost to follow-up",
      "随访未记录血压占比",
      "Visits without a BP reading",
      "电话随访接通率",
      "Follow-up calls reached",
      "高血压随访电话结果",
      "无人接听",
      "No answer",
      "号码错误",
      "Wrong number",
      "已接通，约定随访日期",
    ])
      expect(text).toContain(squeeze(phrase));
  }, 60_000);
});

const monthsOfYear = (year: string) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

/** The catalogue as the API and the dashboard read it, and the figures of the demo world's register. */
describe.each(BACKENDS)("follow-up indicators in the API on %s", (backend) => {
  let ctx: Awaited<ReturnType<typeof demoApp>>;
  beforeAll(async () => {
    ctx = await demoApp(backend);
  }, 120_000);
  afterAll(async () => ctx?.close());

  it("serves the new entries with their definitions, and values a region can be cut by", async () => {
    const cookie = await ctx.login("gz.official");
    const catalogue = json(await ctx.app.inject({ url: "/api/v1/indicators", headers: { cookie } })).items as Record<string, unknown>[];
    const byId = new Map(catalogue.map((i) => [i.id, i]));
    expect(byId.get("htn_standard_management_rate")).toMatchObject({ zh: "高血压患者规范管理率", yearly: true, unit: "%", higherIsBetter: true });
    expect(String(byId.get("htn_standard_management_rate")?.description)).toContain("国家基本公共卫生服务规范（第三版）");
    expect(byId.get("htn_missed_visits")).toMatchObject({ pastMonthsOnly: true, higherIsBetter: false });
    for (const id of ["htn_lost_to_follow_up", "htn_visits_without_bp", "htn_calls_reached"]) expect(byId.get(id), id).toBeDefined();
    for (const id of ["htn_lost_to_follow_up", "htn_visits_without_bp", "htn_missed_visits", "htn_calls_reached"]) {
      const response = await ctx.app.inject({ url: `/api/v1/indicators/${id}/values?period=all`, headers: { cookie } });
      expect(response.statusCode, id).toBe(200);
      for (const item of json(response).items as { numerator: number; denominator: number }[]) expect(item.numerator, id).toBeLessThanOrEqual(item.denominator);
    }
  });
});
