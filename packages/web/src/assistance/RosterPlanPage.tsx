import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Empty, Form, List, Popconfirm, Row, Space, Statistic, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, api } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { formatDateTime } from "../shared/format.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { usePhone } from "../shared/ResponsiveTable.tsx";
import type { Answer, ComplianceReport, Dispatch } from "../types.ts";
import { ComplianceTag } from "./ComplianceStatus.tsx";
import { PlanTimeLimitField, PlanYearField, RecentRuns, RunOutcome, SolverFacts, useBilingual } from "./PlanRunParts.tsx";
import type { AppliedPlan, PlanRun, RosterPlan } from "./plan-types.ts";
import { type DispatchMark, Timeline } from "./Timeline.tsx";
import { usePlanRun } from "./usePlanRun.ts";

const THIS_YEAR = new Date().getFullYear();
const YEARS = [THIS_YEAR, THIS_YEAR + 1, THIS_YEAR + 2];

/**
 * The roster planner (issue 17): a supporting hospital's year planned by the solver against each
 * agreement's pack, shown beside today's roster with the changes marked, and applied in one step.
 */
export function RosterPlanPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const plan = usePlanRun("roster");
  // A coordinator plans for their own hospital only (the policy reaches their institution); the
  // commissions pick any supporter in their region.
  const own = me?.permissions.plan.write === "institution" ? (me.institutionId ?? undefined) : undefined;
  const [supporterId, setSupporterId] = useState<string | undefined>(own);
  const [year, setYear] = useState(THIS_YEAR + 1);
  const [timeLimit, setTimeLimit] = useState(30);
  const shown = plan.run.data;
  // A run opened puts its own question back in the form, once (each poll's answer must not undo an edit).
  const [filledFrom, setFilledFrom] = useState<string>();
  if (shown && shown.id !== filledFrom) {
    setFilledFrom(shown.id);
    if (shown.supporterId) setSupporterId(shown.supporterId);
    if (shown.year) setYear(shown.year);
    if (typeof shown.params.timeLimitSeconds === "number") setTimeLimit(shown.params.timeLimitSeconds);
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={18}>
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          <Card title={t("plan.rosterTitle")}>
            <Typography.Paragraph type="secondary">{t("plan.rosterHint")}</Typography.Paragraph>
            <Form layout="inline" style={{ rowGap: 12 }} onFinish={() => supporterId && plan.start({ supporterId, year, timeLimitSeconds: timeLimit })}>
              <Form.Item label={t("plan.supporter")} required>
                {own ? (
                  <Typography.Text strong data-testid="plan-supporter-fixed">
                    {me?.institutionName}
                  </Typography.Text>
                ) : (
                  <div style={{ minWidth: 260 }}>
                    <InstitutionSelect
                      value={supporterId}
                      onChange={(v) => setSupporterId(v as string)}
                      placeholder={t("plan.pickSupporter")}
                      testId="plan-supporter"
                    />
                  </div>
                )}
              </Form.Item>
              <PlanYearField years={YEARS} value={year} onChange={setYear} />
              <PlanTimeLimitField value={timeLimit} onChange={setTimeLimit} fallback={30} />
              <Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={plan.starting || (plan.running && plan.polling)}
                  disabled={!supporterId}
                  data-testid="plan-start"
                >
                  {t("plan.plan")}
                </Button>
              </Form.Item>
            </Form>
            {plan.startError && <Alert type="error" showIcon title={plan.startError.message} style={{ marginTop: 16 }} data-testid="plan-start-error" />}
          </Card>
          <RunOutcome plan={plan} result={(run) => run.result?.kind === "roster" && <RosterResult run={run} plan={run.result} />} />
        </Space>
      </Col>
      <Col xs={24} xxl={6}>
        <RecentRuns
          kind="roster"
          current={plan.runId}
          onOpen={plan.open}
          describe={(r) => r.supporterName ?? (r.supporterId === me?.institutionId ? (me?.institutionName ?? "") : t("plan.supporter"))}
        />
      </Col>
    </Row>
  );
}

