import { describe, expect, it } from "vitest";
import {
  classifyCheckIn,
  DEFAULT_ON_SITE_RADIUS_METERS,
  distanceMeters,
  type GeoPoint,
  MAX_USEFUL_ACCURACY_METERS,
  type SiteLocation,
} from "../src/assistance/location-evidence.ts";

/** A county hospital in Guizhou (黄平县) as its coordinator set it on the map. */
const site: SiteLocation = { latitude: 26.9056, longitude: 107.9167, approximate: false };
const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
/** A point `meters` due north of the site. */
const north = (meters: number): GeoPoint => ({ latitude: site.latitude + meters / METERS_PER_DEGREE, longitude: site.longitude });
const at = (meters: number, accuracyMeters: number) => ({ ...north(meters), accuracyMeters });

describe("distance", () => {
  it("measures great circles: Beijing to Shanghai ≈ 1,067 km, a metre north is a metre", () => {
    const beijing = { latitude: 39.9042, longitude: 116.4074 };
    const shanghai = { latitude: 31.2304, longitude: 121.4737 };
    expect(distanceMeters(beijing, shanghai) / 1000).toBeGreaterThan(1062);
    expect(distanceMeters(beijing, shanghai) / 1000).toBeLessThan(1072);
    expect(distanceMeters(site, north(1))).toBeCloseTo(1, 6);
    expect(distanceMeters(site, site)).toBe(0);
  });

  it("is short across the antimeridian and symmetric", () => {
    const east = { latitude: 0, longitude: 179.9999 };
    const west = { latitude: 0, longitude: -179.9999 };
    expect(distanceMeters(east, west)).toBeLessThan(23);
    expect(distanceMeters(east, west)).toBeCloseTo(distanceMeters(west, east), 9);
  });
});

describe("classifying a check-in", () => {
  it("counts the radius itself as on site, a metre beyond as away (default 1 km, accuracy 0)", () => {
    expect(classifyCheckIn(at(DEFAULT_ON_SITE_RADIUS_METERS, 0), site)).toEqual({ kind: "on_site", distanceMeters: 1000, siteApproximate: false });
    expect(classifyCheckIn(at(1001, 0), site)).toEqual({ kind: "away", distanceMeters: 1001, siteApproximate: false });
    expect(classifyCheckIn(at(0, 0), site).kind).toBe("on_site");
  });

  it("widens the radius by the reported accuracy", () => {
    expect(classifyCheckIn(at(1050, 50), site).kind).toBe("on_site");
    expect(classifyCheckIn(at(1051, 50), site).kind).toBe("away");
    expect(classifyCheckIn(at(5999, 4999), site).kind).toBe("on_site");
  });

  it("treats a position too vague to tell as no location at all", () => {
    expect(classifyCheckIn(at(10, MAX_USEFUL_ACCURACY_METERS), site).kind).toBe("on_site");
    expect(classifyCheckIn(at(10, MAX_USEFUL_ACCURACY_METERS + 1), site)).toEqual({ kind: "without_location", distanceMeters: null, siteApproximate: false });
    expect(classifyCheckIn(at(10, -1), site).kind).toBe("without_location");
    expect(classifyCheckIn(at(10, Number.NaN), site).kind).toBe("without_location");
  });

  it("has no location without a position, without a site, or with a position that is not a point", () => {
    expect(classifyCheckIn(null, site).kind).toBe("without_location");
    expect(classifyCheckIn(at(10, 10), null)).toEqual({ kind: "without_location", distanceMeters: null, siteApproximate: false });
    expect(classifyCheckIn({ latitude: 91, longitude: 107, accuracyMeters: 10 }, site).kind).toBe("without_location");
    expect(classifyCheckIn({ latitude: 26, longitude: 181, accuracyMeters: 10 }, site).kind).toBe("without_location");
    expect(classifyCheckIn({ latitude: Number.POSITIVE_INFINITY, longitude: 107, accuracyMeters: 10 }, site).kind).toBe("without_location");
  });

  it("takes the pack's radius", () => {
    expect(classifyCheckIn(at(300, 0), site, 300).kind).toBe("on_site");
    expect(classifyCheckIn(at(301, 0), site, 300).kind).toBe("away");
    expect(classifyCheckIn(at(2500, 0), site, 3000).kind).toBe("on_site");
  });

  it("says when the site is only a county centroid", () => {
    const centroid: SiteLocation = { ...site, approximate: true };
    expect(classifyCheckIn(at(500, 20), centroid)).toEqual({ kind: "on_site", distanceMeters: 500, siteApproximate: true });
    expect(classifyCheckIn(null, centroid)).toEqual({ kind: "without_location", distanceMeters: null, siteApproximate: true });
  });
});
