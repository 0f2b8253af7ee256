import {
  DEFAULT_DEPARTMENT_MAX_AWAY_SHARE,
  DISPATCH_ROLE_ZH,
  type FieldError,
  formatDay,
  invalid,
  type PairingPlan,
  REGION_CODE_PATTERN,
  type RosterPlan,
  TITLE_ZH,
} from "@medbridge/core";
import type { Command } from "commander";
import type { Db } from "../db/connection.ts";

/**
 * `medbridge plan roster|pairing`: the planners of issue 17 from a terminal, on the configured
 * database. Nothing is stored (a run belongs to a signed-in user; the CLI has none) and nothing is
 * applied: the plan is printed, as JSON (the plan object the API keeps as a run's result) or as a
 * table. People are named by id, title and department only: a name is personal data, printed
 * only when asked with --names (read now, as the API reads them, never kept in the plan).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NATION = "000000";
const FORMATS = ["table", "json"];

interface RosterOptions {
  supporter: string;
  year: string;
  timeLimit?: string;
  departmentShare?: string;
  format: string;
  names?: boolean;
}

interface PairingOptions {
  region: string;
  year?: string;
  replaceExisting?: boolean;
  timeLimit?: string;
  format: string;
}

function yearError(raw: string): FieldError | null {
  if (!/^\d{4}$/.test(raw)) return { path: "--year", code: "format", params: { format: "year" }, message: `"${raw}" is not a year` };
  const year = Number(raw);
  if (year < 2000) return { path: "--year", code: "too_small", params: { limit: 2000 }, message: "must be 2000..2100" };
  if (year > 2100) return { path: "--year", code: "too_large", params: { limit: 2100 }, message: "must be 2000..2100" };
  return null;
}

function timeLimitError(raw: string | undefined): FieldError | null {
  if (raw === undefined) return null;
  if (!/^\d+$/.test(raw)) return { path: "--time-limit", code: "type", params: { type: "integer" }, message: `"${raw}" is not a whole number of seconds` };
  const n = Number(raw);
  if (n < 1) return { path: "--time-limit", code: "too_small", params: { limit: 1 }, message: "must be 1..300 seconds" };
  if (n > 300) return { path: "--time-limit", code: "too_large", params: { limit: 300 }, message: "must be 1..300 seconds" };
  return null;
}

function formatError(raw: string): FieldError | null {
  return FORMATS.includes(raw) ? null : { path: "--format", code: "enum", params: { allowed: FORMATS }, message: "must be table or json" };
}

/**
 * While `work` runs, an elapsed-seconds line on standard error (a terminal only, ~4 times a
 * second, rewritten in place); afterwards one final line, always.
 */
async function withProgress<T>(label: string, work: () => Promise<T>, summary: (result: T, seconds: number) => string): Promise<T> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const tty = process.stderr.isTTY === true;
  const timer = tty ? setInterval(() => process.stderr.write(`\r${label}… ${elapsed().toFixed(1)} s`), 250) : undefined;
  try {
    const result = await work();
    if (tty) process.stderr.write("\r\x1b[K");
    process.stderr.write(`${summary(result, elapsed())}\n`);
    return result;
  } catch (error) {
    if (tty) process.stderr.write("\r\x1b[K");
    throw error;
  } finally {
    clearInterval(timer);
  }
}

/** Pads to a terminal width: CJK characters take two columns. */
function pad(text: string, width: number): string {
  let columns = 0;
  for (const ch of text) columns += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 2 : 1;
  return text + " ".repeat(Math.max(0, width - columns));
}

const percent = (gap: number | null) => (gap === null ? "no gap (no solution)" : `gap ${(gap * 100).toFixed(2)}%`);
const number = (n: number | null) => (n === null ? "–" : n.toLocaleString("en-US", { maximumFractionDigits: 1 }));
const solvedLine = (solver: { status: string; gap: number | null }, seconds: number) =>
  `solved in ${seconds.toFixed(1)} s — ${solver.status}, ${percent(solver.gap)}`;

