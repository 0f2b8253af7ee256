import { Col, Row, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import type { Answer } from "../types.ts";

/** Confirmed work totals as the server counts them (assistance/work-totals.ts). */
export type WorkTotals = Answer<"/agreements/{id}/work-totals">["total"];

const FIGURES = ["outpatientVisits", "operations", "teachingHours", "peopleTrained"] as const;

/** The four confirmed-work figures side by side (two per row on a phone). */
export function ConfirmedWorkStats({ totals, testId }: { totals: WorkTotals; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 8]} data-testid={testId}>
      {FIGURES.map((key) => (
        <Col key={key} xs={12} md={6}>
          <Statistic title={t(`confirmedWork.${key}`)} value={totals[key]} />
        </Col>
      ))}
    </Row>
  );
}

/** The figures in one line ("门诊 30 · 手术 2 · 授课 2 小时 · 培训带教 10"). */
export function workLine(t: (key: string, options?: Record<string, unknown>) => string, totals: Omit<WorkTotals, "lines">) {
  return t("confirmedWork.onSiteParts", { ...totals });
}
