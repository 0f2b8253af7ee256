/**
 * The compliance engine alone, on one core: 2,000 agreements × 60,000 dispatches × one year.
 * Target ≤ 1 s. `npx tsx bench/compliance-engine.ts`
 */
import { builtInPack, evaluateCompliance, formatDay, parseRoster, type RulePack, yearStart } from "@medbridge/core";
import { makeRandom } from "../packages/server/src/seed/random.ts";

const AGREEMENTS = 2_000;
const DISPATCHES = 60_000;
const random = makeRandom(42);
const roles = ["management", "clinical", "discipline_leader", "nursing", "technician"];
const titles = ["resident", "attending", "associate_chief", "chief"];
const base = yearStart(2025);

const rosters = Array.from({ length: AGREEMENTS }, (_, a) => {
  const dispatches = Array.from({ length: DISPATCHES / AGREEMENTS }, (_, k) => {
    const start = base - 90 + random.int(0, 400);
    return {
      person: `P-${a}-${k % 12}`,
      role: random.pick(roles),
      title: random.pick(titles),
      start: formatDay(start),
      end: formatDay(start + random.int(30, 240)),
    };
  });
  return parseRoster({ agreement: { id: `A-${a}`, pack: "city_tertiary_to_county", start: "2024-01-01", end: "2027-12-31" }, dispatches });
});
const pack = builtInPack("city_tertiary_to_county") as RulePack;

const runs: number[] = [];
let statuses = { pass: 0, fail: 0, at_risk: 0 };
for (let r = 0; r < 7; r++) {
  statuses = { pass: 0, fail: 0, at_risk: 0 };
  const t0 = performance.now();
  for (const roster of rosters) statuses[evaluateCompliance({ roster, pack, year: 2025 }).status]++;
  runs.push(performance.now() - t0);
}
runs.sort((a, b) => a - b);
console.log(
  JSON.stringify({ agreements: AGREEMENTS, dispatches: DISPATCHES, medianMs: Math.round(runs[3] as number), minMs: Math.round(runs[0] as number), statuses }),
);
