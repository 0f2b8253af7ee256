import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

interface Note {
  id: string;
  kind: string;
  title: string;
  referralId: string | null;
}

describe.each(BACKENDS)("telemedicine notifications on %s", (backend) => {
  let ctx: TestContext;
  let county: string;
  let city: string;
  let township: string;
  const clock = new Date();
  const nextWeek = () => new Date(clock.getTime() + 7 * 86_400_000).toISOString();
  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock, { MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1" });
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    city = (await me("zj.city.coord")).institutionId;
    township = (await me("gz.township.doctor")).institutionId;
    // Both sides have a hospital system listening (never reached here: deliveries are only queued).
    for (const [who, institutionId] of [
      ["gz.county.coord", county],
      ["zj.city.coord", city],
    ] as const) {
      const set = await call(who, "PUT", "/api/v1/webhooks", { institutionId, url: "http://127.0.0.1:9/his", secret: "a-long-enough-webhook-secret" });
      expect(set.statusCode, set.body).toBe(204);
    }
  });
  afterAll(() => ctx.close());

  const call = async (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload && { payload }) });
  const inbox = async (who: string) => json<{ unread: number; items: Note[] }>(await call(who, "GET", "/api/v1/notifications")).items;
  const deliveries = async (institutionId: string, sessionId: string) =>
    (
      (await ctx.database.db.execute(
        sql`select event, payload from webhook_deliveries where institution_id = ${institutionId} and payload->>'sessionId' = ${sessionId} order by created_at`,
      )) as unknown as { rows: { event: string; payload: Record<string, unknown> }[] }
    ).rows;
  const act = async (who: string, id: string, body: object) => {
    const response = await call(who, "POST", `/api/v1/telemedicine/${id}/actions`, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  /** What each institution's inbox gained since `before` (newest first). */
  const gained = async (who: string, before: Note[]) => {
    const seen = new Set(before.map((n) => n.id));
    return (await inbox(who)).filter((n) => !seen.has(n.id));
  };

  it("a request tells the supporter only, in-app and by webhook; a proposal and its acceptance go back and forth", async () => {
    const before = { county: await inbox("gz.county.coord"), city: await inbox("zj.city.coord"), township: await inbox("gz.township.doctor") };
    const created = await call("gz.county.coord", "POST", "/api/v1/telemedicine", {
      kind: "consultation",
      supporterId: city,
      title: "心内科远程会诊（示例）",
      requestedStart: nextWeek(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const session = json<{ id: string }>(created);

    const cityGot = await gained("zj.city.coord", before.city);
    expect(cityGot.map((n) => [n.kind, n.title, n.referralId])).toEqual([["telemedicine_requested", "新的远程医疗申请", null]]);
    expect(await gained("gz.county.coord", before.county)).toEqual([]);
    expect(await gained("gz.township.doctor", before.township)).toEqual([]);
    // The supporter's system hears ids and states, never the free-text title.
    const queued = await deliveries(city, session.id);
    expect(queued).toEqual([
      {
        event: "telemedicine.requested",
        payload: { event: "telemedicine.requested", sessionId: session.id, status: "requested", sessionKind: "consultation" },
      },
    ]);
    expect(JSON.stringify(queued)).not.toContain("会诊（示例）");
    expect(await deliveries(county, session.id)).toEqual([]);
    expect(await deliveries(township, session.id)).toEqual([]);

    // The supporter proposes another time: the requester hears of it.
    await act("zj.city.coord", session.id, { action: "propose", startsAt: nextWeek() });
    expect((await gained("gz.county.coord", before.county)).map((n) => n.kind)).toEqual(["telemedicine_proposed"]);
    expect((await deliveries(county, session.id)).map((d) => d.event)).toEqual(["telemedicine.proposed"]);
    expect((await gained("zj.city.coord", before.city)).map((n) => n.kind)).toEqual(["telemedicine_requested"]);

    // The requester takes that time: now the supporter hears it is scheduled.
    await act("gz.county.coord", session.id, { action: "accept" });
    expect((await gained("zj.city.coord", before.city)).map((n) => n.kind)).toEqual(["telemedicine_scheduled", "telemedicine_requested"]);
    expect((await deliveries(city, session.id)).map((d) => d.event)).toEqual(["telemedicine.requested", "telemedicine.scheduled"]);
    expect(await gained("gz.township.doctor", before.township)).toEqual([]);
  });

  it("scheduling tells the requester; a refused move or request tells no one", async () => {
    const created = await call("gz.county.coord", "POST", "/api/v1/telemedicine", { kind: "ward_round", supporterId: city, title: "远程查房（示例）" });
    expect(created.statusCode, created.body).toBe(201);
    const session = json<{ id: string }>(created);
    const countyBefore = await inbox("gz.county.coord");
    await act("zj.city.coord", session.id, { action: "schedule", startsAt: nextWeek() });
    const got = await gained("gz.county.coord", countyBefore);
    expect(got.map((n) => [n.kind, n.title])).toEqual([["telemedicine_scheduled", "远程医疗已安排"]]);
    expect((await deliveries(county, session.id)).map((d) => [d.event, d.payload.status])).toEqual([["telemedicine.scheduled", "scheduled"]]);

    // Scheduling twice is refused (409): the transaction, notification included, is rolled back.
    const cityBefore = await inbox("zj.city.coord");
    const again = await call("zj.city.coord", "POST", `/api/v1/telemedicine/${session.id}/actions`, { action: "schedule", startsAt: nextWeek() });
    expect(again.statusCode).toBe(409);
    expect(await gained("gz.county.coord", [...countyBefore, ...got])).toEqual([]);
    // A request the server refuses (the supporter is itself) notifies nobody.
    const refused = await call("gz.county.coord", "POST", "/api/v1/telemedicine", { kind: "teaching", supporterId: county, title: "x" });
    expect(refused.statusCode).toBe(400);
    expect(await gained("gz.county.coord", [...countyBefore, ...got])).toEqual([]);
    expect(await gained("zj.city.coord", cityBefore)).toEqual([]);

    // A cancellation by the supporter tells the requester.
    await act("zj.city.coord", session.id, { action: "cancel", reason: "专家临时出诊" });
    expect((await gained("gz.county.coord", [...countyBefore, ...got])).map((n) => n.kind)).toEqual(["telemedicine_cancelled"]);
    expect(await gained("zj.city.coord", cityBefore)).toEqual([]);
  });
});
