import { useQuery } from "@tanstack/react-query";
import { Card, Input, InputNumber, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { useListParams } from "../shared/useListParams.ts";
import type { Institution, TouringCompliance } from "../types.ts";

type SiteRow = TouringCompliance["items"][number];

/** Touring-frequency compliance for a region and year: failing sites first, with their empty periods. */
export function TouringPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const own = useQuery({
    queryKey: ["institution", me?.institutionId],
    queryFn: () => api<Institution>(`/institutions/${me?.institutionId}`),
    enabled: !!me?.institutionId,
  });
  const { query, update } = useListParams(["regionCode", "year"] as const);
  const regionCode = query.regionCode ?? me?.regionCode ?? own.data?.regionCode;
  const year = Number(query.year ?? dayjs().year());
  const report = useQuery({
    queryKey: ["touring-compliance", regionCode, year],
    queryFn: () => api<TouringCompliance>("/touring/compliance", { query: { regionCode, year, asOf: dayjs().format("YYYY-MM-DD") } }),
    enabled: !!regionCode && /^\d{6}$/.test(regionCode),
  });
  return (
    <Card
      title={t("outreach.touring")}
      extra={
        <Space>
          <Input style={{ width: 120 }} value={regionCode} placeholder={t("outreach.region")} onChange={(e) => update({ regionCode: e.target.value })} />
          <InputNumber style={{ width: 100 }} value={year} min={2000} max={2100} onChange={(y) => update({ year: String(y) })} />
        </Space>
      }
    >
      {report.data && (
        <Typography.Paragraph data-testid="touring-summary">
          {t("outreach.sites", { sites: report.data.sites, failing: report.data.failing })}
        </Typography.Paragraph>
      )}
      <Table<SiteRow>
        rowKey="siteId"
        loading={report.isFetching}
        dataSource={report.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t("outreach.site"), dataIndex: "siteName" },
          { title: t("outreach.level"), dataIndex: "level", render: (l: string) => t(`siteLevel.${l}`) },
          { title: t("outreach.rule"), render: (_, r) => `≥${r.min} / ${t(`period.${r.per}`)}` },
          { title: t("outreach.met"), render: (_, r) => `${r.metPeriods}/${r.periods}` },
          { title: t("outreach.status"), dataIndex: "status", render: (s: string) => <Tag color={s === "pass" ? "green" : "red"}>{t(`outreach.${s}`)}</Tag> },
          {
            title: t("outreach.empty"),
            render: (_, r) => (
              <Space wrap size={4}>
                {r.emptyPeriods.slice(0, 8).map((p) => (
                  <Tag key={p.label} color="red" title={`${p.from} – ${p.to}`}>
                    {p.label}
                  </Tag>
                ))}
                {r.emptyPeriods.length > 8 && <span>+{r.emptyPeriods.length - 8}</span>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
