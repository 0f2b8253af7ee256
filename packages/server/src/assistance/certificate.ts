import { PDFDocument, rgb } from "pdf-lib";
import { CjkText } from "../pdf/cjk-text.ts";
import type { ServiceCredit } from "./service-credit.ts";
import type { WorkTotals } from "./work-totals.ts";

const A4: [number, number] = [595.28, 841.89];
const TEAL = rgb(0.04, 0.43, 0.43);
const GREY = rgb(0.45, 0.45, 0.45);

/** Confirmed work in one line, Chinese with English. */
export const workLine = (w: WorkTotals) =>
  `门诊 ${w.outpatientVisits} 人次 visits · 手术 ${w.operations} 台 operations · 授课 ${w.teachingHours} 小时 teaching hours · 培训带教 ${w.peopleTrained} 人次 trained`;

/** A4 certificate of cumulative grassroots service, listing every stay (Chinese with English). */
export async function certificatePdf(credit: ServiceCredit): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`基层服务证明 ${credit.name}`);
  doc.setProducer("MedBridge 医联桥");
  const text = new CjkText(doc);
  let page = doc.addPage(A4);
  const left = 60;
  let y = A4[1] - 80;

  const centered = async (s: string, size: number, color = rgb(0.1, 0.1, 0.1)) => {
    await text.draw(page, s, (A4[0] - (await text.width(s, size))) / 2, y, size, color);
  };
  await centered("基层服务证明", 26, TEAL);
  y -= 26;
  await centered("Certificate of grassroots service", 13, GREY);
  y -= 50;

  const line = async (label: string, value: string) => {
    await text.draw(page, label, left, y, 12, GREY);
    await text.draw(page, value, left + 150, y, 12);
    y -= 22;
  };
  await line("姓名 Name", credit.name);
  await line("单位 Institution", credit.institutionName);
  await line("统计截至 As of", credit.asOf);
  await line("累计基层服务 Service", `${credit.totalDays} 天 days (要求 required ${credit.requiredDays})`);
  await line(
    "副高申报 Associate chief",
    credit.eligible
      ? "已满足累计一年基层服务条件 / eligible to apply"
      : `尚差 ${credit.requiredDays - credit.totalDays} 天 / ${credit.requiredDays - credit.totalDays} days to go`,
  );
  await line("确认工作量 Confirmed work", `门诊 ${credit.work.outpatientVisits} 人次 outpatient visits`);
  await line("", `手术 ${credit.work.operations} 台 operations`);
  await line("", `授课 ${credit.work.teachingHours} 小时 teaching hours`);
  await line("", `培训带教 ${credit.work.peopleTrained} 人次 people trained on site`);
  y -= 16;

  const columns = [left, left + 105, left + 285, left + 440];
  const header = async () => {
    for (const [i, h] of ["协议 Agreement", "驻点单位 Recipient", "起止 Period", "天数 Days"].entries())
      await text.draw(page, h, columns[i] as number, y, 10, TEAL);
    y -= 6;
    page.drawLine({ start: { x: left, y }, end: { x: A4[0] - left, y }, thickness: 0.8, color: TEAL });
    y -= 16;
  };
  await header();
  for (const stay of credit.stays) {
    if (y < 90) {
      page = doc.addPage(A4);
      y = A4[1] - 70;
      await header();
    }
    await text.draw(page, stay.agreementCode, columns[0] as number, y, 10);
    await text.draw(page, stay.recipientName.slice(0, 16), columns[1] as number, y, 10);
    await text.draw(page, `${stay.from} — ${stay.to}`, columns[2] as number, y, 10);
    await text.draw(page, String(stay.days), columns[3] as number, y, 10);
    y -= 14;
    await text.draw(page, workLine(stay.work), (columns[0] as number) + 10, y, 8, GREY);
    y -= 18;
  }
  if (credit.stays.length === 0) {
    await text.draw(page, "暂无驻点记录 / no stays recorded", left, y, 10, GREY);
    y -= 18;
  }
  y -= 24;
  await text.draw(page, "本证明依据医联桥平台派驻与考勤记录生成，重叠的驻点只计一次；工作量仅计受援单位已确认的工作日志。", left, y, 9, GREY);
  y -= 14;
  await text.draw(page, "Generated from MedBridge dispatch and attendance records; overlapping stays count once.", left, y, 9, GREY);
  y -= 14;
  await text.draw(page, "Work totals count only work-log lines the recipient institution has confirmed.", left, y, 9, GREY);
  return doc.save();
}
