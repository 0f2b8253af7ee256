import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

describe.each(BACKENDS)("outreach API on %s", (backend) => {
  let ctx: TestContext;
  let county: string;
  let city: string;
  const clock = new Date();
  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    city = (await me("zj.city.coord")).institutionId;
  });
  afterAll(() => ctx.close());
  const call = async (who: string, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method,
      url,
      headers: { cookie: await ctx.login(who), ...headers },
      ...(payload !== undefined && { payload: payload as string | object }),
    });
  const count = async (table: string) =>
    ((await ctx.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  const nextWeek = () => new Date(clock.getTime() + 7 * 86_400_000).toISOString();

  it("runs a remote ward round: the recipient requests, only the supporter schedules, the link is in both calendars", async () => {
    const created = await call("gz.county.coord", "POST", "/api/v1/telemedicine", {
      kind: "ward_round",
      supporterId: city,
      title: "示例远程查房",
      requestedStart: nextWeek(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const session = json(created);
    expect(session).toMatchObject({ status: "requested", allowedActions: ["cancel"] });
    // The recipient cannot schedule its own request; a third institution cannot see it.
    expect((await call("gz.county.coord", "POST", `/api/v1/telemedicine/${session.id}/actions`, { action: "schedule", startsAt: nextWeek() })).statusCode).toBe(
      403,
    );
    expect((await call("yn.township.doctor", "GET", `/api/v1/telemedicine/${session.id}`)).statusCode).toBe(404);
    const scheduled = await call("zj.city.coord", "POST", `/api/v1/telemedicine/${session.id}/actions`, { action: "schedule", startsAt: nextWeek() });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(json(scheduled)).toMatchObject({ status: "scheduled", link: `https://meet.jit.si/MedBridge-${session.id}` });
    const again = await call("zj.city.coord", "POST", `/api/v1/telemedicine/${session.id}/actions`, { action: "schedule", startsAt: nextWeek() });
    expect(again.statusCode).toBe(409);
    expect(json(again).detail).toContain("allowed now: hold, cancel");
    // Calendars are in China time (UTC+8).
    const day = new Date(Date.parse(nextWeek()) + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const [who, id] of [
      ["gz.county.coord", county],
      ["zj.city.coord", city],
    ] as const) {
      const events = json(await call(who, "GET", `/api/v1/institutions/${id}/calendar?from=${day}&to=${day}`)).items;
      expect(events.find((e: { id: string }) => e.id === `telemedicine-${session.id}`)).toMatchObject({
        kind: "telemedicine",
        link: `https://meet.jit.si/MedBridge-${session.id}`,
        // What the title says, as data for the reader's language: the session's kind, its title and the other side.
        words: { form: "telemedicine", sessionKind: "ward_round", title: "示例远程查房", other: expect.any(String) },
      });
    }
    const ics = await call("gz.county.coord", "GET", `/api/v1/institutions/${county}/calendar.ics?from=${day}&to=${day}`);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(ics.body).toContain(`UID:telemedicine-${session.id}@medbridge`);
    expect(ics.body).toContain("BEGIN:VCALENDAR\r\n");
    expect(ics.body.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect((await call("yn.township.doctor", "GET", `/api/v1/institutions/${county}/calendar?from=${day}&to=${day}`)).statusCode).toBe(404);
    // Held with minutes, closed by the recipient.
    expect((await call("zj.city.coord", "POST", `/api/v1/telemedicine/${session.id}/actions`, { action: "hold", minutes: "查房 5 例" })).statusCode).toBe(200);
    expect(json(await call("gz.county.coord", "POST", `/api/v1/telemedicine/${session.id}/actions`, { action: "close" })).status).toBe("closed");
  });

  it("lists the demo township skipped for two months in the touring-frequency compliance", async () => {
    const year = clock.getUTCFullYear();
    const report = json(await call("gz.official", "GET", `/api/v1/touring/compliance?regionCode=522622&year=${year}&asOf=${year}-07-31`));
    expect(report.sites).toBeGreaterThan(5);
    const failing = report.items.filter((i: { status: string; level: string }) => i.status === "fail" && i.level === "township");
    expect(failing.some((i: { emptyPeriods: { label: string }[] }) => i.emptyPeriods.map((p) => p.label).join() === `${year}-05,${year}-06`)).toBe(true);
    expect((await call("yn.township.doctor", "GET", `/api/v1/touring/compliance?regionCode=522622&year=${year}`)).statusCode).toBe(404);
    // A county that asks for two visits a month makes every township fail.
    expect(
      (
        await call("gz.official", "PUT", "/api/v1/touring/rules/522622", {
          county: { per: "quarter", min: 1 },
          township: { per: "month", min: 2 },
          village: { per: "week", min: 1 },
        })
      ).statusCode,
    ).toBe(204);
    const strict = json(await call("gz.official", "GET", `/api/v1/touring/compliance?regionCode=522622&year=${year}&asOf=${year}-07-31`));
    expect(strict.items.filter((i: { level: string; status: string }) => i.level === "township").every((i: { status: string }) => i.status === "fail")).toBe(
      true,
    );
    expect(
      (
        await call("gz.county.coord", "PUT", "/api/v1/touring/rules/522622", {
          county: { per: "quarter", min: 1 },
          township: { per: "month", min: 1 },
          village: { per: "week", min: 1 },
        })
      ).statusCode,
    ).toBe(403);
    await call("gz.official", "PUT", "/api/v1/touring/rules/522622", {
      county: { per: "quarter", min: 1 },
      township: { per: "month", min: 1 },
      village: { per: "week", min: 1 },
    });
  });

  it("imports touring visits from CSV all or nothing, naming bad rows", async () => {
    const team = json(await call("gz.county.coord", "GET", `/api/v1/touring/teams?institutionId=${county}`)).items[0];
    const [site] = (
      (await ctx.database.db.execute(
        sql`select name from institutions where region_code = '522622' and kind = 'township_health_center' order by name limit 1`,
      )) as unknown as {
        rows: { name: string }[];
      }
    ).rows;
    const before = await count("touring_visits");
    const bad = [
      "巡回医疗队,巡回点,日期,诊疗人次",
      `${team.name},${site?.name},2026-03-02,40`,
      `${team.name},不存在的卫生院,2026-03-09,30`,
      `${team.name},${site?.name},2026-02-30,20`,
    ].join("\n");
    const refused = await call("gz.county.coord", "POST", "/api/v1/touring/visits/import", bad, { "content-type": "text/csv" });
    expect(refused.statusCode).toBe(400);
    expect(json(refused).errors.map((e: { path: string }) => e.path)).toEqual(["rows[3].site", "rows[4].date"]);
    expect(await count("touring_visits")).toBe(before);
    const good = ["team,site,date,patients_seen", `${team.name},${site?.name},2026-03-02,40`].join("\n");
    const imported = await call("gz.county.coord", "POST", "/api/v1/touring/visits/import", good, { "content-type": "text/csv" });
    expect(json(imported)).toMatchObject({ rows: 1, imported: 1 });
    expect((await call("gz.township.doctor", "POST", "/api/v1/touring/visits/import", good, { "content-type": "text/csv" })).statusCode).toBe(403);
  });

  it("imports training attendance all or nothing, and lets a mistaken visit or training be removed", async () => {
    const course = json(
      await call("gz.county.coord", "POST", "/api/v1/trainings", {
        hostInstitutionId: county,
        topic: "示例导入培训",
        trainer: "示例",
        date: "2026-02-03",
        hours: 3,
      }),
    );
    const [site] = (
      (await ctx.database.db.execute(
        sql`select name from institutions where region_code = '522622' and kind = 'township_health_center' order by name limit 1`,
      )) as unknown as {
        rows: { name: string }[];
      }
    ).rows;
    const bad = [
      "培训主题,日期,参训单位,参训人数",
      `示例导入培训,2026-02-03,${site?.name},4`,
      "示例导入培训,2026-02-03,不存在的单位,2",
      "不存在的培训,2026-02-03,示例黄平人民医院,0",
    ].join("\n");
    const refused = await call("gz.county.coord", "POST", "/api/v1/trainings/attendance/import", bad, { "content-type": "text/csv" });
    expect(refused.statusCode).toBe(400);
    expect(json(refused).errors.map((e: { path: string }) => e.path)).toEqual(["rows[3].institution", "rows[4].count"]);
    const good = ["training,date,institution,count", `示例导入培训,2026-02-03,${site?.name},4`].join("\n");
    expect(json(await call("gz.county.coord", "POST", "/api/v1/trainings/attendance/import", good, { "content-type": "text/csv" }))).toMatchObject({
      imported: 1,
    });
    const attended = json(await call("gz.county.coord", "GET", `/api/v1/trainings?institutionId=${county}`)).items.find(
      (t: { id: string }) => t.id === course.id,
    );
    expect(attended.attendees).toEqual([{ institutionId: expect.any(String), count: 4 }]);
    expect((await call("yn.township.doctor", "DELETE", `/api/v1/trainings/${course.id}`)).statusCode).toBe(403);
    expect((await call("gz.county.coord", "DELETE", `/api/v1/trainings/${course.id}`)).statusCode).toBe(204);
    const visit = json(await call("gz.county.coord", "GET", `/api/v1/touring/visits?institutionId=${county}&from=2026-01-01&to=2026-12-31`)).items[0];
    expect((await call("zj.city.coord", "DELETE", `/api/v1/touring/visits/${visit.id}`)).statusCode).toBe(403);
    expect((await call("gz.county.coord", "DELETE", `/api/v1/touring/visits/${visit.id}`)).statusCode).toBe(204);
    expect((await call("gz.county.coord", "DELETE", `/api/v1/touring/visits/${visit.id}`)).statusCode).toBe(404);
  });

  it("shows which techniques outlived their supporters", async () => {
    const items = json(await call("gz.county.coord", "GET", `/api/v1/techniques?recipientId=${county}`)).items as { name: string; status: string }[];
    const statuses = Object.fromEntries(items.map((t) => [t.name.replace(/^.*（|）$/g, ""), t.status]));
    expect(statuses).toMatchObject({ 已独立开展: "sustained", 支援撤离后停滞: "died", 支援中: "supported" });
  });

  it("rejects bad input naming the field and writes nothing", async () => {
    const before = await Promise.all(["telemedicine_sessions", "trainings", "further_study", "techniques"].map(count));
    const paths = async (who: string, url: string, payload: object) => json(await call(who, "POST", url, payload)).errors?.map((e: { path: string }) => e.path);
    expect(await paths("gz.county.coord", "/api/v1/telemedicine", { kind: "tea_party", supporterId: city, title: "x" })).toEqual(["kind"]);
    expect(await paths("gz.county.coord", "/api/v1/telemedicine", { kind: "ward_round", supporterId: county, title: "x" })).toEqual(["supporterId"]);
    expect(
      await paths("gz.county.coord", "/api/v1/telemedicine", {
        kind: "teaching",
        supporterId: city,
        title: "x",
        chronicPatientId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toEqual(["chronicPatientId"]);
    expect(
      await paths("gz.county.coord", "/api/v1/telemedicine", {
        kind: "consultation",
        supporterId: city,
        title: "x",
        referralId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toEqual(["referralId"]);
    expect(await paths("gz.county.coord", "/api/v1/trainings", { hostInstitutionId: county, topic: "x", trainer: "y", date: "2026-01-01", hours: 0 })).toEqual([
      "hours",
    ]);
    expect(
      await paths("gz.county.coord", "/api/v1/further-study", {
        traineeName: "x",
        homeInstitutionId: county,
        hostInstitutionId: city,
        department: "心内",
        startDate: "2026-05-01",
        endDate: "2026-04-01",
      }),
    ).toEqual(["endDate"]);
    expect(
      await paths("gz.county.coord", "/api/v1/techniques", {
        recipientId: county,
        supporterId: city,
        name: "x",
        kind: "technique",
        specialty: "心内",
        launchedOn: "2999-01-01",
      }),
    ).toEqual(["launchedOn"]);
    expect((await call("gz.county.coord", "GET", `/api/v1/institutions/${county}/calendar?from=2026-01-01&to=2027-06-01`)).statusCode).toBe(400);
    expect(
      (await call("gz.township.doctor", "POST", "/api/v1/trainings", { hostInstitutionId: county, topic: "x", trainer: "y", date: "2026-01-01", hours: 2 }))
        .statusCode,
    ).toBe(403);
    expect(await Promise.all(["telemedicine_sessions", "trainings", "further_study", "techniques"].map(count))).toEqual(before);
  });
});
