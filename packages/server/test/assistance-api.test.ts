import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import { demoYears } from "../src/seed/demo-plan.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { pdfText } from "./helpers/pdf-text.ts";

/** The demo rosters cover the last three years; failures sit in the last complete one (Y1). */
const [Y0, Y1, Y2] = demoYears(todayInChina());

describe.each(BACKENDS)("paired assistance API on %s", (backend) => {
  let ctx: TestContext;
  let demoAgreement: { id: string; code: string; recipient: { id: string }; supporters: { id: string }[] };
  let yunnanAgreementId: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    const official = await ctx.login("gz.official");
    const county = json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login("gz.county.coord") } }));
    demoAgreement = json(await ctx.app.inject({ url: `/api/v1/agreements?institutionId=${county.institutionId}&q=ZJ-GZ`, headers: { cookie: official } }))
      .items[0];
    // A Yunnan pairing, created by the national admin, that Guizhou must never see.
    const admin = await ctx.login("admin");
    const find = async (q: string, kind: string) =>
      json(await ctx.app.inject({ url: `/api/v1/institutions?q=${encodeURIComponent(q)}&kind=${kind}`, headers: { cookie: admin } })).items[0];
    const yunnanHospital = (await ctx.app.inject({ url: "/api/v1/institutions?regionCode=530000&kind=county_hospital", headers: { cookie: admin } })).json()
      .items[0];
    const beijing = await find("示例北京市儿童示范医院", "tertiary_hospital");
    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/agreements",
      headers: { cookie: admin },
      payload: {
        code: "BJ-YN-2025-001",
        supporterIds: [beijing.id],
        recipientId: yunnanHospital.id,
        packId: "city_tertiary_to_county",
        mode: "one_to_one",
        startsOn: `${Y1}-01-01`,
        endsOn: `${Y2 + 1}-12-31`,
      },
    });
    expect(created.statusCode).toBe(201);
    yunnanAgreementId = json(created).id;
  });
  afterAll(() => ctx.close());

  const as = async (who: string) => ({ cookie: await ctx.login(who) });
  const get = async (who: string, url: string) => ctx.app.inject({ url, headers: await as(who) });
  const send = async (who: string, method: "POST" | "PATCH", url: string, payload: unknown) =>
    ctx.app.inject({ method, url, headers: await as(who), payload: payload as object });

  it("shows the official a board of their region with failures and explanations", async () => {
    const board = json(await get("gz.official", `/api/v1/compliance?year=${Y1}&asOf=${Y1}-12-31&pageSize=200`));
    expect(board.items.length).toBeGreaterThan(20);
    expect(board.totals.pass + board.totals.fail + board.totals.at_risk).toBe(board.items.length);
    expect(board.totals.fail).toBeGreaterThan(0);
    expect(board.items.every((i: { agreement: { regionCode: string } }) => i.agreement.regionCode.startsWith("52"))).toBe(true);
    const failing = board.items.flatMap((i: { report: { rules: { status: string; id: string }[] } }) =>
      i.report.rules.filter((r) => r.status === "fail").map((r) => r.id),
    );
    expect([...new Set(failing)]).toEqual(expect.arrayContaining(["min_staff", "full_year_coverage", "composition", "nominal_days"]));
  });

  it("keeps a Guizhou official away from a Yunnan agreement", async () => {
    expect((await get("gz.official", `/api/v1/agreements/${yunnanAgreementId}`)).statusCode).toBe(404);
    expect((await get("gz.official", `/api/v1/agreements/${yunnanAgreementId}/compliance?year=${Y1}`)).statusCode).toBe(404);
    const list = json(await get("gz.official", "/api/v1/agreements?pageSize=200"));
    expect(list.items.map((a: { id: string }) => a.id)).not.toContain(yunnanAgreementId);
    const board = json(await get("gz.official", `/api/v1/compliance?year=${Y1}&pageSize=200`));
    expect(board.items.map((i: { agreement: { id: string } }) => i.agreement.id)).not.toContain(yunnanAgreementId);
    expect((await get("yn.township.doctor", `/api/v1/agreements/${demoAgreement.id}`)).statusCode).toBe(404);
    // The supporting province's staff see their own hospital's agreements.
    expect((await get("zj.city.coord", `/api/v1/agreements/${demoAgreement.id}`)).statusCode).toBe(200);
  });

  it("lets only the supporter's coordinator edit its roster", async () => {
    const people = json(await get("admin", `/api/v1/practitioners?institutionId=${demoAgreement.supporters[0]?.id}&pageSize=200`)).items as {
      id: string;
      title: string;
    }[];
    const roster = json(await get("zj.city.coord", `/api/v1/agreements/${demoAgreement.id}/dispatches`)).items as { practitionerId: string }[];
    const spare = people.find((p) => !roster.some((r) => r.practitionerId === p.id)) as { id: string };
    const body = { practitionerId: spare.id, role: "clinical", plannedStart: `${Y2}-01-01`, plannedEnd: `${Y2}-03-31` };
    expect((await send("gz.county.coord", "POST", `/api/v1/agreements/${demoAgreement.id}/dispatches`, body)).statusCode).toBe(403);
    expect((await send("gz.township.doctor", "POST", `/api/v1/agreements/${demoAgreement.id}/dispatches`, body)).statusCode).toBe(403);
    const created = await send("zj.city.coord", "POST", `/api/v1/agreements/${demoAgreement.id}/dispatches`, body);
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ status: "planned", title: spare && people.find((p) => p.id === spare.id)?.title });
    const others = json(await get("admin", "/api/v1/agreements?q=SH-KS&pageSize=1")).items[0];
    expect((await send("zj.city.coord", "POST", `/api/v1/agreements/${others.id}/dispatches`, body)).statusCode).toBe(403);
    const moved = await send("zj.city.coord", "PATCH", `/api/v1/dispatches/${json(created).id}`, { status: "cancelled" });
    expect(json(moved).status).toBe("cancelled");
  });

  it("rejects bad dispatches with the field named, and nobody at two recipients on one day", async () => {
    const roster = json(await get("admin", `/api/v1/agreements/${demoAgreement.id}/dispatches`)).items as {
      practitionerId: string;
      plannedStart: string;
      plannedEnd: string;
      status: string;
    }[];
    const busy = roster.find((r) => r.status !== "cancelled" && r.plannedStart.startsWith(`${Y2}-07`)) as { practitionerId: string };
    const stranger = json(await get("admin", "/api/v1/practitioners?regionCode=110000&pageSize=1")).items[0];
    const url = `/api/v1/agreements/${demoAgreement.id}/dispatches`;
    const errorPath = async (payload: object) => json(await send("admin", "POST", url, payload)).errors.map((e: { path: string }) => e.path);
    expect(await errorPath({ practitionerId: stranger.id, role: "clinical", plannedStart: `${Y1}-01-01`, plannedEnd: `${Y1}-06-30` })).toContain(
      "practitionerId",
    );
    expect(await errorPath({ practitionerId: busy.practitionerId, role: "clinical", plannedStart: `${Y1}-06-30`, plannedEnd: `${Y1}-01-01` })).toContain(
      "plannedEnd",
    );
    expect(await errorPath({ practitionerId: busy.practitionerId, role: "clinical", plannedStart: `${Y0 - 1}-06-01`, plannedEnd: `${Y0}-01-31` })).toContain(
      "plannedStart",
    );
    expect(await errorPath({ practitionerId: busy.practitionerId, role: "surgeon", plannedStart: `${Y1}-01-01`, plannedEnd: `${Y1}-02-01` })).toContain("role");
    // The same person at another recipient on overlapping days: the database refuses it.
    const township = json(await get("admin", "/api/v1/institutions?regionCode=522622&kind=township_health_center")).items[0];
    const second = json(
      await send("admin", "POST", "/api/v1/agreements", {
        code: "ZJ-GZ-TEST-2",
        supporterIds: [demoAgreement.supporters[0]?.id],
        recipientId: township.id,
        packId: "county_to_township",
        mode: "one_to_one",
        startsOn: `${Y2}-01-01`,
        endsOn: `${Y2}-12-31`,
      }),
    );
    const clash = await send("admin", "POST", `/api/v1/agreements/${second.id}/dispatches`, {
      practitionerId: busy.practitionerId,
      role: "clinical",
      plannedStart: `${Y2}-08-01`,
      plannedEnd: `${Y2}-08-31`,
    });
    expect(clash.statusCode).toBe(409);
    expect(json(clash).errors[0].path).toBe("practitionerId");
    const afterwards = await send("admin", "POST", `/api/v1/agreements/${second.id}/dispatches`, {
      practitionerId: busy.practitionerId,
      role: "clinical",
      plannedStart: `${Y2}-01-01`,
      plannedEnd: `${Y2}-01-31`,
    });
    expect(afterwards.statusCode).toBe(201);
    // At the same recipient the stays simply merge.
    const again = await send("admin", "POST", url, {
      practitionerId: busy.practitionerId,
      role: "clinical",
      plannedStart: `${Y2}-08-01`,
      plannedEnd: `${Y2}-08-31`,
    });
    expect(again.statusCode).toBe(201);
  });

  it("takes a stationed doctor's check-in and the recipient's confirmation", async () => {
    const doctor = await as("zj.stationed.doctor");
    // The demo has check-ins on every working day up to today; a weekend day is still free.
    const asOf = json(await get("gz.official", "/api/v1/compliance/warnings")).asOf as string;
    const saturday = new Date(`${asOf}T00:00:00Z`);
    saturday.setUTCDate(saturday.getUTCDate() - ((saturday.getUTCDay() + 1) % 7));
    const today = saturday.toISOString().slice(0, 10);
    const checkIn = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/attendance",
      headers: doctor,
      payload: { date: today, activities: ["clinic", "teaching"], patients: 23, trainees: 6 },
    });
    expect(checkIn.statusCode).toBe(201);
    const record = json(checkIn);
    expect(record).toMatchObject({ date: today, status: "submitted", patients: 23 });
    const future = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/attendance",
      headers: doctor,
      payload: { date: "2099-01-01", activities: ["clinic"] },
    });
    expect(json(future).errors[0].path).toBe("date");
    const notStationed = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/attendance",
      headers: doctor,
      payload: { date: "2020-01-06", activities: ["clinic"] },
    });
    expect(json(notStationed).errors[0]).toMatchObject({ path: "date", message: "you are not stationed anywhere on this day" });
    const badActivity = await ctx.app.inject({ method: "POST", url: "/api/v1/attendance", headers: doctor, payload: { date: today, activities: ["golf"] } });
    expect(json(badActivity).errors[0].path).toBe("activities[0]");
    expect((await send("zj.city.coord", "POST", `/api/v1/attendance/${record.id}/review`, { decision: "confirmed" })).statusCode).toBe(403);
    expect((await send("gz.county.coord", "POST", `/api/v1/attendance/${record.id}/review`, { decision: "confirmed" })).statusCode).toBe(204);
    const again = await ctx.app.inject({ method: "POST", url: "/api/v1/attendance", headers: doctor, payload: { date: today, activities: ["surgery"] } });
    expect(again.statusCode).toBe(409);
    expect(
      (
        await ctx.app.inject({
          method: "POST",
          url: "/api/v1/attendance",
          headers: await as("gz.township.doctor"),
          payload: { date: today, activities: ["clinic"] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("reports at_risk for rules that depend on planned dispatches", async () => {
    const report = json(await get("gz.county.coord", `/api/v1/agreements/${demoAgreement.id}/compliance?year=${Y2}&asOf=${Y2}-06-30`));
    expect(report).toMatchObject({ agreement: demoAgreement.code, year: Y2, asOf: `${Y2}-06-30`, status: "at_risk" });
    expect(report.rules.find((r: { id: string }) => r.id === "full_year_coverage").status).toBe("at_risk");
    const outside = await get("gz.county.coord", `/api/v1/agreements/${demoAgreement.id}/compliance?year=${Y2 + 5}`);
    expect(json(outside).errors[0].path).toBe("query.year");
  });

  it("warns of coverage gaps planned within the next 60 days", async () => {
    const warnings = json(await get("gz.official", `/api/v1/compliance/warnings?asOf=${Y2}-11-20&days=60`));
    const planned = warnings.items.filter((i: { agreement: { code: string } }) => i.agreement.code.startsWith(`ZJ-GZ-${Y0}`));
    expect(planned.length).toBeGreaterThan(0);
    expect(planned[0].gaps).toEqual([{ from: `${Y2}-12-16`, to: `${Y2}-12-31` }]);
    expect(planned[0].firstGapInDays).toBe(26);
    // Sorted by how soon the gap comes.
    const soon = warnings.items.map((i: { firstGapInDays: number }) => i.firstGapInDays);
    expect(soon).toEqual([...soon].sort((a, b) => a - b));
    const none = json(await get("gz.official", `/api/v1/compliance/warnings?asOf=${Y2}-02-01&days=30`));
    expect(none.items.filter((i: { agreement: { code: string } }) => i.agreement.code.startsWith(`ZJ-GZ-${Y0}`))).toEqual([]);
  });

  it("lets a province copy a pack with its own numbers and assign it in its region only", async () => {
    const copy = {
      id: "gz_county_12m",
      basedOn: "city_tertiary_to_county",
      name: { zh: "贵州省对口帮扶（驻点12个月）", en: "Guizhou, 12-month stays" },
      regionCode: "520000",
      parameters: { min_continuous_stay: { months: 12 } },
    };
    expect((await send("gz.official", "POST", "/api/v1/rule-packs", { ...copy, regionCode: "530000" })).statusCode).toBe(403);
    expect(json(await send("gz.official", "POST", "/api/v1/rule-packs", { ...copy, parameters: { min_continuous_stay: { months: 99 } } })).errors[0].path).toBe(
      "parameters.min_continuous_stay.months",
    );
    expect(json(await send("gz.official", "POST", "/api/v1/rule-packs", { ...copy, parameters: { full_year_coverage: { days: 3 } } })).errors[0].path).toBe(
      "parameters.full_year_coverage.days",
    );
    expect((await send("gz.official", "POST", "/api/v1/rule-packs", copy)).statusCode).toBe(201);
    expect((await send("gz.official", "PATCH", `/api/v1/agreements/${demoAgreement.id}`, { packId: "gz_county_12m" })).statusCode).toBe(200);
    const report = json(await get("gz.official", `/api/v1/agreements/${demoAgreement.id}/compliance?year=${Y1}`));
    expect(report.pack).toBe("gz_county_12m");
    expect(report.rules.find((r: { id: string }) => r.id === "min_continuous_stay")).toMatchObject({ status: "fail", requiredMonths: 12 });
    expect(json(await send("admin", "PATCH", `/api/v1/agreements/${yunnanAgreementId}`, { packId: "gz_county_12m" })).errors[0].path).toBe("packId");
    expect(json(await get("gz.official", "/api/v1/rule-packs")).items.map((p: { id: string }) => p.id)).toContain("gz_county_12m");
  });

  it("validates new agreements and keeps them to the commission", async () => {
    const bad = await send("admin", "POST", "/api/v1/agreements", {
      code: "X 1",
      supporterIds: [],
      recipientId: demoAgreement.recipient.id,
      packId: "nope",
      mode: "solo",
      startsOn: `${Y1}-01-01`,
      endsOn: `${Y0}-01-01`,
    });
    expect(
      json(bad)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["code", "mode", "supporterIds"]);
    const semantic = await send("admin", "POST", "/api/v1/agreements", {
      code: "X-2",
      supporterIds: [demoAgreement.recipient.id],
      recipientId: demoAgreement.recipient.id,
      packId: "city_tertiary_to_county",
      mode: "one_to_one",
      startsOn: `${Y1}-01-01`,
      endsOn: `${Y0}-01-01`,
    });
    expect(
      json(semantic)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["endsOn", "supporterIds"]);
    const coordinator = await send("zj.city.coord", "POST", "/api/v1/agreements", {
      code: "X-3",
      supporterIds: [demoAgreement.supporters[0]?.id],
      recipientId: demoAgreement.recipient.id,
      packId: "city_tertiary_to_county",
      mode: "one_to_one",
      startsOn: `${Y1}-01-01`,
      endsOn: `${Y1}-12-31`,
    });
    expect(coordinator.statusCode).toBe(403);
    const before = await ctx.database.db.execute(sql`select count(*)::int as n from agreements`);
    expect((before as unknown as { rows: { n: number }[] }).rows[0]?.n).toBeGreaterThan(40);
  });

  it("exports the board as XLSX and computes service credit", async () => {
    const response = await get("gz.official", `/api/v1/compliance/export?year=${Y1}`);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("协议编号");
    expect(sheet?.rowCount).toBeGreaterThan(20);
    const roster = json(await get("admin", `/api/v1/agreements/${demoAgreement.id}/dispatches`)).items as { practitionerId: string; plannedStart: string }[];
    const veteran = roster.find((r) => r.plannedStart === `${Y0}-01-01`) as { practitionerId: string };
    const credit = json(await get("zj.city.coord", `/api/v1/practitioners/${veteran.practitionerId}/service-credit`));
    expect(credit).toMatchObject({ totalDays: expect.any(Number), requiredDays: 365 });
    expect(credit.stays[0]).toMatchObject({ from: `${Y0}-01-01`, to: `${Y0}-06-30`, days: (Date.UTC(Y0, 5, 30) - Date.UTC(Y0, 0, 1)) / 86_400_000 + 1 });
    expect((await get("yn.township.doctor", `/api/v1/practitioners/${veteran.practitionerId}/service-credit`)).statusCode).toBe(404);
    const pdf = await get("zj.city.coord", `/api/v1/practitioners/${veteran.practitionerId}/service-credit.pdf`);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(pdf.rawPayload));
    expect(text).toContain("基层服务证明");
    expect(text).toContain(credit.name);
    expect(text).toContain(`${credit.totalDays} 天`);
    expect(text).toContain(`${Y0}-01-01 — ${Y0}-06-30`);
    expect((await get("yn.township.doctor", `/api/v1/practitioners/${veteran.practitionerId}/service-credit.pdf`)).statusCode).toBe(404);
  });
});
