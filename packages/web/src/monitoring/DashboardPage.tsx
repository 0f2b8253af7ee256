import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { INDICATORS, type Indicator, regionContains, regionLevel, regionPrefix } from "@medbridge/core";
import { useQueries, useQuery } from "@tanstack/react-query";
import { Breadcrumb, Button, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api, withQuery } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { chinaToday } from "../shared/format.ts";
import { useListParams } from "../shared/useListParams.ts";
import type { RegionWithPath, IndicatorValues as Values } from "../types.ts";
import { ChoroplethMap, type Shown } from "./ChoroplethMap.tsx";
import { RankingCard } from "./RankingCard.tsx";
import { StatisticsImport } from "./StatisticsImport.tsx";
import { TrendCard } from "./TrendCard.tsx";

/** Sparkline of a series (months, or years for a yearly indicator); the trend card carries the numbers. */
function Trend({ points, label }: { points: (number | null)[]; label: string }) {
  const values = points.map((p) => p ?? 0);
  const max = Math.max(1, ...values);
  const path = values.map((v, i) => `${(i / Math.max(1, values.length - 1)) * 300},${60 - (v / max) * 56}`).join(" ");
  return (
    <svg viewBox="0 0 300 62" width="100%" height="62" role="img" aria-label={label}>
      <polyline points={path} fill="none" stroke="#0f6e6e" strokeWidth="2" />
    </svg>
  );
}

type Absence = Values["whenAbsent"];
/** Tile value colours, each at least 4.5:1 on white (WCAG AA): better, worse, and no figure. */
const GOOD = "#3a7a00";
const BAD = "#cf1322";
const MUTED = "#595959";
const UNIT_KEY = { "%": "unit_percent", count: "unit_count", days: "unit_days", hours: "unit_hours", ratio: "unit_ratio" } as const;

/**
 * A region's figure for a period, or why there is none: the server says what a missing row means
 * (`whenAbsent`: a count of records is 0, imported statistics not imported are no data, a rate with
 * nothing to divide is not applicable), and a row whose value is null had nothing to divide by.
 */
function shown(row: { value: number | null } | undefined, absent: Absence | undefined): Shown {
  if (row) return row.value === null ? { value: null, reason: "not_applicable" } : { value: row.value };
  if (absent === "zero") return { value: 0 };
  return { value: null, reason: absent ?? "no_data" };
}