/** The supporter named by id or by its exact institution name (names repeat across counties: then the id is needed). */
async function findSupporter(db: Db, raw: string): Promise<{ id: string; name: string }> {
  const { institutions } = await import("../db/schema.ts");
  const { eq } = await import("drizzle-orm");
  const rows = await db
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(UUID.test(raw) ? eq(institutions.id, raw) : eq(institutions.name, raw.trim()))
    .limit(2);
  if (rows.length === 0)
    throw invalid([{ path: "--supporter", code: "not_found", params: { entity: "institution" }, message: `no institution has the id or name "${raw}"` }]);
  if (rows.length > 1) throw invalid([{ path: "--supporter", code: "not_unique", message: `several institutions are named "${raw}": give the id` }]);
  return rows[0] as { id: string; name: string };
}

/** Refuses a supporter with nothing to plan in the year, as the API does. */
async function requireAgreements(db: Db, supporterId: string, year: number): Promise<void> {
  const { agreementSupporters, agreements } = await import("../db/schema.ts");
  const { and, eq, sql } = await import("drizzle-orm");
  const [agreement] = await db
    .select({ id: agreements.id })
    .from(agreementSupporters)
    .innerJoin(agreements, eq(agreements.id, agreementSupporters.agreementId))
    .where(
      and(
        eq(agreementSupporters.institutionId, supporterId),
        sql`${agreements.startsOn} <= ${`${year}-12-31`} and ${agreements.endsOn} >= ${`${year}-01-01`} and ${agreements.status} in ('active', 'draft')`,
      ),
    )
    .limit(1);
  if (!agreement)
    throw invalid([
      {
        path: "--supporter",
        code: "not_allowed",
        params: { reason: "no_agreements_in_year", year },
        message: `has no active or draft agreement in ${year}`,
      },
    ]);
}

type Answer = Awaited<ReturnType<typeof import("../assistance/plan-view.ts").planRunAnswer>>;

/** The names a run answer carries (people, agreements, institutions), read now from the database. */
async function namesFor(db: Db, kind: "roster" | "pairing", supporterId: string | null, plan: RosterPlan | PairingPlan): Promise<Answer> {
  const { planRunAnswer } = await import("../assistance/plan-view.ts");
  const now = new Date();
  return planRunAnswer(db, {
    id: "00000000-0000-0000-0000-000000000000",
    kind,
    status: "done",
    supporterId,
    regionCode: null,
    year: plan.year,
    params: {},
    result: plan,
    error: null,
    rosterFingerprint: null,
    deadline: now,
    requestedBy: "00000000-0000-0000-0000-000000000000",
    provinceCode: null,
    finishedAt: now,
    appliedAt: null,
    appliedBy: null,
    createdAt: now,
    updatedAt: now,
  } as Parameters<typeof planRunAnswer>[1]);
}

function rosterTable(plan: RosterPlan, supporterName: string, names: Answer, withNames: boolean): string {
  const lines: string[] = [];
  const agreement = (id: string) => names.agreements[id]?.code ?? id;
  const s = plan.solver;
  lines.push(`${supporterName} · ${plan.year} · ${plan.checks.length} agreements`);
  lines.push(
    `solver: ${s.status} · objective ${number(s.objective)} · bound ${number(s.bound)} · ${percent(s.gap)} · ${s.columns} columns × ${s.rows} rows · ${s.seconds.toFixed(1)} s`,
  );
  lines.push(`feasible: ${plan.feasible ? "yes 是" : "no 否"}`);
  lines.push("");
  lines.push(
    `Planned dispatches 计划派驻: ${plan.totals.newDispatches} new 新增, ${plan.kept.length} kept 保留, ${plan.dropped.length} dropped 取消 · ${plan.totals.personMonths} person-months 人月`,
  );
  const codeWidth = Math.max(8, ...plan.dispatches.map((d) => agreement(d.agreement).length));
  const ordered = [...plan.dispatches].sort((x, y) => agreement(x.agreement).localeCompare(agreement(y.agreement)) || x.start.localeCompare(y.start));
  for (const d of ordered) {
    const person = names.people[d.person];
    const role = `${d.role} ${DISPATCH_ROLE_ZH[d.role]}`;
    const title = `${d.title} ${TITLE_ZH[d.title]}`;
    lines.push(
      `  ${agreement(d.agreement).padEnd(codeWidth)}  ${d.start}..${d.end}  ${pad(role, 29)} ${pad(title, 27)} ${pad(person?.department ?? "", 12)} ${d.person}${withNames && person ? `  ${person.name}` : ""}${d.batch ? `  batch ${d.batch}` : ""}`,
    );
  }
  if (plan.dropped.length) lines.push(`  dropped 取消: ${plan.dropped.join(", ")}`);
  lines.push("");
  lines.push(`Reasons 说明:`);
  for (const r of plan.reasons) lines.push(`  ${r.zh}`, `  ${r.en}`);
  if (plan.breaks.length) {
    lines.push("", `Rule breaks 违反的规则 (${plan.breaks.length}):`);
    for (const b of plan.breaks) lines.push(`  ✘ ${b.rule}: ${b.message.zh}`, `    ${b.message.en}`);
  }
  lines.push("", "Checks 合规检查:");
  const mark = { pass: "✔ pass", fail: "✘ fail", at_risk: "! at_risk" };
  for (const c of plan.checks) {
    const recipient = names.agreements[c.agreement]?.recipientName;
    lines.push(`  ${mark[c.status].padEnd(9)}  ${agreement(c.agreement)}${recipient ? ` (${recipient})` : ""}`);
    for (const r of c.rules) if (r.status !== "pass") lines.push(`      ${r.id}: ${r.message} / ${r.messageEn}`);
  }
  return lines.join("\n");
}

