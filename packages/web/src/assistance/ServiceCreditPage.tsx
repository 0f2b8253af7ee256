import { FilePdfOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Progress, Space, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api } from "../api.ts";
import { QueryState } from "../shared/QueryState.tsx";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import type { ServiceCredit as Credit } from "../types.ts";
import { ConfirmedWorkStats, workLine } from "./ConfirmedWorkStats.tsx";

/** Cumulative grassroots service of one practitioner and the ≥ 365-day eligibility for associate chief. */
export function ServiceCreditPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const credit = useQuery({ queryKey: ["credit", id], queryFn: () => api<Credit>(`/practitioners/${id}/service-credit`) });
  return (
    <QueryState query={credit}>
      {() => {
        const c = credit.data as Credit;
        return (
          <Card
            title={`${t("assistance.credit")} · ${c.name} · ${c.institutionName}`}
            extra={
              <Button icon={<FilePdfOutlined />} href={`/api/v1/practitioners/${id}/service-credit.pdf`} data-testid="certificate-pdf">
                {t("assistance.certificate")}
              </Button>
            }
          >
            <Space direction="vertical" size={16} style={{ width: "100%" }}>
              <Space size={48} align="center">
                <Statistic title={t("assistance.totalDays")} value={c.totalDays} suffix={`/ ${c.requiredDays}`} />
                <Progress
                  type="circle"
                  size={90}
                  percent={Math.min(100, Math.round((c.totalDays / c.requiredDays) * 100))}
                  status={c.eligible ? "success" : "active"}
                />
              </Space>
              <Alert
                type={c.eligible ? "success" : "info"}
                showIcon
                title={c.eligible ? t("assistance.eligible") : t("assistance.notEligible")}
                description={`${t("assistance.asOf")} ${c.asOf}`}
              />
              <Card type="inner" size="small" title={t("confirmedWork.title")} data-testid="credit-work">
                <ConfirmedWorkStats totals={c.work} />
                <Typography.Text type="secondary">{t("confirmedWork.onlyConfirmed")}</Typography.Text>
              </Card>
              <ResponsiveTable
                size="small"
                rowKey={(s) => `${s.agreementCode}-${s.from}`}
                dataSource={c.stays}
                pagination={false}
                columns={[
                  { title: t("assistance.code"), dataIndex: "agreementCode", phone: "title" },
                  { title: t("assistance.recipient"), dataIndex: "recipientName" },
                  { title: t("assistance.period"), render: (_, s) => `${s.from} — ${s.to}` },
                  { title: t("assistance.days"), dataIndex: "days", align: "right" },
                  { title: t("confirmedWork.title"), render: (_, s) => workLine(t, s.work) },
                ]}
              />
            </Space>
          </Card>
        );
      }}
    </QueryState>
  );
}
