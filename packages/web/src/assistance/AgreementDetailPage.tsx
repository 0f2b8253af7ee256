import { ArrowLeftOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, DatePicker, Descriptions, Form, List, Row, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, type Page } from "../api.ts";
import { actsForSide, mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import { QueryState } from "../shared/QueryState.tsx";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import { recentYears } from "../shared/years.ts";
import type { Agreement, Answer, AttendanceRecord, ComplianceReport, Dispatch, Practitioner } from "../types.ts";
import { AgreementWorkTotals } from "./AgreementWorkTotals.tsx";
import { ComplianceTag } from "./ComplianceStatus.tsx";
import { FlagsCard } from "./FlagsCard.tsx";
import { usePackName, usePackOptions } from "./packs.ts";
import { RatingsCard } from "./RatingsCard.tsx";
import { Timeline } from "./Timeline.tsx";
import { MonthlyReportButton, WorkMonthLink } from "./work-month-links.tsx";

const YEARS = recentYears();

export function AgreementDetailPage() {
  const packName = usePackName();
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("year") ?? new Date().getFullYear());
  const agreement = useQuery({ queryKey: ["agreements", id], queryFn: () => api<Agreement>(`/agreements/${id}`) });
  const report = useQuery({
    queryKey: ["compliance", id, year],
    queryFn: () => api<ComplianceReport>(`/agreements/${id}/compliance`, { query: { year } }),
    enabled: agreement.isSuccess,
  });
  const roster = useQuery({ queryKey: ["dispatches", id], queryFn: () => api<Answer<"/agreements/{id}/dispatches">>(`/agreements/${id}/dispatches`) });
  const [adding, setAdding] = useState(false);
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  // Cancelling a stationing cannot be undone here and changes the agreement's compliance: asked
  // first, naming the person and the period, and reported the same way.
  const cancelDispatch = (d: Dispatch) => {
    const named = { name: d.practitionerName, from: d.plannedStart, to: d.plannedEnd };
    modal.confirm({
      title: t("confirm.cancelDispatch", named),
      content: t("confirm.cancelDispatchBody"),
      okText: t("confirm.cancelDispatchOk"),
      okButtonProps: { danger: true, ...({ "data-testid": "confirm-ok" } as Record<`data-${string}`, string>) },
      cancelText: t("confirm.keep"),
      onOk: async () => {
        try {
          await api(`/dispatches/${d.id}`, { method: "PATCH", body: { status: "cancelled" } });
          await client.invalidateQueries({ queryKey: ["dispatches", id] });
          await client.invalidateQueries({ queryKey: ["compliance"] });
          message.success(t("confirm.dispatchCancelled", named));
        } catch (error) {
          message.error((error as Error).message);
        }
      },
    });
  };

  return (
    <QueryState query={agreement}>
      {() => {
        const a = agreement.data as Agreement;
        // Where the agreement lives, as the server's policy sees it: the commission of either side's
        // region may change it; only the supporters keep rosters; the recipient vouches for attendance.
        const regions = { regionCode: a.regionCode, otherRegionCodes: a.supporters.map((s) => s.regionCode) };
        const commission = mayOn(me, "write", "agreement", { ...regions, institutionIds: [] });
        const mayEditRoster = mayOn(me, "write", "dispatch", { ...regions, institutionIds: a.supporters.map((s) => s.id) });
        // Attendance is vouched for where the work happens: the recipient, or its own region's commission.
        const mayReview = actsForSide(me, "attendance", a.recipient.id) || mayOn(me, "write", "agreement", { regionCode: a.regionCode, institutionIds: [] });
        const gaps = (report.data?.rules.find((r) => r.id === "full_year_coverage")?.gaps as { from: string; to: string }[] | undefined) ?? [];
        return (
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Card
              title={
                <Space>
                  <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("common.back")} />
                  <span data-testid="agreement-code">{a.code}</span>
                  {report.data && <ComplianceTag status={report.data.status} />}
                </Space>
              }
              extra={
                <Select
                  value={year}
                  onChange={(y) => setParams({ year: String(y) })}
                  options={YEARS.map((y) => ({ value: y, label: `${y} ${t("assistance.year")}` }))}
                />
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t("assistance.recipient")}>
                  <Link to={`/institutions/${a.recipient.id}`}>{a.recipient.name}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t("assistance.supporters")}>
                  {a.supporters.map((s) => (
                    <Link key={s.id} to={`/institutions/${s.id}`} style={{ marginRight: 8 }}>
                      {s.name}
                    </Link>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t("assistance.pack")}>{commission ? <PackSelect agreement={a} /> : packName(a.packId)}</Descriptions.Item>
                <Descriptions.Item label={t("assistance.mode")}>{t(`agreementMode.${a.mode}`)}</Descriptions.Item>
                <Descriptions.Item label={t("assistance.period")}>
                  {a.startsOn} — {a.endsOn}
                </Descriptions.Item>
                <Descriptions.Item label={t("assistance.asOf")}>{report.data?.asOf ?? "—"}</Descriptions.Item>
              </Descriptions>
            </Card>
            <FlagsCard agreementId={a.id} year={year} />
            <Row gutter={16}>
              <Col xs={24} xl={9}>
                <Card title={t("assistance.rules")} size="small" loading={report.isPending}>
                  {report.error ? (
                    <Typography.Text type="danger">{(report.error as Error).message}</Typography.Text>
                  ) : (
                    <List
                      dataSource={report.data?.rules ?? []}
                      renderItem={(r) => (
                        <List.Item data-testid={`rule-${r.id}`}>
                          <List.Item.Meta
                            title={
                              <Space>
                                <ComplianceTag status={r.status} />
                                {t(`rule.${r.id}`, { defaultValue: r.id })}
                              </Space>
                            }
                            description={i18n.language === "en" ? r.messageEn : r.message}
                          />
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={15}>
                <Card title={`${t("assistance.timeline")} · ${year}`} size="small" loading={roster.isPending || report.isPending}>
                  <Timeline
                    from={report.data?.period.from ?? `${year}-01-01`}
                    to={report.data?.period.to ?? `${year}-12-31`}
                    dispatches={roster.data?.items ?? []}
                    gaps={gaps}
                  />
                </Card>
              </Col>
            </Row>
            <Card
              title={t("assistance.roster")}
              size="small"
              extra={
                <Space wrap>
                  <MonthlyReportButton agreementId={a.id} />
                  {mayEditRoster && (
                    <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                      {t("assistance.addDispatch")}
                    </Button>
                  )}
                </Space>
              }
            >
              <ResponsiveTable<Dispatch>
                size="small"
                rowKey="id"
                loading={roster.isPending}
                dataSource={roster.data?.items ?? []}
                pagination={{ pageSize: 12 }}
                columns={[
                  {
                    title: t("assistance.person"),
                    dataIndex: "practitionerName",
                    phone: "title",
                    render: (n: string, d) => (
                      <Space size={6}>
                        <Link to={`/assistance/credit/${d.practitionerId}`}>{n}</Link>
                        <WorkMonthLink agreementId={a.id} stay={d} />
                      </Space>
                    ),
                  },
                  { title: t("assistance.role"), dataIndex: "role", render: (r: string) => t(`dispatchRole.${r}`) },
                  { title: t("assistance.title"), dataIndex: "title", render: (v: string) => t(`title.${v}`) },
                  { title: t("assistance.planned"), render: (_, d) => `${d.plannedStart} — ${d.plannedEnd}` },
                  { title: t("assistance.actual"), render: (_, d) => (d.actualStart ? `${d.actualStart} — ${d.actualEnd ?? "…"}` : "—") },
                  { title: t("assistance.batch"), dataIndex: "batch", render: (b: string | null) => b ?? "—" },
                  { title: t("assistance.status"), dataIndex: "status", render: (s: string) => <Tag>{t(`dispatchStatus.${s}`)}</Tag> },
                  ...(mayEditRoster
                    ? [
                        {
                          title: t("common.actions"),
                          phone: "actions" as const,
                          render: (_: unknown, d: Dispatch) =>
                            d.status === "planned" || d.status === "active" ? (
                              <Button size="small" danger type="link" onClick={() => cancelDispatch(d)} data-testid="dispatch-cancel">
                                {t("common.cancel")}
                              </Button>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <AttendanceCard agreementId={a.id} mayReview={mayReview} />
            <RatingsCard agreementId={a.id} />
            <AgreementWorkTotals agreementId={a.id} year={year} />
            <AddDispatch agreement={a} open={adding} onClose={() => setAdding(false)} />
          </Space>
        );
      }}
    </QueryState>
  );
}

/** The commission may move an agreement to another pack (a province's copy, say). */
function PackSelect({ agreement }: { agreement: Agreement }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const packOptions = usePackOptions();
  const change = async (packId: string) => {
    try {
      await api(`/agreements/${agreement.id}`, { method: "PATCH", body: { packId } });
      await client.invalidateQueries({ queryKey: ["agreements", agreement.id] });
      await client.invalidateQueries({ queryKey: ["compliance"] });
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  return <Select size="small" style={{ minWidth: 220 }} value={agreement.packId} onChange={change} options={packOptions} data-testid="pack-select" />;
}

function AttendanceCard({ agreementId, mayReview }: { agreementId: string; mayReview: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const to = dayjs().format("YYYY-MM-DD");
  const from = dayjs().subtract(30, "day").format("YYYY-MM-DD");
  const list = useQuery({
    queryKey: ["attendance", agreementId, from],
    queryFn: () => api<Answer<"/agreements/{id}/attendance">>(`/agreements/${agreementId}/attendance`, { query: { from, to } }),
  });
  const review = async (id: string, decision: "confirmed" | "disputed") => {
    try {
      await api(`/attendance/${id}/review`, { method: "POST", body: { decision } });
      await client.invalidateQueries({ queryKey: ["attendance", agreementId] });
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  return (
    <Card title={`${t("assistance.attendance")} · ${from} — ${to}`} size="small">
      <Table<AttendanceRecord>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={[...(list.data?.items ?? [])].reverse()}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t("assistance.date"), dataIndex: "date" },
          { title: t("assistance.person"), dataIndex: "practitionerName" },
          { title: t("assistance.activities"), dataIndex: "activities", render: (a: string[]) => a.map((x) => <Tag key={x}>{t(`activity.${x}`)}</Tag>) },
          { title: t("assistance.patients"), dataIndex: "patients", render: (n: number | null) => n ?? "—" },
          {
            title: t("assistance.status"),
            dataIndex: "status",
            render: (s: string, r) =>
              s === "submitted" && mayReview ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => review(r.id, "confirmed")}>
                    {t("assistance.confirm")}
                  </Button>
                  <Button size="small" danger onClick={() => review(r.id, "disputed")}>
                    {t("assistance.dispute")}
                  </Button>
                </Space>
              ) : (
                <Tag color={s === "confirmed" ? "green" : s === "disputed" ? "red" : "default"}>{t(`attendanceStatus.${s}`)}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function AddDispatch({ agreement, open, onClose }: { agreement: Agreement; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const people = useQuery({
    queryKey: ["practitioners", "supporters", agreement.id],
    queryFn: async () =>
      (
        await Promise.all(agreement.supporters.map((s) => api<Page<Practitioner>>("/practitioners", { query: { institutionId: s.id, pageSize: 200 } })))
      ).flatMap((p) => p.items),
    enabled: open,
  });
  const submit = async (values: { practitionerId: string; role: string; batch?: string; range: [Dayjs, Dayjs] }) => {
    await api(`/agreements/${agreement.id}/dispatches`, {
      method: "POST",
      body: {
        practitionerId: values.practitionerId,
        role: values.role,
        plannedStart: values.range[0].format("YYYY-MM-DD"),
        plannedEnd: values.range[1].format("YYYY-MM-DD"),
      },
    });
    await client.invalidateQueries({ queryKey: ["dispatches", agreement.id] });
    await client.invalidateQueries({ queryKey: ["compliance"] });
  };
  return (
    <FormModal open={open} title={t("assistance.addDispatch")} form={form} submit={submit} onClose={onClose}>
      <Form.Item name="practitionerId" label={t("assistance.person")} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: "label" }}
          loading={people.isPending}
          options={people.data?.map((p) => ({ value: p.id, label: `${p.name} · ${t(`title.${p.title}`)} · ${p.specialty ?? ""}` }))}
        />
      </Form.Item>
      <Form.Item name="role" label={t("assistance.role")} rules={[{ required: true }]}>
        <Select options={["management", "clinical", "discipline_leader", "nursing", "technician"].map((r) => ({ value: r, label: t(`dispatchRole.${r}`) }))} />
      </Form.Item>
      <Form.Item name="range" label={t("assistance.planned")} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ width: "100%" }} />
      </Form.Item>
    </FormModal>
  );
}
