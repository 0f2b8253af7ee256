import { ArrowLeftOutlined, CheckOutlined, ExclamationCircleOutlined, FilePdfOutlined, LeftOutlined, RightOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Modal, Row, Space, Statistic, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api } from "../api.ts";
import { actsForSide, mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { QueryState } from "../shared/QueryState.tsx";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import type { Agreement, Answer } from "../types.ts";
import { workMonthPath } from "./work-month-links.tsx";

type Report = Answer<"/work-months/{agreementId}/{practitionerId}/{month}/report">;
type Totals = Report["totals"];

const PLAN_MAX = 2000;
const STATUS_COLOR: Record<string, string> = { open: "gold", confirmed: "green", disputed: "red", recorded: "default" };
const shift = (month: string, by: number) => dayjs(`${month}-01`).add(by, "month").format("YYYY-MM");

const apiPath = (agreementId: string, practitionerId: string, month: string) => `/work-months/${agreementId}/${practitionerId}/${month}`;

/**
 * A stationed person's month (issue 16 item 3): the plan they write at its start and the summary at
 * its end, the report the check-ins and the work log make, its PDF, and the recipient's sign-off.
 */
export function WorkMonthPage() {
  const { agreementId = "", practitionerId = "", month = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const path = apiPath(agreementId, practitionerId, month);
  const agreement = useQuery({ queryKey: ["agreements", agreementId], queryFn: () => api<Agreement>(`/agreements/${agreementId}`) });
  const report = useQuery({ queryKey: ["work-month", agreementId, practitionerId, month], queryFn: () => api<Report>(`${path}/report`), retry: false });
  const go = (by: number) => navigate(workMonthPath(agreementId, practitionerId, shift(month, by)), { replace: true });
  const nav = (
    <Space size={4}>
      <Button size="small" icon={<LeftOutlined />} onClick={() => go(-1)} aria-label={t("workMonth.previous")} data-testid="month-previous" />
      <Typography.Text strong data-testid="work-month">
        {month}
      </Typography.Text>
      <Button size="small" icon={<RightOutlined />} onClick={() => go(1)} aria-label={t("workMonth.next")} data-testid="month-next" />
    </Space>
  );
  if (report.error instanceof ApiError && report.error.status === 404)
    return (
      <Card title={t("workMonth.title")} extra={nav}>
        <Empty description={t("workMonth.notStationed")} />
      </Card>
    );
  return (
    <QueryState query={report}>
      {() => {
        const r = report.data as Report;
        const self = !!me?.practitionerId && me.practitionerId === practitionerId;
        const frozen = r.signOff.status === "confirmed";
        // The recipient's coordinator (or its own region's commission) signs the month off, as it vouches for attendance.
        const regionCode = agreement.data?.regionCode;
        const maySignOff =
          actsForSide(me, "attendance", r.agreement.recipient.id) || (!!regionCode && mayOn(me, "write", "agreement", { regionCode, institutionIds: [] }));
        return (
          <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="work-month-page">
            <Card
              title={
                <Space wrap size={4}>
                  <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t("common.back")} />
                  <span>{t("workMonth.title")}</span>
                  <Tag color={STATUS_COLOR[r.signOff.status]} data-testid="sign-off-status">
                    {t(`workMonth.status_${r.signOff.status}`)}
                  </Tag>
                </Space>
              }
              extra={nav}
            >
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                <Descriptions.Item label={t("assistance.person")}>{r.person.name}</Descriptions.Item>
                <Descriptions.Item label={t("workMonth.institution")}>{r.person.institutionName}</Descriptions.Item>
                <Descriptions.Item label={t("assistance.title")}>
                  {t(`title.${r.person.title}`)} · {t(`dispatchRole.${r.person.role}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t("assistance.code")}>
                  <Link to={`/assistance/agreements/${r.agreement.id}`}>{r.agreement.code}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t("assistance.recipient")}>{r.agreement.recipient.name}</Descriptions.Item>
                <Descriptions.Item label={t("workMonth.stationed")}>
                  {r.stays.map((s) => `${s.from.slice(5)} — ${s.to.slice(5)}`).join("，")} · {t("workMonth.days", { count: r.stationedDays })}
                </Descriptions.Item>
              </Descriptions>
              <Button icon={<FilePdfOutlined />} href={`/api/v1${path}/report.pdf`} data-testid="work-report-pdf" style={{ marginTop: 8 }}>
                {t("workMonth.pdf")}
              </Button>
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <TextCard
                  field="plan"
                  title={t("workMonth.plan")}
                  hint={t("workMonth.planHint")}
                  value={r.plan}
                  editable={self && !frozen}
                  path={path}
                  queryKey={["work-month", agreementId, practitionerId, month]}
                />
              </Col>
              <Col xs={24} lg={12}>
                <TextCard
                  field="summary"
                  title={t("workMonth.summary")}
                  hint={t("workMonth.summaryHint")}
                  value={r.summary}
                  editable={self && !frozen}
                  path={path}
                  queryKey={["work-month", agreementId, practitionerId, month]}
                />
              </Col>
            </Row>
            {self && frozen && <Alert type="info" showIcon title={t("workMonth.frozen")} />}
            <WorkTotals r={r} />
            <CheckIns r={r} />
            <Lines r={r} />
            <SignOff r={r} maySignOff={maySignOff} path={path} queryKey={["work-month", agreementId, practitionerId, month]} />
          </Space>
        );
      }}
    </QueryState>
  );
}

/** The plan or the summary: read, or written by the stationed person while the month is open. */
function TextCard(props: {
  field: "plan" | "summary";
  title: string;
  hint: string;
  value: string | null;
  editable: boolean;
  path: string;
  queryKey: string[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [text, setText] = useState(props.value ?? "");
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(props.value ?? ""), [props.value]);
  const save = async () => {
    setBusy(true);
    try {
      await api(`${props.path}/plan`, { method: "PUT", body: { [props.field]: text } });
      await client.invalidateQueries({ queryKey: props.queryKey });
      message.success(t("workMonth.saved"));
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={props.title} size="small" style={{ height: "100%" }}>
      {props.editable ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {props.hint}
          </Typography.Text>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={PLAN_MAX}
            showCount
            autoSize={{ minRows: 4, maxRows: 12 }}
            data-testid={`work-month-${props.field}`}
          />
          <Button type="primary" onClick={save} loading={busy} disabled={text === (props.value ?? "")} data-testid={`save-${props.field}`}>
            {t("common.save")}
          </Button>
        </Space>
      ) : props.value ? (
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{props.value}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t("workMonth.notWritten")}</Typography.Text>
      )}
    </Card>
  );
}

const TOTALS: [keyof Totals, string][] = [
  ["outpatientPatients", "outpatientPatients"],
  ["operations", "operations"],
  ["wardRounds", "wardRounds"],
  ["teachingSessions", "teachingSessions"],
  ["attendees", "attendees"],
  ["mentees", "mentees"],
  ["techniques", "techniques"],
];

function WorkTotals({ r }: { r: Report }) {
  const { t } = useTranslation();
  return (
    <Card title={t("workMonth.work")} size="small" extra={<Typography.Text type="secondary">{t("workMonth.confirmedOfRecorded")}</Typography.Text>}>
      {r.totals.lines === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("workMonth.noLines")} />
      ) : (
        <Row gutter={[16, 16]} data-testid="work-totals">
          {TOTALS.map(([key, label]) => (
            <Col xs={12} sm={8} md={6} lg={3} key={key}>
              <Statistic title={t(`workMonth.${label}`)} value={r.confirmedTotals[key]} suffix={`/ ${r.totals[key]}`} data-testid={`total-${key}`} />
            </Col>
          ))}
          <Col xs={12} sm={8} md={6} lg={3}>
            <Statistic
              title={t("workMonth.teachingHours")}
              value={Math.round(r.confirmedTotals.teachingMinutes / 6) / 10}
              suffix={`/ ${Math.round(r.totals.teachingMinutes / 6) / 10}`}
            />
          </Col>
        </Row>
      )}
      {r.disputedLines > 0 && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t("workMonth.disputedLines", { count: r.disputedLines })} />}
    </Card>
  );
}

function CheckIns({ r }: { r: Report }) {
  const { t } = useTranslation();
  const c = r.checkIns;
  const cells: [string, number, string?][] = [
    ["checkInDays", c.days],
    ["onSite", c.onSite, "green"],
    ["away", c.away, "orange"],
    ["withoutLocation", c.withoutLocation, "red"],
    ["unclassified", c.unclassified],
    ["checkInsConfirmed", c.confirmed, "green"],
    ["checkInsDisputed", c.disputed, "red"],
  ];
  return (
    <Card title={t("workMonth.checkIns")} size="small">
      <Space wrap size={[8, 8]} data-testid="check-in-counts">
        {cells.map(([key, n, color]) => (
          <Tag key={key} color={n > 0 ? color : undefined} style={{ fontSize: 13, padding: "2px 8px" }}>
            {t(`workMonth.${key}`)} <b>{n}</b>
          </Tag>
        ))}
      </Space>
    </Card>
  );
}

function Lines({ r }: { r: Report }) {
  const { t } = useTranslation();
  const status = (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`workMonth.line_${s}`)}</Tag>;
  if (r.operations.length + r.teaching.length + r.techniques.length === 0) return null;
  return (
    <Row gutter={[16, 16]}>
      {r.operations.length > 0 && (
        <Col xs={24} xl={12}>
          <Card title={t("workMonth.operations_title")} size="small">
            <ResponsiveTable
              size="small"
              rowKey={(o) => `${o.date}-${o.name}-${o.role}-${o.status}`}
              dataSource={r.operations}
              pagination={false}
              columns={[
                { title: t("assistance.date"), dataIndex: "date", phone: "title" },
                { title: t("workMonth.operationName"), dataIndex: "name", phone: "title" },
                { title: t("workMonth.procedureCode"), dataIndex: "procedureCode", render: (c: string | null) => c ?? "—" },
                { title: t("workMonth.operationRole"), dataIndex: "role", render: (role: string | null) => (role ? t(`workMonth.role_${role}`) : "—") },
                { title: t("assistance.status"), dataIndex: "status", render: status },
              ]}
            />
          </Card>
        </Col>
      )}
      {r.teaching.length > 0 && (
        <Col xs={24} xl={12}>
          <Card title={t("workMonth.teaching")} size="small">
            <ResponsiveTable
              size="small"
              rowKey={(x) => `${x.date}-${x.topic}-${x.minutes}-${x.status}`}
              dataSource={r.teaching}
              pagination={false}
              columns={[
                { title: t("assistance.date"), dataIndex: "date", phone: "title" },
                { title: t("workMonth.topic"), dataIndex: "topic", phone: "title" },
                { title: t("workMonth.attendees"), dataIndex: "attendees", render: (n: number | null) => n ?? "—" },
                { title: t("workMonth.minutes"), dataIndex: "minutes", render: (n: number | null) => n ?? "—" },
                { title: t("assistance.status"), dataIndex: "status", render: status },
              ]}
            />
          </Card>
        </Col>
      )}
      {r.techniques.length > 0 && (
        <Col xs={24} xl={12}>
          <Card title={t("workMonth.techniquesDone")} size="small">
            <ResponsiveTable
              size="small"
              rowKey={(x) => `${x.date}-${x.name}-${x.status}`}
              dataSource={r.techniques}
              pagination={false}
              columns={[
                { title: t("assistance.date"), dataIndex: "date", phone: "title" },
                { title: t("workMonth.technique"), dataIndex: "name", phone: "title" },
                { title: t("assistance.patients"), dataIndex: "patients", render: (n: number | null) => n ?? "—" },
                { title: t("assistance.status"), dataIndex: "status", render: status },
              ]}
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}

/** The recipient's sign-off: its state for everyone; confirm or dispute (with a note) for its coordinator. */
function SignOff({ r, maySignOff, path, queryKey }: { r: Report; maySignOff: boolean; path: string; queryKey: string[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [disputing, setDisputing] = useState(false);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const decide = async (decision: "confirmed" | "disputed") => {
    setBusy(true);
    try {
      await api(`${path}/review`, { method: "POST", body: { decision, ...(note.trim() && { note: note.trim() }) } });
      await client.invalidateQueries({ queryKey });
      await client.invalidateQueries({ queryKey: ["work-log"] });
      await client.invalidateQueries({ queryKey: ["work-months"] });
      setDisputing(false);
      message.success(t(decision === "confirmed" ? "workMonth.signedOff" : "workMonth.disputedDone"));
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const s = r.signOff;
  return (
    <Card title={t("workMonth.signOff")} size="small" data-testid="sign-off">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text>
          <Tag color={STATUS_COLOR[s.status]}>{t(`workMonth.status_${s.status}`)}</Tag>
          {s.status !== "open" && [s.institutionName, s.at ? dayjs(s.at).format("YYYY-MM-DD") : null].filter(Boolean).join(" · ")}
        </Typography.Text>
        {s.note && <Typography.Paragraph style={{ marginBottom: 0 }}>{s.note}</Typography.Paragraph>}
        {maySignOff && s.status !== "confirmed" && (
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => decide("confirmed")} loading={busy} data-testid="sign-off-confirm">
              {t("workMonth.confirmMonth")}
            </Button>
            <Button danger icon={<ExclamationCircleOutlined />} onClick={() => setDisputing(true)} data-testid="sign-off-dispute">
              {t("workMonth.disputeMonth")}
            </Button>
          </Space>
        )}
        {maySignOff && s.status !== "confirmed" && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("workMonth.confirmHint")}
          </Typography.Text>
        )}
      </Space>
      <Modal
        open={disputing}
        title={t("workMonth.disputeMonth")}
        onCancel={() => setDisputing(false)}
        onOk={() => decide("disputed")}
        okButtonProps={{ danger: true, disabled: !note.trim(), loading: busy }}
        okText={t("workMonth.disputeMonth")}
      >
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          showCount
          autoSize={{ minRows: 3 }}
          placeholder={t("workMonth.disputeNote")}
          data-testid="dispute-note"
        />
      </Modal>
    </Card>
  );
}
