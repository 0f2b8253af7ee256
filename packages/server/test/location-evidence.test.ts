import { formatDay, isWorkingDay, POSITION_RETENTION_DAYS } from "@medbridge/core";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetPositions } from "../src/assistance/attendance.ts";
import { todayInChina } from "../src/clock.ts";
import { agreements, attendance, auditLog } from "../src/db/schema.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/** Metres per degree of latitude on the mean-radius sphere core's haversine uses. */
const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const SITE = { latitude: 26.9, longitude: 107.9 };
const north = (meters: number, accuracyMeters = 20) => ({ latitude: SITE.latitude + meters / METERS_PER_DEGREE, longitude: SITE.longitude, accuracyMeters });

/** Issue 16 item 1: institutions get a location; a check-in's position becomes its class and distance, kept; the position itself goes. */
describe.each(BACKENDS)("location evidence at check-in on %s", (backend) => {
  let ctx: TestContext;
  let recipientId: string;
  let freeDate: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
  });
  afterAll(() => ctx.close());

  const send = async (who: string, method: "PUT" | "POST", url: string, payload: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, payload });
  const checkIn = (date: string, position?: object) =>
    send("zj.stationed.doctor", "POST", "/api/v1/attendance", { date, activities: ["clinic"], ...(position && { position }) });

  it("finds the stationed doctor's recipient (a check-in without a position is without location)", async () => {
    const own = json(await ctx.app.inject({ url: "/api/v1/attendance/mine", headers: { cookie: await ctx.login("zj.stationed.doctor") } }));
    const free = own.days.find((d: { stationed: boolean; status: string }) => d.stationed && d.status === "none");
    expect(free, "a stationed day without a check-in").toBeDefined();
    freeDate = free.date;
    const saved = await checkIn(freeDate);
    expect(saved.statusCode).toBe(201);
    // Before the recipient has a location, even a position says nothing.
    expect(json(saved)).toMatchObject({ locationClass: "without_location", distanceMeters: null });
    const [agreement] = await ctx.database.db
      .select({ recipientId: agreements.recipientId })
      .from(agreements)
      .where(eq(agreements.id, json(saved).agreementId));
    recipientId = agreement?.recipientId as string;
    const me = json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login("gz.county.coord") } }));
    expect(me.institutionId).toBe(recipientId);
  });

  it("lets the recipient's coordinator set its location, nobody outside it; ranges are checked", async () => {
    const url = `/api/v1/institutions/${recipientId}/location`;
    expect((await send("zj.city.coord", "PUT", url, SITE)).statusCode).toBe(403);
    expect((await send("gz.township.doctor", "PUT", url, SITE)).statusCode).toBe(403);
    const bad = await send("gz.county.coord", "PUT", url, { latitude: 91, longitude: 107.9 });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(["latitude"]);
    expect(json(bad).errors[0].code).toEqual(expect.any(String));
    const badLng = await send("gz.county.coord", "PUT", url, { latitude: 26.9, longitude: -181 });
    expect(badLng.statusCode).toBe(400);
    expect(json(badLng).errors.map((e: { path: string }) => e.path)).toEqual(["longitude"]);
    // Nothing changed by the refusals.
    const untouched = json(await ctx.app.inject({ url: `/api/v1/institutions/${recipientId}`, headers: { cookie: await ctx.login("gz.county.coord") } }));
    expect(untouched).toMatchObject({ latitude: null, longitude: null, locationApproximate: false });

    const set = await send("gz.county.coord", "PUT", url, SITE);
    expect(set.statusCode).toBe(200);
    expect(json(set)).toEqual({ ...SITE, locationApproximate: false });
    const read = json(await ctx.app.inject({ url: `/api/v1/institutions/${recipientId}`, headers: { cookie: await ctx.login("gz.county.coord") } }));
    expect(read).toMatchObject({ ...SITE, locationApproximate: false });
    const [entry] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "institution"), eq(auditLog.entityId, recipientId), eq(auditLog.action, "update")));
    expect(entry?.after).toEqual({ ...SITE, locationApproximate: false });
    expect(entry?.before).toEqual({ latitude: null, longitude: null, locationApproximate: false });
  });

  it("classifies check-ins: 500 m on site, 1,500 m away, no position without location", async () => {
    const near = await checkIn(freeDate, north(500));
    expect(near.statusCode).toBe(201);
    expect(json(near).locationClass).toBe("on_site");
    expect(Math.abs(json(near).distanceMeters - 500)).toBeLessThanOrEqual(1);
    expect(json(near)).not.toHaveProperty("position");
    expect(JSON.stringify(json(near))).not.toContain(String(north(500).latitude));

    const far = await checkIn(freeDate, north(1500));
    expect(far.statusCode).toBe(201);
    expect(json(far).locationClass).toBe("away");
    expect(Math.abs(json(far).distanceMeters - 1500)).toBeLessThanOrEqual(1);

    const none = await checkIn(freeDate);
    expect(json(none)).toMatchObject({ locationClass: "without_location", distanceMeters: null });
    const [row] = await ctx.database.db
      .select()
      .from(attendance)
      .where(eq(attendance.id, json(none).id));
    expect(row).toMatchObject({ positionLatitude: null, positionLongitude: null, positionAccuracy: null, locationClass: "without_location" });

    const bad = await checkIn(freeDate, { latitude: 26.9, longitude: 200, accuracyMeters: 10 });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(["position.longitude"]);
  });

  it("keeps the position out of the audit trail (class and distance only)", async () => {
    const saved = await checkIn(freeDate, north(500));
    const entries = await ctx.database.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "attendance"), eq(auditLog.entityId, json(saved).id)));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const text = JSON.stringify(entries);
    for (const word of ["position", "latitude", "longitude", "accuracy", String(north(500).latitude), String(north(1500).latitude)]) {
      expect(text).not.toContain(word);
    }
    const last = entries.at(-1)?.after as Record<string, unknown>;
    expect(last).toMatchObject({ locationClass: "on_site", date: freeDate, activities: ["clinic"] });
    expect(Math.abs((last.distanceMeters as number) - 500)).toBeLessThanOrEqual(1);
  });

  it("forgets positions older than 30 days, keeps class and distance, keeps newer positions", async () => {
    const today = todayInChina();
    // A day off (no demo check-in) 40-ish days ago, inside the stationing.
    let oldDay = today - (POSITION_RETENTION_DAYS + 5);
    while (isWorkingDay(oldDay)) oldDay -= 1;
    const old = await checkIn(formatDay(oldDay), north(1500));
    expect(old.statusCode).toBe(201);
    // The day just inside the window keeps its position: it is not "more than 30 days" old.
    let edgeDay = today - POSITION_RETENTION_DAYS;
    while (isWorkingDay(edgeDay)) edgeDay += 1;
    const edge = await checkIn(formatDay(edgeDay), north(500));
    expect(edge.statusCode).toBe(201);
    const recent = await checkIn(freeDate, north(500));
    expect(recent.statusCode).toBe(201);

    expect(await forgetPositions(ctx.database.db, new Date())).toBe(1);
    const rows = await ctx.database.db
      .select()
      .from(attendance)
      .where(inArray(attendance.id, [json(old).id, json(edge).id, json(recent).id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(json(old).id)).toMatchObject({ positionLatitude: null, positionLongitude: null, positionAccuracy: null, locationClass: "away" });
    expect(Math.abs((byId.get(json(old).id)?.distanceMeters as number) - 1500)).toBeLessThanOrEqual(1);
    for (const kept of [edge, recent]) {
      expect(byId.get(json(kept).id)).toMatchObject({ positionLatitude: north(500).latitude, positionAccuracy: 20, locationClass: "on_site" });
    }
    // A second run finds nothing left to forget.
    expect(await forgetPositions(ctx.database.db, new Date())).toBe(0);
    // Ten days on, the edge day's position goes too; the recent one stays.
    const later = new Date(Date.now() + 10 * 86_400_000);
    expect(await forgetPositions(ctx.database.db, later)).toBe(1);
    const [edgeRow] = await ctx.database.db
      .select()
      .from(attendance)
      .where(eq(attendance.id, json(edge).id));
    expect(edgeRow).toMatchObject({ positionLatitude: null, locationClass: "on_site" });
  });

  it("answers the institution's location in its read (null when unset)", async () => {
    const list = json(await ctx.app.inject({ url: "/api/v1/institutions?pageSize=100", headers: { cookie: await ctx.login("gz.official") } }));
    expect(list.items.length).toBeGreaterThan(1);
    for (const item of list.items) {
      expect(item).toMatchObject(
        item.id === recipientId ? { ...SITE, locationApproximate: false } : { latitude: null, longitude: null, locationApproximate: false },
      );
    }
  });
});
