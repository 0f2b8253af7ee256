import { readFileSync } from "node:fs";
import { formatDay, isWorkingDay, linesFromCheckIn } from "@medbridge/core";
import { and, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaMonth, todayInChina } from "../src/clock.ts";
import { agreements, attendance, auditLog, dispatches, institutions, users, workLogEntries, workMonths } from "../src/db/schema.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

interface Line {
  id: string;
  agreementId: string;
  practitionerId: string;
  date: string;
  kind: string;
  patients: number | null;
  attendees: number | null;
  operationName: string | null;
  source: string;
  status: string;
  reviewNote: string | null;
}
interface Options {
  today: string;
  stays: { agreementId: string; agreementCode: string; from: string; to: string }[];
  techniques: { id: string; agreementId: string; name: string }[];
}
interface Month {
  agreementId: string;
  practitionerId: string;
  month: string;
  status: string;
  totals: Record<string, number>;
  lineStatus: { recorded: number; confirmed: number; disputed: number };
}

const DOCTOR = "zj.stationed.doctor";
const OTHER_DOCTOR = "zj.stationed.other";
const OTHER_COORD = "qdn.other.coord";
const today = formatDay(todayInChina());
const thisMonth = chinaMonth(new Date());
/** A day of the previous month (the demo doctor's stay covers the whole second half of the year). */
const lastMonthDay = formatDay(todayInChina() - Number(today.slice(8, 10)) - 3);
const lastMonth = lastMonthDay.slice(0, 7);
const lastMonthEnd = formatDay(todayInChina() - Number(today.slice(8, 10)));

