import { aggregateRatings, day, duePeriods, RATING_ASPECTS, type RatingScores } from "@medbridge/core";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratingAggregates } from "../src/assistance/ratings.ts";
import { hashPassword } from "../src/auth/passwords.ts";
import { todayInChina } from "../src/clock.ts";
import { agreements, auditLog, dispatches, institutions, stayRatings, users } from "../src/db/schema.ts";
import { DEMO_PASSWORD, demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const GOOD = { attendance: 4, clinical: 5, teaching: 3, conduct: 5 };
type Period = { period: string; due: boolean; rating: ({ period: string; comment: string | null } & RatingScores) | null };
type Stay = { dispatchId: string; practitionerId: string; start: string; end: string; periods: Period[] };

/** Issue 16 item 4: the recipient's coordinator rates each stay; the supporter sees aggregates, never who rated. */
describe.each(BACKENDS)("stay ratings on %s", (backend) => {
  let ctx: TestContext;
  let agreementId: string;
  let rater: { id: string; username: string; displayName: string };
  /** A stay with a due, unrated period (rated by the tests below), and one with a period not due. */
  let target: { dispatchId: string; period: string };
  let notDue: { dispatchId: string; period: string };

  beforeAll(async () => {
    ctx = await demoApp(backend);
    const [coord] = await ctx.database.db
      .select({ id: users.id, username: users.username, displayName: users.displayName, institutionId: users.institutionId })
      .from(users)
      .where(eq(users.username, "gz.county.coord"));
    rater = coord as typeof rater;
    const [agreement] = await ctx.database.db
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.recipientId, coord?.institutionId as string));
    agreementId = agreement?.id as string;
    // Another county's coordinator (a Guizhou county hospital that is not the demo recipient).
    const [other] = await ctx.database.db
      .select({ id: institutions.id, regionCode: institutions.regionCode })
      .from(institutions)
      .where(and(eq(institutions.kind, "county_hospital"), ne(institutions.id, coord?.institutionId as string), sql`${institutions.regionCode} like '52%'`))
      .limit(1);
    await ctx.database.db.insert(users).values({
      username: "gz.other.county.coord",
      displayName: "示例另一县医务科",
      role: "institution_coordinator",
      passwordHash: await hashPassword(DEMO_PASSWORD),
      mustChangePassword: false,
      regionCode: null,
      institutionId: other?.id as string,
      scopeRegionCode: other?.regionCode as string,
    });
  });
  afterAll(() => ctx.close());

  const get = async (who: string) => ctx.app.inject({ url: `/api/v1/agreements/${agreementId}/ratings`, headers: { cookie: await ctx.login(who) } });
  const rate = async (who: string, dispatchId: string, period: string, payload: object) =>
    ctx.app.inject({ method: "PUT", url: `/api/v1/dispatches/${dispatchId}/ratings/${period}`, headers: { cookie: await ctx.login(who) }, payload });
  const allRatings = () => ctx.database.db.select().from(stayRatings).orderBy(stayRatings.id);

  it("shows the recipient's coordinator its ratings per stay and period (the demo has some, one of them low)", async () => {
    const response = await get("gz.county.coord");
    expect(response.statusCode).toBe(200);
    const body = json(response);
    expect(body.view).toBe("recipient");
    expect(body.people).toEqual([]);
    const stays = body.stays as Stay[];
    expect(stays.length).toBeGreaterThan(6);
    const rated = stays.flatMap((s) => s.periods.filter((p) => p.rating));
    expect(rated.length).toBeGreaterThan(5);
    expect(rated.some((p) => RATING_ASPECTS.some((a) => (p.rating as RatingScores)[a] < 3))).toBe(true);
    // Every period the answer calls due is what core says for that stay today.
    const today = todayInChina();
    for (const s of stays) {
      expect(s.periods.filter((p) => p.due).map((p) => p.period)).toEqual(duePeriods({ start: day(s.start), end: day(s.end) }, today));
    }
    const open = stays.flatMap((s) => s.periods.filter((p) => p.due && !p.rating).map((p) => ({ dispatchId: s.dispatchId, period: p.period })));
    expect(open.length, "the demo leaves due periods unrated").toBeGreaterThan(0);
    target = open[0] as typeof target;
    const future = stays.flatMap((s) => s.periods.filter((p) => !p.due).map((p) => ({ dispatchId: s.dispatchId, period: p.period })));
    expect(future.length, "a stay under way has a period not yet due").toBeGreaterThan(0);
    notDue = future[0] as typeof notDue;
    // Even the recipient's own view never names who rated.
    expect(response.body).not.toContain(rater.id);
    expect(response.body).not.toContain("ratedBy");
  });

  it("refuses bad ratings with 400 naming the field, and changes nothing", async () => {
    const before = await allRatings();
    const cases: [string, object, string][] = [
      [target.period, { ...GOOD, attendance: 0 }, "attendance"],
      [target.period, { ...GOOD, clinical: 6 }, "clinical"],
      [target.period, { ...GOOD, teaching: 2.5 }, "teaching"],
      [target.period, { attendance: 4, clinical: 5, teaching: 3 }, "conduct"],
      [target.period, { ...GOOD, comment: "好".repeat(501) }, "comment"],
      [target.period, { ...GOOD, rater: "me" }, "rater"],
      ["2026-Q5", GOOD, "period"],
      ["final", GOOD, "period"],
      [notDue.period, GOOD, "period"],
    ];
    for (const [period, payload, field] of cases) {
      const response = await rate("gz.county.coord", target.dispatchId, period, payload);
      expect(response.statusCode, `${period} ${JSON.stringify(payload).slice(0, 60)}`).toBe(400);
      expect(json(response).errors.map((e: { path: string }) => e.path)).toEqual([field]);
    }
    const due = await rate("gz.county.coord", notDue.dispatchId, notDue.period, GOOD);
    expect(due.statusCode).toBe(400);
    expect(json(due).errors[0]).toMatchObject({ path: "period", code: "not_allowed", params: { reason: "rating_not_due" } });
    expect(await allRatings()).toEqual(before);
  });

  it("lets only the recipient's coordinator rate: not the supporter, not the commission, not a stranger", async () => {
    const before = await allRatings();
    for (const who of ["zj.city.coord", "gz.official", "zj.stationed.doctor", "admin"]) {
      const response = await rate(who, target.dispatchId, target.period, GOOD);
      expect(response.statusCode, who).toBe(403);
    }
    // Outside the agreement: its existence is not revealed.
    for (const who of ["gz.other.county.coord", "gz.township.doctor", "yn.township.doctor"]) {
      expect((await rate(who, target.dispatchId, target.period, GOOD)).statusCode, who).toBe(404);
      expect((await get(who)).statusCode, who).toBe(404);
    }
    expect((await rate("gz.county.coord", crypto.randomUUID(), "end", GOOD)).statusCode).toBe(404);
    expect(await allRatings()).toEqual(before);
  });

  it("records a rating, and a second rating of the same period updates it (audited, never naming the rater)", async () => {
    const first = await rate("gz.county.coord", target.dispatchId, target.period, { ...GOOD, comment: "带教认真" });
    expect(first.statusCode).toBe(200);
    const stay = (json(first).stays as Stay[]).find((s) => s.dispatchId === target.dispatchId) as Stay;
    expect(stay.periods.find((p) => p.period === target.period)?.rating).toMatchObject({ ...GOOD, comment: "带教认真" });
    const again = await rate("gz.county.coord", target.dispatchId, target.period, { ...GOOD, attendance: 2 });
    expect(again.statusCode).toBe(200);
    const rows = await ctx.database.db
      .select()
      .from(stayRatings)
      .where(and(eq(stayRatings.dispatchId, target.dispatchId), eq(stayRatings.period, target.period)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attendanceScore: 2, clinicalScore: 5, teachingScore: 3, conductScore: 5, comment: null, ratedBy: rater.id });
    const entries = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "stay_rating"), eq(auditLog.entityId, rows[0]?.id as string)))
      .orderBy(auditLog.at);
    expect(entries.map((e) => e.action)).toEqual(["rate", "update"]);
    expect(entries[0]?.before).toBeNull();
    expect(entries[1]?.before).toMatchObject({ period: target.period, ...GOOD, comment: "带教认真" });
    expect(entries[1]?.after).toMatchObject({ period: target.period, ...GOOD, attendance: 2, comment: null });
    const trail = JSON.stringify(entries.map((e) => [e.before, e.after]));
    expect(trail).not.toContain(rater.id);
    expect(trail).not.toContain("ratedBy");
  });

  it("shows the supporter per-person aggregates equal to a recomputation, with no rater, date or author anywhere", async () => {
    const response = await get("zj.city.coord");
    expect(response.statusCode).toBe(200);
    const body = json(response);
    expect(body.view).toBe("aggregate");
    expect(body.stays).toEqual([]);
    const rows = await ctx.database.db.select().from(stayRatings).where(eq(stayRatings.agreementId, agreementId));
    for (const secret of [rater.id, rater.username, rater.displayName, "ratedBy", "ratedAt", "rated_by", ...rows.map((r) => r.ratedAt.toISOString())]) {
      expect(response.body).not.toContain(secret);
    }
    const byPerson = new Map<string, RatingScores[]>();
    for (const r of rows) {
      byPerson.set(r.practitionerId, [
        ...(byPerson.get(r.practitionerId) ?? []),
        { attendance: r.attendanceScore, clinical: r.clinicalScore, teaching: r.teachingScore, conduct: r.conductScore },
      ]);
    }
    expect(body.people.filter((p: { count: number }) => p.count > 0)).toHaveLength(byPerson.size);
    for (const p of body.people) {
      const scores = byPerson.get(p.practitionerId) ?? [];
      const mean = (a: (typeof RATING_ASPECTS)[number]) =>
        scores.length ? Math.round((100 * scores.reduce((s, x) => s + x[a], 0)) / scores.length) / 100 : null;
      expect(p.count).toBe(scores.length);
      for (const a of RATING_ASPECTS) expect(p.means[a]).toBe(mean(a));
      const all = scores.flatMap((s) => RATING_ASPECTS.map((a) => s[a]));
      expect(p.overall).toBe(all.length ? Math.round((100 * all.reduce((s, x) => s + x, 0)) / all.length) / 100 : null);
      expect(p.low).toBe(scores.filter((s) => RATING_ASPECTS.some((a) => s[a] < 3)).length);
      expect(Object.keys(p).sort()).toEqual(["comments", "count", "low", "means", "overall", "practitionerId", "practitionerName", "unrated"]);
    }
    // Comments are a list of texts in text order: no author, no date, no period.
    const comments = rows.map((r) => r.comment).filter((c): c is string => !!c);
    expect(body.people.flatMap((p: { comments: string[] }) => p.comments).sort()).toEqual(comments.sort());
    for (const p of body.people) expect(p.comments).toEqual([...p.comments].sort((a: string, b: string) => a.localeCompare(b, "zh-CN")));
    // The server function the board and the ranking read gives the same numbers.
    const aggregates = (await ratingAggregates(ctx.database.db, [agreementId], todayInChina())).get(agreementId) ?? [];
    expect(aggregates.map(({ practitionerId, means, overall, count, low, unrated }) => ({ practitionerId, means, overall, count, low, unrated }))).toEqual(
      body.people.map(({ practitionerId, means, overall, count, low, unrated }: Record<string, unknown>) => ({
        practitionerId,
        means,
        overall,
        count,
        low,
        unrated,
      })),
    );
    expect(aggregates[0] && aggregateRatings(byPerson.get(aggregates[0].practitionerId) ?? []).overall).toBe(aggregates[0]?.overall);
  });

  it("lists the due periods still unrated, which rating fills", async () => {
    const before = json(await get("zj.city.coord")).people.flatMap((p: { unrated: object[] }) => p.unrated);
    expect(before).not.toContainEqual(target);
    const [open] = before as { dispatchId: string; period: string }[];
    expect(open).toBeDefined();
    expect((await rate("gz.county.coord", open?.dispatchId as string, open?.period as string, GOOD)).statusCode).toBe(200);
    const after = json(await get("zj.city.coord")).people.flatMap((p: { unrated: object[] }) => p.unrated);
    expect(after).toHaveLength(before.length - 1);
    expect(after).not.toContainEqual(open);
  });

  it("shows officials the aggregate, and the stationed person only their own, without comments", async () => {
    const official = await get("gz.official");
    expect(json(official).view).toBe("aggregate");
    expect(official.body).not.toContain(rater.id);
    const own = json(await get("zj.stationed.doctor"));
    expect(own.view).toBe("own");
    const [me] = await ctx.database.db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.username, "zj.stationed.doctor"));
    expect(own.people.map((p: { practitionerId: string }) => p.practitionerId)).toEqual([me?.practitionerId]);
    expect(own.people[0].comments).toEqual([]);
    expect(own.people[0].count).toBeGreaterThan(0);
    const stays = await ctx.database.db
      .select({ id: dispatches.id })
      .from(dispatches)
      .where(inArray(dispatches.agreementId, [agreementId]));
    expect(stays.length).toBeGreaterThan(0);
  });
});
