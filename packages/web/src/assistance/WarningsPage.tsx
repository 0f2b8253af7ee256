import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api.ts";
import type { CoverageWarnings as Warnings } from "../types.ts";

/** Agreements whose planned roster leaves nobody on site in the next 60 days: act before it happens. */
export function WarningsPage() {
  const { t } = useTranslation();
  const warnings = useQuery({ queryKey: ["warnings"], queryFn: () => api<Warnings>("/compliance/warnings", { query: { days: 60 } }) });
  return (
    <Card title={`${t("assistance.warnings")} · ${t("assistance.asOf")} ${warnings.data?.asOf ?? ""}`}>
      <Table<Warnings["items"][number]>
        rowKey={(r) => r.agreement.id}
        loading={warnings.isPending}
        dataSource={warnings.data?.items ?? []}
        locale={{ emptyText: <Empty description={warnings.error ? (warnings.error as Error).message : t("assistance.noWarnings", { days: 60 })} /> }}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t("assistance.firstGap"),
            dataIndex: "firstGapInDays",
            render: (d: number) => <Tag color={d < 14 ? "red" : "orange"}>{`${d} ${t("assistance.days")}`}</Tag>,
          },
          { title: t("assistance.code"), render: (_, r) => <Link to={`/assistance/agreements/${r.agreement.id}`}>{r.agreement.code}</Link> },
          { title: t("assistance.recipient"), render: (_, r) => r.agreement.recipient.name },
          { title: t("assistance.supporters"), render: (_, r) => r.agreement.supporters.map((s) => s.name).join("、") },
          {
            title: t("assistance.gaps"),
            render: (_, r) => (
              <Space size={4} wrap>
                {r.gaps.map((g) => (
                  <Tag key={g.from} color="red" bordered={false}>
                    {g.from === g.to ? g.from : `${g.from} — ${g.to}`}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
