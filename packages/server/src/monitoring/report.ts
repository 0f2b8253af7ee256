import { addMonths, CALL_RESULTS, type CallResult, type Day, day, formatDay, INDICATORS, type Indicator, type IndicatorId, regionLevel } from "@medbridge/core";
import { eq, sql } from "drizzle-orm";
import { PDFDocument, rgb } from "pdf-lib";
import { inRegion } from "../access.ts";
import { agreementScope, withParties } from "../assistance/agreements.ts";
import { agreementsInScope, complianceBoard } from "../assistance/compliance-service.ts";
import type { Db } from "../db/connection.ts";
import { regions } from "../db/schema.ts";
import { CjkText } from "../pdf/cjk-text.ts";
import { indicatorAggregate } from "./aggregate.ts";
import { parseWeights, rankSupporters } from "./ranking.ts";
import { refreshRollups } from "./rollups.ts";

const A4: [number, number] = [595.28, 841.89];
const TEAL = rgb(0.04, 0.43, 0.43);
const GREY = rgb(0.45, 0.45, 0.45);
const RED = rgb(0.75, 0.15, 0.15);

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
export async function regionReport(db: Db, regionCode: string, period: string, today: Day) {
  await refreshRollups(db, today);
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
  const failing = board.filter((b) => b.report.status !== "pass");
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
    ranking: ranking.items.slice(0, 10),
  };
}

/** The report a county sends to the province: key figures, a chart of referrals, follow-up calls by result, failing agreements, the supporter ranking. */
export async function regionReportPdf(report: Awaited<ReturnType<typeof regionReport>>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${report.regionName} ${report.period} 帮扶监测报告`);
  doc.setProducer("MedBridge 医联桥");
  const text = new CjkText(doc);
  let page = doc.addPage(A4);
  const left = 50;
  let y = A4[1] - 70;
  const ensure = (space: number) => {
    if (y < 60 + space) {
      page = doc.addPage(A4);
      y = A4[1] - 60;
    }
  };
  const heading = async (zh: string, en: string) => {
    ensure(60);
    y -= 10;
    await text.draw(page, `${zh}  ${en}`, left, y, 13, TEAL);
    y -= 8;
    page.drawLine({ start: { x: left, y }, end: { x: A4[0] - left, y }, thickness: 0.6, color: TEAL });
    y -= 18;
  };
  await text.draw(page, `${report.regionName} · ${report.period} 帮扶监测报告`, left, y, 20, TEAL);
  y -= 22;
  await text.draw(page, `Monitoring report · ${report.regionCode} · ${report.period}`, left, y, 11, GREY);
  y -= 20;

  await heading("关键指标", "Key figures");
  for (const f of report.figures) {
    ensure(18);
    const fmt = (v: number | null) => (v === null ? "—" : `${v}${f.indicator.unit === "%" ? "%" : ""}`);
    const change = f.value !== null && f.previous !== null ? (f.value > f.previous ? "↑" : f.value < f.previous ? "↓" : "→") : "";
    await text.draw(page, f.indicator.zh, left, y, 10);
    await text.draw(page, f.indicator.en, left + 140, y, 9, GREY);
    await text.draw(page, fmt(f.value), left + 340, y, 10);
    await text.draw(page, `${change} 上期 ${fmt(f.previous)}`, left + 410, y, 9, GREY);
    y -= 16;
  }

  await heading("双向转诊", "Referrals by month");
  ensure(130);
  const max = Math.max(1, ...report.series.flatMap((s) => [s.up, s.down]));
  const width = (A4[0] - 2 * left) / Math.max(1, report.series.length);
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
  if (calls === 0) {
    await text.draw(page, "本期无随访电话 / no calls in the period", left, y, 10, GREY);
    y -= 16;
  }
  for (const c of calls === 0 ? [] : report.calls) {
    ensure(16);
    await text.draw(page, c.zh, left, y, 10);
    await text.draw(page, c.en, left + 140, y, 9, GREY);
    await text.draw(page, String(c.calls), left + 340, y, 10);
    await text.draw(page, `${Math.round((c.calls / calls) * 1000) / 10}%`, left + 410, y, 9, GREY);
    y -= 15;
  }
  y -= 6;

  await heading("未达标协议", `Agreements not passing (${report.failing.length} of ${report.agreements})`);
  if (report.failing.length === 0) {
    await text.draw(page, "全部达标 / all pass", left, y, 10, GREY);
    y -= 16;
  }
  for (const { agreement, report: r } of report.failing) {
    ensure(30);
    await text.draw(
      page,
      `${agreement.code}  ${agreement.recipient.name}  ← ${agreement.supporters.map((s) => s.name).join("、")}`.slice(0, 60),
      left,
      y,
      10,
      r.status === "fail" ? RED : TEAL,
    );
    y -= 14;
    for (const rule of r.rules.filter((x) => x.status !== "pass").slice(0, 3)) {
      ensure(14);
      await text.draw(page, `· ${rule.id}: ${rule.message}`.slice(0, 70), left + 12, y, 8, GREY);
      y -= 12;
    }
    y -= 4;
  }

  await heading("支援医院排名", "Supporting hospitals (composite score)");
  for (const item of report.ranking) {
    ensure(16);
    await text.draw(page, `${item.rank}. ${item.name}`, left, y, 10);
    await text.draw(page, String(item.score), left + 360, y, 10, TEAL);
    y -= 15;
  }
  y -= 12;
  ensure(20);
  await text.draw(page, "数据来自医联桥平台的业务记录与导入统计，按月汇总。Figures come from MedBridge records and imported statistics.", left, y, 8, GREY);
  return doc.save();
}
