import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Empty, Form, Input, Row, Space, Statistic, Switch, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { RegionFilter } from "../shared/RegionFilter.tsx";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { RegionWithPath } from "../types.ts";
import { PlanTimeLimitField, PlanYearField, RecentRuns, RunOutcome, SolverFacts, useBilingual } from "./PlanRunParts.tsx";
import type { PairingPlan, PlanRun } from "./plan-types.ts";
import { usePlanRun } from "./usePlanRun.ts";

const THIS_YEAR = new Date().getFullYear();
const YEARS = [THIS_YEAR, THIS_YEAR + 1];
const NATION = "000000";

/** A region's name by its code ("the nation" for 000000). */
function RegionName({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const region = useQuery({
    queryKey: ["region", code],
    enabled: Boolean(code) && code !== NATION,
    queryFn: () => api<RegionWithPath>(`/regions/${code}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!code || code === NATION) return <>{t("plan.nation")}</>;
  return <>{region.data?.name ?? code}</>;
}

/**
 * The pairing planner (issue 17): recipients of a region paired with supporters by the solver —
 * needs covered, capacity and the province pairings respected, distance and unmet needs the least.
 */
export function PairingPlanPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const plan = usePlanRun("pairing");
  // The caller's own region is the whole of what they may plan (the nation for the national admin).
  const root = me?.regionCode ?? null;
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [year, setYear] = useState(THIS_YEAR);
  const [keepExisting, setKeepExisting] = useState(true);
  const [timeLimit, setTimeLimit] = useState(60);
  const shown = plan.run.data;
  // A run opened puts its own question back in the form, once (each poll's answer must not undo an edit).
  const [filledFrom, setFilledFrom] = useState<string>();
  if (shown && shown.id !== filledFrom) {
    setFilledFrom(shown.id);
    if (shown.regionCode) setRegionCode(shown.regionCode === (root ?? NATION) ? undefined : shown.regionCode);
    if (shown.year) setYear(shown.year);
    if (typeof shown.params.keepExisting === "boolean") setKeepExisting(shown.params.keepExisting);
    if (typeof shown.params.timeLimitSeconds === "number") setTimeLimit(shown.params.timeLimitSeconds);
  }
  const whole = t("plan.wholeRegion", { name: me?.regionName ?? t("plan.nation") });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={18}>
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card title={t("plan.pairingTitle")}>
            <Typography.Paragraph type="secondary">{t("plan.pairingHint")}</Typography.Paragraph>
            <Form
              layout="inline"
              style={{ rowGap: 12 }}
              onFinish={() => plan.start({ regionCode: regionCode ?? root ?? NATION, year, keepExisting, timeLimitSeconds: timeLimit })}
            >
              <Form.Item label={t("plan.region")}>
                <RegionFilter root={root} value={regionCode} onChange={setRegionCode} placeholder={whole} testId="plan-region" />
              </Form.Item>
              <PlanYearField years={YEARS} value={year} onChange={setYear} />
              <Form.Item label={t("plan.keepExisting")}>
                <Switch checked={keepExisting} onChange={setKeepExisting} data-testid="plan-keep-existing" />
              </Form.Item>
              <PlanTimeLimitField value={timeLimit} onChange={setTimeLimit} fallback={60} />
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={plan.starting || (plan.running && plan.polling)} data-testid="plan-start">
                  {t("plan.plan")}
                </Button>
              </Form.Item>
            </Form>
            {plan.startError && <Alert type="error" showIcon title={plan.startError.message} style={{ marginTop: 16 }} data-testid="plan-start-error" />}
          </Card>
          <RunOutcome plan={plan} result={(run) => run.result?.kind === "pairing" && <PairingResult run={run} plan={run.result} />} />
        </Space>
      </Col>
      <Col xs={24} xxl={6}>
        <RecentRuns kind="pairing" current={plan.runId} onOpen={plan.open} describe={(r) => <RegionName code={r.regionCode} />} />
      </Col>
    </Row>
  );
}

type Pair = PairingPlan["pairs"][number];
type Unmet = PairingPlan["unmet"][number];

/** A finished pairing plan: totals and the solver's proof, the pairs (searchable, sortable, paged) and the needs left unmet. */
function PairingResult({ run, plan }: { run: PlanRun; plan: PairingPlan }) {
  const { t } = useTranslation();
  const words = useBilingual();
  const { query, update } = useListParams(["q"] as const);
  const [search, setSearch] = useState(query.q ?? "");
  useEffect(() => setSearch(query.q ?? ""), [query.q]);
  const name = (id: string) => run.institutions?.[id]?.name ?? id;
  const q = query.q?.trim() ?? "";
  const pairs = q ? plan.pairs.filter((p) => name(p.recipient).includes(q) || name(p.supporter).includes(q)) : plan.pairs;
  const unmet = q ? plan.unmet.filter((u) => name(u.recipient).includes(q)) : plan.unmet;
  const byName = (key: "recipient" | "supporter") => (a: Pair, b: Pair) => name(a[key]).localeCompare(name(b[key]), "zh");
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Row gutter={[12, 12]}>
            {(["recipients", "supporters", "pairs", "newPairs", "unmetNeeds", "distanceKm"] as const).map((k) => (
              <Col xs={12} md={8} xl={4} key={k}>
                <Statistic
                  title={t(`plan.pairTotals.${k}`)}
                  value={plan.totals[k]}
                  precision={k === "distanceKm" ? 0 : undefined}
                  valueStyle={k === "unmetNeeds" && plan.totals.unmetNeeds > 0 ? { color: "#d46b08" } : undefined}
                  data-testid={`plan-total-${k}`}
                />
              </Col>
            ))}
          </Row>
          <SolverFacts solver={plan.solver} />
        </Space>
      </Card>
      <Card
        size="small"
        title={t("plan.pairs")}
        extra={
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            placeholder={t("plan.searchPairs")}
            aria-label={t("plan.searchPairs")}
            style={{ width: 240, maxWidth: "100%" }}
            data-testid="plan-pairs-search"
          />
        }
      >
        <ResponsiveTable<Pair>
          size="small"
          rowKey={(p) => `${p.recipient}:${p.supporter}`}
          dataSource={pairs}
          onRow={() => ({ "data-testid": "plan-pair" }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: pairs.length,
            showSizeChanger: true,
            showTotal: (total) => t("common.total", { total }),
            onChange: (page, pageSize) => update({ page, pageSize }),
          }}
          columns={[
            {
              title: t("plan.recipient"),
              key: "recipient",
              phone: "title",
              sorter: byName("recipient"),
              render: (_, p) => (
                <Space size={4} wrap>
                  {name(p.recipient)}
                  {p.existing && (
                    <Tag color="blue" bordered={false} data-testid="plan-pair-existing">
                      {t("plan.existing")}
                    </Tag>
                  )}
                </Space>
              ),
            },
            { title: t("plan.supporter"), key: "supporter", sorter: byName("supporter"), render: (_, p) => name(p.supporter) },
            {
              title: t("plan.distanceKm"),
              key: "distanceKm",
              align: "right",
              sorter: (a, b) => a.distanceKm - b.distanceKm,
              render: (_, p) => Math.round(p.distanceKm).toLocaleString(),
            },
            {
              title: t("plan.covers"),
              key: "covers",
              // Room for three specialties a line: the reasons beside them take the rest.
              width: 240,
              render: (_, p) =>
                p.covers.length === 0 ? (
                  "—"
                ) : (
                  <Space size={[4, 4]} wrap>
                    {p.covers.map((c) => (
                      <Tag key={c} bordered={false}>
                        {c}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
            { title: t("plan.why"), key: "why", render: (_, p) => words(p.why) },
          ]}
        />
      </Card>
      <Card size="small" title={`${t("plan.unmet")} · ${unmet.length}`}>
        <ResponsiveTable<Unmet>
          size="small"
          rowKey={(u) => `${u.recipient}:${u.specialty}`}
          dataSource={unmet}
          pagination={unmet.length > 10 && { pageSize: 10 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("plan.noUnmet")} /> }}
          onRow={() => ({ "data-testid": "plan-unmet" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("plan.recipient"), key: "recipient", phone: "title", render: (_, u) => name(u.recipient) },
            { title: t("plan.specialty"), dataIndex: "specialty", render: (s: string) => s || "—" },
            { title: t("plan.why"), key: "why", render: (_, u) => words(u.why) },
          ]}
        />
      </Card>
    </Space>
  );
}
