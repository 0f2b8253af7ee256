import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { QueryState } from "../shared/QueryState.tsx";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import type { Answer } from "../types.ts";
import { ConfirmedWorkStats } from "./ConfirmedWorkStats.tsx";

type Totals = Answer<"/agreements/{id}/work-totals">;

/** An agreement's confirmed work (issue 16): in total, per stationed person and per month of the year. */
export function AgreementWorkTotals({ agreementId, year }: { agreementId: string; year: number }) {
  const { t } = useTranslation();
  const query = { from: `${year}-01`, to: `${year}-12` };
  const totals = useQuery({
    queryKey: ["work-totals", agreementId, query],
    queryFn: () => api<Totals>(`/agreements/${agreementId}/work-totals`, { query }),
  });
  const figures = [
    { title: t("confirmedWork.outpatientVisits"), dataIndex: "outpatientVisits", align: "right" as const },
    { title: t("confirmedWork.operations"), dataIndex: "operations", align: "right" as const },
    { title: t("confirmedWork.teachingHours"), dataIndex: "teachingHours", align: "right" as const },
    { title: t("confirmedWork.peopleTrained"), dataIndex: "peopleTrained", align: "right" as const },
  ];
  return (
    <Card title={`${t("confirmedWork.title")} · ${year}`} size="small" data-testid="agreement-work-totals">
      <QueryState query={totals}>
        {() => {
          const data = totals.data as Totals;
          return (
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Typography.Text type="secondary">{t("confirmedWork.onlyConfirmed")}</Typography.Text>
              {data.total.lines === 0 ? (
                <Empty description={t("confirmedWork.none")} />
              ) : (
                <>
                  <ConfirmedWorkStats totals={data.total} testId="work-totals-stats" />
                  <Typography.Text strong>{t("confirmedWork.byPerson")}</Typography.Text>
                  <ResponsiveTable
                    size="small"
                    rowKey="practitionerId"
                    pagination={false}
                    dataSource={data.people}
                    columns={[
                      { title: t("confirmedWork.person"), dataIndex: "practitionerName", phone: "title" },
                      { title: t("confirmedWork.supporter"), dataIndex: "supporterName" },
                      ...figures,
                    ]}
                  />
                  <Typography.Text strong>{t("confirmedWork.byMonth")}</Typography.Text>
                  <ResponsiveTable
                    size="small"
                    rowKey="month"
                    pagination={false}
                    dataSource={data.months}
                    columns={[{ title: t("confirmedWork.month"), dataIndex: "month", phone: "title" }, ...figures]}
                  />
                </>
              )}
            </Space>
          );
        }}
      </QueryState>
    </Card>
  );
}
