/**
 * Issue 17's roster figures: HiGHS (WebAssembly, in the solver thread) planning a year.
 *   supporter: one supporting hospital, 10 agreements, 80 candidates — optimal (gap ≤ 0.1%) in ≤ 5 s;
 *   province:  328 agreements over 60 supporters, each supporter planned in turn — ≤ 60 s.
 * The province is planned two supporters at a time (two solver threads, one per core).
 * Inputs are generated (deterministic PRNG) in the shapes the server loads: packs in the mix a
 * province has (most city_tertiary_to_county, some group_county and county_to_township), staff with
 * roles, titles, departments, one unavailability period for one in five, some stays from last year
 * running into this one and some stays already planned. Times are the planner's whole path: build
 * the model, solve, decode, and the compliance engine's check of every agreement.
 *
 *   npx tsx bench/plan-roster.ts [supporter|province]
 */
import {
  buildRosterModel,
  builtInPack,
  DEFAULT_DEPARTMENT_MAX_AWAY_SHARE,
  type DispatchRole,
  day,
  type ExistingDispatch,
  type PlanAgreement,
  type PlanCandidate,
  type RosterPlan,
  type Title,
} from "@medbridge/core";
import { makeRandom, type Random } from "../packages/server/src/seed/random.ts";
import { solveByPricing } from "../packages/server/src/solver/priced-solve.ts";
import { setSolverThreads, solverHeapPeakBytes, stopSolver } from "../packages/server/src/solver/solve.ts";

const YEAR = 2027;
const DEPARTMENTS = ["心内科", "普外科", "骨科", "妇产科", "儿科", "麻醉科", "急诊科", "医务处"];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function supporterInput(random: Random, prefix: string, agreementCount: number, candidateCount: number) {
  const agreements: PlanAgreement[] = Array.from({ length: agreementCount }, (_, i) => {
    const r = random.next();
    const packId = r < 0.7 ? "city_tertiary_to_county" : r < 0.85 ? "group_county" : "county_to_township";
    return {
      id: `${prefix}A${i}`,
      code: `${prefix}A${i}`,
      pack: builtInPack(packId) as NonNullable<ReturnType<typeof builtInPack>>,
      start: day("2026-01-01"),
      end: day("2028-12-31"),
      specialties: [random.pick(DEPARTMENTS)],
    };
  });
  const roleMix: [DispatchRole[], Title][] = [
    [["management"], "associate_chief"],
    [["discipline_leader"], "chief"],
    [["discipline_leader", "clinical"], "associate_chief"],
    [["clinical"], "attending"],
    [["clinical"], "associate_chief"],
    [["clinical"], "attending"],
    [["clinical"], "resident"],
    [["nursing"], "attending"],
    [["technician"], "attending"],
    [["clinical"], "attending"],
  ];
  const candidates: PlanCandidate[] = Array.from({ length: candidateCount }, (_, i) => {
    const [roles, title] = roleMix[i % roleMix.length] as [DispatchRole[], Title];
    // Managers sent are department heads as often as administrators: spread over the departments.
    const department = DEPARTMENTS[(i * 3 + Math.floor(i / DEPARTMENTS.length)) % DEPARTMENTS.length] as string;
    const unavailable = [];
    if (random.next() < 0.2) {
      const start = day(`${YEAR}-${String(random.int(1, 10)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`);
      unavailable.push({ start, end: start + random.int(20, 80) });
    }
    return { person: `${prefix}P${i}`, roles, title, specialty: department, department, unavailable, earliestStart: null };
  });
  // Some stays from last year run into this one (facts); some of this year's are already planned.
  const existing: ExistingDispatch[] = [];
  agreements.forEach((a, i) => {
    const c = candidates[(i * 7) % candidates.length] as PlanCandidate;
    // Last year's stay of the pack's length, ending in March (a fact: it is under way).
    const twelve = a.pack.id === "group_county";
    existing.push({
      id: `${prefix}F${i}`,
      agreement: a.id,
      person: c.person,
      role: c.roles[0] as DispatchRole,
      title: c.title,
      start: day(twelve ? `${YEAR - 1}-04-01` : `${YEAR - 1}-10-01`),
      end: day(`${YEAR}-03-31`),
      batch: null,
      replaceable: false,
    });
    if (i % 3 === 0) {
      const p = candidates[(i * 7 + 3) % candidates.length] as PlanCandidate;
      existing.push({
        id: `${prefix}R${i}`,
        agreement: a.id,
        person: p.person,
        role: p.roles[0] as DispatchRole,
        title: p.title,
        start: day(`${YEAR}-04-01`),
        end: day(`${YEAR}-09-30`),
        batch: null,
        replaceable: true,
      });
    }
  });
  return { year: YEAR, agreements, candidates, existing, departmentMaxAwayShare: DEFAULT_DEPARTMENT_MAX_AWAY_SHARE };
}

