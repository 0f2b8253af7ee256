import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { INDICATORS, type Indicator, indicatorTotal } from "@medbridge/core";
import { useQueries, useQuery } from "@tanstack/react-query";
import { Breadcrumb, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api, withQuery } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { useListParams } from "../shared/useListParams.ts";
import { ChoroplethMap } from "./ChoroplethMap.tsx";
import { RankingCard } from "./RankingCard.tsx";
import { TrendCard } from "./TrendCard.tsx";

interface ValueRow {
  regionCode: string;
  regionName: string;
  period: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
}
interface Values {
  level: string;
  items: ValueRow[];
}

const ROLLED = INDICATORS.filter((i) => i.rollup);
/** The level a region code itself is at (the dashboard totals a region at its own level). */
const levelOf = (code: string) => (code.endsWith("0000") ? "province" : code.endsWith("00") ? "city" : "county");
const sum = (rows: ValueRow[], indicator: Indicator) => indicatorTotal(indicator, rows);

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
  const indicator = ROLLED.find((i) => i.id === indicatorId) ?? (ROLLED[0] as Indicator);
  const zh = i18n.language.startsWith("zh");
  const to = dayjs().format("YYYY-MM");
  const from = dayjs().subtract(11, "month").format("YYYY-MM");
  const path = useQuery({
    queryKey: ["region", regionCode],
    enabled: Boolean(regionCode),
    queryFn: () => api<{ path: { code: string; name: string }[] }>(`/regions/${regionCode}`),
  });
  const own = regionCode ? { regionCode, level: levelOf(regionCode) } : { level: "province" };
  // Tiles: every rolled-up indicator for the region as a whole, by month.
  const tiles = useQueries({
    queries: ROLLED.map((ind) => ({
      queryKey: ["indicator", ind.id, own, from, to],
      queryFn: () => api<Values>(`/indicators/${ind.id}/values`, { query: { ...own, from, to } }),
    })),
  });
  const children = useQuery({
    queryKey: ["indicator", indicator.id, "children", regionCode, from, to],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: { regionCode, from, to } }),
  });
  const months = Array.from({ length: 12 }, (_, k) => dayjs(from).add(k, "month").format("YYYY-MM"));
  const byRegion = new Map<string, ValueRow[]>();
  for (const r of children.data?.items ?? []) byRegion.set(r.regionCode, [...(byRegion.get(r.regionCode) ?? []), r]);
  const childRows = [...byRegion.entries()].map(([code, rows]) => ({
    code,
    name: rows[0]?.regionName ?? code,
    value: sum(rows, indicator),
    last: sum(
      rows.filter((r) => r.period === to),
      indicator,
    ),
  }));
  // The map: provinces of China, or the counties of the region's province (narrowed to its city or county).
  const mapQuery = { ...(regionCode && { regionCode }), level: regionCode ? "county" : "province", from, to };
  const mapValues = useQuery({
    queryKey: ["indicator", indicator.id, "map", mapQuery],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: mapQuery }),
  });
  const perRegion = new Map<string, ValueRow[]>();
  for (const r of mapValues.data?.items ?? []) perRegion.set(r.regionCode, [...(perRegion.get(r.regionCode) ?? []), r]);
  const mapped = new Map([...perRegion.entries()].map(([code, rows]) => [code, sum(rows, indicator)]));
  const ownRows = tiles[ROLLED.indexOf(indicator)]?.data?.items ?? [];
  const trend = months.map((month) => {
    const rows = ownRows.filter((r) => r.period === month);
    const numerator = rows.reduce((n, r) => n + r.numerator, 0);
    const denominator = indicator.denominator === null ? null : rows.reduce((n, r) => n + (r.denominator ?? 0), 0);
    return { month, numerator, denominator, value: sum(rows, indicator) };
  });
  const xlsx = withQuery(`/api/v1/indicators/${indicator.id}/values.xlsx`, { ...(regionCode && { regionCode }), from, to });
  const name = (i: Indicator) => (zh ? i.zh : i.en);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb
        items={[
          ...(me?.regionCode ? [] : [{ title: t("institution.allRegions"), code: undefined as string | undefined }]),
          ...(path.data?.path ?? [])
            .filter((r) => !me?.regionCode || r.code.startsWith(me.regionCode.replace(/(00)+$/, "")))
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
        {ROLLED.map((ind, k) => {
          const rows = tiles[k]?.data?.items ?? [];
          // A yearly indicator shows the year inside the window, without a month-on-month arrow.
          const now = sum(ind.yearly ? rows : rows.filter((r) => r.period === to), ind);
          const before = ind.yearly
            ? null
            : sum(
                rows.filter((r) => r.period === months[10]),
                ind,
              );
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
                <Trend
                  points={months.map((m) =>
                    sum(
                      rows.filter((r) => r.period === m),
                      ind,
                    ),
                  )}
                />
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
              within={regionCode && levelOf(regionCode) !== "province" ? regionCode.replace(/00$/, "") : undefined}
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
              options={ROLLED.map((i) => ({ value: i.id, label: name(i) }))}
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
              onClick: () => !/^\d{6}$/.test(r.code) || levelOf(r.code) === "county" || update({ regionCode: r.code }),
              style: { cursor: "pointer" },
              "data-testid": "indicator-row",
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t("outreach.region"), dataIndex: "name" },
            { title: `${name(indicator)} · ${to}`, dataIndex: "last", align: "right", sorter: (a, b) => (a.last ?? 0) - (b.last ?? 0) },
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
    </Space>
  );
}
