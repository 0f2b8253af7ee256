import { DISPATCH_ROLE_ZH, type DispatchRole, TITLE_ZH, type Title } from "@medbridge/core";
import { type PDFDocument as Doc, PDFDocument, type PDFPage, type RGB, rgb } from "pdf-lib";
import { CjkText } from "../pdf/cjk-text.ts";
import type { MonthTotals, WorkReport } from "./work-report.ts";

const A4: [number, number] = [595.28, 841.89];
const TEAL = rgb(0.04, 0.43, 0.43);
const GREY = rgb(0.45, 0.45, 0.45);
const INK = rgb(0.1, 0.1, 0.1);
const LEFT = 56;
const RIGHT = A4[0] - 56;
const BOTTOM = 64;

const STATUS: Record<string, string> = {
  open: "待受援单位确认 / awaiting the recipient",
  confirmed: "已确认 / confirmed",
  disputed: "有异议 / disputed",
  recorded: "待确认 / recorded",
};
const LINE_STATUS: Record<string, string> = { recorded: "待确认", confirmed: "已确认", disputed: "有异议" };
const OPERATION_ROLE: Record<string, string> = { lead: "主刀 lead", assistant: "助手 assistant" };

const english = (id: string) => id.replace(/_/g, " ");
const titleOf = (t: string) => `${TITLE_ZH[t as Title] ?? t} ${english(t)}`;
const roleOf = (r: string) => `${DISPATCH_ROLE_ZH[r as DispatchRole] ?? r} ${english(r)}`;
const hours = (minutes: number) => String(Math.round(minutes / 6) / 10);

/** A page cursor: writes downwards and turns the page when the next block would not fit. */
class Writer {
  page: PDFPage;
  y = A4[1] - 72;
  constructor(
    private readonly doc: Doc,
    readonly text: CjkText,
  ) {
    this.page = doc.addPage(A4);
  }
  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - 64;
  }
  room(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }
  async at(s: string, x: number, size = 10, color: RGB = INK): Promise<void> {
    await this.text.draw(this.page, s, x, this.y, size, color);
  }
  async centered(s: string, size: number, color: RGB = INK): Promise<void> {
    await this.text.draw(this.page, s, (A4[0] - (await this.text.width(s, size))) / 2, this.y, size, color);
  }
  async heading(s: string): Promise<void> {
    this.room(44);
    this.y -= 10;
    await this.at(s, LEFT, 12, TEAL);
    this.y -= 6;
    this.page.drawLine({ start: { x: LEFT, y: this.y }, end: { x: RIGHT, y: this.y }, thickness: 0.6, color: TEAL });
    this.y -= 16;
  }
  async field(label: string, value: string): Promise<void> {
    const lines = await this.text.wrap(value, 10.5, RIGHT - LEFT - 150);
    this.room(16 * lines.length);
    await this.at(label, LEFT, 10, GREY);
    for (const line of lines) {
      await this.at(line, LEFT + 150, 10.5);
      this.y -= 16;
    }
  }
  async paragraph(s: string | null, empty: string): Promise<void> {
    if (!s) {
      this.room(16);
      await this.at(empty, LEFT, 10, GREY);
      this.y -= 16;
      return;
    }
    for (const line of await this.text.wrap(s, 10.5, RIGHT - LEFT)) {
      this.room(16);
      await this.at(line, LEFT, 10.5);
      this.y -= 16;
    }
  }
  /** One table row: cells at the column starts, each cut to its column's width. */
  async row(cells: string[], columns: number[], size = 9.5, color: RGB = INK): Promise<void> {
    this.room(15);
    for (const [i, cell] of cells.entries()) {
      const width = (columns[i + 1] ?? RIGHT) - (columns[i] as number) - 6;
      const [first = ""] = await this.text.wrap(cell, size, width);
      await this.at(first, columns[i] as number, size, color);
    }
    this.y -= 15;
  }
}