function pairingTable(plan: PairingPlan, names: Answer): string {
  const name = (id: string) => names.institutions[id]?.name ?? id;
  const s = plan.solver;
  const t = plan.totals;
  const lines = [
    `Pairing plan 结对规划 · ${plan.regionCode === NATION ? "全国 nation" : plan.regionCode} · ${plan.year}`,
    `solver: ${s.status} · objective ${number(s.objective)} · bound ${number(s.bound)} · ${percent(s.gap)} · ${s.columns} columns × ${s.rows} rows · ${s.seconds.toFixed(1)} s`,
    `${t.recipients} recipients 受援, ${t.supporters} supporters 支援, ${t.pairs} pairs 结对 (${t.newPairs} new 新增), ${t.unmetNeeds} unmet needs 未满足需求, ${number(t.distanceKm)} km`,
    "",
  ];
  const width = Math.max(8, ...plan.pairs.map((p) => 2 * name(p.recipient).length));
  for (const p of plan.pairs) {
    lines.push(
      `  ${pad(name(p.recipient), width)} ← ${name(p.supporter)}  ${number(p.distanceKm)} km${p.covers.length ? `  covers 覆盖: ${p.covers.join(", ")}` : ""}${p.existing ? "  [existing 现有]" : "  [new 新增]"}`,
    );
  }
  if (plan.unmet.length) {
    lines.push("", "Unmet needs 未满足的需求:");
    for (const u of plan.unmet) lines.push(`  ${name(u.recipient)}  ${u.specialty || "—"}  ${u.why.zh} / ${u.why.en}`);
  }
  return lines.join("\n");
}

