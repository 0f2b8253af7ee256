import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import { rebuildRollups, refreshRollups } from "../src/monitoring/rollups.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

describe.each(BACKENDS)("indicators from rollups on %s", (backend) => {
  let ctx: TestContext;
  let county: string;
  let from: string;
  let to: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    // A Yunnan county without demo referrals: the data below is all it has.
    const rows = (
      (await ctx.database.db.execute(
        sql`select region_code, array_agg(id order by kind desc) as ids from institutions where province_code = '530000' group by region_code having count(*) >= 2 order by region_code limit 1`,
      )) as unknown as { rows: { region_code: string; ids: string[] }[] }
    ).rows;
    county = rows[0]?.region_code as string;
    [from, to] = (rows[0]?.ids ?? []) as [string, string];
  });
  afterAll(() => ctx.close());
  const exec = (q: ReturnType<typeof sql>) => ctx.database.db.execute(q);
  const referral = (direction: "up" | "down", submitted: string) =>
    exec(sql`insert into referrals (direction, priority, status, from_institution_id, to_institution_id, department, patient_name, patient_sex, patient_birth_date,
                                    patient_id_cipher, patient_id_masked, reason_icd10, reason_text, submitted_at, region_code, province_code)
             values (${direction}, 'routine', 'submitted', ${from}, ${to}, '心内科', '示例', 'female', '1960-01-01', 'v1:x', 'x', 'I10', 'x', ${submitted}::timestamptz, ${county}, '530000')`);
  const values = async (id: string, query: string, who = "admin") =>
    json(await ctx.app.inject({ url: `/api/v1/indicators/${id}/values?${query}`, headers: { cookie: await ctx.login(who) } }));

  it("counts a hand-made month of referrals at county, province and quarter level", async () => {
    for (const at of ["2025-01-05T02:00:00Z", "2025-01-20T02:00:00Z", "2025-01-31T17:00:00Z"]) await referral("up", at); // the last is 1 February in China
    await referral("down", "2025-01-10T02:00:00Z");
    await referral("up", "2025-02-11T02:00:00Z");
    const up = await values("referrals_up", `regionCode=${county}&level=county&from=2025-01&to=2025-03`);
    expect(up.items.map((i: { period: string; value: number }) => [i.period, i.value])).toEqual([
      ["2025-01", 2],
      ["2025-02", 2],
    ]);
    const ratio = await values("down_up_ratio", `regionCode=${county}&level=county&from=2025-01&to=2025-01`);
    expect(ratio.items[0]).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    const quarter = await values("referrals_up", "regionCode=530000&level=province&period=quarter&from=2025-01&to=2025-03");
    expect(quarter.items).toEqual([{ regionCode: "530000", regionName: "云南省", period: "2025-Q1", numerator: 4, denominator: null, value: 4 }]);
    // A referral moved to another month leaves the old one and joins the new one.
    await exec(sql`update referrals set submitted_at = '2025-03-03T02:00:00Z' where region_code = ${county} and submitted_at = '2025-02-11T02:00:00Z'`);
    const moved = await values("referrals_up", `regionCode=${county}&level=county&from=2025-01&to=2025-03`);
    expect(moved.items.map((i: { period: string; value: number }) => [i.period, i.value])).toEqual([
      ["2025-01", 2],
      ["2025-02", 1],
      ["2025-03", 1],
    ]);
  });

  it("imports county visit totals and turns them into the within-county and out-of-county rates", async () => {
    const post = async (who: string, csv: string) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/statistics/county-visits/import",
        headers: { cookie: await ctx.login(who), "content-type": "text/csv" },
        payload: csv,
      });
    const bad = await post(
      "admin",
      ["区划代码,月份,总诊疗人次,县域内诊疗人次", `${county},2025-01,1000,1200`, "999999,2025-01,10,5", `${county},2025-13,10,5`].join("\n"),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(["rows[2].withinCountyVisits", "rows[3].regionCode", "rows[4].month"]);
    expect((await post("gz.official", `region_code,month,total_visits,within_county_visits\n${county},2025-01,1000,900`)).statusCode).toBe(403);
    expect(json(await post("admin", `region_code,month,total_visits,within_county_visits\n${county},2025-01,1000,900`))).toMatchObject({ imported: 1 });
    const within = await values("within_county_rate", `regionCode=${county}&level=county&from=2025-01&to=2025-01`);
    expect(within.items[0]).toMatchObject({ numerator: 900, denominator: 1000, value: 90 });
    // The referrals above stay inside the county: none of the 1,000 visits left it by referral.
    const out = await values("out_of_county_referral_rate", `regionCode=${county}&level=county&from=2025-01&to=2025-01`);
    expect(out.items[0]).toMatchObject({ numerator: 0, denominator: 1000, value: 0 });
    // Re-importing a month replaces its figures.
    await post("admin", `region_code,month,total_visits,within_county_visits\n${county},2025-01,1000,800`);
    expect((await values("within_county_rate", `regionCode=${county}&level=county&from=2025-01&to=2025-01`)).items[0].value).toBe(80);
  });

  it("imports capability assessments and turns them into the basic and recommended rates of the assessment year", async () => {
    const hospitals = (
      (await exec(sql`select i.region_code, i.name, i.kind from institutions i where i.province_code = '530000'
        and i.kind in ('county_hospital', 'county_tcm_hospital', 'township_health_center') order by i.region_code, i.kind, i.name`)) as unknown as {
        rows: { region_code: string; name: string; kind: string }[];
      }
    ).rows;
    const byCounty = new Map<string, { name: string }[]>();
    for (const h of hospitals) if (h.kind !== "township_health_center") byCounty.set(h.region_code, [...(byCounty.get(h.region_code) ?? []), h]);
    const [code, pair] = [...byCounty.entries()].find(([, list]) => list.length >= 2) as [string, { name: string }[]];
    const [a, b] = pair as [{ name: string }, { name: string }];
    const township = hospitals.find((h) => h.kind === "township_health_center") as { region_code: string; name: string };
    const post = async (who: string, csv: string) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/statistics/assessments/import",
        headers: { cookie: await ctx.login(who), "content-type": "text/csv" },
        payload: csv,
      });
    const rate = async (id: string) => (await values(id, `regionCode=${code}&level=county&period=year&from=2020-01&to=2020-12`)).items[0];
    const bad = await post(
      "admin",
      [
        "区划代码,机构名称,年度,评估结果",
        `${code},${a.name},2020,优秀`,
        `${code},不存在的医院,2020,basic`,
        `${township.region_code},${township.name},2020,basic`,
        `${code},${b.name},1999,basic`,
      ].join("\n"),
    );
    expect(bad.statusCode, bad.body).toBe(400);
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual([
      "rows[2].level",
      "rows[3].institutionName",
      "rows[4].institutionName",
      "rows[5].year",
    ]);
    expect(await rate("county_capability_basic")).toBeUndefined();
    expect((await post("gz.official", `region_code,institution_name,year,level\n${code},${a.name},2020,basic`)).statusCode).toBe(403);
    const ok = await post("admin", `区划代码,机构名称,年度,评估结果\n${code},${a.name},2020,达到基本标准\n${code},${b.name},2020,未达标`);
    expect(json(ok)).toMatchObject({ imported: 2 });
    expect(await rate("county_capability_basic")).toMatchObject({ period: "2020", numerator: 1, denominator: 2, value: 50 });
    expect(await rate("county_capability_recommended")).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
    // A new result for the year replaces the old one; recommended also meets basic.
    await post("admin", `region_code,institution_name,year,level\n${code},${b.name},2020,recommended`);
    expect(await rate("county_capability_basic")).toMatchObject({ numerator: 2, denominator: 2, value: 100 });
    expect(await rate("county_capability_recommended")).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
  });

  it("counts compliance, coverage gap days and nominal days from the rules engine's verdicts, and follows a roster change", async () => {
    const year = new Date().getUTCFullYear() - 1;
    const board = json(
      await ctx.app.inject({ url: `/api/v1/compliance?regionCode=522622&year=${year}&pageSize=200`, headers: { cookie: await ctx.login("gz.official") } }),
    ).items as {
      agreement: { id: string };
      report: { status: string; rules: { id: string; gaps?: { from: string; to: string }[]; nominalDays?: number }[] };
    }[];
    expect(board.length).toBeGreaterThan(0);
    const yearly = `regionCode=522622&level=county&period=year&from=${year}-01&to=${year}-12`;
    const compliance = (await values("dispatch_compliance", yearly)).items[0];
    const passing = board.filter((b) => b.report.status === "pass").length;
    expect(compliance).toMatchObject({ numerator: passing, denominator: board.length });
    const nominal = board.reduce((n, b) => n + Number(b.report.rules.find((r) => r.id === "nominal_days")?.nominalDays ?? 0), 0);
    expect((await values("suspected_nominal_days", yearly)).items[0]?.numerator ?? 0).toBe(nominal);
    // Gap days by month over the province, counted day by day from its board's gap intervals.
    const province = json(
      await ctx.app.inject({ url: `/api/v1/compliance?regionCode=520000&year=${year}&pageSize=200`, headers: { cookie: await ctx.login("gz.official") } }),
    ).items as typeof board;
    const expected = new Map<string, number>();
    for (const b of province)
      for (const g of b.report.rules.find((r) => r.id === "full_year_coverage")?.gaps ?? [])
        for (let d = new Date(`${g.from}T00:00:00Z`); d <= new Date(`${g.to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
          const m = d.toISOString().slice(0, 7);
          expected.set(m, (expected.get(m) ?? 0) + 1);
        }
    expect(expected.get(`${year}-07`)).toBeGreaterThanOrEqual(14);
    const gaps = await values("coverage_gap_days", `regionCode=520000&level=province&from=${year}-01&to=${year}-12`);
    expect(new Map(gaps.items.map((i: { period: string; value: number }) => [i.period, i.value]))).toEqual(expected);
    // Cancelling every stay of a passing agreement in the year makes it fail; the rate follows.
    const pass = board.find((b) => b.report.status === "pass");
    if (pass) {
      await exec(sql`update dispatches set status = 'cancelled' where agreement_id = ${pass.agreement.id}`);
      expect((await values("dispatch_compliance", yearly)).items[0]).toMatchObject({ numerator: passing - 1, denominator: board.length });
    }
  });

  it("reads the median acceptance time off the summed histograms, for a county, its province and the nation", async () => {
    const accepted = (submitted: string, hours: number) =>
      exec(sql`insert into referrals (direction, priority, status, from_institution_id, to_institution_id, department, patient_name, patient_sex, patient_birth_date,
                                      patient_id_cipher, patient_id_masked, reason_icd10, reason_text, submitted_at, accepted_at, region_code, province_code)
               values ('up', 'routine', 'accepted', ${from}, ${to}, '心内科', '示例', 'female', '1960-01-01', 'v1:x', 'x', 'I10', 'x',
                       ${submitted}::timestamptz, ${submitted}::timestamptz + ${hours} * interval '1 hour', ${county}, '530000')`);
    const median = async (query: string) => (await values("referral_acceptance_median_h", query)).items;
    await accepted("2024-05-03T02:00:00Z", 1);
    await accepted("2024-05-10T02:00:00Z", 10);
    await accepted("2024-05-20T02:00:00Z", 2);
    expect(await median(`regionCode=${county}&level=county&from=2024-05&to=2024-05`)).toMatchObject([
      { period: "2024-05", numerator: 2, denominator: 3, value: 2 },
    ]);
    // A fourth case in June: over both months the lower median of 1, 2, 3.5, 10 is 2; June alone is 3.5.
    await accepted("2024-06-01T02:00:00Z", 3.5);
    expect(await median(`regionCode=${county}&level=county&period=all&from=2024-05&to=2024-06`)).toMatchObject([
      { period: "2024-05..2024-06", value: 2, denominator: 4 },
    ]);
    expect(await median(`regionCode=${county}&level=county&from=2024-06&to=2024-06`)).toMatchObject([{ value: 3.5 }]);
    // The nation as one region: the demo's other acceptances of those months join in, so only the shape is fixed.
    const nation = await median("level=national&period=all&from=2024-05&to=2024-06");
    expect(nation).toHaveLength(1);
    expect(nation[0]).toMatchObject({ regionCode: "000000", regionName: "全国" });
    expect(nation[0].denominator).toBeGreaterThanOrEqual(4);
    expect(
      json(await ctx.app.inject({ url: "/api/v1/indicators/referrals_up/values?from=2025-03&to=2025-01", headers: { cookie: await ctx.login("admin") } }))
        .errors[0].path,
    ).toBe("query.from");
  });

  it("counts hypertension control month by month from the latest visit within three months", async () => {
    const months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"];
    const rate = async () => {
      const items = (await values("htn_control_rate", `regionCode=${county}&level=county&from=2024-01&to=2024-06`)).items as {
        period: string;
        numerator: number;
        denominator: number;
      }[];
      return months.map((m) => items.find((i) => i.period === m) ?? { numerator: 0, denominator: 0 });
    };
    const before = await rate();
    const patient = async (name: string, enrolled: string, visits: [string, boolean][]) => {
      const [row] = (
        (await exec(sql`insert into chronic_patients (institution_id, name, sex, birth_date, id_cipher, id_masked, enrolled_on, region_code, province_code)
          values (${from}, ${name}, 'female', '1950-01-01', 'v1:x', 'x', ${enrolled}, ${county}, '530000') returning id`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows;
      for (const [day, controlled] of visits)
        await exec(sql`insert into chronic_visits (patient_id, institution_id, visit_on, input, edition, recommendation, action, controlled, sbp, dbp, next_due_on, recorded_by)
          values (${row?.id}, ${from}, ${day}, '{}', 'test', '{}', 'continue', ${controlled}, 130, 80, ${day}, 'test')`);
    };
    // A: controlled in January, uncontrolled in May. B: enrolled in March, controlled then.
    await patient("测试甲", "2024-01-10", [
      ["2024-01-10", true],
      ["2024-05-20", false],
    ]);
    await patient("测试乙", "2024-03-01", [["2024-03-05", true]]);
    const after = await rate();
    const diff = after.map((a, i) => [a.numerator - (before[i]?.numerator ?? 0), a.denominator - (before[i]?.denominator ?? 0)]);
    // April: A's January visit is more than three months before 30 April; June: B's March visit is too.
    expect(diff).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
      [1, 2],
      [1, 2],
      [0, 2],
    ]);
  });

  it("counts touring-frequency compliance and sustained techniques as the outreach engines judge them", async () => {
    const get = async (url: string) => json(await ctx.app.inject({ url, headers: { cookie: await ctx.login("admin") } }));
    const year = new Date().getUTCFullYear() - 1;
    const [touring] = (
      (await exec(
        sql`select region_code from touring_visits where extract(year from date) = ${year} group by 1 order by count(*) desc limit 1`,
      )) as unknown as {
        rows: { region_code: string }[];
      }
    ).rows;
    expect(touring).toBeDefined();
    const code = touring?.region_code as string;
    const engine = await get(`/api/v1/touring/compliance?regionCode=${code}&year=${year}`);
    expect(engine.sites).toBeGreaterThan(0);
    const touringRate = (await values("touring_visit_compliance", `regionCode=${code}&level=county&period=year&from=${year}-01&to=${year}-12`)).items[0];
    expect(touringRate).toMatchObject({ numerator: engine.sites - engine.failing, denominator: engine.sites });
    // A site's new visit is a fact like any other: the figure follows the engine again.
    const [site] = (
      (await exec(sql`select site_id, team_id from touring_visits where region_code = ${code} and extract(year from date) = ${year} limit 1`)) as unknown as {
        rows: { site_id: string; team_id: string }[];
      }
    ).rows;
    await exec(sql`insert into touring_visits (team_id, site_id, date, end_date, region_code, province_code)
      select ${site?.team_id}, ${site?.site_id}, d::date, d::date, ${code}, substr(${code}, 1, 2) || '0000'
      from generate_series(${`${year}-01-05`}::date, ${`${year}-12-28`}::date, interval '7 days') d`);
    const again = await get(`/api/v1/touring/compliance?regionCode=${code}&year=${year}`);
    expect((await values("touring_visit_compliance", `regionCode=${code}&level=county&period=year&from=${year}-01&to=${year}-12`)).items[0]).toMatchObject({
      numerator: again.sites - again.failing,
      denominator: again.sites,
    });

    const thisYear = new Date().getUTCFullYear();
    const recipients = (
      (await exec(sql`select region_code, array_agg(distinct recipient_id) as ids from techniques group by 1 order by count(*) desc limit 1`)) as unknown as {
        rows: { region_code: string; ids: string[] }[];
      }
    ).rows[0] as { region_code: string; ids: string[] };
    let sustained = 0;
    for (const id of recipients.ids)
      sustained += (await get(`/api/v1/techniques?recipientId=${id}`)).items.filter((t: { status: string }) => t.status === "sustained").length;
    expect(sustained).toBeGreaterThan(0);
    const figure = (await values("techniques_sustained", `regionCode=${recipients.region_code}&level=county&period=year&from=${thisYear}-01&to=${thisYear}-12`))
      .items[0];
    expect(figure?.numerator ?? 0).toBe(sustained);
  });

  it("ranks the supporters of Guizhou's agreements with visible, configurable weights", async () => {
    const year = new Date().getUTCFullYear() - 1;
    const rank = async (query: string, who = "gz.official") =>
      ctx.app.inject({ url: `/api/v1/rankings/supporters?year=${year}${query}`, headers: { cookie: await ctx.login(who) } });
    // Confirmed on-site work and the recipients' ratings (issue 16): only what is written here.
    await exec(sql`delete from work_log_entries`);
    await exec(sql`delete from stay_ratings`);
    const stays = (
      (await exec(sql`select distinct on (p.institution_id) p.institution_id as supporter, d.id, d.agreement_id, d.practitioner_id, d.recipient_id, d.province_code,
          to_char(greatest(coalesce(d.actual_start, d.planned_start), ${`${year}-01-01`}::date), 'YYYY-MM-DD') as date
        from dispatches d join practitioners p on p.id = d.practitioner_id join institutions r on r.id = d.recipient_id
        where r.region_code like '52%' and d.status <> 'cancelled'
          and coalesce(d.actual_start, d.planned_start) <= ${`${year}-12-31`}::date and coalesce(d.actual_end, d.planned_end) >= ${`${year}-01-01`}::date
        order by p.institution_id, d.planned_start limit 2`)) as unknown as {
        rows: { supporter: string; id: string; agreement_id: string; practitioner_id: string; recipient_id: string; province_code: string; date: string }[];
      }
    ).rows;
    expect(stays.length).toBe(2);
    const [a, b] = stays as [(typeof stays)[number], (typeof stays)[number]];
    const work = (s: typeof a, kind: string, status: string, patients: number | null, minutes: number | null = null, attendees: number | null = null) =>
      exec(sql`insert into work_log_entries (agreement_id, dispatch_id, practitioner_id, recipient_id, date, kind, patients, minutes, attendees, status, province_code)
        values (${s.agreement_id}, ${s.id}, ${s.practitioner_id}, ${s.recipient_id}, ${s.date}, ${kind}, ${patients}, ${minutes}, ${attendees}, ${status}, ${s.province_code})`);
    await work(a, "outpatient", "confirmed", 30);
    await work(a, "outpatient", "recorded", 500);
    await work(a, "operation", "confirmed", null);
    await work(a, "operation", "confirmed", null);
    await work(a, "operation", "disputed", null);
    await work(a, "teaching", "confirmed", null, 120, 10);
    await work(b, "outpatient", "confirmed", 60);
    await work(b, "teaching", "recorded", null, 600, 90);
    // A's stationed person rated 5, 4, 4, 3 in a quarter of the year (mean 4); B's people not rated.
    await exec(sql`insert into stay_ratings (dispatch_id, agreement_id, practitioner_id, period, attendance_score, clinical_score, teaching_score, conduct_score, rated_by, province_code)
      select ${a.id}, ${a.agreement_id}, ${a.practitioner_id}, ${`${year}-Q2`}, 5, 4, 4, 3, id, ${a.province_code} from users where username = 'admin'`);
    const result = json(await rank(""));
    expect(result.regionCode).toBe("520000");
    expect(result.weights).toEqual({ compliance: 30, stationedDays: 15, telemedicine: 10, techniques: 10, trainees: 5, onSiteWork: 20, rating: 10 });
    expect(Object.values(result.weights as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(100);
    type Item = { supporterId: string; score: number; figures: Record<string, number | null>; normalized: Record<string, number | null>; excluded: string[] };
    const of = (r: { items: Item[] }, id: string) => r.items.find((i) => i.supporterId === id) as Item;
    expect(of(result, a.supporter).figures).toMatchObject({
      outpatientVisits: 30,
      operations: 2,
      teachingHours: 2,
      peopleTrained: 10,
      ratings: 1,
      ratingMean: 4,
    });
    expect(of(result, b.supporter).figures).toMatchObject({
      outpatientVisits: 60,
      operations: 0,
      teachingHours: 0,
      peopleTrained: 0,
      ratings: 0,
      ratingMean: null,
    });
    expect(result.onSiteParts).toEqual(["outpatientVisits", "operations", "teachingHours", "peopleTrained"]);
    // On-site work: each part against the best supporter, averaged. A: (50 + 100 + 100 + 100) / 4; B: (100 + 0 + 0 + 0) / 4.
    expect(of(result, a.supporter).normalized).toMatchObject({ onSiteWork: 87.5, rating: 75 });
    expect(of(result, b.supporter).normalized).toMatchObject({ onSiteWork: 25, rating: null });
    expect(of(result, a.supporter).excluded).toEqual([]);
    expect(of(result, b.supporter).excluded).toEqual(["rating"]);
    // The unrated supporter is scored on the other weights alone; every supporter's score is its weighted mean.
    for (const item of result.items as Item[]) {
      const counted = Object.keys(result.weights).filter((k) => item.normalized[k] !== null);
      const weight = counted.reduce((sum, k) => sum + result.weights[k], 0);
      expect(item.score).toBeCloseTo(counted.reduce((sum, k) => sum + result.weights[k] * (item.normalized[k] as number), 0) / weight, 0);
    }
    const rated = json(await rank("&weights=compliance:0,stationedDays:0,telemedicine:0,techniques:0,trainees:0,onSiteWork:0,rating:100"));
    expect(of(rated, a.supporter).score).toBe(75);
    expect(of(rated, b.supporter).score).toBe(0);
    expect(rated.items[0].supporterId).toBe(a.supporter);
    const onSite = json(await rank("&weights=compliance:0,stationedDays:0,telemedicine:0,techniques:0,trainees:0,onSiteWork:100,rating:0"));
    expect([of(onSite, a.supporter).score, of(onSite, b.supporter).score]).toEqual([87.5, 25]);
    // A weight string of the first five metrics still parses; the two it does not name keep their defaults.
    const old = json(await rank("&weights=compliance:40,stationedDays:20,telemedicine:15,techniques:15,trainees:10"));
    expect(old.weights).toMatchObject({ compliance: 40, onSiteWork: 20, rating: 10 });
    expect(json(await rank("&weights=rating:-1")).errors[0].path).toBe("weights");
    expect(result.items.length).toBeGreaterThan(1);
    expect(result.items.map((i: { rank: number }) => i.rank)).toEqual(result.items.map((_: unknown, k: number) => k + 1));
    const scores = result.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Only stationed days counted: the hospital that stationed most comes first with 100.
    const days = json(await rank("&weights=compliance:0,stationedDays:100,telemedicine:0,techniques:0,trainees:0,onSiteWork:0,rating:0"));
    expect(days.items[0].score).toBe(100);
    expect(days.items[0].figures.stationedDays).toBe(Math.max(...days.items.map((i: { figures: { stationedDays: number } }) => i.figures.stationedDays)));
    expect(json(await rank("&weights=speed:10")).errors[0].path).toBe("weights");
    expect((await rank("&regionCode=530000")).statusCode).toBe(403);
    expect((await rank("", "gz.county.coord")).statusCode).toBe(403);
    // The table exports as it is shown, weights included.
    const sheet = await ctx.app.inject({ url: `/api/v1/rankings/supporters.xlsx?year=${year}`, headers: { cookie: await ctx.login("gz.official") } });
    expect(sheet.headers["content-type"]).toContain("spreadsheetml");
    const { readTable } = await import("../src/tabular/tabular.ts");
    const rows = await readTable(sheet.rawPayload, "xlsx", {
      ...Object.fromEntries(
        [
          "协议数",
          "达标协议数",
          "派驻人日",
          "远程医疗",
          "新技术",
          "培训人次",
          "门诊人次（已确认）",
          "手术台次（已确认）",
          "授课小时（已确认）",
          "培训带教人次（已确认）",
          "评价次数",
          "评价均分（1–5）",
          "派驻人日权重",
          "远程医疗次数权重",
          "新技术新项目权重",
          "培训进修人次权重",
          "驻点工作量（已确认）权重",
          "受援单位评价权重",
        ].map((h) => [h, h]),
      ),
      名次: "rank",
      支援医院: "name",
      综合得分: "score",
      派驻合规率权重: "w",
    });
    expect(rows.map((r) => [Number(r.values.rank), r.values.name, Number(r.values.score), Number(r.values.w)])).toEqual(
      result.items.map((i: { rank: number; name: string; score: number }) => [i.rank, i.name, i.score, 30]),
    );
    expect(
      (await ctx.app.inject({ url: `/api/v1/rankings/supporters.xlsx?year=${year}&regionCode=530000`, headers: { cookie: await ctx.login("gz.official") } }))
        .statusCode,
    ).toBe(403);
  });

  it("writes the region report a county sends to the province as a PDF with its figures and failing agreements", async () => {
    const year = new Date().getUTCFullYear() - 1;
    const get = async (url: string, who = "gz.official") => ctx.app.inject({ url, headers: { cookie: await ctx.login(who) } });
    const response = await get(`/api/v1/reports/520000?period=${year}`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers["content-type"]).toContain("application/pdf");
    const { pdfText } = await import("./helpers/pdf-text.ts");
    const text = await pdfText(new Uint8Array(response.rawPayload));
    for (const phrase of ["贵州省", "帮扶监测报告", "关键指标", "上转人次", "未达标协议", "支援医院排名"]) expect(text).toContain(phrase);
    const board = json(await get(`/api/v1/compliance?regionCode=520000&year=${year}`));
    const failing = board.items.find((i: { report: { status: string } }) => i.report.status === "fail");
    expect(text).toContain(failing.agreement.code);
    expect((await get(`/api/v1/reports/530000?period=${year}`)).statusCode).toBe(403);
    expect(json(await get("/api/v1/reports/520000?period=2026-13")).errors[0].path).toBe("query.period");
  });

  it("counts stationed person-days per month as a day-by-day count of the demo rosters does", async () => {
    const year = new Date().getUTCFullYear() - 1;
    const expected = (
      (await exec(sql`
        select to_char(day, 'YYYY-MM') as month, count(*)::int as days
        from dispatches d join institutions i on i.id = d.recipient_id,
             generate_series(coalesce(d.actual_start, d.planned_start), coalesce(d.actual_end, d.planned_end), interval '1 day') day
        where i.region_code = '522622' and d.status <> 'cancelled' and extract(year from day) = ${year}
        group by 1 order by 1`)) as unknown as { rows: { month: string; days: number }[] }
    ).rows;
    expect(expected.length).toBeGreaterThan(6);
    const got = await values("stationed_person_days", `regionCode=522622&level=county&from=${year}-01&to=${year}-12`);
    expect(got.items.map((i: { period: string; value: number }) => ({ month: i.period, days: i.value }))).toEqual(expected);
    // Ending a stay early takes its days out of the later months.
    const [stay] = (
      (await exec(sql`select d.id from dispatches d join institutions i on i.id = d.recipient_id where i.region_code = '522622' and d.status <> 'cancelled'
        and coalesce(d.actual_start, d.planned_start) < ${`${year}-03-01`}::date and coalesce(d.actual_end, d.planned_end) > ${`${year}-06-30`}::date limit 1`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    if (stay) {
      await exec(sql`update dispatches set actual_end = ${`${year}-03-31`}::date where id = ${stay.id}`);
      const after = await values("stationed_person_days", `regionCode=522622&level=county&from=${year}-06&to=${year}-06`);
      const june = expected.find((e) => e.month === `${year}-06`)?.days ?? 0;
      expect(after.items[0]?.value ?? 0).toBe(june - 30);
    }
  });

  it("exports the values as XLSX", async () => {
    const response = await ctx.app.inject({
      url: `/api/v1/indicators/referrals_up/values.xlsx?regionCode=${county}&level=county&from=2025-01&to=2025-03`,
      headers: { cookie: await ctx.login("admin") },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const { readTable } = await import("../src/tabular/tabular.ts");
    const rows = await readTable(response.rawPayload, "xlsx", {
      区划代码: "region",
      区划: "name",
      期间: "period",
      分子: "numerator",
      分母: "denominator",
      "数值（数量）": "value",
    });
    expect(rows.map((r) => [r.values.region, r.values.period, r.values.numerator])).toEqual([
      [county, "2025-01", "2"],
      [county, "2025-02", "1"],
      [county, "2025-03", "1"],
    ]);
  });

  it("keeps officials to their region and the catalogue complete", async () => {
    expect(
      (await ctx.app.inject({ url: "/api/v1/indicators/referrals_up/values?regionCode=530000", headers: { cookie: await ctx.login("gz.official") } }))
        .statusCode,
    ).toBe(403);
    expect((await ctx.app.inject({ url: "/api/v1/indicators/referrals_up/values", headers: { cookie: await ctx.login("gz.county.coord") } })).statusCode).toBe(
      403,
    );
    const own = await values("referrals_up", "level=county", "gz.official");
    expect(own.items.every((i: { regionCode: string }) => i.regionCode.startsWith("52"))).toBe(true);
    expect(own.items.some((i: { regionCode: string }) => i.regionCode === "522622")).toBe(true);
    const catalogue = json(await ctx.app.inject({ url: "/api/v1/indicators", headers: { cookie: await ctx.login("gz.official") } })).items;
    expect(catalogue.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(["htn_control_rate", "dispatch_compliance", "referrals_up"]));
    expect((await ctx.app.inject({ url: "/api/v1/indicators/nope/values", headers: { cookie: await ctx.login("admin") } })).statusCode).toBe(404);
  });

  it("keeps rollups equal to a full recomputation after random inserts, updates and deletes", async () => {
    const snapshot = async () =>
      (
        (await exec(sql`select indicator_id, region_code, month, numerator, denominator, null::int as bucket from indicator_rollups
          union all select indicator_id, region_code, month, count, null, bucket from rollup_histograms order by 1, 2, 3, 6`)) as unknown as {
          rows: unknown[];
        }
      ).rows;
    const [team] = ((await exec(sql`select id from touring_teams limit 1`)) as unknown as { rows: { id: string }[] }).rows;
    const [site] = (
      (await exec(sql`select id, region_code from institutions where kind = 'village_clinic' and province_code = '530000' limit 1`)) as unknown as {
        rows: { id: string; region_code: string }[];
      }
    ).rows;
    const op = fc.oneof(
      fc.record({ kind: fc.constant("visit"), day: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ kind: fc.constant("referral"), day: fc.integer({ min: 0, max: 400 }), up: fc.boolean() }),
      fc.record({ kind: fc.constant("move"), day: fc.integer({ min: 0, max: 400 }) }),
      fc.record({ kind: fc.constant("delete") }),
      fc.record({ kind: fc.constant("accept"), hours: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ kind: fc.constant("cancel"), k: fc.integer({ min: 0, max: 30 }) }),
      // Work-log lines (issue 16): written, reviewed (confirmed, disputed, back to recorded), moved and deleted.
      fc.record({
        kind: fc.constant("work"),
        day: fc.integer({ min: 0, max: 400 }),
        what: fc.constantFrom("outpatient", "operation", "ward_round", "teaching", "mentoring", "technique"),
        status: fc.constantFrom("recorded", "confirmed", "disputed"),
        n: fc.integer({ min: 0, max: 60 }),
        yunnan: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("review"), status: fc.constantFrom("recorded", "confirmed", "disputed"), k: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant("workMove"), day: fc.integer({ min: 0, max: 400 }), k: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant("workDelete"), k: fc.integer({ min: 0, max: 5 }) }),
    );
    const [stay] = (
      (await exec(
        sql`select id, agreement_id, practitioner_id, recipient_id, province_code from dispatches order by planned_start, id limit 1`,
      )) as unknown as {
        rows: { id: string; agreement_id: string; practitioner_id: string; recipient_id: string; province_code: string }[];
      }
    ).rows;
    const nth = (k: number) => sql`(select id from work_log_entries where dispatch_id = ${stay?.id} order by id limit 1 offset ${k})`;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          const date = new Date(Date.UTC(2025, 0, 1) + ("day" in o ? o.day : 0) * 86_400_000).toISOString().slice(0, 10);
          if (o.kind === "visit")
            await exec(
              sql`insert into touring_visits (team_id, site_id, date, end_date, region_code, province_code) values (${team?.id}, ${site?.id}, ${date}, ${date}, ${site?.region_code}, '530000')`,
            );
          if (o.kind === "referral") await referral(o.up ? "up" : "down", `${date}T03:00:00Z`);
          if (o.kind === "move")
            await exec(
              sql`update touring_visits set date = ${date}, end_date = ${date} where id = (select id from touring_visits where site_id = ${site?.id} limit 1)`,
            );
          if (o.kind === "delete") await exec(sql`delete from touring_visits where id = (select id from touring_visits where site_id = ${site?.id} limit 1)`);
          if (o.kind === "accept")
            await exec(sql`update referrals set status = 'accepted', accepted_at = submitted_at + ${o.hours} * interval '1 hour'
              where id = (select id from referrals where region_code = ${county} and accepted_at is null and submitted_at is not null limit 1)`);
          // Stays toggled in and out of the roster move compliance verdicts, gap days and stationed days.
          if (o.kind === "cancel")
            await exec(sql`update dispatches set status = case status when 'cancelled' then 'active' else 'cancelled' end
              where id = (select id from dispatches order by planned_start, id limit 1 offset ${o.k})`);
          if (o.kind === "work")
            await exec(sql`insert into work_log_entries (agreement_id, dispatch_id, practitioner_id, recipient_id, date, kind, patients, minutes, attendees, mentees, status, province_code)
              values (${stay?.agreement_id}, ${stay?.id}, ${stay?.practitioner_id}, ${o.yunnan ? to : stay?.recipient_id}, ${date}, ${o.what},
                      ${o.n}, ${o.what === "teaching" ? o.n * 5 : null}, ${o.what === "teaching" ? o.n : null}, ${o.what === "mentoring" ? o.n % 4 : null}, ${o.status}, ${stay?.province_code})`);
          if (o.kind === "review") await exec(sql`update work_log_entries set status = ${o.status} where id = ${nth(o.k)}`);
          if (o.kind === "workMove") await exec(sql`update work_log_entries set date = ${date} where id = ${nth(o.k)}`);
          if (o.kind === "workDelete") await exec(sql`delete from work_log_entries where id = ${nth(o.k)}`);
        }
        await refreshRollups(ctx.database.db, todayInChina());
        const incremental = await snapshot();
        await rebuildRollups(ctx.database.db, todayInChina());
        const rebuilt = await snapshot();
        const key = (r: unknown) => JSON.stringify(r);
        const a = new Set(incremental.map(key));
        const b = new Set(rebuilt.map(key));
        const onlyInc = [...a].filter((x) => !b.has(x));
        const onlyReb = [...b].filter((x) => !a.has(x));
        if (onlyInc.length || onlyReb.length) console.log("DIFF", JSON.stringify(ops), onlyInc, onlyReb);
        expect(rebuilt).toEqual(incremental);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it("recomputes an institution's figures in both counties, and those of the referrals it received, when it moves county", async () => {
    const rows = async (q: ReturnType<typeof sql>) => ((await exec(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
    const snapshot = () => rows(sql`select indicator_id, region_code, month, numerator, denominator from indicator_rollups order by 1, 2, 3`);
    // A hospital with stays, reserved units and referrals received, and another county of its province.
    const [hospital] = await rows(sql`select i.id, i.region_code from institutions i
      where exists (select 1 from dispatches d where d.recipient_id = i.id) and exists (select 1 from referrals r where r.to_institution_id = i.id)
      order by (select count(*) from referrals r where r.to_institution_id = i.id) desc limit 1`);
    const home = hospital?.region_code as string;
    const [elsewhere] = await rows(
      sql`select code from regions where level = 'county' and code like ${`${home.slice(0, 2)}%`} and code <> ${home} order by code limit 1`,
    );
    // A confirmed work-log line at the hospital: its stationed-work figures move with it.
    const [worked] =
      await rows(sql`insert into work_log_entries (agreement_id, dispatch_id, practitioner_id, recipient_id, date, kind, patients, status, province_code)
      select agreement_id, id, practitioner_id, recipient_id, coalesce(actual_start, planned_start), 'outpatient', 9, 'confirmed', province_code
      from dispatches where recipient_id = ${hospital?.id as string} order by planned_start limit 1 returning to_char(date, 'YYYY-MM') as month`);
    const visits = (all: Record<string, unknown>[], region: string) =>
      Number(all.find((r) => r.indicator_id === "stationed_outpatient_visits" && r.region_code === region && r.month === worked?.month)?.numerator ?? 0);
    await refreshRollups(ctx.database.db, todayInChina());
    const before = await snapshot();
    expect(visits(before, home)).toBeGreaterThanOrEqual(9);
    try {
      await exec(sql`update institutions set region_code = ${elsewhere?.code as string} where id = ${hospital?.id as string}`);
      await refreshRollups(ctx.database.db, todayInChina());
      const incremental = await snapshot();
      expect(incremental).not.toEqual(before);
      // The line's visits left the old county for the new one (with any other line of the hospital that month).
      expect(visits(incremental, home)).toBeLessThanOrEqual(visits(before, home) - 9);
      expect(visits(incremental, elsewhere?.code as string)).toBeGreaterThanOrEqual(9);
      await rebuildRollups(ctx.database.db, todayInChina());
      expect(await snapshot()).toEqual(incremental);
    } finally {
      await exec(sql`update institutions set region_code = ${home} where id = ${hospital?.id as string}`);
      await refreshRollups(ctx.database.db, todayInChina());
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000);
});