const TOTAL_ROWS: [string, (t: MonthTotals) => string][] = [
  ["门诊人次 Outpatient patients", (t) => String(t.outpatientPatients)],
  ["门诊次数 Outpatient sessions", (t) => String(t.outpatientSessions)],
  ["手术台次 Operations", (t) => String(t.operations)],
  ["其中主刀 of which as lead", (t) => String(t.operationsLead)],
  ["查房次数 Ward rounds", (t) => String(t.wardRounds)],
  ["教学讲座 Teaching sessions", (t) => String(t.teachingSessions)],
  ["教学时长（小时）Teaching hours", (t) => hours(t.teachingMinutes)],
  ["听课人次 Attendees", (t) => String(t.attendees)],
  ["带教人次 People mentored", (t) => String(t.mentees)],
  ["新技术例次 New techniques performed", (t) => String(t.techniques)],
  ["日志条目 Log lines", (t) => String(t.lines)],
];

async function personSection(w: Writer, r: WorkReport): Promise<void> {
  await w.field("姓名 Name", r.person.name);
  await w.field("派出单位 Institution", r.person.institutionName);
  await w.field("职称 Title", titleOf(r.person.title));
  await w.field("派驻岗位 Role", roleOf(r.person.role));
  await w.field("协议 Agreement", r.agreement.code);
  await w.field("受援单位 Recipient", r.agreement.recipient.name);
  await w.field("支援单位 Supporters", r.agreement.supporters.map((s) => s.name).join("、"));
  await w.field("月份 Month", r.month);
  await w.field("驻点日期 Stationed", `${r.stays.map((s) => `${s.from} — ${s.to}`).join("，")}（${r.stationedDays} 天 days）`);

  await w.heading("一、本月工作计划 Plan for the month");
  await w.paragraph(r.plan, "未填写 / not written");

  await w.heading("二、考勤 Check-ins");
  const c = r.checkIns;
  await w.field("签到天数 Days checked in", String(c.days));
  await w.field(
    "位置 Location",
    `在岗 on site ${c.onSite} · 离岗 away ${c.away} · 无定位 without location ${c.withoutLocation} · 未分类 unclassified ${c.unclassified}`,
  );
  await w.field("受援单位确认 Recipient", `已确认 confirmed ${c.confirmed} · 有异议 disputed ${c.disputed}`);

  await w.heading("三、工作量 Work done");
  const columns = [LEFT, LEFT + 260, LEFT + 370];
  await w.row(["项目 Item", "填报 Recorded", "已确认 Confirmed"], columns, 9.5, TEAL);
  for (const [label, value] of TOTAL_ROWS) await w.row([label, value(r.totals), value(r.confirmedTotals)], columns);
  if (r.disputedLines > 0) await w.row([`有异议条目（未计入）Disputed lines, not counted: ${r.disputedLines}`], [LEFT], 9.5, GREY);

  if (r.operations.length > 0) {
    await w.heading("手术 Operations");
    const cols = [LEFT, LEFT + 72, LEFT + 290, LEFT + 355, LEFT + 430];
    await w.row(["日期 Date", "手术名称 Operation", "编码 Code", "角色 Role", "状态 Status"], cols, 9, TEAL);
    for (const o of r.operations)
      await w.row([o.date, o.name ?? "", o.procedureCode ?? "", OPERATION_ROLE[o.role ?? ""] ?? "", LINE_STATUS[o.status] ?? o.status], cols, 9);
  }
  if (r.teaching.length > 0) {
    await w.heading("教学讲座 Teaching");
    const cols = [LEFT, LEFT + 72, LEFT + 290, LEFT + 355, LEFT + 430];
    await w.row(["日期 Date", "主题 Topic", "人数 Attendees", "分钟 Minutes", "状态 Status"], cols, 9, TEAL);
    for (const t of r.teaching)
      await w.row([t.date, t.topic ?? "", String(t.attendees ?? ""), String(t.minutes ?? ""), LINE_STATUS[t.status] ?? t.status], cols, 9);
  }
  if (r.techniques.length > 0) {
    await w.heading("新技术 New techniques");
    const cols = [LEFT, LEFT + 72, LEFT + 355, LEFT + 430];
    await w.row(["日期 Date", "技术 Technique", "例数 Patients", "状态 Status"], cols, 9, TEAL);
    for (const t of r.techniques) await w.row([t.date, t.name ?? "", String(t.patients ?? ""), LINE_STATUS[t.status] ?? t.status], cols, 9);
  }

  await w.heading("四、本月工作总结 Summary");
  await w.paragraph(r.summary, "未填写 / not written");

  await w.heading("五、受援单位意见 Recipient's sign-off");
  await w.field("状态 Status", STATUS[r.signOff.status] ?? r.signOff.status);
  if (r.signOff.status !== "open") {
    await w.field("单位 Institution", r.signOff.institutionName ?? "");
    if (r.signOff.at) await w.field("日期 Date", new Date(r.signOff.at).toISOString().slice(0, 10));
    if (r.signOff.note) await w.field("意见 Note", r.signOff.note);
  }
}