/** A finished roster plan: why it is (or is not) feasible, the solver's facts, the breaks, apply, and each agreement's two rosters. */
function RosterResult({ run, plan }: { run: PlanRun; plan: RosterPlan }) {
  const { t } = useTranslation();
  const words = useBilingual();
  const reasons = plan.feasible ? plan.reasons.slice(1) : plan.reasons;
  const agreementIds = [...new Set([...plan.checks.map((c) => c.agreement), ...plan.dispatches.map((d) => d.agreement)])].sort((a, b) =>
    (run.agreements?.[a]?.code ?? a).localeCompare(run.agreements?.[b]?.code ?? b),
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Alert
            type={plan.feasible ? "success" : "warning"}
            showIcon
            data-testid="plan-reasons"
            data-feasible={plan.feasible}
            // A feasible plan's one reason says so already ("meets every rule"): it is the title then.
            title={plan.feasible ? (plan.reasons[0] ? words(plan.reasons[0]) : t("plan.feasible")) : t("plan.infeasible")}
            description={
              reasons.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {reasons.map((r) => (
                    <li key={r.en}>{words(r)}</li>
                  ))}
                </ul>
              )
            }
          />
          <SolverFacts solver={plan.solver} />
          <Row gutter={[12, 12]}>
            {(["newDispatches", "changes", "personMonths"] as const).map((k) => (
              <Col xs={8} key={k}>
                <Statistic title={t(`plan.totals.${k}`)} value={plan.totals[k]} precision={k === "personMonths" ? 1 : 0} data-testid={`plan-total-${k}`} />
              </Col>
            ))}
          </Row>
          <ApplyPlan run={run} plan={plan} />
        </Space>
      </Card>
      {plan.breaks.length > 0 && (
        <Card size="small" title={t("plan.breaks")}>
          <List
            size="small"
            dataSource={plan.breaks}
            renderItem={(b) => (
              <List.Item data-testid="plan-break">
                <Typography.Text type="danger">{words(b.message)}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card
        size="small"
        title={t("plan.agreements")}
        extra={<Typography.Text type="secondary">{t("plan.legend")}</Typography.Text>}
        className="plan-agreements"
      >
        {agreementIds.length === 0 ? (
          <Empty description={t("plan.noAgreements")} />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            {agreementIds.map((id) => (
              <AgreementComparison key={id} agreementId={id} run={run} plan={plan} />
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}

/** "Apply": the plan's new dispatches written as planned and the dropped ones cancelled, once; refused when the roster moved on. */
function ApplyPlan({ run, plan }: { run: PlanRun; plan: RosterPlan }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [applying, setApplying] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const nothing = plan.dispatches.length === 0 && plan.dropped.length === 0;
  const apply = async () => {
    setApplying(true);
    setRefusal(null);
    try {
      const done = await api<AppliedPlan>(`/plans/${run.id}/apply`, { method: "POST" });
      message.success(t("plan.appliedMessage", { created: done.created, cancelled: done.cancelled }));
      await Promise.all([
        client.invalidateQueries({ queryKey: ["plans"] }),
        client.invalidateQueries({ queryKey: ["dispatches"] }),
        client.invalidateQueries({ queryKey: ["compliance"] }),
      ]);
    } catch (error) {
      // 409: applied already (another tab, another coordinator), or the roster moved on since the plan: plan again.
      if (error instanceof ApiError && error.status === 409)
        setRefusal(error.errors.some((e) => e.params?.reason === "plan_applied") ? t("plan.alreadyApplied") : t("plan.conflict"));
      else setRefusal((error as Error).message);
    } finally {
      setApplying(false);
    }
  };
  return (
    <Space wrap align="center">
      <Popconfirm
        title={t("plan.applyConfirm")}
        description={
          <>
            {t("plan.applyConfirmBody", { added: plan.dispatches.length, dropped: plan.dropped.length })}
            {plan.breaks.length > 0 && (
              <Typography.Paragraph type="warning" style={{ margin: "4px 0 0" }}>
                {t("plan.applyWithBreaks", { count: plan.breaks.length })}
              </Typography.Paragraph>
            )}
          </>
        }
        okText={t("plan.applyOk")}
        cancelText={t("common.cancel")}
        onConfirm={apply}
        okButtonProps={{ "data-testid": "plan-apply-ok" } as Record<string, string>}
        disabled={Boolean(run.appliedAt) || nothing}
      >
        <Button type="primary" loading={applying} disabled={Boolean(run.appliedAt) || nothing} data-testid="plan-apply">
          {t("plan.apply")}
        </Button>
      </Popconfirm>
      {run.appliedAt && (
        <Tag color="blue" data-testid="plan-applied">
          {t("plan.appliedAt", { at: formatDateTime(run.appliedAt) })}
        </Tag>
      )}
      {refusal && <Alert type="error" showIcon title={refusal} data-testid="plan-apply-error" />}
    </Space>
  );
}

/** One agreement: its check today and under the plan, and today's roster beside the proposed one. */
function AgreementComparison({ agreementId, run, plan }: { agreementId: string; run: PlanRun; plan: RosterPlan }) {
  const { t } = useTranslation();
  const year = plan.year;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  // The same keys as the agreement's page: applying the plan refreshes both.
  const roster = useQuery({
    queryKey: ["dispatches", agreementId],
    queryFn: () => api<Answer<"/agreements/{id}/dispatches">>(`/agreements/${agreementId}/dispatches`),
  });
  const report = useQuery({
    queryKey: ["compliance", agreementId, year],
    queryFn: () => api<ComplianceReport>(`/agreements/${agreementId}/compliance`, { query: { year } }),
  });
  const named = run.agreements?.[agreementId];
  // On a phone the names take less room, so more of the year shows before it scrolls.
  const nameWidth = usePhone() ? 88 : 160;
  const check = plan.checks.find((c) => c.agreement === agreementId);
  const current = roster.data?.items ?? [];
  const { dispatches: proposed, marks } = proposedRoster(agreementId, current, run, plan);
  const todayGaps = (report.data?.rules.find((r) => r.id === "full_year_coverage")?.gaps as { from: string; to: string }[] | undefined) ?? [];
  const plannedGaps = plan.breaks
    .filter((b) => b.rule === "full_year_coverage" && b.agreement === agreementId)
    .map((b) => ({ from: String(b.from), to: String(b.to) }));
  return (
    <Card
      type="inner"
      size="small"
      data-testid="plan-agreement"
      title={
        <Space wrap size={[8, 0]}>
          <Link to={`/assistance/agreements/${agreementId}?year=${year}`}>{named?.code ?? agreementId}</Link>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {named?.recipientName}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {report.data && (
            <span>
              {t("plan.checkNow")} <ComplianceTag status={report.data.status} />
            </span>
          )}
          {check && (
            <span data-testid="plan-agreement-check" data-status={check.status}>
              {t("plan.checkPlan")} <ComplianceTag status={check.status} />
            </span>
          )}
        </Space>
      }
    >
      {roster.error ? (
        <Typography.Text type="danger">{(roster.error as Error).message}</Typography.Text>
      ) : (
        // One above the other on the same month axis: a stay that moved is seen at a glance.
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <div>
            <Typography.Text strong>{t("plan.today")}</Typography.Text>
            <TimelineBox testId="plan-timeline-today" loading={roster.isPending} empty={!staysIn(current, from, to)}>
              <Timeline from={from} to={to} dispatches={current} gaps={todayGaps} nameWidth={nameWidth} />
            </TimelineBox>
          </div>
          <div>
            <Typography.Text strong>{t("plan.proposed")}</Typography.Text>
            <TimelineBox testId="plan-timeline-proposed" loading={roster.isPending} empty={!staysIn(proposed, from, to)}>
              <Timeline from={from} to={to} dispatches={proposed} gaps={plannedGaps} marks={marks} nameWidth={nameWidth} />
            </TimelineBox>
          </div>
        </Space>
      )}
    </Card>
  );
}

const staysIn = (list: Dispatch[], from: string, to: string) =>
  list.some((d) => d.status !== "cancelled" && (d.actualStart ?? d.plannedStart) <= to && (d.actualEnd ?? d.plannedEnd) >= from);

/** A year's timeline keeps its width on a phone and scrolls sideways inside its card; an empty roster just says so. */
function TimelineBox({ testId, loading, empty, children }: { testId: string; loading: boolean; empty: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  if (loading) return <Card loading size="small" variant="borderless" />;
  if (empty) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("assistance.noRoster")} data-testid={testId} />;
  return (
    <div data-testid={testId} style={{ overflowX: "auto", marginTop: 8, paddingBottom: 4 }}>
      <div style={{ minWidth: 560 }}>{children}</div>
    </div>
  );
}

/**
 * The roster as the plan would leave it: today's stays (those it cancels marked "dropped"), plus its
 * new ones marked "added". Once applied, a new stay is already in today's roster: it is marked there
 * rather than drawn twice.
 */
export function proposedRoster(agreementId: string, current: Dispatch[], run: PlanRun, plan: RosterPlan) {
  const marks: Record<string, DispatchMark> = {};
  const dropped = new Set(plan.dropped);
  for (const d of current) if (dropped.has(d.id)) marks[d.id] = "dropped";
  const live = current.filter((d) => d.status !== "cancelled");
  const added: Dispatch[] = [];
  plan.dispatches.forEach((p, i) => {
    if (p.agreement !== agreementId) return;
    const same = live.find((d) => d.practitionerId === p.person && d.plannedStart === p.start && d.plannedEnd === p.end && !dropped.has(d.id));
    if (same) {
      marks[same.id] = "added";
      return;
    }
    const id = `plan-${i}`;
    marks[id] = "added";
    added.push({
      id,
      agreementId,
      practitionerId: p.person,
      practitionerName: run.people?.[p.person]?.name ?? "—",
      homeInstitutionId: run.supporterId ?? "",
      role: p.role,
      title: p.title,
      batch: p.batch,
      plannedStart: p.start,
      plannedEnd: p.end,
      actualStart: null,
      actualEnd: null,
      status: "planned",
    });
  });
  return { dispatches: [...current, ...added], marks };
}
