import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

/**
 * Features are peers on a shared floor (clock, jobs, crypto, patients, tabular, access, audit, auth,
 * db, http, pdf): none imports another, so each can change without moving the others. Monitoring
 * reads the other features, to count what they record; the FHIR door (fhir/) speaks for them all
 * in FHIR's terms, calling their functions. No feature imports either.
 */
const FEATURES = ["registry", "admin", "assistance", "referral", "outreach", "hypertension", "monitoring", "fhir"] as const;
const MAY_READ_OTHER_FEATURES = new Set(["monitoring", "fhir"]);
const src = resolve(import.meta.dirname, "../src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : /\.(ts|mjs)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

it("keeps features from importing one another (monitoring reads them all)", () => {
  const crossings: string[] = [];
  for (const feature of FEATURES) {
    if (MAY_READ_OTHER_FEATURES.has(feature)) continue;
    for (const file of filesUnder(join(src, feature))) {
      for (const [, target] of readFileSync(file, "utf8").matchAll(/from "\.\.\/([a-z-]+)\//g)) {
        if (target !== feature && (FEATURES as readonly string[]).includes(target as string)) crossings.push(`${file.slice(src.length + 1)} → ${target}`);
      }
    }
  }
  expect(crossings).toEqual([]);
});

it("keeps the floor from importing a feature", () => {
  const floor = filesUnder(src).filter((file) => !FEATURES.some((f) => file.startsWith(join(src, f))) && !/\/(cli|seed)\//.test(file));
  expect(floor.length).toBeGreaterThan(20);
  const crossings = floor.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/from "\.\.?\/([a-z-]+)\//g)]
      .map((m) => m[1] as string)
      .filter((target) => (FEATURES as readonly string[]).includes(target) && !file.endsWith("app.ts"))
      .map((target) => `${file.slice(src.length + 1)} → ${target}`),
  );
  expect(crossings).toEqual([]);
});
