import { FilePdfOutlined, FileTextOutlined } from "@ant-design/icons";
import { Button, DatePicker, Space } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../auth/session.ts";

/** Where a stationed person's month lives (the web page). */
export const workMonthPath = (agreementId: string, practitionerId: string, month: string) =>
  `/assistance/work-months/${agreementId}/${practitionerId}/${month}`;

/** The month of a stay to open from a roster: this month while it runs, else its last (or first, if still to come). */
export function reportMonthOf(stay: { plannedStart: string; plannedEnd: string; actualStart: string | null; actualEnd: string | null }): string {
  const start = (stay.actualStart ?? stay.plannedStart).slice(0, 7);
  const end = (stay.actualEnd ?? stay.plannedEnd).slice(0, 7);
  const now = dayjs().format("YYYY-MM");
  return now < start ? start : now > end ? end : now;
}

/** A link from a roster line to the person's month. */
export function WorkMonthLink({ agreementId, stay }: { agreementId: string; stay: Parameters<typeof reportMonthOf>[0] & { practitionerId: string } }) {
  const { t } = useTranslation();
  const month = reportMonthOf(stay);
  return (
    <Link to={workMonthPath(agreementId, stay.practitionerId, month)} data-testid="work-month-link" title={`${t("workMonth.monthReport")} ${month}`}>
      <FileTextOutlined aria-label={t("workMonth.monthReport")} />
    </Link>
  );
}

/** The agreement's month as one PDF (everyone stationed that month): pick the month, download. */
export function MonthlyReportButton({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(dayjs());
  return (
    <Space.Compact>
      <DatePicker
        picker="month"
        allowClear={false}
        value={month}
        onChange={(m) => m && setMonth(m)}
        style={{ width: 110 }}
        aria-label={t("workMonth.monthlyPdf")}
      />
      <Button
        icon={<FilePdfOutlined />}
        href={`/api/v1/agreements/${agreementId}/monthly-report.pdf?month=${month.format("YYYY-MM")}`}
        data-testid="agreement-month-pdf"
      >
        {t("workMonth.monthlyPdf")}
      </Button>
    </Space.Compact>
  );
}

/** From one's own work log: the month's plan and report under each agreement one is stationed by that month. */
export function OwnWorkMonthLinks({
  month,
  stays,
}: {
  month: string | null;
  stays: { agreementId: string; agreementCode: string; from: string; to: string }[];
}) {
  const { t } = useTranslation();
  const practitionerId = useMe().data?.practitionerId;
  if (!practitionerId || !month) return null;
  const touching = stays.filter((s) => s.from.slice(0, 7) <= month && s.to.slice(0, 7) >= month);
  const agreements = [...new Map(touching.map((s) => [s.agreementId, s.agreementCode])).entries()];
  return (
    <>
      {agreements.map(([agreementId, code]) => (
        <Link key={agreementId} to={workMonthPath(agreementId, practitionerId, month)} data-testid="own-work-month-link">
          <Button size="small" icon={<FileTextOutlined />}>
            {agreements.length > 1 ? `${t("workMonth.planAndReport")} · ${code}` : t("workMonth.planAndReport")}
          </Button>
        </Link>
      ))}
    </>
  );
}
