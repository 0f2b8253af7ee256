import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Empty, Form, InputNumber, List, Select, Space, Spin, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api.ts";
import { formatDateTime } from "../shared/format.ts";
import { QueryState } from "../shared/QueryState.tsx";
import type { Bilingual, PlanRun, PlanRunSummary, SolverSummary } from "./plan-types.ts";
import type { usePlanRun } from "./usePlanRun.ts";

const SOLVER_COLOR: Record<SolverSummary["status"], string> = { optimal: "green", time_limit: "orange", infeasible: "red", unbounded: "red", error: "red" };
const RUN_COLOR: Record<PlanRun["status"], string> = { running: "processing", done: "green", failed: "red" };

/** A sentence in the reader's language. */
export function useBilingual() {
  const { i18n } = useTranslation();
  return (text: Bilingual) => (i18n.language === "en" ? text.en : text.zh);
}

const number = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? "—" : n.toFixed(digits));

/** What the solver proved: its status, the plan's cost (objective), the best cost possible (bound) and the gap between them. */
export function SolverFacts({ solver }: { solver: SolverSummary }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3, xl: 5 }} data-testid="plan-solver">
      <Descriptions.Item label={t("plan.solverStatus")}>
        <Tag color={SOLVER_COLOR[solver.status]} data-testid="plan-solver-status">
          {t(`plan.solver.${solver.status}`)}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t("plan.objective")}>{number(solver.objective)}</Descriptions.Item>
      <Descriptions.Item label={t("plan.bound")}>{number(solver.bound)}</Descriptions.Item>
      <Descriptions.Item label={t("plan.gap")}>{solver.gap === null ? "—" : `${number(solver.gap * 100, 2)} %`}</Descriptions.Item>
      <Descriptions.Item label={t("plan.seconds")}>{number(solver.seconds, 2)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The planner forms' year: one of `years`. */
export function PlanYearField({ years, value, onChange }: { years: readonly number[]; value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t("plan.year")}>
      <Select
        value={value}
        onChange={onChange}
        options={years.map((y) => ({ value: y, label: t("plan.yearOption", { year: y }) }))}
        style={{ width: 110 }}
        data-testid="plan-year"
      />
    </Form.Item>
  );
}

/** The planner forms' time limit, 1..300 seconds (`fallback` when cleared). */
export function PlanTimeLimitField({ value, onChange, fallback }: { value: number; onChange: (seconds: number) => void; fallback: number }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t("plan.timeLimit")}>
      <Space.Compact>
        <InputNumber
          min={1}
          max={300}
          precision={0}
          value={value}
          onChange={(v) => onChange(v ?? fallback)}
          style={{ width: 80 }}
          data-testid="plan-time-limit"
        />
        <Space.Addon>{t("plan.timeLimitUnit")}</Space.Addon>
      </Space.Compact>
    </Form.Item>
  );
}

/**
 * Below a planner's form: nothing yet (an empty card), or the run — its progress while solving or
 * failed, and once done what `result` draws of it.
 */
export function RunOutcome({ plan, result }: { plan: ReturnType<typeof usePlanRun>; result: (run: PlanRun) => ReactNode }) {
  const { t } = useTranslation();
  if (!plan.runId)
    return (
      <Card>
        <Empty description={t("plan.empty")} />
      </Card>
    );
  return (
    <QueryState query={plan.run}>
      {() => {
        const run = plan.run.data as PlanRun;
        return (
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <RunProgress run={run} elapsed={plan.elapsed} polling={plan.polling} onStop={plan.stopPolling} onResume={plan.resumePolling} />
            {run.status === "done" && result(run)}
          </Space>
        );
      }}
    </QueryState>
  );
}

/** The run's state while it is not done: solving (elapsed seconds, stop/resume polling), failed, or polling stopped. */
export function RunProgress({
  run,
  elapsed,
  polling,
  onStop,
  onResume,
}: {
  run: PlanRun;
  elapsed: number;
  polling: boolean;
  onStop: () => void;
  onResume: () => void;
}) {
  const { t, i18n } = useTranslation();
  // The server says why in English (a solver's or database's words): shown as such to English readers only.
  if (run.status === "failed")
    return (
      <Alert type="error" showIcon title={t("plan.failed")} description={i18n.language === "en" ? run.error : t("plan.failedHint")} data-testid="plan-failed" />
    );
  if (run.status !== "running") return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={polling ? <Spin size="small" /> : undefined}
      data-testid="plan-running"
      title={polling ? t("plan.running", { seconds: elapsed }) : t("plan.pollingStopped")}
      action={
        polling ? (
          <Button size="small" type="link" onClick={onStop} data-testid="plan-stop-polling">
            {t("plan.stopPolling")}
          </Button>
        ) : (
          <Button size="small" type="link" onClick={onResume} data-testid="plan-resume-polling">
            {t("plan.resumePolling")}
          </Button>
        )
      }
    />
  );
}

/** The caller's recent runs of one kind, newest first; clicking one reopens it. */
export function RecentRuns({
  kind,
  current,
  onOpen,
  describe,
}: {
  kind: "roster" | "pairing";
  current: string | undefined;
  onOpen: (id: string) => void;
  /** What the run was for (a supporter's name, a region), beside its year. */
  describe: (run: PlanRunSummary) => ReactNode;
}) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ["plans", "list", kind],
    queryFn: () => api<Page<PlanRunSummary>>("/plans", { query: { kind, pageSize: 10 } }),
  });
  return (
    <Card size="small" title={t("plan.recent")} data-testid="plan-recent">
      {list.error ? (
        <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>
      ) : (
        <List
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("plan.noRuns")} /> }}
          renderItem={(r) => (
            <List.Item
              data-testid="plan-recent-run"
              style={r.id === current ? { background: "#e6f4f4" } : undefined}
              actions={[
                <Button key="open" type="link" size="small" onClick={() => onOpen(r.id)} disabled={r.id === current}>
                  {t("plan.open")}
                </Button>,
              ]}
            >
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <Typography.Text ellipsis>
                  {describe(r)}
                  {r.year ? ` · ${r.year}` : ""}
                </Typography.Text>
                <Space size={4} wrap>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(r.createdAt)}
                  </Typography.Text>
                  <Tag color={RUN_COLOR[r.status]} bordered={false}>
                    {t(`plan.status.${r.status}`)}
                  </Tag>
                  {r.feasible === false && (
                    <Tag color="orange" bordered={false}>
                      {t("plan.hasBreaks")}
                    </Tag>
                  )}
                  {r.appliedAt && (
                    <Tag color="blue" bordered={false}>
                      {t("plan.applied")}
                    </Tag>
                  )}
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