async function start(title: string): Promise<{ doc: Doc; w: Writer }> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer("MedBridge 医联桥");
  const w = new Writer(doc, new CjkText(doc));
  return { doc, w };
}

async function masthead(w: Writer, subtitle: string): Promise<void> {
  await w.centered("派驻人员月度工作报告", 22, TEAL);
  w.y -= 22;
  await w.centered(subtitle, 12, GREY);
  w.y -= 34;
}

async function footer(w: Writer): Promise<void> {
  w.room(40);
  w.y -= 18;
  await w.at("本报告依据医联桥平台的考勤与工作日志生成；“已确认”为受援单位确认的工作量。", LEFT, 8.5, GREY);
  w.y -= 12;
  await w.at('Generated from MedBridge check-ins and the work log; "confirmed" is work the recipient has confirmed.', LEFT, 8.5, GREY);
}

/** A4 monthly work report of one stationed person (Chinese with English). */
export async function workReportPdf(report: WorkReport): Promise<Uint8Array> {
  const { doc, w } = await start(`派驻人员月度工作报告 ${report.agreement.code} ${report.month}`);
  await masthead(w, "Monthly work report of stationed staff");
  await personSection(w, report);
  await footer(w);
  return doc.save();
}

/** The agreement's month: a summary table of everyone stationed, then one section per person. */
export async function agreementMonthPdf(agreement: WorkReport["agreement"], month: string, reports: WorkReport[]): Promise<Uint8Array> {
  const { doc, w } = await start(`派驻人员月度工作报告 ${agreement.code} ${month}`);
  await masthead(w, "Monthly work report of stationed staff — agreement summary");
  await w.field("协议 Agreement", agreement.code);
  await w.field("受援单位 Recipient", agreement.recipient.name);
  await w.field("支援单位 Supporters", agreement.supporters.map((s) => s.name).join("、"));
  await w.field("月份 Month", month);
  await w.field("派驻人数 People", String(reports.length));
  await w.heading("汇总 Summary (已确认 / 填报 confirmed / recorded)");
  const cols = [LEFT, LEFT + 92, LEFT + 150, LEFT + 215, LEFT + 270, LEFT + 330, LEFT + 385];
  await w.row(["姓名 Name", "签到 Days", "门诊 Outpat.", "手术 Ops", "教学 Teach.", "带教 Mentees", "确认 Sign-off"], cols, 9, TEAL);
  const pair = (t: MonthTotals, a: MonthTotals, k: keyof MonthTotals) => `${t[k]}/${a[k]}`;
  for (const r of reports)
    await w.row(
      [
        r.person.name,
        String(r.checkIns.days),
        pair(r.confirmedTotals, r.totals, "outpatientPatients"),
        pair(r.confirmedTotals, r.totals, "operations"),
        pair(r.confirmedTotals, r.totals, "teachingSessions"),
        pair(r.confirmedTotals, r.totals, "mentees"),
        (STATUS[r.signOff.status] ?? r.signOff.status).split(" / ")[0] as string,
      ],
      cols,
      9,
    );
  if (reports.length === 0) await w.row(["本月无派驻人员 / nobody stationed this month"], [LEFT], 9.5, GREY);
  await footer(w);
  for (const r of reports) {
    w.newPage();
    await w.centered(`${r.person.name} · ${r.month}`, 15, TEAL);
    w.y -= 28;
    await personSection(w, r);
  }
  return doc.save();
}