describe.each(BACKENDS)("work log on %s", (backend) => {
  let ctx: TestContext;
  let options: Options;
  let agreementId: string;
  let doctorPractitioner: string;
  let otherPractitioner: string;

  const call = async (who: string | null, method: string, url: string, payload?: unknown) =>
    ctx.app.inject({
      method: method as "GET",
      url: `/api/v1${url}`,
      headers: who ? { cookie: await ctx.login(who) } : {},
      ...(payload !== undefined && { payload: payload as object }),
    });
  const log = (payload: Record<string, unknown>, who = DOCTOR) => call(who, "POST", "/work-log", payload);
  const lines = async (who: string, query = "") => json<{ items: Line[]; total: number }>(await call(who, "GET", `/work-log?pageSize=200${query}`));
  const countLines = async () => Number((await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(workLogEntries))[0]?.n);

  beforeAll(async () => {
    ctx = await demoApp(backend);
    const db = ctx.database.db;
    options = json<Options>(await call(DOCTOR, "GET", "/work-log/options"));
    const stay = options.stays.find((s) => s.from <= today && s.to >= today);
    agreementId = stay?.agreementId as string;
    const [doctor] = await db.select().from(users).where(eq(users.username, DOCTOR));
    doctorPractitioner = doctor?.practitionerId as string;
    // A colleague stationed under the same agreement today, with an account of their own.
    const [colleague] = await db
      .select({ id: dispatches.practitionerId })
      .from(dispatches)
      .where(
        and(
          eq(dispatches.agreementId, agreementId),
          ne(dispatches.practitionerId, doctorPractitioner),
          sql`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart}) <= ${today}`,
          sql`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd}) >= ${today}`,
        ),
      );
    otherPractitioner = colleague?.id as string;
    const { id: _id, ...template } = doctor as typeof users.$inferSelect;
    await db.insert(users).values({ ...template, username: OTHER_DOCTOR, practitionerId: otherPractitioner });
    // A coordinator of another county hospital of the same prefecture (a stranger to the agreement).
    const [coord] = await db.select().from(users).where(eq(users.username, "gz.county.coord"));
    const [elsewhere] = await db
      .select({ id: institutions.id, regionCode: institutions.regionCode })
      .from(institutions)
      .where(and(eq(institutions.kind, "county_hospital"), sql`${institutions.regionCode} like '5226%'`, ne(institutions.id, coord?.institutionId as string)))
      .limit(1);
    const { id: _cid, ...coordTemplate } = coord as typeof users.$inferSelect;
    await db
      .insert(users)
      .values({ ...coordTemplate, username: OTHER_COORD, institutionId: elsewhere?.id as string, scopeRegionCode: elsewhere?.regionCode as string });
  });
  afterAll(() => ctx.close());

  it("offers the doctor their stays and their agreements' techniques, and nobody else any", async () => {
    expect(agreementId).toBeTruthy();
    expect(otherPractitioner).toBeTruthy();
    expect(options.today).toBe(today);
    expect(options.techniques.length).toBeGreaterThan(0);
    expect(options.techniques.every((t) => options.stays.some((s) => s.agreementId === t.agreementId))).toBe(true);
    for (const who of ["gz.county.coord", "gz.official", "gz.township.doctor"]) expect((await call(who, "GET", "/work-log/options")).statusCode, who).toBe(403);
  });

  describe("validation at the edge: 400 naming the field, nothing changed", () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ["a future day", { date: formatDay(todayInChina() + 1), kind: "outpatient", patients: 3 }, "date", "in_future"],
      ["a day no stay covers", { date: "2001-03-01", kind: "outpatient", patients: 3 }, "date", "not_allowed"],
      ["negative patients", { date: today, kind: "outpatient", patients: -1 }, "patients", "too_small"],
      ["a huge count", { date: today, kind: "outpatient", patients: 1e12 }, "patients", "too_large"],
      ["NUL in the operation's name", { date: today, kind: "operation", operationName: "a\u0000b", operationRole: "lead" }, "operationName", "unstorable_text"],
      ["a missing required field", { date: today, kind: "operation", operationName: "阑尾切除术" }, "operationRole", "required"],
      ["a field of another kind", { date: today, kind: "outpatient", patients: 3, topic: "心电图" }, "topic", "not_allowed"],
      [
        "a malformed procedure code",
        { date: today, kind: "operation", operationName: "阑尾切除术", operationRole: "lead", procedureCode: "470.9" },
        "procedureCode",
        "pattern",
      ],
      ["minutes below 10", { date: today, kind: "teaching", topic: "心电图", attendees: 5, minutes: 9 }, "minutes", "too_small"],
      ["an unknown kind", { date: today, kind: "surgery" }, "kind", "enum"],
      ["an unknown field", { date: today, kind: "ward_round", practitionerId: "x" }, "practitionerId", "unknown_field"],
      ["an unknown technique", { date: today, kind: "technique", techniqueId: "00000000-0000-4000-8000-000000000000" }, "techniqueId", "not_found"],
    ];
    it.each(cases)("%s", async (_name, payload, path, code) => {
      const before = await countLines();
      const answer = await log(payload);
      expect(answer.statusCode, answer.body).toBe(400);
      expect(json(answer).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
      expect(await countLines()).toBe(before);
    });

    it("a technique of another agreement's institutions", async () => {
      const db = ctx.database.db;
      const [foreign] = await db
        .execute(
          sql`select t.id from techniques t where t.id not in (${sql.join(
            options.techniques.map((t) => sql`${t.id}::uuid`),
            sql`, `,
          )}) limit 1`,
        )
        .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
      if (!foreign) return;
      const answer = await log({ date: today, kind: "technique", techniqueId: foreign.id });
      expect(answer.statusCode).toBe(400);
      expect(json(answer).errors[0]).toMatchObject({ path: "techniqueId", code: "not_allowed", params: { reason: "other_agreement" } });
    });
  });

  it("only the stationed person writes their log; a coordinator or official is refused", async () => {
    for (const who of ["gz.county.coord", "zj.city.coord", "gz.official", "gz.township.doctor"]) {
      const answer = await log({ date: today, kind: "ward_round" }, who);
      expect(answer.statusCode, who).toBe(403);
      expect(json(answer).params.reason ?? json(answer).detail).toBeTruthy();
    }
    expect((await log({ date: today, kind: "ward_round" }, null as unknown as string)).statusCode).toBe(401);
  });

  it("logs an operation, lists it as the doctor's own, edits it, deletes it; all audited", async () => {
    const created = await log({ date: today, kind: "operation", operationName: " 腹腔镜胆囊切除术 ", procedureCode: "51.23", operationRole: "lead" });
    expect(created.statusCode, created.body).toBe(201);
    const id = json(created).id as string;
    const mine = await lines(DOCTOR, `&from=${today}&to=${today}&kind=operation`);
    expect(mine.items.find((l) => l.id === id)).toMatchObject({
      kind: "operation",
      operationName: "腹腔镜胆囊切除术",
      source: "log",
      status: "recorded",
      agreementId,
      practitionerId: doctorPractitioner,
    });
    // A changed kind drops the old kind's fields; a field the new kind does not take is refused.
    const wrong = await call(DOCTOR, "PATCH", `/work-log/${id}`, { kind: "teaching", topic: "胆囊疾病", attendees: 8, minutes: 30, patients: 4 });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong).errors).toEqual([expect.objectContaining({ path: "patients", code: "not_allowed" })]);
    const edited = await call(DOCTOR, "PATCH", `/work-log/${id}`, { kind: "teaching", topic: "胆囊疾病", attendees: 8, minutes: 30 });
    expect(edited.statusCode, edited.body).toBe(204);
    const after = (await lines(DOCTOR, `&from=${today}&to=${today}`)).items.find((l) => l.id === id);
    expect(after).toMatchObject({ kind: "teaching", operationName: null, attendees: 8 });
    expect((await call(DOCTOR, "PATCH", `/work-log/${id}`, { date: formatDay(todayInChina() + 1) })).statusCode).toBe(400);
    expect((await call(DOCTOR, "DELETE", `/work-log/${id}`)).statusCode).toBe(204);
    expect((await call(DOCTOR, "DELETE", `/work-log/${id}`)).statusCode).toBe(404);
    const trail = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "work_log_entry"), eq(auditLog.entityId, id)));
    expect(trail.map((a) => a.action).sort()).toEqual(["create", "delete", "update"]);
  });

  it("reads: own lines for a stationed person; the agreement's for both coordinators and officials; nothing for strangers", async () => {
    const id = json(await log({ date: today, kind: "mentoring", mentees: 2 })).id as string;
    const colleague = json(await log({ date: today, kind: "ward_round", patients: 9 }, OTHER_DOCTOR)).id as string;
    expect(colleague).toBeTruthy();
    const doctorSees = await lines(DOCTOR, `&from=${today}`);
    expect(doctorSees.items.every((l) => l.practitionerId === doctorPractitioner)).toBe(true);
    expect(doctorSees.items.map((l) => l.id)).toContain(id);
    expect(doctorSees.items.map((l) => l.id)).not.toContain(colleague);
    // Naming the colleague does not widen a stationed person's view.
    expect((await lines(DOCTOR, `&practitionerId=${otherPractitioner}`)).total).toBe(0);
    for (const who of ["gz.county.coord", "zj.city.coord", "gz.official"]) {
      const seen = (await lines(who, `&agreementId=${agreementId}&from=${today}`)).items.map((l) => l.id);
      expect(seen, who).toEqual(expect.arrayContaining([id, colleague]));
    }
    // Another institution's coordinator and a Yunnan clinician: the agreement is not theirs (404), their lists hold none of it.
    for (const who of [OTHER_COORD, "yn.township.doctor"]) {
      expect((await call(who, "GET", `/work-log?agreementId=${agreementId}`)).statusCode, who).toBe(404);
      expect(
        (await lines(who)).items.some((l) => l.agreementId === agreementId),
        who,
      ).toBe(false);
    }
    // The colleague cannot change or remove the doctor's line (it is not theirs: 404), nor the other way round.
    expect((await call(OTHER_DOCTOR, "PATCH", `/work-log/${id}`, { mentees: 3 })).statusCode).toBe(404);
    expect((await call(OTHER_DOCTOR, "DELETE", `/work-log/${id}`)).statusCode).toBe(404);
    expect((await call(DOCTOR, "DELETE", `/work-log/${colleague}`)).statusCode).toBe(404);
    expect((await call("gz.county.coord", "PATCH", `/work-log/${id}`, { mentees: 3 })).statusCode).toBe(403);
  });

  describe("the recipient's monthly confirmation", () => {
    it("is the recipient's coordinator's (or the commission's) only", async () => {
      const url = `/work-months/${agreementId}/${doctorPractitioner}/${lastMonth}/review`;
      for (const [who, status] of [
        ["zj.city.coord", 403],
        [DOCTOR, 403],
        [OTHER_DOCTOR, 403],
        ["gz.township.doctor", 404],
        [OTHER_COORD, 404],
        ["yn.township.doctor", 404],
      ] as const) {
        expect((await call(who, "POST", url, { decision: "confirmed" })).statusCode, who).toBe(status);
      }
      const [row] = await ctx.database.db
        .select()
        .from(workMonths)
        .where(and(eq(workMonths.agreementId, agreementId), eq(workMonths.month, lastMonth)));
      expect(row).toBeUndefined();
    });

    it("refuses a future month, a month without a stay, a line of another month", async () => {
      const next = formatDay(todayInChina() + 40).slice(0, 7);
      const future = await call("gz.county.coord", "POST", `/work-months/${agreementId}/${doctorPractitioner}/${next}/review`, { decision: "confirmed" });
      expect(future.statusCode).toBe(400);
      expect(json(future).errors[0]).toMatchObject({ path: "month", code: "in_future" });
      const unstationed = await call("gz.county.coord", "POST", `/work-months/${agreementId}/${doctorPractitioner}/2001-01/review`, { decision: "confirmed" });
      expect(json(unstationed).errors[0]).toMatchObject({ path: "month", code: "not_allowed" });
      const todays = (await lines(DOCTOR, `&from=${today}&to=${today}`)).items[0] as Line;
      const elsewhere = await call("gz.county.coord", "POST", `/work-months/${agreementId}/${doctorPractitioner}/${lastMonth}/review`, {
        decision: "confirmed",
        disputed: [{ entryId: todays.id, note: "不是这个月" }],
      });
      expect(elsewhere.statusCode).toBe(400);
      expect(json(elsewhere).errors[0]).toMatchObject({ path: "disputed[0].entryId", code: "not_found" });
      const bareDispute = await call("gz.county.coord", "POST", `/work-months/${agreementId}/${doctorPractitioner}/${lastMonth}/review`, {
        decision: "disputed",
      });
      expect(json(bareDispute).errors[0]).toMatchObject({ path: "note", code: "required" });
    });

    it("confirms every recorded line of the month in one action but the disputed ones; the month is then frozen", async () => {
      const a = json(await log({ date: lastMonthDay, kind: "outpatient", patients: 20 })).id as string;
      const b = json(await log({ date: lastMonthDay, kind: "teaching", topic: "心肺复苏", attendees: 15, minutes: 60 })).id as string;
      const c = json(await log({ date: lastMonthDay, kind: "operation", operationName: "甲状腺次全切除术", operationRole: "assistant" })).id as string;
      const recordedBefore = (await lines(DOCTOR, `&from=${lastMonth}-01&to=${lastMonthEnd}&status=recorded`)).total;
      const months = json<{ items: Month[] }>(await call("gz.county.coord", "GET", `/work-months?agreementId=${agreementId}&month=${lastMonth}`)).items;
      const open = months.find((m) => m.practitionerId === doctorPractitioner) as Month;
      expect(open).toMatchObject({ status: "open", month: lastMonth });
      expect(open.lineStatus.recorded).toBeGreaterThanOrEqual(3);

      const review = await call("gz.county.coord", "POST", `/work-months/${agreementId}/${doctorPractitioner}/${lastMonth}/review`, {
        decision: "confirmed",
        note: "工作属实",
        disputed: [{ entryId: c, note: "当日无手术记录" }],
      });
      expect(review.statusCode, review.body).toBe(200);
      // Lines of the whole month: those recorded before the review, but for the one disputed (every stored line of it, not one page).
      expect(json(review)).toMatchObject({ status: "confirmed", confirmed: recordedBefore - 1, disputed: 1 });
      const after = (await lines(DOCTOR, `&from=${lastMonthDay}&to=${lastMonthDay}`)).items;
      expect(after.find((l) => l.id === a)?.status).toBe("confirmed");
      expect(after.find((l) => l.id === b)?.status).toBe("confirmed");
      expect(after.find((l) => l.id === c)).toMatchObject({ status: "disputed", reviewNote: "当日无手术记录" });
      const month = json<{ items: Month[] }>(await call(DOCTOR, "GET", `/work-months?month=${lastMonth}`)).items;
      expect(month).toHaveLength(1);
      expect(month[0]).toMatchObject({ status: "confirmed", lineStatus: { recorded: 0, disputed: 1 } });
      const whole = (await lines(DOCTOR, `&from=${lastMonth}-01&to=${lastMonthEnd}`)).items;
      expect(month[0]?.totals.operations).toBe(whole.filter((l) => l.kind === "operation" && l.status !== "disputed").length);
      expect(month[0]?.totals.outpatientPatients).toBe(
        whole.filter((l) => l.kind === "outpatient" && l.status !== "disputed").reduce((sum, l) => sum + (l.patients ?? 0), 0),
      );

      // Frozen: no line of the month is added, changed or removed, and it is not reviewed twice.
      const added = await log({ date: lastMonthDay, kind: "ward_round" });
      expect(added.statusCode).toBe(409);
      expect(json(added).errors[0]).toMatchObject({ path: "date", code: "conflict_state" });
      expect((await call(DOCTOR, "PATCH", `/work-log/${a}`, { patients: 25 })).statusCode).toBe(409);
      expect((await call(DOCTOR, "PATCH", `/work-log/${c}`, { operationName: "甲状腺切除术" })).statusCode).toBe(409);
      expect((await call(DOCTOR, "DELETE", `/work-log/${b}`)).statusCode).toBe(409);
      expect(
        (await call("gz.county.coord", "POST", `/work-months/${agreementId}/${doctorPractitioner}/${lastMonth}/review`, { decision: "disputed", note: "x" }))
          .statusCode,
      ).toBe(409);
      const trail = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entity, "work_month"));
      expect(trail.map((t) => t.action)).toContain("confirm");
    });

    it("a disputed month stays open to corrections: a corrected line goes back to the recipient, who then confirms", async () => {
      const id = json(await log({ date: today, kind: "outpatient", patients: 300 })).id as string;
      const dispute = await call("gz.county.coord", "POST", `/work-months/${agreementId}/${doctorPractitioner}/${thisMonth}/review`, {
        decision: "disputed",
        disputed: [{ entryId: id, note: "人数有误" }],
      });
      expect(json(dispute)).toMatchObject({ status: "disputed", confirmed: 0, disputed: 1 });
      expect((await call(DOCTOR, "PATCH", `/work-log/${id}`, { patients: 30 })).statusCode).toBe(204);
      expect((await lines(DOCTOR, `&from=${today}&kind=outpatient`)).items.find((l) => l.id === id)).toMatchObject({
        status: "recorded",
        patients: 30,
        reviewNote: null,
      });
      // The commission over the region may sign off too.
      const confirm = await call("gz.official", "POST", `/work-months/${agreementId}/${doctorPractitioner}/${thisMonth}/review`, { decision: "confirmed" });
      expect(confirm.statusCode, confirm.body).toBe(200);
      expect((await lines(DOCTOR, `&from=${today}&kind=outpatient`)).items.find((l) => l.id === id)?.status).toBe("confirmed");
    });
  });

  it("a check-in's counts are its day's check_in lines (one source of figures), kept in step when it is replaced", async () => {
    const db = ctx.database.db;
    // A stationed day of the colleague's stay without a check-in: a weekend of the last two weeks.
    let date = "";
    for (let d = todayInChina() - 1; d > todayInChina() - 14; d--) if (!isWorkingDay(d)) date = formatDay(d);
    await db.delete(attendance).where(and(eq(attendance.practitionerId, otherPractitioner), eq(attendance.date, date)));
    const checkIn = (activities: string[], patients?: number, trainees?: number) =>
      call(OTHER_DOCTOR, "POST", "/attendance", { date, activities, ...(patients !== undefined && { patients }), ...(trainees !== undefined && { trainees }) });
    const first = await checkIn(["clinic", "surgery", "teaching"], 12, 5);
    expect(first.statusCode, first.body).toBe(201);
    const fromCheckIn = async () =>
      (await lines(OTHER_DOCTOR, `&from=${date}&to=${date}`)).items.filter((l) => l.source === "check_in").map((l) => [l.kind, l.patients, l.attendees]);
    expect((await fromCheckIn()).sort()).toEqual([
      ["operation", null, null],
      ["outpatient", 12, null],
      ["teaching", null, 5],
    ]);
    expect((await checkIn(["clinic", "ward_round"], 7)).statusCode).toBe(201);
    expect((await fromCheckIn()).sort()).toEqual([
      ["outpatient", 7, null],
      ["ward_round", null, null],
    ]);
  });

  it("migration 0031's backfill maps check-ins to lines as core's linesFromCheckIn does", async () => {
    const db = ctx.database.db;
    const text = readFileSync(new URL("../migrations/0031_work_log.sql", import.meta.url), "utf8");
    const insert = text
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .find((s) => /INSERT INTO work_log_entries/.test(s)) as string;
    expect(insert).toBeTruthy();
    // A few check-ins of every shape, some reviewed, on days nobody else checked in.
    const [stay] = await db.select().from(dispatches).where(eq(dispatches.agreementId, agreementId)).limit(1);
    const [agreement] = await db.select().from(agreements).where(eq(agreements.id, agreementId));
    const shapes: [string[], number | null, number | null, string][] = [
      [["clinic"], 30, null, "confirmed"],
      [["clinic", "ward_round", "surgery"], 12, null, "submitted"],
      [["teaching"], null, 9, "disputed"],
      [["training", "teaching", "clinic"], 4, 6, "submitted"],
      [["consultation"], 3, null, "confirmed"],
      [["management"], null, null, "submitted"],
    ];
    const inserted = await db
      .insert(attendance)
      .values(
        shapes.map(([activities, patients, trainees, status], i) => ({
          dispatchId: stay?.id as string,
          agreementId,
          practitionerId: stay?.practitionerId as string,
          date: `1999-01-0${i + 1}`,
          activities,
          patients,
          trainees,
          status,
          reviewNote: status === "disputed" ? "不在岗" : null,
          provinceCode: agreement?.provinceCode as string,
        })),
      )
      .returning();
    await db.delete(workLogEntries).where(eq(workLogEntries.source, "check_in"));
    await db.execute(sql.raw(insert.replace(/;\s*$/, "")));
    for (const row of inserted) {
      const got = await db.select().from(workLogEntries).where(eq(workLogEntries.attendanceId, row.id));
      const want = linesFromCheckIn(row.activities, row.patients, row.trainees);
      expect(got.map((l) => [l.kind, l.patients, l.attendees]).sort(), row.activities.join("+")).toEqual(
        want.map((l) => [l.kind, l.patients, l.attendees]).sort(),
      );
      const status = row.status === "submitted" ? "recorded" : row.status;
      for (const l of got) {
        expect(l).toMatchObject({ status, source: "check_in", date: row.date, agreementId, recipientId: stay?.recipientId, reviewNote: row.reviewNote });
      }
    }
  });
});
