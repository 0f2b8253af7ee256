import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/** Last year, judged as of the end of January this year: every month of it is past its sign-off date. */
const Y = new Date(todayInChina() * 86_400_000).getUTCFullYear() - 1;
const AS_OF = `${Y + 1}-01-31`;

interface Flag {
  kind: string;
  person: string;
  name: string;
  message: string;
  messageEn: string;
  [evidence: string]: unknown;
}
interface Board {
  totals: { pass: number; fail: number; at_risk: number; flagged: number; flags: Record<string, number> };
  total: number;
  items: { agreement: { id: string; code: string }; flags: Flag[] }[];
}

const pad = (n: number) => String(n).padStart(2, "0");
/** The working days (Mon–Fri) of a month of year Y, as YYYY-MM-DD. */
const workingDays = (month: number) =>
  Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(Y, month - 1, i + 1)))
    .filter((d) => d.getUTCMonth() === month - 1 && d.getUTCDay() !== 0 && d.getUTCDay() !== 6)
    .map((d) => d.toISOString().slice(0, 10));

describe.each(BACKENDS)("flags officials can act on, on %s", (backend) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ctx = await demoApp(backend);
    const db = ctx.database.db;
    const one = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows[0] as T;
    const supporter = await one<{ id: string }>(sql`select id from institutions where kind = 'tertiary_hospital' order by name limit 1`);
    const admin = await one<{ id: string }>(sql`select id from users where username = 'admin'`);
    /** An agreement with its own recipient, in a county of Guizhou (522622 黄平县) or Yunnan (530102). */
    const agreement = async (code: string, county: string) => {
      const province = `${county.slice(0, 2)}0000`;
      const recipient = await one<{ id: string }>(
        sql`insert into institutions (name, kind, region_code, province_code) values (${`示例受援卫生院${code}`}, 'township_health_center', ${county}, ${province}) returning id`,
      );
      const a = await one<{ id: string }>(
        sql`insert into agreements (code, recipient_id, pack_id, mode, starts_on, ends_on, status, region_code, province_code)
            values (${code}, ${recipient.id}, 'city_tertiary_to_county', 'one_to_one', ${`${Y}-01-01`}, ${`${Y + 1}-12-31`}, 'active', ${county}, ${province}) returning id`,
      );
      await db.execute(sql`insert into agreement_supporters (agreement_id, institution_id) values (${a.id}, ${supporter.id})`);
      ids[code] = a.id;
      return { id: a.id, recipient: recipient.id, province };
    };
    /** A person stationed under the agreement from `start` to `end`. */
    const person = async (a: Awaited<ReturnType<typeof agreement>>, name: string, start: string, end: string) => {
      const p = await one<{ id: string }>(
        sql`insert into practitioners (name, profession, title, institution_id, region_code, province_code) values (${name}, 'physician', 'attending', ${supporter.id}, '330102', '330000') returning id`,
      );
      const d = await one<{ id: string }>(
        sql`insert into dispatches (agreement_id, practitioner_id, recipient_id, role, title, planned_start, planned_end, status, province_code)
            values (${a.id}, ${p.id}, ${a.recipient}, 'clinical', 'attending', ${start}, ${end}, 'completed', ${a.province}) returning id`,
      );
      ids[name] = p.id;
      const at = { ...a, person: p.id, dispatch: d.id };
      return {
        checkIns: async (days: string[], cls: string | null) => {
          for (const date of days) {
            await db.execute(sql`insert into attendance (dispatch_id, agreement_id, practitioner_id, date, activities, location_class, distance_meters, province_code)
              values (${at.dispatch}, ${at.id}, ${at.person}, ${date}, '{clinic}', ${cls}, ${cls === "away" ? 25_000 : cls === "on_site" ? 120 : null}, ${at.province})`);
          }
        },
        line: async (date: string) =>
          db.execute(sql`insert into work_log_entries (agreement_id, dispatch_id, practitioner_id, recipient_id, date, kind, patients, province_code)
            values (${at.id}, ${at.dispatch}, ${at.person}, ${at.recipient}, ${date}, 'outpatient', 12, ${at.province})`),
        month: async (month: number, status: string) =>
          db.execute(
            sql`insert into work_months (agreement_id, practitioner_id, month, status, province_code) values (${at.id}, ${at.person}, ${`${Y}-${pad(month)}`}, ${status}, ${at.province})`,
          ),
        rating: async (scores: [number, number, number, number]) =>
          db.execute(sql`insert into stay_ratings (dispatch_id, agreement_id, practitioner_id, period, attendance_score, clinical_score, teaching_score, conduct_score, rated_by, province_code)
            values (${at.dispatch}, ${at.id}, ${at.person}, 'end', ${scores[0]}, ${scores[1]}, ${scores[2]}, ${scores[3]}, ${admin.id}, ${at.province})`),
      };
    };
    const march = workingDays(3);

    // FLAG-A: 示例甲 is away 6 of 20 located days (30 %), logs nothing in April, leaves April–June
    // unsigned (May disputed) and is rated 2.5; 示例乙 stays just under every threshold.
    const a = await agreement("FLAG-A", "522622");
    const jia = await person(a, "示例甲医生", `${Y}-03-01`, `${Y}-06-30`);
    await jia.checkIns(march.slice(0, 14), "on_site");
    await jia.checkIns(march.slice(14, 20), "away");
    for (const m of [3, 5, 6]) await jia.line(`${Y}-${pad(m)}-10`);
    await jia.month(3, "confirmed");
    await jia.month(5, "disputed");
    await jia.rating([2, 2, 3, 3]);
    const yi = await person(a, "示例乙医生", `${Y}-03-01`, `${Y}-06-30`);
    // 4 away (fewer than 5 days) and 5 without location of 25 (exactly 20 %): neither is a flag.
    await yi.checkIns(march.slice(0, 16), "on_site");
    await yi.checkIns(march.slice(16, 20), "away");
    await yi.checkIns(workingDays(4).slice(0, 5), "without_location");
    // Check-ins from before location evidence are not in the share.
    await yi.checkIns(workingDays(5).slice(0, 10), null);
    for (const m of [3, 4, 5, 6]) {
      await yi.line(`${Y}-${pad(m)}-15`);
      await yi.month(m, "confirmed");
    }
    await yi.rating([3, 3, 3, 3]);

    // FLAG-B: all in order.
    const b = await agreement("FLAG-B", "522622");
    const bing = await person(b, "示例丙医生", `${Y}-03-01`, `${Y}-03-31`);
    await bing.checkIns(march, "on_site");
    await bing.line(`${Y}-03-05`);
    await bing.month(3, "confirmed");
    await bing.rating([5, 4, 4, 5]);

    // FLAG-Y in Yunnan: as bad as FLAG-A, but no Guizhou official's business.
    const y = await agreement("FLAG-Y", "530102");
    const ding = await person(y, "示例丁医生", `${Y}-03-01`, `${Y}-03-31`);
    await ding.checkIns(march, "away");
  });
  afterAll(() => ctx.close());

  const get = async (url: string, who = "gz.official") => ctx.app.inject({ url, headers: { cookie: await ctx.login(who) } });
  const board = async (query: string, who = "gz.official") => {
    const response = await get(`/api/v1/compliance?year=${Y}&asOf=${AS_OF}&pageSize=100&q=FLAG-&${query}`, who);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return json<Board>(response);
  };
  const flagsOf = async (code: string, who = "gz.official", asOf = AS_OF) => {
    const response = await get(`/api/v1/agreements/${ids[code]}/flags?year=${Y}&asOf=${asOf}`, who);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return json<{ items: Flag[]; thresholds: Record<string, number> }>(response).items;
  };
  const kindsOf = (flags: Flag[], name: string) => flags.filter((f) => f.name === name).map((f) => f.kind);

  it("raises each kind with its evidence, on the board row and in the agreement's detail alike", async () => {
    const flags = await flagsOf("FLAG-A");
    expect(kindsOf(flags, "示例甲医生")).toEqual(["away_days", "empty_work_log", "unconfirmed_months", "low_rating"]);
    const byKind = new Map(flags.filter((f) => f.name === "示例甲医生").map((f) => [f.kind, f]));
    expect(byKind.get("away_days")).toMatchObject({
      person: ids["示例甲医生"],
      days: 6,
      checkIns: 20,
      share: 0.3,
      firstDate: workingDays(3)[14],
      lastDate: workingDays(3)[19],
      minShare: 0.2,
      minDays: 5,
    });
    expect(byKind.get("away_days")?.message).toContain("示例甲医生");
    expect(byKind.get("away_days")?.messageEn).toContain("6 of 20");
    expect(byKind.get("empty_work_log")).toMatchObject({ months: [{ month: `${Y}-04`, stationedDays: workingDays(4).length, checkIns: 0 }] });
    expect(byKind.get("unconfirmed_months")).toMatchObject({
      months: [
        { month: `${Y}-04`, status: "open", dueBy: `${Y}-05-10` },
        { month: `${Y}-05`, status: "disputed", dueBy: `${Y}-06-10` },
        { month: `${Y}-06`, status: "open", dueBy: `${Y}-07-10` },
      ],
    });
    expect(byKind.get("low_rating")).toMatchObject({ period: "end", mean: 2.5, ratings: 1, threshold: 3 });
    const row = (await board("")).items.find((r) => r.agreement.code === "FLAG-A");
    expect(row?.flags).toEqual(flags);
  });

  it("raises nothing just below the thresholds, nor for an agreement in order", async () => {
    expect(kindsOf(await flagsOf("FLAG-A"), "示例乙医生")).toEqual([]);
    expect(await flagsOf("FLAG-B")).toEqual([]);
  });

  it("a month is not yet unconfirmed within 10 days of its end", async () => {
    const early = await flagsOf("FLAG-A", "gz.official", `${Y}-07-10`);
    const months = early.find((f) => f.kind === "unconfirmed_months" && f.name === "示例甲医生")?.months as { month: string }[];
    expect(months.map((m) => m.month)).toEqual([`${Y}-04`, `${Y}-05`]);
  });

  it("filters flagged agreements and counts the kinds under the other filters", async () => {
    const all = await board("");
    expect(all.items.map((r) => r.agreement.code).sort()).toEqual(["FLAG-A", "FLAG-B"]);
    expect(all.totals.flagged).toBe(1);
    expect(all.totals.flags).toEqual({ away_days: 1, without_location_days: 0, empty_work_log: 1, unconfirmed_months: 1, low_rating: 1 });
    const flagged = await board("flagged=true");
    expect(flagged.items.map((r) => r.agreement.code)).toEqual(["FLAG-A"]);
    expect(flagged.total).toBe(1);
    expect(flagged.totals.pass + flagged.totals.fail + flagged.totals.at_risk).toBe(1);
    // The flag counts stay what clicking lists: the flagged filter does not change them.
    expect(flagged.totals.flagged).toBe(1);
    expect((await board("flagged=false")).items.map((r) => r.agreement.code)).toEqual(["FLAG-B"]);
    const bad = await get(`/api/v1/compliance?year=${Y}&flagged=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("flagged");
  });

  it("officials see flags only for their region", async () => {
    expect((await board("")).items.some((r) => r.agreement.code === "FLAG-Y")).toBe(false);
    expect([403, 404]).toContain((await get(`/api/v1/agreements/${ids["FLAG-Y"]}/flags?year=${Y}`)).statusCode);
    // The national admin sees Yunnan's, with its flag.
    expect((await flagsOf("FLAG-Y", "admin")).map((f) => f.kind)).toContain("away_days");
    // A township doctor has nothing to do with agreements.
    expect([403, 404]).toContain((await get(`/api/v1/agreements/${ids["FLAG-A"]}/flags?year=${Y}`, "gz.township.doctor")).statusCode);
  });

  it("refuses a detail request without a year, naming it", async () => {
    const response = await get(`/api/v1/agreements/${ids["FLAG-A"]}/flags`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("year");
    expect((await get(`/api/v1/agreements/${ids["FLAG-A"]}/flags?year=${Y}&asOf=${Y}-02-30`)).statusCode).toBe(400);
  });
});