export function registerPlanCommands(program: Command): void {
  const plan = program.command("plan").description("Planners: a supporter's stationing roster for a year, pairings of a region (HiGHS)");

  plan
    .command("roster")
    .description("Plan a supporting hospital's stationing roster for a year so that every agreement passes its rule pack (prints the plan; applies nothing)")
    .requiredOption("--supporter <id-or-name>", "the supporting institution: its id or its exact name")
    .requiredOption("--year <year>", "calendar year to plan")
    .option("--time-limit <seconds>", "the solver's time limit, 1..300 (default 30)")
    .option("--department-share <share>", `share of a department that may be away at once, 0.05..1 (default ${DEFAULT_DEPARTMENT_MAX_AWAY_SHARE})`)
    .option("--format <format>", "table | json", "table")
    .option("--names", "print the names of the people planned (personal data; ids, titles and departments otherwise)")
    .action(async (options: RosterOptions) => {
      const errors = [yearError(options.year), timeLimitError(options.timeLimit), formatError(options.format)].filter((e): e is FieldError => e !== null);
      // A year gone by is all facts: as the API, the roster planner does not plan it.
      const thisYear = Number(formatDay((await import("../clock.ts")).todayInChina()).slice(0, 4));
      if (errors.length === 0 && Number(options.year) < thisYear)
        errors.push({ path: "--year", code: "too_small", params: { limit: thisYear }, message: `must be ${thisYear} or later: a year gone by is not planned` });
      let share = DEFAULT_DEPARTMENT_MAX_AWAY_SHARE;
      if (options.departmentShare !== undefined) {
        share = Number(options.departmentShare);
        if (!/^\d*\.?\d+$/.test(options.departmentShare) || !Number.isFinite(share))
          errors.push({ path: "--department-share", code: "type", params: { type: "number" }, message: `"${options.departmentShare}" is not a number` });
        else if (share < 0.05) errors.push({ path: "--department-share", code: "too_small", params: { limit: 0.05 }, message: "must be 0.05..1" });
        else if (share > 1) errors.push({ path: "--department-share", code: "too_large", params: { limit: 1 }, message: "must be 0.05..1" });
      }
      if (errors.length) throw invalid(errors);
      const year = Number(options.year);
      const timeLimitSeconds = options.timeLimit === undefined ? 30 : Number(options.timeLimit);
      const { withDatabase } = await import("./database.ts");
      const { planRoster } = await import("../assistance/roster-plan.ts");
      const { stopSolver } = await import("../solver/solve.ts");
      const { todayInChina } = await import("../clock.ts");
      try {
        await withDatabase(async ({ db }) => {
          const supporter = await findSupporter(db, options.supporter);
          await requireAgreements(db, supporter.id, year);
          const { plan: result } = await withProgress(
            "solving",
            () => planRoster(db, { supporterId: supporter.id, year, timeLimitSeconds, departmentMaxAwayShare: share, today: todayInChina() }),
            ({ plan: p }, seconds) => solvedLine(p.solver, seconds),
          );
          if (options.format === "json") return console.log(JSON.stringify(result, null, 2));
          console.log(rosterTable(result, supporter.name, await namesFor(db, "roster", supporter.id, result), options.names === true));
        });
      } finally {
        await stopSolver();
      }
    });

  plan
    .command("pairing")
    .description("Plan which supporting hospitals serve which county hospitals of a region (000000: the nation), within the province pairings")
    .requiredOption("--region <code>", "GB/T 2260 region code (province, prefecture or county), or 000000 for the nation")
    .option("--year <year>", "year of the capability needs (default this year)")
    .option("--replace-existing", "may replace today's pairings (kept by default)")
    .option("--time-limit <seconds>", "the solver's time limit, 1..300 (default 60)")
    .option("--format <format>", "table | json", "table")
    .action(async (options: PairingOptions) => {
      const errors: FieldError[] = [];
      if (options.region !== NATION && !REGION_CODE_PATTERN.test(options.region))
        errors.push({
          path: "--region",
          code: "format",
          params: { format: "region_code" },
          message: `"${options.region}" is not a 6-digit region code or 000000`,
        });
      const yearProblem = options.year === undefined ? null : yearError(options.year);
      for (const e of [yearProblem, timeLimitError(options.timeLimit), formatError(options.format)]) if (e) errors.push(e);
      if (errors.length) throw invalid(errors);
      const { withDatabase } = await import("./database.ts");
      const { planPairing } = await import("../assistance/pairing-plan.ts");
      const { stopSolver } = await import("../solver/solve.ts");
      const { chinaDate, systemClock } = await import("../clock.ts");
      try {
        await withDatabase(async ({ db }) => {
          if (options.region !== NATION) {
            const { regions } = await import("../db/schema.ts");
            const { eq } = await import("drizzle-orm");
            const [known] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, options.region));
            if (!known)
              throw invalid([{ path: "--region", code: "not_found", params: { entity: "region" }, message: `no region has the code ${options.region}` }]);
          }
          const params = {
            regionCode: options.region,
            year: options.year === undefined ? Number(chinaDate(systemClock()).slice(0, 4)) : Number(options.year),
            keepExisting: options.replaceExisting !== true,
            timeLimitSeconds: options.timeLimit === undefined ? 60 : Number(options.timeLimit),
          };
          const result = await withProgress(
            "solving",
            () => planPairing(db, params),
            (p, seconds) => solvedLine(p.solver, seconds),
          );
          if (options.format === "json") return console.log(JSON.stringify(result, null, 2));
          console.log(pairingTable(result, await namesFor(db, "pairing", null, result)));
        });
      } finally {
        await stopSolver();
      }
    });
}