async function planOne(input: ReturnType<typeof supporterInput>, timeLimitSeconds: number): Promise<{ plan: RosterPlan; buildMs: number; totalMs: number }> {
  const started = performance.now();
  const { model, initialColumns, decode } = buildRosterModel(input);
  const buildMs = performance.now() - started;
  const plan = decode(await solveByPricing(model, initialColumns, { timeLimitSeconds, relativeGap: 0.001 }));
  return { plan, buildMs, totalMs: performance.now() - started };
}

async function supporterCase() {
  const runs = [];
  for (let run = 0; run < 5; run++) {
    const input = supporterInput(makeRandom(17 + run), "", 10, 80);
    const r = await planOne(input, 30);
    runs.push(r);
    const s = r.plan.solver;
    console.log(
      `run ${run + 1}: ${s.columns} columns, ${s.rows} rows; build ${r.buildMs.toFixed(0)} ms, solve ${(s.seconds * 1000).toFixed(0)} ms, total ${r.totalMs.toFixed(0)} ms; ${s.status}, gap ${((s.gap ?? 0) * 100).toFixed(3)}%, feasible ${r.plan.feasible}, ${r.plan.dispatches.length} new, ${r.plan.kept.length} kept, ${r.plan.dropped.length} dropped, breaks ${r.plan.breaks.length}`,
    );
  }
  console.log(
    `supporter (10 agreements, 80 candidates): median total ${median(runs.map((r) => r.totalMs)).toFixed(0)} ms, worst ${Math.max(...runs.map((r) => r.totalMs)).toFixed(0)} ms, worst gap ${(Math.max(...runs.map((r) => r.plan.solver.gap ?? 1)) * 100).toFixed(3)}%`,
  );
}

/**
 * A province is planned supporter by supporter (their staff are disjoint), two at a time on the two
 * solver threads of a two-core machine (a server keeps one thread; a batch may take both).
 */
async function provinceCase() {
  await setSolverThreads(2);
  const random = makeRandom(328);
  // 328 agreements over 60 supporters: 28 supporters with 6, 32 with 5 (28 × 6 + 32 × 5 = 328).
  const inputs = Array.from({ length: 60 }, (_, s) => supporterInput(random, `S${s}-`, s < 28 ? 6 : 5, random.int(45, 80)));
  const started = performance.now();
  const results: Awaited<ReturnType<typeof planOne>>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++] as ReturnType<typeof supporterInput>;
      results.push(await planOne(input, 30));
      process.stderr.write(`\r${results.length}/60 supporters, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all([worker(), worker()]);
  process.stderr.write("\n");
  const agreements = inputs.reduce((sum, i) => sum + i.agreements.length, 0);
  console.log(
    `province (${agreements} agreements, 60 supporters, 2 solver threads): ${((performance.now() - started) / 1000).toFixed(1)} s in all; slowest supporter ${Math.max(...results.map((r) => r.totalMs)).toFixed(0)} ms; median ${median(results.map((r) => r.totalMs)).toFixed(0)} ms; worst gap ${(Math.max(...results.map((r) => r.plan.solver.gap ?? 1)) * 100).toFixed(3)}%; ${results.filter((r) => !r.plan.feasible).length} supporters without a rule-abiding plan`,
  );
}

const which = process.argv[2] ?? "both";
if (which === "supporter" || which === "both") await supporterCase();
if (which === "province" || which === "both") await provinceCase();
console.log(`WASM heap peak ${(solverHeapPeakBytes() / 1024 / 1024).toFixed(0)} MiB`);
await stopSolver();
