import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { pdfText } from "./helpers/pdf-text.ts";

/**
 * Issue 16's roll-ups of confirmed work: the indicators, an agreement's totals and the service
 * credit certificate count only the lines the recipient confirmed.
 */
describe.each(BACKENDS)("confirmed work roll-ups on %s", (backend) => {
  let ctx: TestContext;
  type Stay = { id: string; agreement_id: string; practitioner_id: string; recipient_id: string; province_code: string; region_code: string; s: string };
  let stay: Stay;
  let other: Stay | undefined;
  const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.database.db.execute(q)) as unknown as { rows: T[] }).rows;
  const get = async (url: string, who = "admin") => ctx.app.inject({ url, headers: { cookie: await ctx.login(who) } });
  const line = (s: Stay, kind: string, status: string, fields: { patients?: number; minutes?: number; attendees?: number; mentees?: number } = {}) =>
    ctx.database.db.execute(sql`insert into work_log_entries (agreement_id, dispatch_id, practitioner_id, recipient_id, date, kind, patients, minutes, attendees, mentees, status, province_code)
      values (${s.agreement_id}, ${s.id}, ${s.practitioner_id}, ${s.recipient_id}, ${s.s}, ${kind}, ${fields.patients ?? null}, ${fields.minutes ?? null},
              ${fields.attendees ?? null}, ${fields.mentees ?? null}, ${status}, ${s.province_code})`);

  beforeAll(async () => {
    ctx = await demoApp(backend);
    // The demo stationed doctor's stays that have started, oldest first, and their recipients' counties.
    const stays = await rows<Stay>(sql`select d.id, d.agreement_id, d.practitioner_id, d.recipient_id, d.province_code, i.region_code,
        to_char(coalesce(d.actual_start, d.planned_start), 'YYYY-MM-DD') as s
      from dispatches d join users u on u.practitioner_id = d.practitioner_id join institutions i on i.id = d.recipient_id
      where u.username = 'zj.stationed.doctor' and d.status <> 'cancelled' and coalesce(d.actual_start, d.planned_start) <= current_date
      order by coalesce(d.actual_start, d.planned_start)`);
    stay = stays[0] as Stay;
    // A second, earlier stay of the same person (the demo gives them one), for the per-stay totals.
    [other] =
      await rows<Stay>(sql`insert into dispatches (agreement_id, practitioner_id, recipient_id, role, title, planned_start, planned_end, status, province_code)
      select agreement_id, practitioner_id, recipient_id, role, title, coalesce(actual_start, planned_start) - 60, coalesce(actual_start, planned_start) - 31, status, province_code
      from dispatches where id = ${stay.id}
      returning id, agreement_id, practitioner_id, recipient_id, province_code, ${stay.region_code}::text as region_code, to_char(planned_start, 'YYYY-MM-DD') as s`);
    // Only the lines written here.
    await ctx.database.db.execute(sql`delete from work_log_entries`);
  }, 120_000);
  afterAll(() => ctx.close());

  it("counts only the lines the recipient confirmed, in the indicators and the agreement's totals", async () => {
    await line(stay, "outpatient", "confirmed", { patients: 10 });
    await line(stay, "outpatient", "confirmed", { patients: 5 });
    await line(stay, "outpatient", "recorded", { patients: 100 });
    await line(stay, "outpatient", "disputed", { patients: 50 });
    await line(stay, "ward_round", "confirmed", { patients: 20 });
    await line(stay, "operation", "confirmed");
    await line(stay, "operation", "confirmed");
    await line(stay, "operation", "disputed");
    await line(stay, "operation", "recorded");
    await line(stay, "teaching", "confirmed", { minutes: 90, attendees: 12 });
    await line(stay, "teaching", "recorded", { minutes: 60, attendees: 30 });
    await line(stay, "mentoring", "confirmed", { mentees: 3 });
    await line(stay, "mentoring", "disputed", { mentees: 7 });
    const month = stay.s.slice(0, 7);
    const value = async (id: string, level = "county", region = stay.region_code) =>
      json(await get(`/api/v1/indicators/${id}/values?regionCode=${region}&level=${level}&from=${month}&to=${month}`)).items[0]?.value ?? 0;
    const indicators = async (level = "county", region = stay.region_code) => [
      await value("stationed_outpatient_visits", level, region),
      await value("stationed_operations", level, region),
      await value("stationed_teaching_hours", level, region),
      await value("stationed_people_trained", level, region),
    ];
    expect(await indicators()).toEqual([15, 2, 1.5, 15]);
    expect(await indicators("province", stay.province_code)).toEqual([15, 2, 1.5, 15]);

    const totals = async (query = "", who = "admin") => get(`/api/v1/agreements/${stay.agreement_id}/work-totals${query}`, who);
    const answer = json(await totals(`?from=${month}&to=${month}`, "gz.county.coord"));
    // Seven confirmed lines: the ward round is work too, though none of the four figures.
    const expected = { outpatientVisits: 15, operations: 2, teachingHours: 1.5, peopleTrained: 15, lines: 7 };
    expect(answer.total).toEqual(expected);
    expect(answer.months).toEqual([{ month, ...expected }]);
    expect(answer.people).toEqual([expect.objectContaining({ practitionerId: stay.practitioner_id, supporterName: expect.any(String), ...expected })]);
    // A month without lines has zeros, not an error.
    const empty = json(await totals("?from=2001-01&to=2001-02"));
    expect(empty).toMatchObject({ total: { outpatientVisits: 0, operations: 0, teachingHours: 0, peopleTrained: 0, lines: 0 }, months: [], people: [] });

    // The recipient confirms the recorded outpatient session and disputes an operation: the figures follow.
    await ctx.database.db.execute(sql`update work_log_entries set status = 'confirmed' where kind = 'outpatient' and status = 'recorded'`);
    await ctx.database.db.execute(
      sql`update work_log_entries set status = 'disputed' where id = (select id from work_log_entries where kind = 'operation' and status = 'confirmed' limit 1)`,
    );
    expect(await indicators()).toEqual([115, 1, 1.5, 15]);
    expect(json(await totals()).total).toEqual({ outpatientVisits: 115, operations: 1, teachingHours: 1.5, peopleTrained: 15, lines: 7 });

    // Bad input names the field; outsiders are refused.
    const backwards = await totals("?from=2025-05&to=2025-03");
    expect(backwards.statusCode).toBe(400);
    expect(json(backwards).errors[0].path).toBe("to");
    const badMonth = await totals("?from=2025-13");
    expect(badMonth.statusCode).toBe(400);
    expect(JSON.stringify(json(badMonth).errors)).toContain("from");
    expect((await totals("?nope=1")).statusCode).toBe(400);
    expect([403, 404]).toContain((await totals("", "yn.township.doctor")).statusCode);
    expect((await get("/api/v1/agreements/00000000-0000-4000-8000-000000000000/work-totals")).statusCode).toBe(404);
  });

  it("lists the confirmed work totals on the service credit and its certificate, overall and per stay", async () => {
    const credit = json(await get(`/api/v1/practitioners/${stay.practitioner_id}/service-credit`, "zj.city.coord"));
    const work = { outpatientVisits: 115, operations: 1, teachingHours: 1.5, peopleTrained: 15, lines: 7 };
    expect(credit.work).toEqual(work);
    const first = credit.stays.find((s: { from: string }) => s.from === stay.s);
    expect(first.work).toEqual(work);
    expect(other).toBeDefined();
    if (other) {
      // A line of another stay shows on that stay, and adds to the whole.
      await line(other, "operation", "confirmed");
      await line(other, "operation", "recorded");
      const again = json(await get(`/api/v1/practitioners/${stay.practitioner_id}/service-credit`, "zj.city.coord"));
      expect(again.work).toEqual({ ...work, operations: 2, lines: 8 });
      expect(again.stays.find((s: { from: string }) => s.from === other?.s).work).toMatchObject({ operations: 1, outpatientVisits: 0, lines: 1 });
      expect(again.stays.find((s: { from: string }) => s.from === stay.s).work).toEqual(work);
    }
    const pdf = await get(`/api/v1/practitioners/${stay.practitioner_id}/service-credit.pdf`, "zj.city.coord");
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(pdf.rawPayload));
    expect(text).toContain("确认工作量");
    expect(text).toContain("门诊 115 人次");
    expect(text).toContain(`手术 ${other ? 2 : 1} 台`);
    expect(text).toContain("授课 1.5 小时");
    expect(text).toContain("培训带教 15 人次");
    // Per stay: the first stay's line.
    expect(text).toContain("门诊 115 人次 visits · 手术 1 台 operations · 授课 1.5 小时 teaching hours · 培训带教 15 人次 trained");
    expect((await get(`/api/v1/practitioners/${stay.practitioner_id}/service-credit`, "yn.township.doctor")).statusCode).toBe(404);
  });
});
