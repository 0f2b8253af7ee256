/**
 * Location evidence of a stationed person's check-in (issue 16): how far the device said it was
 * from the recipient institution, and what that makes the day — on site, away, or without a
 * location. Pure: the server records the result; positions themselves are kept 30 days at most
 * (`POSITION_RETENTION_DAYS`), the classification and distance for as long as the check-in.
 */

/** A point on the WGS-84 ellipsoid as browsers' Geolocation API gives it (degrees). */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Where an institution is: set by its coordinator on a map, or the county's centroid (approximate). */
export interface SiteLocation extends GeoPoint {
  /** The county's centroid from the map data, not a place someone set: "on site" then means "in the area". */
  approximate: boolean;
}

/** What the device reported at check-in: a position with its accuracy radius (metres, 95 %), or nothing. */
export type ReportedPosition = (GeoPoint & { accuracyMeters: number }) | null;

export const LOCATION_CLASSES = ["on_site", "away", "without_location"] as const;
export type LocationClass = (typeof LOCATION_CLASSES)[number];

export interface LocationEvidence {
  kind: LocationClass;
  /** Metres from the site, rounded to the metre; null without a position (or without a site). */
  distanceMeters: number | null;
  /** Judged against a county centroid rather than the institution's own point. */
  siteApproximate: boolean;
}

/** The default on-site radius (a rule pack parameter may set another): 1 km, plus the reported accuracy. */
export const DEFAULT_ON_SITE_RADIUS_METERS = 1000;
/** A reported accuracy worse than this says nothing about where the device is: the day has no location. */
export const MAX_USEFUL_ACCURACY_METERS = 5000;
/** Positions are deleted after this many days; the classification and distance stay. */
export const POSITION_RETENTION_DAYS = 30;

/** Mean Earth radius (IUGG), metres: the haversine distance is within 0.5 % of the ellipsoid's. */
const EARTH_RADIUS_METERS = 6_371_008.8;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two points, in metres (haversine). */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a point is a real position: latitude in [-90, 90], longitude in [-180, 180], finite. */
export function isGeoPoint(point: GeoPoint): boolean {
  return Number.isFinite(point.latitude) && Number.isFinite(point.longitude) && Math.abs(point.latitude) <= 90 && Math.abs(point.longitude) <= 180;
}

/** Whether a point lies in an area (a county's shape on the map); the server supplies it. */
export type AreaTest = (point: GeoPoint) => boolean;

/**
 * Classifies one check-in. On site: within `radiusMeters` plus the reported accuracy of the site
 * (the boundary itself counts as on site: the device cannot tell it apart). Without location: no
 * position, no usable one (accuracy worse than MAX_USEFUL_ACCURACY_METERS, or not a point), or an
 * institution whose location is unknown.
 *
 * An approximate site (the county's centroid, no point was set) says only which county the
 * institution is in, so with `area` (the county's shape) "on site" means "inside the county":
 * a radius around a centroid would call a doctor at the right hospital away just because the
 * hospital is not at the county's middle. The distance is still to the centroid.
 */
export function classifyCheckIn(
  position: ReportedPosition,
  site: SiteLocation | null,
  radiusMeters: number = DEFAULT_ON_SITE_RADIUS_METERS,
  area: AreaTest | null = null,
): LocationEvidence {
  const siteApproximate = site?.approximate ?? false;
  if (!position || !site || !isGeoPoint(position) || !isGeoPoint(site)) return { kind: "without_location", distanceMeters: null, siteApproximate };
  if (!Number.isFinite(position.accuracyMeters) || position.accuracyMeters < 0 || position.accuracyMeters > MAX_USEFUL_ACCURACY_METERS) {
    return { kind: "without_location", distanceMeters: null, siteApproximate };
  }
  const distance = Math.round(distanceMeters(position, site));
  const inside =
    siteApproximate && area ? area({ latitude: position.latitude, longitude: position.longitude }) : distance <= radiusMeters + position.accuracyMeters;
  return { kind: inside ? "on_site" : "away", distanceMeters: distance, siteApproximate };
}
