import { day, isWorkingDay } from "@medbridge/core";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreements, attendance, institutions, rulePacks, users } from "../src/db/schema.ts";
import { countyArea } from "../src/geo/county-areas.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/** Metres per degree of latitude on the mean-radius sphere core's haversine uses. */
const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const SITE = { latitude: 26.9, longitude: 107.9 };
const north = (meters: number, from = SITE, accuracyMeters = 20) => ({
  latitude: from.latitude + meters / METERS_PER_DEGREE,
  longitude: from.longitude,
  accuracyMeters,
});

/**
 * Issue 16 item 1, the rest: the on-site radius is the agreement's pack's, an institution without
 * a point is judged against its county (centroid, shape), and the nominal-stationing rule counts
 * the days the pack says.
 */
describe.each(BACKENDS)("location evidence: pack radius, county default, nominal rule on %s", (backend) => {
  let ctx: TestContext;
  let recipientId: string;
  let regionCode: string;
  let agreementId: string;
  let originalPack: string;
  /** A stationed working day of the demo doctor, made reviewable again so it can be checked in anew. */
  let workDay: string;
  let weekendDay: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
  });
  afterAll(() => ctx.close());

  const cookie = (who: string) => ctx.login(who);
  const get = async (who: string, url: string) => ctx.app.inject({ url, headers: { cookie: await cookie(who) } });
  const send = async (who: string, method: "PUT" | "POST", url: string, payload: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await cookie(who) }, payload });
  const checkIn = async (date: string, position?: object) => {
    const response = await send("zj.stationed.doctor", "POST", "/api/v1/attendance", { date, activities: ["clinic"], ...(position && { position }) });
    expect(response.statusCode, response.body).toBe(201);
    return json(response);
  };
  const usePack = (packId: string) => ctx.database.db.update(agreements).set({ packId }).where(eq(agreements.id, agreementId));
  const nominalRule = async () => {
    const year = workDay.slice(0, 4);
    const response = await get("gz.official", `/api/v1/agreements/${agreementId}/compliance?year=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    return json(response).rules.find((r: { id: string }) => r.id === "nominal_days");
  };

  it("finds the demo doctor's recipient and a working day to check in again", async () => {
    const own = json(await get("zj.stationed.doctor", "/api/v1/attendance/mine"));
    const stationed = own.days.filter((d: { stationed: boolean }) => d.stationed).map((d: { date: string }) => d.date) as string[];
    workDay = stationed.find((d) => isWorkingDay(day(d)) && d !== own.today) as string;
    weekendDay = stationed.find((d) => !isWorkingDay(day(d))) as string;
    expect(workDay && weekendDay).toBeTruthy();
    const [doctor] = await ctx.database.db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.username, "zj.stationed.doctor"));
    const [row] = await ctx.database.db
      .select({ id: attendance.id, agreementId: attendance.agreementId })
      .from(attendance)
      .where(and(eq(attendance.date, workDay), eq(attendance.practitionerId, doctor?.practitionerId as string)));
    // The demo confirmed every working day; this one goes back to "submitted", as if not reviewed yet.
    await ctx.database.db
      .update(attendance)
      .set({ status: "submitted" })
      .where(eq(attendance.id, row?.id as string));
    agreementId = row?.agreementId as string;
    const [agreement] = await ctx.database.db
      .select({ recipientId: agreements.recipientId, packId: agreements.packId })
      .from(agreements)
      .where(eq(agreements.id, agreementId));
    recipientId = agreement?.recipientId as string;
    originalPack = agreement?.packId as string;
    const [inst] = await ctx.database.db.select({ regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, recipientId));
    regionCode = inst?.regionCode as string;
  });

  it("an institution without a point is at its county's centroid, approximate; on site means inside the county", async () => {
    const area = await countyArea(regionCode);
    expect(area, `map data for ${regionCode}`).not.toBeNull();
    const centroid = { latitude: area?.latitude as number, longitude: area?.longitude as number };
    const read = json(await get("gz.county.coord", `/api/v1/institutions/${recipientId}`));
    expect(read).toMatchObject({ latitude: null, longitude: null, locationApproximate: false });
    expect(read.location).toEqual({ ...centroid, approximate: true, source: "county_centroid" });
    // Any signed-in reader of the institution sees the same (the supporter's coordinator too).
    expect(json(await get("zj.city.coord", `/api/v1/institutions/${recipientId}`)).location).toEqual(read.location);

    const atCentroid = await checkIn(weekendDay, { ...centroid, accuracyMeters: 30 });
    expect(atCentroid).toMatchObject({ locationClass: "on_site", siteApproximate: true });
    expect(atCentroid.distanceMeters).toBeLessThanOrEqual(1);

    // A point inside the county but well beyond 1 km (plus accuracy) of the centroid: on site, by the shape.
    let inside: { latitude: number; longitude: number } | undefined;
    for (let km = 12; km >= 4 && !inside; km -= 2) {
      for (let k = 0; k < 16 && !inside; k++) {
        const angle = (k * Math.PI) / 8;
        const p = {
          latitude: centroid.latitude + (km * 1000 * Math.sin(angle)) / METERS_PER_DEGREE,
          longitude: centroid.longitude + (km * 1000 * Math.cos(angle)) / (METERS_PER_DEGREE * Math.cos((centroid.latitude * Math.PI) / 180)),
        };
        if (area?.contains(p)) inside = p;
      }
    }
    expect(inside, "a point of the county 4–12 km from its centroid").toBeDefined();
    const far = await checkIn(weekendDay, { ...inside, accuracyMeters: 20 });
    expect(far).toMatchObject({ locationClass: "on_site", siteApproximate: true });
    expect(far.distanceMeters).toBeGreaterThan(3000);

    // Two degrees north is another county (another province's edge, even): away.
    const outside = { latitude: centroid.latitude + 2, longitude: centroid.longitude };
    expect(area?.contains(outside)).toBe(false);
    const away = await checkIn(weekendDay, { ...outside, accuracyMeters: 20 });
    expect(away).toMatchObject({ locationClass: "away", siteApproximate: true });
    expect(Math.abs(away.distanceMeters - 2 * METERS_PER_DEGREE)).toBeLessThan(50);
  });

  it("a set point replaces the centroid: no longer approximate, the radius applies again", async () => {
    expect((await send("gz.county.coord", "PUT", `/api/v1/institutions/${recipientId}/location`, SITE)).statusCode).toBe(200);
    const read = json(await get("gz.county.coord", `/api/v1/institutions/${recipientId}`));
    expect(read.location).toEqual({ ...SITE, approximate: false, source: "set" });
    const near = await checkIn(weekendDay, north(900));
    expect(near).toMatchObject({ locationClass: "on_site", siteApproximate: false });
  });

  it("copies a pack with location parameters; bad ones are refused naming the field, nothing stored", async () => {
    const copy = (id: string, parameters: object, who = "gz.official") =>
      send(who, "POST", "/api/v1/rule-packs", { id, basedOn: originalPack, name: { zh: `副本 ${id}`, en: `Copy ${id}` }, regionCode: "520000", parameters });
    for (const [parameters, path, code] of [
      [{ nominal_days: { onSiteRadiusMeters: 50 } }, "parameters.nominal_days.onSiteRadiusMeters", "too_small"],
      [{ nominal_days: { onSiteRadiusMeters: 20_001 } }, "parameters.nominal_days.onSiteRadiusMeters", "too_large"],
      [{ nominal_days: { onSiteRadiusMeters: 1500.5 } }, "parameters.nominal_days.onSiteRadiusMeters", "type"],
      [{ nominal_days: { countAway: "no" } }, "parameters.nominal_days.countAway", "type"],
      [{ nominal_days: { countAway: 1 } }, "parameters.nominal_days.countAway", "type"],
      [{ nominal_days: { radius: 2000 } }, "parameters.nominal_days.radius", "not_allowed"],
    ] as const) {
      const refused = await copy("gz_bad_location_pack", parameters);
      expect(refused.statusCode, JSON.stringify(parameters)).toBe(400);
      expect(json(refused).errors).toEqual([expect.objectContaining({ path, code })]);
    }
    const packs = json(await get("gz.official", "/api/v1/rule-packs")).items as { id: string }[];
    expect(packs.some((p) => p.id === "gz_bad_location_pack")).toBe(false);
    // Another province's coordinator may not make packs for Guizhou.
    expect((await copy("gz_not_yours", { nominal_days: { onSiteRadiusMeters: 2000 } }, "zj.city.coord")).statusCode).toBe(403);

    const wide = await copy("gz_radius_2km", { nominal_days: { onSiteRadiusMeters: 2000 } });
    expect(wide.statusCode, wide.body).toBe(201);
    expect(json(wide).rules).toContainEqual({ id: "nominal_days", maxShare: 0.1, onSiteRadiusMeters: 2000 });
    const lenient = await copy("gz_away_not_counted", { nominal_days: { countAway: false, countWithoutLocation: false } });
    expect(lenient.statusCode, lenient.body).toBe(201);
    expect(json(lenient).rules).toContainEqual({ id: "nominal_days", maxShare: 0.1, countAway: false, countWithoutLocation: false });
  });

  it("classifies with the radius of the agreement's pack: 1.5 km is on site under 2 km, away under the default 1 km", async () => {
    await usePack("gz_radius_2km");
    expect(await checkIn(weekendDay, north(1500))).toMatchObject({ locationClass: "on_site" });
    // The boundary: 2,000 m plus 20 m accuracy is on site, a little more is away.
    expect(await checkIn(weekendDay, north(2019))).toMatchObject({ locationClass: "on_site" });
    expect(await checkIn(weekendDay, north(2025))).toMatchObject({ locationClass: "away" });
    await usePack(originalPack);
    const away = await checkIn(weekendDay, north(1500));
    expect(away).toMatchObject({ locationClass: "away", siteApproximate: false });
    expect(Math.abs(away.distanceMeters - 1500)).toBeLessThanOrEqual(1);
  });

  it("the nominal rule counts an away working day, and not when the pack says so; a stored old pack still works", async () => {
    await checkIn(workDay, north(100));
    const before = await nominalRule();
    expect(before).toMatchObject({ awayDays: 0, countAway: true, countWithoutLocation: false });

    await checkIn(workDay, north(5000));
    const counted = await nominalRule();
    expect(counted).toMatchObject({ awayDays: 1, withoutLocationDays: 0, nominalDays: before.nominalDays + 1 });
    expect(counted.message).toContain("1 天打卡不在岗（计入）");
    expect(counted.messageEn).toContain("1 checked in away (counted)");
    const person = (counted.persons as { first: string; away: number }[]).find((p) => p.away === 1);
    expect(person).toBeDefined();

    await usePack("gz_away_not_counted");
    const lenient = await nominalRule();
    expect(lenient).toMatchObject({ awayDays: 1, nominalDays: before.nominalDays, countAway: false });
    expect(lenient.message).toContain("按规则包不计入");

    // Without location: not counted by default, reported all the same.
    await usePack(originalPack);
    await checkIn(workDay);
    expect(await nominalRule()).toMatchObject({ awayDays: 0, withoutLocationDays: 1, nominalDays: before.nominalDays });

    // A copy stored before the location parameters (nominal_days with maxShare only) means the defaults.
    await ctx.database.db.insert(rulePacks).values({
      id: "gz_stored_before_location",
      name: { zh: "旧副本", en: "Old copy" },
      basedOn: "city_tertiary_to_county",
      rules: [
        { id: "min_staff", min: 5 },
        { id: "nominal_days", maxShare: 0.1 },
      ],
      regionCode: "520000",
    });
    await usePack("gz_stored_before_location");
    expect(await checkIn(workDay, north(1500))).toMatchObject({ locationClass: "away" });
    expect(await nominalRule()).toMatchObject({ awayDays: 1, countAway: true, countWithoutLocation: false, nominalDays: before.nominalDays + 1 });
    await usePack(originalPack);
  });
});
