import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { INDICATORS, type Indicator, regionContains, regionLevel, regionPrefix } from "@medbridge/core";
import { useQueries, useQuery } from "@tanstack/react-query";
import { Breadcrumb, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api, withQuery } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { useListParams } from "../shared/useListParams.ts";
import type { RegionWithPath, IndicatorValues as Values } from "../types.ts";
import { ChoroplethMap } from "./ChoroplethMap.tsx";
import { RankingCard } from "./RankingCard.tsx";
import { StatisticsImport } from "./StatisticsImport.tsx";
import { TrendCard } from "./TrendCard.tsx";

/** Sparkline of a monthly series (a table below carries the numbers). */
function Trend({ points }: { points: (number | null)[] }) {
  const values = points.map((p) => p ?? 0);
  const max = Math.max(1, ...values);
  const path = values.map((v, i) => `${(i / Math.max(1, values.length - 1)) * 300},${60 - (v / max) * 56}`).join(" ");
  return (
    <svg viewBox="0 0 300 62" width="100%" height="62" role="img" aria-label="trend">
      <polyline points={path} fill="none" stroke="#0f6e6e" strokeWidth="2" />
    </svg>
  );
}

/**
 * What an official opens every morning: each indicator for the region this month against last
 * month, its twelve-month trend, and the figure of every region one level down (click to drill in).
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const { query, update } = useListParams(["regionCode", "indicator"] as const);
  const regionCode = query.regionCode ?? me?.regionCode ?? undefined;
  const indicatorId = query.indicator ?? "referrals_up";
  const indicator = INDICATORS.find((i) => i.id === indicatorId) ?? (INDICATORS[0] as Indicator);
  const zh = i18n.language.startsWith("zh");
  const to = dayjs().format("YYYY-MM");
  const from = dayjs().subtract(11, "month").format("YYYY-MM");
  const path = useQuery({
    queryKey: ["region", regionCode],
    enabled: Boolean(regionCode),
    queryFn: () => api<RegionWithPath>(`/regions/${regionCode}`),
  });
  // The region as a whole (the nation for a national user), one row per month; the server combines.
  const own = regionCode ? { regionCode, level: regionLevel(regionCode) } : { level: "national" };
  const tiles = useQueries({
    queries: INDICATORS.map((ind) => ({
      queryKey: ["indicator", ind.id, own, from, to],
      queryFn: () => api<Values>(`/indicators/${ind.id}/values`, { query: { ...own, from, to } }),
    })),
  });
  // One level down: the twelve months as one period, and the last month.
  const children = useQuery({
    queryKey: ["indicator", indicator.id, "children", regionCode, from, to],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: { regionCode, from, to, period: "all" } }),
  });
  const months = Array.from({ length: 12 }, (_, k) => dayjs(from).add(k, "month").format("YYYY-MM"));
  // The month the table shows: this one, or last month for a figure known only when a month is over.
  const shown = indicator.pastMonthsOnly ? (months[10] as string) : to;
  const lastMonth = useQuery({
    queryKey: ["indicator", indicator.id, "children", regionCode, shown],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: { regionCode, from: shown, to: shown } }),
  });
  const lastByRegion = new Map((lastMonth.data?.items ?? []).map((r) => [r.regionCode, r.value]));
  const childRows = (children.data?.items ?? []).map((r) => ({
    code: r.regionCode,
    name: r.regionName,
    value: r.value,
    last: lastByRegion.get(r.regionCode) ?? null,
  }));
  // The map: provinces of China, or the counties of the region's province (narrowed to its city or county).
  const mapQuery = { ...(regionCode && { regionCode }), level: regionCode ? "county" : "province", from, to, period: "all" };
  const mapValues = useQuery({
    queryKey: ["indicator", indicator.id, "map", mapQuery],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: mapQuery }),
  });
  const mapped = new Map((mapValues.data?.items ?? []).map((r) => [r.regionCode, r.value]));
  const ownRows = tiles[INDICATORS.indexOf(indicator)]?.data?.items ?? [];
  const trend = months.map((month) => {
    const row = ownRows.find((r) => r.period === month);
    return { month, numerator: row?.numerator ?? 0, denominator: row?.denominator ?? null, value: row?.value ?? null };
  });
  const xlsx = withQuery(`/api/v1/indicators/${indicator.id}/values.xlsx`, { ...(regionCode && { regionCode }), from, to });
  const name = (i: Indicator) => (zh ? i.zh : i.en);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb
        items={[
          ...(me?.regionCode ? [] : [{ title: t("institution.allRegions"), code: undefined as string | undefined }]),
          ...(path.data?.path ?? [])
            .filter((r) => !me?.regionCode || regionContains(me.regionCode, r.code))
            .map((r) => ({ title: r.name, code: r.code as string | undefined })),
        ].map((crumb) => ({
          title: (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => update({ regionCode: crumb.code })} data-testid="crumb">
              {crumb.title}
            </Button>
          ),
        }))}
      />
      <Row gutter={[12, 12]}>
        {INDICATORS.map((ind, k) => {
          const rows = tiles[k]?.data?.items ?? [];
          const at = (month: string | undefined) => rows.find((r) => r.period === month)?.value ?? null;
          // A yearly indicator has one month (December) in the window: show it, without an arrow.
          // One known only when a month is over shows last month against the month before.
          const now = ind.yearly ? (rows.at(-1)?.value ?? null) : at(ind.pastMonthsOnly ? months[10] : to);
          const before = ind.yearly ? null : at(ind.pastMonthsOnly ? months[9] : months[10]);
          const up = now !== null && before !== null && now > before;
          const down = now !== null && before !== null && now < before;
          const good = (up && ind.higherIsBetter) || (down && !ind.higherIsBetter);
          return (
            <Col xs={12} md={8} lg={6} key={ind.id}>
              <Card
                size="small"
                hoverable
                onClick={() => update({ indicator: ind.id })}
                style={ind.id === indicator.id ? { borderColor: "#0f6e6e" } : undefined}
                data-testid={`tile-${ind.id}`}
              >
                <Statistic
                  title={name(ind)}
                  value={now ?? "—"}
                  suffix={ind.unit === "%" ? "%" : undefined}
                  loading={tiles[k]?.isPending}
                  prefix={up ? <ArrowUpOutlined /> : down ? <ArrowDownOutlined /> : <MinusOutlined />}
                  valueStyle={{ color: up || down ? (good ? "#3f8600" : "#cf1322") : undefined }}
                />
                <Trend points={months.map(at)} />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={13}>
          <Card title={`${name(indicator)} · ${t("dashboard.map")}`}>
            <ChoroplethMap
              province={regionCode?.slice(0, 2)}
              within={regionCode && regionLevel(regionCode) !== "province" ? regionPrefix(regionCode) : undefined}
              values={mapped}
              selected={regionCode}
              unit={indicator.unit}
              onSelect={(code) => update({ regionCode: code })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <TrendCard
            title={name(indicator)}
            unit={indicator.unit}
            points={trend}
            xlsx={withQuery(`/api/v1/indicators/${indicator.id}/values.xlsx`, { ...own, from, to })}
          />
        </Col>
      </Row>
      <Card
        title={
          <Space>
            <Select
              value={indicator.id}
              style={{ width: 260 }}
              onChange={(v) => update({ indicator: v })}
              options={INDICATORS.map((i) => ({ value: i.id, label: name(i) }))}
            />
            <Typography.Text type="secondary">
              {from} – {to}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <Button href={xlsx} data-testid="indicator-xlsx">
              XLSX
            </Button>
            {regionCode && (
              <Button href={`/api/v1/reports/${regionCode}?period=${dayjs().format("YYYY")}`} data-testid="region-report">
                {t("menu.report")}
              </Button>
            )}
          </Space>
        }
      >
        <Table
          rowKey="code"
          size="small"
          loading={children.isFetching}
          dataSource={childRows}
          locale={{ emptyText: <Empty description={t("common.empty")} /> }}
          pagination={{ pageSize: 20 }}
          onRow={(r) =>
            ({
              onClick: () => !/^\d{6}$/.test(r.code) || regionLevel(r.code) === "county" || update({ regionCode: r.code }),
              style: { cursor: "pointer" },
              "data-testid": "indicator-row",
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t("outreach.region"), dataIndex: "name" },
            { title: `${name(indicator)} · ${shown}`, dataIndex: "last", align: "right", sorter: (a, b) => (a.last ?? 0) - (b.last ?? 0) },
            {
              title: `${name(indicator)} · 12`,
              dataIndex: "value",
              align: "right",
              sorter: (a, b) => (a.value ?? 0) - (b.value ?? 0),
              defaultSortOrder: "descend",
            },
          ]}
        />
      </Card>
      {regionCode && <RankingCard regionCode={regionCode} />}
      <StatisticsImport />
    </Space>
  );
}
