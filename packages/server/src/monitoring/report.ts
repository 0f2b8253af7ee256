import {
  addMonths,
  CALL_RESULTS,
  type CallResult,
  type Day,
  day,
  formatDay,
  INDICATORS,
  type Indicator,
  type IndicatorId,
  RULE_NAMES,
  regionLevel,
} from "@medbridge/core";
import { eq, sql } from "drizzle-orm";
import { PDFDocument, type PDFPage, type RGB, rgb } from "pdf-lib";
import { inRegion } from "../access.ts";
import { agreementScope, withParties } from "../assistance/agreements.ts";
import { agreementsInScope, complianceBoard } from "../assistance/compliance-service.ts";
import type { Db } from "../db/connection.ts";
import { regions } from "../db/schema.ts";
import { CjkText } from "../pdf/cjk-text.ts";
import { indicatorAggregate, whenAbsent } from "./aggregate.ts";
import { parseWeights, rankSupporters } from "./ranking.ts";
import { refreshRollups } from "./rollups.ts";

const A4: [number, number] = [595.28, 841.89];
const TEAL = rgb(0.04, 0.43, 0.43);
const GREY = rgb(0.45, 0.45, 0.45);
const RED = rgb(0.75, 0.15, 0.15);
const AMBER = rgb(0.72, 0.42, 0.03);

