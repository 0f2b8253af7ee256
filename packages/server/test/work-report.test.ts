import { formatDay } from "@medbridge/core";
import { and, eq, gte, lte, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthBounds } from "../src/assistance/work-report.ts";
import { todayInChina } from "../src/clock.ts";
import { agreements, auditLog, dispatches, practitioners, techniques, users, workLogEntries, workMonths } from "../src/db/schema.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { pdfText } from "./helpers/pdf-text.ts";

const PLAN = "本月计划：开展腹腔镜手术带教，每周两次专家门诊。";
const SUMMARY = "完成手术 2 台，门诊 20 人次。";

/** Issue 16 item 3: the stationed person's monthly plan, the report from the log and check-ins, the PDF. */
describe.each(BACKENDS)("monthly plan and report on %s", (backend) => {
  let ctx: TestContext;
  let agreementId: string;
  let agreementCode: string;
  let practitionerId: string;
  let practitionerName: string;
  let month: string;
  let base: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    const db = ctx.database.db;
    const [me] = await db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.username, "zj.stationed.doctor"));
    practitionerId = me?.practitionerId as string;
    const today = formatDay(todayInChina());
    month = today.slice(0, 7);
    const [stay] = await db
      .select({ id: dispatches.id, agreementId: dispatches.agreementId, recipientId: dispatches.recipientId, provinceCode: dispatches.provinceCode })
      .from(dispatches)
      .where(
        and(
          eq(dispatches.practitionerId, practitionerId),
          ne(dispatches.status, "cancelled"),
          sql`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart}) <= ${today}`,
          sql`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd}) >= ${today}`,
        ),
      );
    if (!stay) throw new Error("the demo stationed doctor is stationed today");
    agreementId = stay.agreementId;
    const [agreement] = await db.select({ code: agreements.code }).from(agreements).where(eq(agreements.id, agreementId));
    agreementCode = agreement?.code as string;
    const [person] = await db.select({ name: practitioners.name }).from(practitioners).where(eq(practitioners.id, practitionerId));
    practitionerName = person?.name as string;
    base = `/api/v1/work-months/${agreementId}/${practitionerId}/${month}`;

    // A colleague stationed under the same agreement gets an account of their own.
    const [colleague] = await db
      .select({ practitionerId: dispatches.practitionerId })
      .from(dispatches)
      .where(and(eq(dispatches.agreementId, agreementId), ne(dispatches.practitionerId, practitionerId)))
      .limit(1);
    const [template] = await db.select().from(users).where(eq(users.username, "zj.stationed.doctor"));
    const { id: _id, createdAt: _c, updatedAt: _u, ...account } = template as typeof users.$inferSelect;
    await db
      .insert(users)
      .values({ ...account, username: "zj.stationed.colleague", displayName: "示例同事", practitionerId: colleague?.practitionerId as string });

    // The month's log is exactly the lines inserted here (whatever the demo carried over).
    const [technique] = await db
      .select({ id: techniques.id, name: techniques.name })
      .from(techniques)
      .where(eq(techniques.recipientId, stay.recipientId))
      .limit(1);
    await db
      .delete(workLogEntries)
      .where(
        and(
          eq(workLogEntries.practitionerId, practitionerId),
          gte(workLogEntries.date, monthBounds(month).from),
          lte(workLogEntries.date, monthBounds(month).to),
        ),
      );
    const line = { agreementId, dispatchId: stay.id, practitionerId, recipientId: stay.recipientId, date: today, provinceCode: stay.provinceCode };
    await db
      .insert(workLogEntries)
      .values([
        { ...line, kind: "outpatient", patients: 12, status: "confirmed" },
        { ...line, kind: "outpatient", patients: 8 },
        { ...line, kind: "operation", operationName: "腹腔镜胆囊切除术", procedureCode: "51.23", operationRole: "lead", status: "confirmed" },
        { ...line, kind: "operation", operationName: "阑尾切除术", procedureCode: "47.09", operationRole: "assistant" },
        { ...line, kind: "ward_round", patients: 20, status: "confirmed" },
        { ...line, kind: "teaching", topic: "糖尿病足护理", attendees: 15, minutes: 90, status: "confirmed" },
        { ...line, kind: "mentoring", mentees: 3, status: "confirmed" },
        ...(technique ? [{ ...line, kind: "technique", techniqueId: technique.id, patients: 2, status: "disputed", reviewNote: "未见病历" }] : []),
      ]);
  });
  afterAll(() => ctx.close());

  const as = async (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload && { payload }) });
  const monthRow = async () =>
    (
      await ctx.database.db
        .select()
        .from(workMonths)
        .where(and(eq(workMonths.agreementId, agreementId), eq(workMonths.practitionerId, practitionerId), eq(workMonths.month, month)))
    )[0];

  it("refuses bad plans naming the field, and changes nothing", async () => {
    const cases: [object, string][] = [
      [{ plan: "x".repeat(2001) }, "plan"],
      [{ summary: "y".repeat(2001) }, "summary"],
      [{ plan: "计划\u0000" }, "plan"],
      [{ plan: 5 }, "plan"],
      [{ plan: "ok", extra: 1 }, "extra"],
    ];
    for (const [body, path] of cases) {
      const answer = await as("zj.stationed.doctor", "PUT", `${base}/plan`, body);
      expect(answer.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(json(answer).errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await as("zj.stationed.doctor", "PUT", `${base}/plan`, {})).statusCode).toBe(400);
    const badMonth = await as("zj.stationed.doctor", "PUT", `/api/v1/work-months/${agreementId}/${practitionerId}/2026-13/plan`, { plan: PLAN });
    expect(badMonth.statusCode).toBe(400);
    expect(json(badMonth).errors.map((e: { path: string }) => e.path)).toEqual(["params.month"]);
    // A month none of the person's stays touches.
    const unstationed = await as("zj.stationed.doctor", "PUT", `/api/v1/work-months/${agreementId}/${practitionerId}/2001-01/plan`, { plan: PLAN });
    expect(unstationed.statusCode).toBe(400);
    expect(json(unstationed).errors[0]).toMatchObject({ path: "month", code: "not_allowed" });
    expect(await monthRow()).toBeUndefined();
  });

  it("lets only the stationed person write their plan", async () => {
    // The recipient's and the supporter's coordinators, a colleague under the same agreement: 403.
    for (const who of ["zj.city.coord", "gz.county.coord", "zj.stationed.colleague", "gz.official"]) {
      const answer = await as(who, "PUT", `${base}/plan`, { plan: PLAN });
      expect(answer.statusCode, who).toBe(403);
      expect(json(answer).params.reason, who).toBe("own_work_month");
    }
    // Someone who may not even read the month learns nothing.
    expect((await as("yn.township.doctor", "PUT", `${base}/plan`, { plan: PLAN })).statusCode).toBe(404);
    expect(await monthRow()).toBeUndefined();

    const saved = await as("zj.stationed.doctor", "PUT", `${base}/plan`, { plan: `  ${PLAN}  ` });
    expect(saved.statusCode).toBe(200);
    expect(json(saved)).toMatchObject({ plan: PLAN, summary: null, signOff: { status: "open" } });
    const summary = await as("zj.stationed.doctor", "PUT", `${base}/plan`, { summary: SUMMARY });
    expect(json(summary)).toMatchObject({ plan: PLAN, summary: SUMMARY });
    const row = await monthRow();
    expect(row).toMatchObject({ plan: PLAN, summary: SUMMARY, status: "open" });
    const [stay] = await ctx.database.db
      .select({ provinceCode: dispatches.provinceCode })
      .from(dispatches)
      .where(eq(dispatches.practitionerId, practitionerId))
      .limit(1);
    expect(row?.provinceCode).toBe(stay?.provinceCode);
    const trail = await ctx.database.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "work_month"), eq(auditLog.entityId, row?.id as string)));
    expect(trail.map((t) => t.action).sort()).toEqual(["create", "update"]);
  });

  it("reports the month: totals equal the log lines, confirmed ones apart, check-ins by class", async () => {
    const answer = await as("zj.stationed.doctor", "GET", `${base}/report`);
    expect(answer.statusCode).toBe(200);
    const report = json(answer);
    const hasTechnique = report.techniques.length === 1;
    expect(report.totals).toEqual({
      outpatientPatients: 20,
      outpatientSessions: 2,
      operations: 2,
      operationsLead: 1,
      wardRounds: 1,
      wardRoundPatients: 20,
      teachingSessions: 1,
      teachingMinutes: 90,
      attendees: 15,
      mentees: 3,
      // The disputed technique line is not counted as work done.
      techniques: 0,
      techniquePatients: 0,
      lines: 7,
    });
    expect(report.confirmedTotals).toMatchObject({
      outpatientPatients: 12,
      operations: 1,
      operationsLead: 1,
      teachingSessions: 1,
      mentees: 3,
      techniques: 0,
      lines: 5,
    });
    expect(report.disputedLines).toBe(hasTechnique ? 1 : 0);
    expect(
      report.operations.map((o: { name: string; procedureCode: string; role: string; status: string }) => [o.name, o.procedureCode, o.role, o.status]),
    ).toEqual([
      ["腹腔镜胆囊切除术", "51.23", "lead", "confirmed"],
      ["阑尾切除术", "47.09", "assistant", "recorded"],
    ]);
    expect(report.teaching).toEqual([expect.objectContaining({ topic: "糖尿病足护理", attendees: 15, minutes: 90, status: "confirmed" })]);
    expect(report.person).toMatchObject({ practitionerId, name: practitionerName });
    expect(report.agreement.code).toBe(agreementCode);

    // Check-in days against the attendance table, counted another way.
    const counted = (
      (await ctx.database.db.execute(sql`select count(*)::int as days,
        count(*) filter (where location_class = 'on_site')::int as on_site,
        count(*) filter (where location_class is null)::int as unclassified,
        count(*) filter (where status = 'confirmed')::int as confirmed
        from attendance where practitioner_id = ${practitionerId} and agreement_id = ${agreementId}
        and to_char(date, 'YYYY-MM') = ${month}`)) as unknown as { rows: { days: number; on_site: number; unclassified: number; confirmed: number }[] }
    ).rows[0];
    expect(report.checkIns).toMatchObject({
      days: counted?.days,
      onSite: counted?.on_site,
      unclassified: counted?.unclassified,
      confirmed: counted?.confirmed,
    });
    expect(report.checkIns.days).toBe(report.checkIns.onSite + report.checkIns.away + report.checkIns.withoutLocation + report.checkIns.unclassified);
  });

  it("is read by the person, both sides' coordinators and officials; nobody else", async () => {
    for (const who of ["zj.stationed.doctor", "zj.city.coord", "gz.county.coord", "gz.official", "admin"])
      expect((await as(who, "GET", `${base}/report`)).statusCode, who).toBe(200);
    for (const who of ["zj.stationed.colleague", "gz.township.doctor", "yn.township.doctor"]) {
      expect((await as(who, "GET", `${base}/report`)).statusCode, who).toBe(404);
      expect((await as(who, "GET", `${base}/report.pdf`)).statusCode, who).toBe(404);
    }
    // A month the person was not stationed under the agreement: nothing to report.
    expect((await as("zj.city.coord", "GET", `/api/v1/work-months/${agreementId}/${practitionerId}/2001-01/report`)).statusCode).toBe(404);
  });

  it("serves the PDF with the totals, named by agreement and month only", async () => {
    const answer = await as("gz.county.coord", "GET", `${base}/report.pdf`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/pdf");
    const disposition = String(answer.headers["content-disposition"]);
    expect(disposition).toContain(`work-report-${agreementCode}-${month}.pdf`);
    expect(decodeURIComponent(disposition)).not.toContain(practitionerName);
    const text = await pdfText(new Uint8Array(answer.rawPayload));
    expect(text).toContain("派驻人员月度工作报告");
    expect(text).toContain(practitionerName);
    expect(text).toContain(agreementCode);
    expect(text).toContain(PLAN);
    expect(text).toContain(SUMMARY);
    expect(text).toContain("腹腔镜胆囊切除术");
    expect(text).toContain("51.23");
    expect(text).toContain("糖尿病足护理");
    expect(text).toMatch(/门诊人次 Outpatient patients\s*20\s*12/);
    expect(text).toMatch(/手术台次 Operations\s*2\s*1/);
    expect(text).toMatch(/带教人次 People mentored\s*3\s*3/);
    expect(text).toContain("待受援单位确认");
  });

  it("freezes the plan once the recipient confirms the month, and shows the sign-off", async () => {
    const [coord] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.username, "gz.county.coord"));
    // A disputed month is still the person's to correct.
    const disputed = await as("gz.county.coord", "POST", `${base}/review`, { decision: "disputed", note: "请补充病历" });
    expect(disputed.statusCode).toBe(200);
    expect((await as("zj.stationed.doctor", "PUT", `${base}/plan`, { summary: SUMMARY })).statusCode).toBe(200);
    // The recipient's sign-off is the month's review (the work log's endpoint).
    const confirmed = await as("gz.county.coord", "POST", `${base}/review`, { decision: "confirmed", note: "工作属实" });
    expect(confirmed.statusCode).toBe(200);
    const refused = await as("zj.stationed.doctor", "PUT", `${base}/plan`, { plan: "改过的计划" });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).errors[0]).toMatchObject({ path: "month", code: "conflict_state", params: { state: "confirmed" } });
    expect((await monthRow())?.plan).toBe(PLAN);

    const answer = await as("zj.city.coord", "GET", `${base}/report`);
    const report = json(answer);
    expect(report.signOff).toMatchObject({ status: "confirmed", note: "工作属实", institutionName: report.agreement.recipient.name });
    // Confirming the month confirmed its recorded lines: the report's confirmed totals follow.
    expect(report.confirmedTotals).toMatchObject({ outpatientPatients: 20, operations: 2, teachingSessions: 1, mentees: 3 });
    expect(report.signOff.at).toEqual(expect.any(String));
    // Never who signed.
    expect(answer.body).not.toContain(coord?.id as string);
    expect(answer.body).not.toContain("gz.county.coord");
    const text = await pdfText(new Uint8Array((await as("zj.city.coord", "GET", `${base}/report.pdf`)).rawPayload));
    expect(text).toContain("已确认 / confirmed");
    expect(text).toContain("工作属实");
  });

  it("serves the agreement's month as one PDF: a summary, then each person", async () => {
    const url = `/api/v1/agreements/${agreementId}/monthly-report.pdf?month=${month}`;
    const answer = await as("zj.city.coord", "GET", url);
    expect(answer.statusCode).toBe(200);
    expect(String(answer.headers["content-disposition"])).toContain(`work-report-${agreementCode}-${month}.pdf`);
    const text = await pdfText(new Uint8Array(answer.rawPayload));
    expect(text).toContain("派驻人员月度工作报告");
    expect(text).toContain(practitionerName);
    expect(text).toMatch(/门诊人次 Outpatient patients\s*20\s*20/);
    expect((await as("gz.county.coord", "GET", url)).statusCode).toBe(200);
    expect((await as("gz.official", "GET", url)).statusCode).toBe(200);
    for (const who of ["zj.stationed.colleague", "gz.township.doctor", "yn.township.doctor"]) expect((await as(who, "GET", url)).statusCode, who).toBe(404);
    const bad = await as("zj.city.coord", "GET", `/api/v1/agreements/${agreementId}/monthly-report.pdf?month=2026-1`);
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(["query.month"]);
  });
});
