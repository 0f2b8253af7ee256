import { formatDay } from "@medbridge/core";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { runsSettled, startRun } from "../src/assistance/plan-runs.ts";
import { loadRosterPlanInput } from "../src/assistance/roster-plan.ts";
import { todayInChina } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { agreementSupporters, agreements, auditLog, dispatches, institutions, planRuns, practitioners, staffPlanning, users } from "../src/db/schema.ts";
import { stopSolver } from "../src/solver/solve.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/**
 * The roster planner over HTTP (api17): a county hospital of 黄平 made for the test, with three
 * physicians and one county → township agreement for next year (pack county_to_township: a
 * physician of attending title or above for six months, every day covered). The optimum is known
 * by hand: two six-month stints, January–June and July–December, 12 person-months, at least one by
 * an attending physician. Then the run's life (200, 202, running, lost), bad input, access, and
 * apply: all-or-nothing, once, refused when the roster moved.
 */
const Y = Number(formatDay(todayInChina()).slice(0, 4)) + 1;
const PASSWORD = "plan-test-password";

interface PlannedDispatch {
  agreement: string;
  person: string;
  role: string;
  title: string;
  start: string;
  end: string;
  batch: string | null;
}

describe.each(BACKENDS)("roster plans over HTTP on %s", (backend) => {
  let ctx: TestContext;
  /**
   * The same database behind two more apps: one whose requests wait for their run as long as it
   * takes (the 200 path, whatever the shared machine's load), one answering 202 at once.
   */
  let patient: FastifyInstance;
  let eager: FastifyInstance;
  let supporterId: string;
  let agreementId: string;
  let otherAgreementId: string;
  let otherRecipientId: string;
  const staff: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };
  const cookies = new Map<string, string>();

  const login = async (username: string) => {
    const known = cookies.get(username);
    if (known) return known;
    if (username === "plan.coord" || username === "yn.plan.official") {
      const response = await ctx.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: PASSWORD } });
      const cookie = `mb_session=${response.cookies.find((c) => c.name === "mb_session")?.value}`;
      cookies.set(username, cookie);
      return cookie;
    }
    return ctx.login(username);
  };
  const post = async (who: string, url: string, payload?: unknown, app: FastifyInstance = patient) =>
    app.inject({ method: "POST", url, headers: { cookie: await login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const get = async (who: string, url: string) => ctx.app.inject({ url, headers: { cookie: await login(who) } });
  const db = () => ctx.database.db;
  const runCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(planRuns))[0]?.n;
  const ourDispatches = async () => db().select().from(dispatches).where(eq(dispatches.agreementId, agreementId)).orderBy(dispatches.plannedStart);

  beforeAll(async () => {
    ctx = await demoApp(backend);
    const config = { ...loadConfig({}), webDist: "/nonexistent" };
    patient = await buildApp({ db: db(), config, logger: false, planWaitMs: 120_000 });
    eager = await buildApp({ db: db(), config, logger: false, planWaitMs: 0 });
    const townships = await db()
      .select({ id: institutions.id })
      .from(institutions)
      .where(and(eq(institutions.regionCode, "522622"), eq(institutions.kind, "township_health_center")))
      .orderBy(institutions.name)
      .limit(2);
    const [recipient, other] = townships as [{ id: string }, { id: string }];
    otherRecipientId = other.id;
    const [supporter] = await db()
      .insert(institutions)
      .values({ name: "示例规划测试县医院", kind: "county_hospital", regionCode: "522622", provinceCode: "520000" })
      .returning({ id: institutions.id });
    supporterId = (supporter as { id: string }).id;
    const agreementRow = (recipientId: string, code: string, status: string) => ({
      code,
      recipientId,
      packId: "county_to_township",
      mode: "one_to_one",
      startsOn: `${Y}-01-01`,
      endsOn: `${Y}-12-31`,
      specialties: ["全科医学"],
      status,
      regionCode: "522622",
      provinceCode: "520000",
    });
    const made = await db()
      .insert(agreements)
      .values([agreementRow(recipient.id, "PLAN-T-001", "active"), agreementRow(other.id, "PLAN-T-002", "suspended")])
      .returning({ id: agreements.id });
    agreementId = (made[0] as { id: string }).id;
    otherAgreementId = (made[1] as { id: string }).id;
    await db()
      .insert(agreementSupporters)
      .values(made.map((a) => ({ agreementId: a.id, institutionId: supporterId })));
    const person = (name: string, title: string) => ({
      name,
      profession: "physician",
      title,
      specialty: "全科医学",
      institutionId: supporterId,
      regionCode: "522622",
      provinceCode: "520000",
    });
    const people = await db()
      .insert(practitioners)
      .values([person("示例规划甲", "attending"), person("示例规划乙", "attending"), person("示例规划丙", "resident")])
      .returning({ id: practitioners.id });
    [staff.a, staff.b, staff.c] = people.map((p) => p.id) as [string, string, string];
    // One inactive colleague: never a candidate.
    await db()
      .insert(practitioners)
      .values({ ...person("示例规划丁", "chief"), active: false });

    const admin = await ctx.login("admin");
    for (const body of [
      { username: "plan.coord", displayName: "示例规划协调员", password: PASSWORD, role: "institution_coordinator", institutionId: supporterId },
      { username: "yn.plan.official", displayName: "示例云南官员", password: PASSWORD, role: "health_official", regionCode: "530000" },
    ]) {
      const created = await ctx.app.inject({ method: "POST", url: "/api/v1/users", headers: { cookie: admin }, payload: body });
      expect(created.statusCode, created.body).toBe(201);
    }
    await db().update(users).set({ mustChangePassword: false }).where(sql`${users.username} in ('plan.coord', 'yn.plan.official')`);
    // Seeding the demo world takes most of this; on a loaded machine more than the default two minutes.
  }, 300_000);

  afterAll(async () => {
    await runsSettled();
    await eager?.close();
    await patient?.close();
    await ctx?.close();
    await stopSolver();
  });

  it("reads the supporter's agreements, staff (with their profiles) and the dispatches that bind them", async () => {
    await db()
      .insert(staffPlanning)
      .values({
        practitionerId: staff.c,
        department: "急诊",
        roles: ["clinical", "discipline_leader"],
        unavailable: [{ start: `${Y}-03-01`, end: `${Y}-03-31` }],
        provinceCode: "520000",
      });
    const { input, fingerprint } = await loadRosterPlanInput(db(), supporterId, Y, { departmentMaxAwayShare: 0.34, today: todayInChina() });
    expect(input.agreements.map((a) => [a.code, a.pack.id])).toEqual([["PLAN-T-001", "county_to_township"]]);
    const byPerson = Object.fromEntries(input.candidates.map((c) => [c.person, c]));
    expect(Object.keys(byPerson).sort()).toEqual([staff.a, staff.b, staff.c].sort());
    expect(byPerson[staff.a]).toMatchObject({ roles: ["clinical"], department: "全科医学", title: "attending", unavailable: [], earliestStart: null });
    expect(byPerson[staff.c]).toMatchObject({ roles: ["clinical", "discipline_leader"], department: "急诊", title: "resident" });
    expect(byPerson[staff.c]?.unavailable).toHaveLength(1);
    expect(input.existing).toEqual([]);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await db().delete(staffPlanning).where(eq(staffPlanning.practitionerId, staff.c));
  });

  let firstRun: { id: string; result: { dispatches: PlannedDispatch[] } };

  it("plans the tiny roster while the request waits: 200, the optimum known by hand, names read at read time", async () => {
    const response = await post("plan.coord", "/api/v1/plans/roster", { supporterId, year: Y, timeLimitSeconds: 20 });
    expect(response.statusCode, response.body).toBe(200);
    const run = json(response);
    expect(run).toMatchObject({ kind: "roster", status: "done", supporterId, year: Y, error: null, appliedAt: null });
    expect(run.params).toEqual({ supporterId, year: Y, timeLimitSeconds: 20, departmentMaxAwayShare: 0.34 });
    const plan = run.result;
    expect(plan.feasible).toBe(true);
    expect(plan.solver.status).toBe("optimal");
    expect(plan.breaks).toEqual([]);
    const spans = (plan.dispatches as PlannedDispatch[]).map((d) => [d.start, d.end]).sort();
    expect(spans).toEqual([
      [`${Y}-01-01`, `${Y}-06-30`],
      [`${Y}-07-01`, `${Y}-12-31`],
    ]);
    expect(plan.totals).toEqual({ personMonths: 12, changes: 0, newDispatches: 2 });
    expect((plan.dispatches as PlannedDispatch[]).every((d) => d.agreement === agreementId && [staff.a, staff.b, staff.c].includes(d.person))).toBe(true);
    expect((plan.dispatches as PlannedDispatch[]).some((d) => d.title === "attending")).toBe(true);
    expect(plan.checks.map((c: { status: string }) => c.status)).toEqual(["pass"]);
    expect(plan.kept).toEqual([]);
    expect(plan.dropped).toEqual([]);
    // Names are not stored with the plan, and are answered beside it.
    const [stored] = await db().select({ result: planRuns.result }).from(planRuns).where(eq(planRuns.id, run.id));
    expect(JSON.stringify(stored?.result)).not.toMatch(/示例规划/);
    for (const d of plan.dispatches as PlannedDispatch[]) expect(run.people[d.person]).toMatchObject({ department: "全科医学", title: d.title });
    expect(Object.values(run.people).map((p) => (p as { name: string }).name)).toEqual(expect.arrayContaining([expect.stringMatching(/^示例规划/)]));
    expect(run.agreements[agreementId]).toMatchObject({ code: "PLAN-T-001" });
    expect(run.agreements[agreementId].recipientName).toMatch(/\S/);
    expect(run.institutions[supporterId]).toEqual({ name: "示例规划测试县医院", regionCode: "522622" });
    const again = await get("plan.coord", `/api/v1/plans/${run.id}`);
    expect(again.statusCode).toBe(200);
    expect(json(again)).toEqual(run);
    firstRun = run;
  });

  it("answers 202 with where to ask when the run outlasts the wait, and the plan once it is done", async () => {
    const response = await post("plan.coord", "/api/v1/plans/roster", { supporterId, year: Y }, eager);
    expect(response.statusCode, response.body).toBe(202);
    const run = json(response);
    expect(response.headers.location).toBe(`/api/v1/plans/${run.id}`);
    expect(run).toMatchObject({ status: "running", result: null, finishedAt: null, params: { timeLimitSeconds: 30, departmentMaxAwayShare: 0.34 } });
    await runsSettled();
    const done = json(await get("plan.coord", `/api/v1/plans/${run.id}`));
    expect(done.status).toBe("done");
    expect(done.result.totals.personMonths).toBe(12);
    expect(done.finishedAt).not.toBeNull();
  });

  it("reads a running run as running, and one past its deadline as failed", async () => {
    const [coord] = await db().select({ id: users.id }).from(users).where(eq(users.username, "plan.coord"));
    const row = (deadline: Date) => ({
      kind: "roster",
      status: "running",
      supporterId,
      year: Y,
      params: {},
      deadline,
      requestedBy: (coord as { id: string }).id,
      provinceCode: "520000",
    });
    const [running, lost] = await db()
      .insert(planRuns)
      .values([row(new Date(Date.now() + 60_000)), row(new Date(Date.now() - 1000))])
      .returning({ id: planRuns.id });
    const a = json(await get("plan.coord", `/api/v1/plans/${running?.id}`));
    expect(a).toMatchObject({ status: "running", error: null, result: null });
    const b = json(await get("plan.coord", `/api/v1/plans/${lost?.id}`));
    expect(b).toMatchObject({ status: "failed", error: "the server stopped before the plan was finished" });
    const list = json(await get("plan.coord", `/api/v1/plans?supporterId=${supporterId}&pageSize=50`));
    expect(list.items.find((i: { id: string }) => i.id === lost?.id)).toMatchObject({ status: "failed", supporterName: "示例规划测试县医院" });
    expect(list.items.find((i: { id: string }) => i.id === firstRun.id)).toMatchObject({ status: "done", feasible: true });
    // A lost run cannot be applied.
    const apply = await post("plan.coord", `/api/v1/plans/${lost?.id}/apply`);
    expect(apply.statusCode).toBe(400);
    expect(json(apply).errors[0]).toMatchObject({ path: "id", params: { reason: "plan_not_finished", status: "failed" } });
    await db().delete(planRuns).where(sql`${planRuns.id} in (${running?.id}, ${lost?.id})`);
  });

  it("writes a failed run's message without the error's own words", async () => {
    const [coord] = await db().select({ id: users.id }).from(users).where(eq(users.username, "plan.coord"));
    const logged: unknown[] = [];
    const { id, finished } = await startRun(
      db(),
      {
        kind: "roster",
        supporterId,
        regionCode: null,
        year: Y,
        params: {},
        provinceCode: "520000",
        requestedBy: (coord as { id: string }).id,
        timeLimitSeconds: 1,
      },
      async () => {
        throw new Error("示例规划甲 could not be read at /secret/path.ts:12");
      },
      { now: () => new Date(), waitMs: 1000, logError: (e) => logged.push(e) },
    );
    expect(finished).toBe(true);
    expect(logged).toHaveLength(1);
    const [row] = await db().select().from(planRuns).where(eq(planRuns.id, id));
    expect(row).toMatchObject({ status: "failed", error: "the planner failed unexpectedly", result: null });
    await db().delete(planRuns).where(eq(planRuns.id, id));
  });

  it("refuses bad input naming the field, and writes no run", async () => {
    const before = await runCount();
    const fieldOf = async (payload: unknown) => {
      const response = await post("plan.coord", "/api/v1/plans/roster", payload);
      return [response.statusCode, json(response).errors?.map((e: { path: string }) => e.path)];
    };
    expect(await fieldOf({ supporterId, year: 1999 })).toEqual([400, ["year"]]);
    expect(await fieldOf({ supporterId, year: 2101 })).toEqual([400, ["year"]]);
    // A year gone by is all facts: not planned.
    const thisYear = Y - 1;
    const past = await post("plan.coord", "/api/v1/plans/roster", { supporterId, year: thisYear - 1 });
    expect(past.statusCode).toBe(400);
    expect(json(past).errors[0]).toMatchObject({ path: "year", code: "too_small", params: { limit: thisYear } });
    expect(await fieldOf({ supporterId, year: Y, timeLimitSeconds: 0 })).toEqual([400, ["timeLimitSeconds"]]);
    expect(await fieldOf({ supporterId, year: Y, timeLimitSeconds: 301 })).toEqual([400, ["timeLimitSeconds"]]);
    expect(await fieldOf({ supporterId, year: Y, timeLimitSeconds: 1.5 })).toEqual([400, ["timeLimitSeconds"]]);
    expect(await fieldOf({ supporterId, year: Y, departmentMaxAwayShare: 0.01 })).toEqual([400, ["departmentMaxAwayShare"]]);
    expect(await fieldOf({ supporterId, year: Y, extra: 1 })).toEqual([400, ["extra"]]);
    expect(await fieldOf({ year: Y })).toEqual([400, ["supporterId"]]);
    const nul = await fieldOf({ supporterId: `${supporterId}\u0000`, year: Y });
    expect(nul[0]).toBe(400);
    expect(nul[1]).toContain("supporterId");
    expect((await fieldOf({ supporterId, year: Y, "no\u0000te": 1 }))[0]).toBe(400);
    // A supporter with nothing to plan that year: 400 naming supporterId.
    const empty = await post("plan.coord", "/api/v1/plans/roster", { supporterId, year: Y + 3 });
    expect(empty.statusCode).toBe(400);
    expect(json(empty).errors[0]).toMatchObject({ path: "supporterId", code: "not_allowed", params: { reason: "no_agreements_in_year", year: Y + 3 } });
    const unknown = await post("admin", "/api/v1/plans/roster", { supporterId: "00000000-0000-4000-8000-000000000000", year: Y });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown).params).toEqual({ entity: "institution" });
    expect((await get("plan.coord", "/api/v1/plans?page=0")).statusCode).toBe(400);
    expect((await get("plan.coord", "/api/v1/plans?kind=lottery")).statusCode).toBe(400);
    expect((await post("plan.coord", "/api/v1/plans/not-a-uuid/apply")).statusCode).toBe(400);
    expect(await runCount()).toBe(before);
  });

  it("lets only those who reach the supporter plan, read and apply its roster", async () => {
    const before = await runCount();
    const body = { supporterId, year: Y };
    // Another hospital's coordinator, a clinician, an official of another province: refused.
    expect((await post("zj.city.coord", "/api/v1/plans/roster", body)).statusCode).toBe(403);
    expect((await post("gz.township.doctor", "/api/v1/plans/roster", body)).statusCode).toBe(403);
    expect((await post("zj.stationed.doctor", "/api/v1/plans/roster", body)).statusCode).toBe(403);
    expect((await post("yn.plan.official", "/api/v1/plans/roster", body)).statusCode).toBe(403);
    expect(await runCount()).toBe(before);
    for (const who of ["zj.city.coord", "gz.township.doctor", "yn.plan.official"]) {
      expect((await get(who, `/api/v1/plans/${firstRun.id}`)).statusCode, who).toBe(404);
      expect((await post(who, `/api/v1/plans/${firstRun.id}/apply`)).statusCode, who).toBe(who === "gz.township.doctor" ? 403 : 404);
    }
    expect((await get("gz.township.doctor", "/api/v1/plans")).statusCode).toBe(403);
    for (const who of ["zj.city.coord", "yn.plan.official"]) {
      const list = json(await get(who, "/api/v1/plans?pageSize=200"));
      expect(
        list.items.map((i: { id: string }) => i.id),
        who,
      ).not.toContain(firstRun.id);
    }
    // The supporter's county lies in Guizhou: its official reads and plans it; the national admin too.
    expect((await get("gz.official", `/api/v1/plans/${firstRun.id}`)).statusCode).toBe(200);
    expect(json(await get("gz.official", "/api/v1/plans?kind=roster&pageSize=200")).items.map((i: { id: string }) => i.id)).toContain(firstRun.id);
    expect(json(await get("admin", "/api/v1/plans?kind=pairing&pageSize=200")).items.map((i: { id: string }) => i.id)).not.toContain(firstRun.id);
    // Coordinators plan no pairings.
    expect((await post("plan.coord", "/api/v1/plans/pairing", { regionCode: "522600" })).statusCode).toBe(403);
    expect((await post("gz.official", "/api/v1/plans/pairing", { regionCode: "530000" })).statusCode).toBe(403);
    expect((await post("gz.official", "/api/v1/plans/pairing", { regionCode: "000000" })).statusCode).toBe(403);
    expect(json(await post("admin", "/api/v1/plans/pairing", { regionCode: "999999" })).errors[0]).toMatchObject({ path: "regionCode", code: "not_found" });
    expect(await runCount()).toBe(before);
  });

  it("applies all or nothing: a clash on the second dispatch leaves nothing written", async () => {
    const plan = firstRun.result.dispatches;
    const last = plan[plan.length - 1] as PlannedDispatch;
    const [original] = await db().select({ fingerprint: planRuns.rosterFingerprint }).from(planRuns).where(eq(planRuns.id, firstRun.id));
    // The race the exclusion constraint guards: a clash committed after the fingerprint check
    // (simulated by writing the clash and the fingerprint it leaves).
    const [clash] = await db()
      .insert(dispatches)
      .values({
        agreementId: otherAgreementId,
        practitionerId: last.person,
        recipientId: otherRecipientId,
        role: "clinical",
        title: last.title,
        plannedStart: last.end,
        plannedEnd: last.end,
        status: "planned",
        provinceCode: "520000",
      })
      .returning({ id: dispatches.id });
    const { fingerprint } = await loadRosterPlanInput(db(), supporterId, Y, { departmentMaxAwayShare: 0.34, today: todayInChina() });
    await db().update(planRuns).set({ rosterFingerprint: fingerprint }).where(eq(planRuns.id, firstRun.id));
    const auditsBefore = (await db().select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]?.n;

    const response = await post("plan.coord", `/api/v1/plans/${firstRun.id}/apply`);
    expect(response.statusCode, response.body).toBe(409);
    expect(json(response).errors[0]).toMatchObject({ path: `dispatches[${plan.length - 1}].practitionerId`, code: "overlap" });
    expect(await ourDispatches()).toEqual([]);
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]?.n).toBe(auditsBefore);
    const [after] = await db().select({ appliedAt: planRuns.appliedAt }).from(planRuns).where(eq(planRuns.id, firstRun.id));
    expect(after?.appliedAt).toBeNull();

    // The clash goes away (cancelled: the roster is again what the plan saw).
    await db()
      .update(dispatches)
      .set({ status: "cancelled" })
      .where(eq(dispatches.id, (clash as { id: string }).id));
    await db().update(planRuns).set({ rosterFingerprint: original?.fingerprint }).where(eq(planRuns.id, firstRun.id));
  });

  it("refuses a plan whose stays have begun since it was made (409), writing nothing", async () => {
    const [row] = await db().select({ result: planRuns.result }).from(planRuns).where(eq(planRuns.id, firstRun.id));
    const result = row?.result as { dispatches: PlannedDispatch[] };
    const stale = { ...result, dispatches: result.dispatches.map((d, i) => (i === 0 ? { ...d, start: formatDay(todayInChina() - 1) } : d)) };
    await db().update(planRuns).set({ result: stale }).where(eq(planRuns.id, firstRun.id));
    const response = await post("plan.coord", `/api/v1/plans/${firstRun.id}/apply`);
    expect(response.statusCode).toBe(409);
    expect(json(response).errors[0]).toMatchObject({ path: "id", code: "not_allowed", params: { reason: "plan_outdated" } });
    expect(await ourDispatches()).toEqual([]);
    await db().update(planRuns).set({ result }).where(eq(planRuns.id, firstRun.id));
  });

  let created: string[] = [];

  it("applies a plan once: planned dispatches, one audit entry without names; twice is 409", async () => {
    const auditsBefore = await db().select({ id: auditLog.id }).from(auditLog);
    // Two at once: the run row's lock lets one through; the other finds it applied.
    const both = await Promise.all([post("plan.coord", `/api/v1/plans/${firstRun.id}/apply`), post("gz.official", `/api/v1/plans/${firstRun.id}/apply`)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const response = both.find((r) => r.statusCode === 200) as (typeof both)[number];
    const answer = json(response);
    expect(answer).toMatchObject({ created: 2, cancelled: 0 });
    created = answer.dispatchIds;
    const rows = await ourDispatches();
    expect(rows.map((r) => r.id).sort()).toEqual([...created].sort());
    expect(rows.map((r) => [r.status, r.plannedStart, r.plannedEnd, r.actualStart])).toEqual([
      ["planned", `${Y}-01-01`, `${Y}-06-30`, null],
      ["planned", `${Y}-07-01`, `${Y}-12-31`, null],
    ]);
    expect(rows.every((r) => r.recipientId !== otherRecipientId)).toBe(true);
    const entries = (await db().select().from(auditLog)).filter((e) => !auditsBefore.some((b) => b.id === e.id) && e.action !== "login");
    expect(entries.map((e) => [e.action, e.entity, e.entityId, e.regionCode])).toEqual([["apply", "plan", firstRun.id, "522622"]]);
    expect(entries[0]?.after).toEqual({ supporterId, year: Y, created, cancelled: [] });
    expect(JSON.stringify(entries[0])).not.toMatch(/示例规划/);
    expect(json(await get("plan.coord", `/api/v1/plans/${firstRun.id}`)).appliedAt).not.toBeNull();

    const twice = await post("plan.coord", `/api/v1/plans/${firstRun.id}/apply`);
    expect(twice.statusCode).toBe(409);
    expect(json(twice).errors[0]).toMatchObject({ path: "id", code: "not_allowed", params: { reason: "plan_applied" } });
    expect((await ourDispatches()).length).toBe(2);
  });

  it("keeps what was applied when planned again, and refuses to apply once the roster moved", async () => {
    const response = await post("gz.official", "/api/v1/plans/roster", { supporterId, year: Y });
    expect(response.statusCode, response.body).toBe(200);
    const run = json(response);
    expect([...run.result.kept].sort()).toEqual([...created].sort());
    expect(run.result.dispatches).toEqual([]);
    expect(run.result.dropped).toEqual([]);
    expect(run.result.totals.changes).toBe(0);
    // The kept dispatches' people and agreement are named too.
    expect(Object.keys(run.people).length).toBeGreaterThan(0);
    expect(run.agreements[agreementId].code).toBe("PLAN-T-001");
    const moved = await ctx.app.inject({
      method: "PATCH",
      url: `/api/v1/dispatches/${created[0]}`,
      headers: { cookie: await login("plan.coord") },
      payload: { batch: "A" },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const refused = await post("plan.coord", `/api/v1/plans/${run.id}/apply`);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).errors[0]).toMatchObject({ path: "id", code: "not_allowed", params: { reason: "roster_changed" } });
    const [after] = await db().select({ appliedAt: planRuns.appliedAt }).from(planRuns).where(eq(planRuns.id, run.id));
    expect(after?.appliedAt).toBeNull();
  });

  it("plans pairings for a region the official oversees, naming the institutions at read time", async () => {
    const response = await post("gz.official", "/api/v1/plans/pairing", { regionCode: "522600", timeLimitSeconds: 30 });
    expect(response.statusCode, response.body).toBe(200);
    const run = json(response);
    expect(run).toMatchObject({ kind: "pairing", status: "done", supporterId: null, regionCode: "522600", people: {}, agreements: {} });
    expect(run.params).toMatchObject({ regionCode: "522600", keepExisting: true, timeLimitSeconds: 30 });
    expect(run.result.kind).toBe("pairing");
    for (const p of run.result.pairs as { recipient: string; supporter: string }[]) {
      expect(run.institutions[p.recipient]?.regionCode).toMatch(/^5226/);
      expect(run.institutions[p.supporter]?.name).toMatch(/\S/);
    }
    expect((await get("gz.official", `/api/v1/plans/${run.id}`)).statusCode).toBe(200);
    expect((await get("yn.plan.official", `/api/v1/plans/${run.id}`)).statusCode).toBe(404);
    expect((await get("plan.coord", `/api/v1/plans/${run.id}`)).statusCode).toBe(404);
    const apply = await post("gz.official", `/api/v1/plans/${run.id}/apply`);
    expect(apply.statusCode).toBe(400);
    expect(json(apply).errors[0]).toMatchObject({ path: "id", params: { reason: "plan_not_roster" } });
  });
});