/** The months of a report period: `2026-10` (one month) or `2026` (the year). */
export function monthsOf(period: string): string[] {
  if (/^\d{4}$/.test(period)) return Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, "0")}`);
  return [period];
}
const previous = (period: string) => {
  if (/^\d{4}$/.test(period)) return String(Number(period) - 1);
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};

/** Each call result in Chinese and English, as the register's call form names them. */
const CALL_RESULT_LABELS = {
  reached: ["已接通，约定随访日期", "Reached, date agreed"],
  no_answer: ["无人接听", "No answer"],
  wrong_number: ["号码错误", "Wrong number"],
  moved_away: ["已迁出", "Moved away"],
  died: ["已死亡", "Died"],
  refused: ["拒绝随访", "Refused follow-up"],
} as const satisfies Record<CallResult, readonly [string, string]>;

/**
 * The register's follow-up calls of the region's patients made in the months, by result (every
 * result, zero included): the breakdown behind the calls-reached indicator, counted as it is.
 */
export async function callsByResult(db: Db, regionCode: string, months: string[]) {
  const first = `${months[0]}-01`;
  const after = formatDay(addMonths(day(`${months.at(-1)}-01`), 1));
  const rows = (
    (await db.execute(sql`select c.result, count(*)::int as calls from chronic_calls c join chronic_patients p on p.id = c.patient_id
      where ${inRegion(sql`p.region_code`, regionCode)} and c.called_on >= ${first}::date and c.called_on < ${after}::date group by 1`)) as unknown as {
      rows: { result: string; calls: number }[];
    }
  ).rows;
  const count = new Map(rows.map((r) => [r.result, Number(r.calls)]));
  return CALL_RESULTS.map((result) => ({ result, zh: CALL_RESULT_LABELS[result][0], en: CALL_RESULT_LABELS[result][1], calls: count.get(result) ?? 0 }));
}

/** The figures of a region + period report: key indicators against the previous period, the monthly series, failing agreements, the top supporters. */
export async function regionReport(primary: Db, regionCode: string, period: string, today: Day, db: Db = primary) {
  // The refresh writes (the primary); everything after reads `db`, which may be the read replica.
  await refreshRollups(primary, today);
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, regionCode));
  const months = monthsOf(period);
  const before = monthsOf(previous(period));
  // The region itself at its own level, through the same aggregation the API uses: one query per
  // indicator gives this period and the one before (a year is a `year`, a month a `month`).
  const level = regionLevel(regionCode);
  const kind = months.length === 12 ? "year" : "month";
  const figures = [];
  for (const indicator of INDICATORS) {
    const rows = await indicatorAggregate(db, indicator, { regionCode, level, period: kind, from: before[0] as string, to: months.at(-1) as string });
    const at = (p: string) => rows.find((r) => r.period === p)?.value ?? null;
    figures.push({ indicator, value: at(period), previous: at(previous(period)) });
  }
  const monthly = async (id: IndicatorId) =>
    new Map(
      (
        await indicatorAggregate(db, INDICATORS.find((i) => i.id === id) as Indicator, {
          regionCode,
          level,
          period: "month",
          from: months[0] as string,
          to: months.at(-1) as string,
        })
      ).map((r) => [r.period, r.value ?? 0]),
    );
  const [up, down] = [await monthly("referrals_up"), await monthly("referrals_down")];
  const series = months.map((m) => ({ month: m, up: up.get(m) ?? 0, down: down.get(m) ?? 0 }));
  const year = Number(period.slice(0, 4));
  const board = await complianceBoard(db, await withParties(db, await agreementsInScope(db, agreementScope({ regionCode }))), year, today);
  // Failing and at risk (holding only thanks to planned dispatches) are two lists, as on the board.
  const failing = board.filter((b) => b.report.status === "fail");
  const atRisk = board.filter((b) => b.report.status === "at_risk");
  const ranking = await rankSupporters(db, regionCode, year, parseWeights(undefined), today);
  return {
    regionCode,
    regionName: region?.name ?? regionCode,
    period,
    figures,
    series,
    calls: await callsByResult(db, regionCode, months),
    agreements: board.length,
    failing,
    atRisk,
    ranking: ranking.items.slice(0, 10),
  };
}

/** A figure with its unit, or why there is none (what a missing figure means, as the values API says). */
function figure(indicator: Indicator, value: number | null): string {
  if (value === null) return { zero: "0", no_data: "无数据 no data", not_applicable: "不适用 n/a" }[whenAbsent(indicator)];
  const unit = { "%": "%", count: "", ratio: "", days: " 天", hours: " 小时" }[indicator.unit];
  return `${value}${unit}`;
}

interface Cell {
  text: string;
  x: number;
  width: number;
  size: number;
  color?: RGB;
}

/** The report a county sends to the province: key figures, a chart of referrals, follow-up calls by result, failing and at-risk agreements, the supporter ranking. */
export async function regionReportPdf(report: Awaited<ReturnType<typeof regionReport>>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${report.regionName} ${report.period} 帮扶监测报告`);
  doc.setProducer("MedBridge 医联桥");
  const text = new CjkText(doc);
  let page: PDFPage = doc.addPage(A4);
  const left = 50;
  const right = A4[0] - left;
  let y = A4[1] - 70;
  const ensure = (space: number) => {
    if (y < 60 + space) {
      page = doc.addPage(A4);
      y = A4[1] - 60;
    }
  };
  /** One table row: each cell wrapped to its column's width (measured), the row as tall as its tallest cell. */
  const row = async (cells: Cell[], gap = 3) => {
    const wrapped = await Promise.all(cells.map((c) => text.wrap(c.text, c.size, c.width)));
    const lineHeight = (c: Cell) => c.size + 3;
    const height = Math.max(...cells.map((c, i) => (wrapped[i] as string[]).length * lineHeight(c)));
    ensure(height);
    for (const [i, c] of cells.entries()) {
      for (const [k, line] of (wrapped[i] as string[]).entries()) await text.draw(page, line, c.x, y - k * lineHeight(c), c.size, c.color);
    }
    y -= height + gap;
  };
  const heading = async (zh: string, en: string) => {
    ensure(60);
    y -= 10;
    await text.draw(page, `${zh}  ${en}`, left, y, 13, TEAL);
    y -= 8;
    page.drawLine({ start: { x: left, y }, end: { x: right, y }, thickness: 0.6, color: TEAL });
    y -= 18;
  };
  const note = async (line: string) => row([{ text: line, x: left, width: right - left, size: 10, color: GREY }], 6);
  await row([{ text: `${report.regionName} · ${report.period} 帮扶监测报告`, x: left, width: right - left, size: 20, color: TEAL }]);
  await row([{ text: `Monitoring report · ${report.regionCode} · ${report.period}`, x: left, width: right - left, size: 11, color: GREY }], 12);

  await heading("关键指标", "Key figures");
  // Columns: Chinese name | English name | value | change against the previous period.
  const columns = { zh: left, en: left + 130, value: left + 300, change: left + 400 };
  await row([
    { text: "指标", x: columns.zh, width: 125, size: 9, color: GREY },
    { text: "Indicator", x: columns.en, width: 165, size: 9, color: GREY },
    { text: `${report.period} 本期 value`, x: columns.value, width: 95, size: 9, color: GREY },
    { text: "较上期 vs previous", x: columns.change, width: right - columns.change, size: 9, color: GREY },
  ]);
  for (const f of report.figures) {
    const change = f.value !== null && f.previous !== null ? (f.value > f.previous ? "↑ " : f.value < f.previous ? "↓ " : "→ ") : "";
    await row([
      { text: f.indicator.zh, x: columns.zh, width: 125, size: 10 },
      { text: f.indicator.en, x: columns.en, width: 165, size: 9, color: GREY },
      { text: figure(f.indicator, f.value), x: columns.value, width: 95, size: 10 },
      { text: `${change}上期 ${figure(f.indicator, f.previous)}`, x: columns.change, width: right - columns.change, size: 9, color: GREY },
    ]);
  }

  await heading("双向转诊", "Referrals by month");
  ensure(130);
  const max = Math.max(1, ...report.series.flatMap((s) => [s.up, s.down]));
  const width = (right - left) / Math.max(1, report.series.length);
  const base = y - 100;
  for (const [i, s] of report.series.entries()) {
    const x = left + i * width;
    page.drawRectangle({ x: x + 4, y: base, width: width / 2 - 5, height: (90 * s.up) / max, color: TEAL });
    page.drawRectangle({ x: x + width / 2, y: base, width: width / 2 - 5, height: (90 * s.down) / max, color: rgb(0.6, 0.8, 0.8) });
    await text.draw(page, s.month.slice(5), x + width / 2 - 6, base - 12, 8, GREY);
  }
  y = base - 28;
  await text.draw(page, "■ 上转 up   ■ 下转 down", left, y, 8, GREY);
  y -= 16;

  const calls = report.calls.reduce((sum, c) => sum + c.calls, 0);
  await heading("高血压随访电话结果", `Hypertension follow-up calls by result (${calls})`);
  if (calls === 0) await note("本期无随访电话 / no calls in the period");
  for (const c of calls === 0 ? [] : report.calls) {
    await row([
      { text: c.zh, x: columns.zh, width: 125, size: 10 },
      { text: c.en, x: columns.en, width: 165, size: 9, color: GREY },
      { text: String(c.calls), x: columns.value, width: 95, size: 10 },
      { text: `${Math.round((c.calls / calls) * 1000) / 10}%`, x: columns.change, width: right - columns.change, size: 9, color: GREY },
    ]);
  }
  y -= 6;

  // One section per status: the agreement, then each rule in that state by its name and why.
  const agreementsIn = async (list: typeof report.failing, status: "fail" | "at_risk", color: RGB) => {
    for (const { agreement, report: r } of list) {
      await row(
        [
          {
            text: `${agreement.code}  ${agreement.recipient.name} ← ${agreement.supporters.map((s) => s.name).join("、")}`,
            x: left,
            width: right - left,
            size: 10,
            color,
          },
        ],
        2,
      );
      for (const rule of r.rules.filter((x) => x.status === status)) {
        await row(
          [
            { text: `· ${RULE_NAMES[rule.id].zh} ${RULE_NAMES[rule.id].en}`, x: left + 12, width: 140, size: 8, color },
            { text: rule.message, x: left + 160, width: right - left - 160, size: 8, color: GREY },
          ],
          2,
        );
      }
      y -= 4;
    }
  };
  await heading("未达标协议", `Failing agreements (${report.failing.length} of ${report.agreements})`);
  if (report.failing.length === 0) await note("无未达标协议 / none failing");
  await agreementsIn(report.failing, "fail", RED);
  await heading("存在风险的协议", `Agreements at risk (${report.atRisk.length} of ${report.agreements})`);
  await note("尚未达标，依赖已计划的派驻 / not yet met; they rely on planned dispatches");
  if (report.atRisk.length === 0) await note("无存在风险的协议 / none at risk");
  await agreementsIn(report.atRisk, "at_risk", AMBER);

  await heading("支援医院排名", "Supporting hospitals (composite score)");
  for (const item of report.ranking) {
    await row([
      { text: `${item.rank}. ${item.name}`, x: left, width: 340, size: 10 },
      { text: String(item.score), x: left + 360, width: right - left - 360, size: 10, color: TEAL },
    ]);
  }
  y -= 12;
  await note("数据来自医联桥平台的业务记录与导入统计，按月汇总。Figures come from MedBridge records and imported statistics.");
  return doc.save();
}