/**
 * What an official opens every morning: each indicator for the region — a monthly one this month
 * against last month, a yearly one this year to date against last year — with its period and unit,
 * its trend, the map, and the figure of every region one level down (click a row or the map to drill in).
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const { query, update } = useListParams(["regionCode", "indicator"] as const);
  const regionCode = query.regionCode ?? me?.regionCode ?? undefined;
  const indicatorId = query.indicator ?? "referrals_up";
  const indicator = INDICATORS.find((i) => i.id === indicatorId) ?? (INDICATORS[0] as Indicator);
  const zh = i18n.language.startsWith("zh");
  const today = chinaToday();
  const year = today.year();
  const asOf = today.format("YYYY-MM-DD");
  const to = today.format("YYYY-MM");
  const from = today.subtract(11, "month").format("YYYY-MM");
  const path = useQuery({
    queryKey: ["region", regionCode],
    enabled: Boolean(regionCode),
    queryFn: () => api<RegionWithPath>(`/regions/${regionCode}`),
  });
  // The region as a whole (the nation for a national user); the server combines. A monthly
  // indicator: the last twelve months; a yearly one: this year (to date) and the two before.
  const own = regionCode ? { regionCode, level: regionLevel(regionCode) } : { level: "national" };
  const windowOf = (ind: Indicator) => (ind.yearly ? { period: "year", from: `${year - 2}-01`, to: `${year}-12` } : { from, to });
  const tiles = useQueries({
    queries: INDICATORS.map((ind) => ({
      queryKey: ["indicator", ind.id, own, windowOf(ind)],
      queryFn: () => api<Values>(`/indicators/${ind.id}/values`, { query: { ...own, ...windowOf(ind) } }),
    })),
  });
  const months = Array.from({ length: 12 }, (_, k) => dayjs(from).add(k, "month").format("YYYY-MM"));
  // The period each figure is for: this month (last month for one known only when a month is
  // over) against the month before; this year to date against last year.
  const periodOf = (ind: Indicator) =>
    ind.yearly
      ? { key: String(year), before: String(year - 1), label: t("indicatorTile.yearToDate", { year, date: asOf }) }
      : ind.pastMonthsOnly
        ? { key: months[10] as string, before: months[9] as string, label: t("indicatorTile.lastMonth", { month: months[10] }) }
        : { key: to, before: months[10] as string, label: t("indicatorTile.month", { month: to }) };
  const unitOf = (ind: Indicator) => t(`indicatorTile.${UNIT_KEY[ind.unit]}`);
  const suffixOf = (ind: Indicator) => (ind.unit === "%" ? "%" : "");
  const period = periodOf(indicator);
  // One level down, two columns: the shown period, and the twelve months as one (a yearly indicator: last year).
  const wide = indicator.yearly
    ? { from: `${year - 1}-01`, to: `${year - 1}-12`, label: t("indicatorTile.year", { year: year - 1 }) }
    : { from, to, label: `${t(indicator.denominator === null && !indicator.median ? "indicatorTile.total12" : "indicatorTile.overall12")} (${from} – ${to})` };
  const narrow = indicator.yearly ? { from: `${year}-01`, to: `${year}-12` } : { from: period.key, to: period.key };
  const children = useQuery({
    queryKey: ["indicator", indicator.id, "children", regionCode, wide.from, wide.to],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: { regionCode, from: wide.from, to: wide.to, period: "all" } }),
  });
  const current = useQuery({
    queryKey: ["indicator", indicator.id, "children", regionCode, narrow.from, narrow.to],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: { regionCode, from: narrow.from, to: narrow.to, period: "all" } }),
  });
  const absent = children.data?.whenAbsent;
  const currentByRegion = new Map((current.data?.items ?? []).map((r) => [r.regionCode, r]));
  const wideByRegion = new Map((children.data?.items ?? []).map((r) => [r.regionCode, r]));
  const childRows = [...new Map([...(current.data?.items ?? []), ...(children.data?.items ?? [])].map((r) => [r.regionCode, r.regionName]))].map(
    ([code, name]) => ({ code, name, now: shown(currentByRegion.get(code), absent), wide: shown(wideByRegion.get(code), absent) }),
  );
  // The map: provinces of China, or the counties of the region's province (narrowed to its city or county), for the shown period.
  const mapWindow = indicator.yearly ? narrow : { from, to };
  const mapQuery = { ...(regionCode && { regionCode }), level: regionCode ? "county" : "province", ...mapWindow, period: "all" };
  const mapValues = useQuery({
    queryKey: ["indicator", indicator.id, "map", mapQuery],
    queryFn: () => api<Values>(`/indicators/${indicator.id}/values`, { query: mapQuery }),
  });
  const mapped = new Map((mapValues.data?.items ?? []).map((r) => [r.regionCode, r]));
  // A region with no row is 0 for a count of the platform's records, otherwise no data / not applicable.
  const mapValueOf = (code: string) => shown(mapped.get(code), mapValues.data?.whenAbsent);
  const ownData = tiles[INDICATORS.indexOf(indicator)]?.data;
  const trendPeriods = indicator.yearly ? [String(year - 2), String(year - 1), String(year)] : months;
  const trend = trendPeriods.map((p) => {
    const row = ownData?.items.find((r) => r.period === p);
    return { month: p, numerator: row?.numerator ?? 0, denominator: row?.denominator ?? null, value: shown(row, ownData?.whenAbsent).value };
  });
  const xlsx = withQuery(`/api/v1/indicators/${indicator.id}/values.xlsx`, { ...(regionCode && { regionCode }), from, to });
  const name = (i: Indicator) => (zh ? i.zh : i.en);
  const cell = (ind: Indicator, v: Shown) =>
    v.value === null ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`indicatorTile.${v.reason}`)}
      </Typography.Text>
    ) : (
      `${v.value}${suffixOf(ind)}`
    );
  const drill = (code: string) => /^\d{6}$/.test(code) && code !== regionCode && update({ regionCode: code });

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
          const data = tiles[k]?.data;
          const rows = data?.items ?? [];
          const p = periodOf(ind);
          const at = (key: string) =>
            shown(
              rows.find((r) => r.period === key),
              data?.whenAbsent,
            );
          const now = at(p.key);
          const before = at(p.before);
          // Arrows compare like with like: a month with the month before. A year to date is not
          // comparable with a whole year, so last year is written out instead.
          const comparable = !ind.yearly && now.value !== null && before.value !== null;
          const up = comparable && (now.value as number) > (before.value as number);
          const down = comparable && (now.value as number) < (before.value as number);
          const good = (up && ind.higherIsBetter) || (down && !ind.higherIsBetter);
          const beforeText = before.value === null ? t(`indicatorTile.${before.reason}`) : `${before.value}${suffixOf(ind)}`;
          return (
            <Col xs={12} md={8} lg={6} key={ind.id}>
              <Card
                size="small"
                hoverable
                onClick={() => update({ indicator: ind.id })}
                style={{ height: "100%", ...(ind.id === indicator.id ? { borderColor: "#0f6e6e" } : {}) }}
                data-testid={`tile-${ind.id}`}
              >
                <Statistic
                  title={name(ind)}
                  value={now.value === null ? t(`indicatorTile.${now.reason}`) : now.value}
                  suffix={now.value !== null && ind.unit === "%" ? "%" : undefined}
                  loading={tiles[k]?.isPending}
                  prefix={comparable ? up ? <ArrowUpOutlined /> : down ? <ArrowDownOutlined /> : <MinusOutlined /> : undefined}
                  valueStyle={now.value === null ? { fontSize: 14, color: MUTED } : { color: up || down ? (good ? GOOD : BAD) : undefined }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }} data-testid="tile-period">
                  {p.label} · {unitOf(ind)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: "block" }}>
                  {ind.yearly ? t("indicatorTile.lastYear", { value: beforeText }) : `${t("indicatorTile.previous", { period: p.before })}: ${beforeText}`}
                </Typography.Text>
                <Trend
                  points={(ind.yearly ? [String(year - 2), String(year - 1), String(year)] : months).map((m) => at(m).value)}
                  label={`${name(ind)} · ${t("dashboard.trend")}`}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={13}>
          <Card title={`${name(indicator)} · ${t("dashboard.map")} · ${indicator.yearly ? period.label : t("indicatorTile.window", { from, to })}`}>
            {mapValues.isPending ? (
              <Spin style={{ display: "block", margin: 48 }} />
            ) : (
              <ChoroplethMap
                province={regionCode?.slice(0, 2)}
                within={regionCode && regionLevel(regionCode) !== "province" ? regionPrefix(regionCode) : undefined}
                figureOf={mapValueOf}
                label={t("dashboard.mapLabel", { indicator: name(indicator) })}
                selected={regionCode}
                unit={indicator.unit}
                onSelect={(code) => update({ regionCode: code })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <TrendCard
            title={name(indicator)}
            caption={indicator.yearly ? t("indicatorTile.window", { from: year - 2, to: asOf }) : t("dashboard.trend")}
            periodTitle={indicator.yearly ? t("dashboard.year") : t("dashboard.month")}
            unit={indicator.unit}
            unitLabel={unitOf(indicator)}
            points={trend}
            xlsx={withQuery(`/api/v1/indicators/${indicator.id}/values.xlsx`, { ...own, from, to })}
          />
        </Col>
      </Row>
      <Card
        title={
          <Space wrap>
            <Select
              value={indicator.id}
              style={{ width: 260 }}
              onChange={(v) => update({ indicator: v })}
              options={INDICATORS.map((i) => ({ value: i.id, label: name(i) }))}
              aria-label={t("indicatorTile.indicator")}
            />
            <Typography.Text type="secondary">{unitOf(indicator)}</Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <Button href={xlsx} data-testid="indicator-xlsx">
              XLSX
            </Button>
            {regionCode && (
              <Button href={`/api/v1/reports/${regionCode}?period=${year}`} data-testid="region-report">
                {t("menu.report")}
              </Button>
            )}
          </Space>
        }
      >
        <Table
          rowKey="code"
          size="small"
          loading={children.isFetching || current.isFetching}
          dataSource={childRows}
          locale={{ emptyText: <Empty description={t("common.empty")} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) =>
            ({
              onClick: () => drill(r.code),
              onKeyDown: (e: React.KeyboardEvent) => e.key === "Enter" && drill(r.code),
              tabIndex: 0,
              style: { cursor: "pointer" },
              "data-testid": "indicator-row",
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t("indicatorTile.region"),
              dataIndex: "name",
              render: (n: string) => <Typography.Link title={t("indicatorTile.drill", { name: n })}>{n}</Typography.Link>,
            },
            {
              title: `${period.label} (${unitOf(indicator)})`,
              key: "now",
              align: "right",
              render: (_, r) => cell(indicator, r.now),
              sorter: (a, b) => (a.now.value ?? -1) - (b.now.value ?? -1),
              defaultSortOrder: "descend",
            },
            {
              title: `${wide.label} (${unitOf(indicator)})`,
              key: "wide",
              align: "right",
              render: (_, r) => cell(indicator, r.wide),
              sorter: (a, b) => (a.wide.value ?? -1) - (b.wide.value ?? -1),
            },
          ]}
        />
      </Card>
      {regionCode && <RankingCard regionCode={regionCode} />}
      <StatisticsImport />
    </Space>
  );
}
