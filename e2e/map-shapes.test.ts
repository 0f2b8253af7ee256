import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { geoArea } from "d3-geo";
import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";

const GEO = resolve(import.meta.dirname, "../packages/web/dist/geo");
const read = (file: string) => JSON.parse(readFileSync(resolve(GEO, file), "utf8")) as FeatureCollection;

// The web build writes the shapes (npm test builds first); a wrongly wound ring makes d3 draw the
// whole globe minus the region, which is what these areas would show.
describe.skipIf(!existsSync(GEO))("map shapes built from the npm packages", () => {
  it("has every province, each a region of plausible size", () => {
    const china = read("china.json");
    expect(china.features.length).toBe(34);
    const total = china.features.reduce((sum, f) => sum + geoArea(f), 0);
    // China is about 9.6 million km², 0.24 steradians on the unit sphere.
    expect(total).toBeGreaterThan(0.2);
    expect(total).toBeLessThan(0.3);
    for (const f of china.features) expect(geoArea(f), String(f.id)).toBeLessThan(0.05);
  });

  it("has the counties of each province keyed by their six-digit codes", () => {
    const files = readdirSync(GEO).filter((f) => /^\d{2}\.json$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(31);
    const guizhou = read("52.json");
    expect(guizhou.features.length).toBe(88);
    expect(guizhou.features.map((f) => f.id)).toContain("522622");
    for (const file of files)
      for (const f of read(file).features) {
        expect(String(f.id)).toMatch(new RegExp(`^${file.slice(0, 2)}\\d{4}$`));
        expect(geoArea(f), String(f.id)).toBeLessThan(0.02);
      }
  });
});
