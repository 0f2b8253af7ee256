import { BookOutlined, ExperimentOutlined, MedicineBoxOutlined, ScissorOutlined, TeamOutlined, UserSwitchOutlined } from "@ant-design/icons";
import { WORK_KINDS, type WorkKind } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Empty, Form, List, Modal, Pagination, Popconfirm, Result, Skeleton, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { applyServerErrors } from "../shared/forms.ts";
import { KIND_DEFAULTS, lineBody, WorkLineFields } from "./WorkLineFields.tsx";
import { lineSummary, STATUS_COLORS, type WorkLine, type WorkLogOptions } from "./work-log-parts.tsx";
import { OwnWorkMonthLinks } from "./work-month-links.tsx";

const KIND_ICONS: Record<WorkKind, ReactNode> = {
  outpatient: <MedicineBoxOutlined />,
  operation: <ScissorOutlined />,
  ward_round: <UserSwitchOutlined />,
  teaching: <BookOutlined />,
  mentoring: <TeamOutlined />,
  technique: <ExperimentOutlined />,
};
const PAGE_SIZE = 20;
type LinePage = { items: WorkLine[]; total: number; page: number; pageSize: number };

/**
 * The stationed person's work log, phone first: today preselected, one big button per kind of
 * work, only that kind's fields (counts by stepper), one tap to save; below, the month's lines with
 * their review state, editable and removable until the recipient confirms them.
 */
export function WorkLogPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<WorkKind | null>(null);
  const [busy, setBusy] = useState(false);
  const [month, setMonth] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<WorkLine | null>(null);
  const options = useQuery({ queryKey: ["work-log", "options"], queryFn: () => api<WorkLogOptions>("/work-log/options"), retry: false });
  const today = options.data?.today;
  const shownMonth = month ?? today?.slice(0, 7) ?? null;
  const range = shownMonth ? { from: `${shownMonth}-01`, to: dayjs(`${shownMonth}-01`).endOf("month").format("YYYY-MM-DD") } : null;
  const lines = useQuery({
    queryKey: ["work-log", "lines", shownMonth, page],
    queryFn: () => api<LinePage>("/work-log", { query: { ...range, page, pageSize: PAGE_SIZE } }),
    enabled: !!range,
  });
  const techniqueName = (id: string) => options.data?.techniques.find((x) => x.id === id)?.name;
  const recentOperations = useMemo(() => {
    const seen = new Map<string, string | null>();
    for (const l of lines.data?.items ?? [])
      if (l.kind === "operation" && l.operationName && !seen.has(l.operationName)) seen.set(l.operationName, l.procedureCode);
    return [...seen].slice(0, 4).map(([name, code]) => ({ name, code }));
  }, [lines.data]);
  const covered = (d: Dayjs) => {
    const date = d.format("YYYY-MM-DD");
    return !!options.data?.stays.some((s) => s.from <= date && s.to >= date) && (!today || date <= today);
  };

  useEffect(() => {
    if (today && !form.isFieldTouched("date")) form.setFieldsValue({ date: dayjs(today) });
  }, [today, form]);

  const pick = (next: WorkKind) => {
    setKind(next);
    const date = form.getFieldValue("date");
    form.resetFields();
    form.setFieldsValue({ date, ...KIND_DEFAULTS[next] });
  };

  const save = async (values: Record<string, unknown> & { date: Dayjs }) => {
    if (!kind) return;
    const body = { date: values.date.format("YYYY-MM-DD"), ...lineBody(kind, values) };
    setBusy(true);
    try {
      await api("/work-log", { method: "POST", body });
      message.success({ content: t("workLog.saved", { what: lineSummary(t, body as WorkLine, techniqueName) }), key: "work-log-saved" });
      pick(kind);
      await client.invalidateQueries({ queryKey: ["work-log", "lines"] });
    } catch (error) {
      const text = applyServerErrors(form, error);
      if (text) message.error(text);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (line: WorkLine) => {
    try {
      await api(`/work-log/${line.id}`, { method: "DELETE" });
      message.success(t("workLog.deleted"));
      await client.invalidateQueries({ queryKey: ["work-log", "lines"] });
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  if (options.isPending) return <Skeleton active style={{ maxWidth: 520, margin: "24px auto" }} />;
  if (options.error)
    return (
      <Result
        status="error"
        title={t("common.error")}
        subTitle={(options.error as Error).message}
        extra={<Button onClick={() => options.refetch()}>{t("common.retry")}</Button>}
      />
    );
  if (!options.data?.stays.length) return <Result status="info" title={t("workLog.notStationed")} />;

  return (
    <div style={{ maxWidth: 520, margin: "0 auto" }} data-testid="work-log-page">
      <Card title={t("workLog.title")} styles={{ body: { padding: 16 } }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t("workLog.hint")}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          <Form.Item name="date" label={t("workLog.date")} rules={[{ required: true, message: t("workLog.required") }]} style={{ marginBottom: 12 }}>
            <DatePicker size="large" style={{ width: "100%" }} allowClear={false} disabledDate={(d) => !covered(d)} inputReadOnly />
          </Form.Item>
          <div
            style={{ display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: 8, marginBottom: 16 }}
            role="radiogroup"
            aria-label={t("workLog.pickKind")}
          >
            {WORK_KINDS.map((k) => (
              <Button
                key={k}
                type={kind === k ? "primary" : "default"}
                size="large"
                icon={KIND_ICONS[k]}
                onClick={() => pick(k)}
                data-testid={`work-kind-${k}`}
                role="radio"
                aria-checked={kind === k}
                style={{ height: 56, whiteSpace: "normal", lineHeight: 1.2, padding: "0 6px" }}
              >
                {t(`workLog.kind.${k}`)}
              </Button>
            ))}
          </div>
          {kind ? (
            <>
              <WorkLineFields kind={kind} form={form} techniques={options.data.techniques} recentOperations={recentOperations} />
              <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="work-save" style={{ height: 52 }}>
                {t("workLog.save")}
              </Button>
            </>
          ) : (
            <Alert type="info" showIcon title={t("workLog.pickKind")} />
          )}
        </Form>
      </Card>

      <Card
        style={{ marginTop: 16 }}
        title={shownMonth ? t("workLog.monthTitle", { month: shownMonth }) : null}
        extra={
          <Space size={4}>
            <OwnWorkMonthLinks month={shownMonth} stays={options.data?.stays ?? []} />
            <Button size="small" onClick={() => shift(-1)} aria-label={t("workLog.prevMonth")}>
              ‹
            </Button>
            <Button size="small" onClick={() => shift(1)} disabled={!!today && shownMonth === today.slice(0, 7)} aria-label={t("workLog.nextMonth")}>
              ›
            </Button>
          </Space>
        }
        styles={{ body: { padding: "8px 16px" } }}
      >
        {lines.isPending ? (
          <Skeleton active />
        ) : lines.error ? (
          <Alert type="error" showIcon title={(lines.error as Error).message} action={<Button onClick={() => lines.refetch()}>{t("common.retry")}</Button>} />
        ) : !lines.data?.items.length ? (
          <Empty description={t("workLog.empty")} />
        ) : (
          <>
            <List
              data-testid="work-log-lines"
              dataSource={lines.data.items}
              renderItem={(line) => (
                <List.Item
                  data-testid="work-line"
                  data-status={line.status}
                  actions={
                    line.status === "confirmed"
                      ? []
                      : [
                          <Button key="edit" type="link" size="small" onClick={() => setEditing(line)}>
                            {t("workLog.edit")}
                          </Button>,
                          <Popconfirm key="delete" title={t("workLog.confirmDelete")} onConfirm={() => remove(line)}>
                            <Button type="link" size="small" danger>
                              {t("workLog.delete")}
                            </Button>
                          </Popconfirm>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space size={6} wrap>
                        <span>{dayjs(line.date).format("M-D")}</span>
                        <Tag>{t(`workLog.kind.${line.kind}`)}</Tag>
                        <Tag color={STATUS_COLORS[line.status]}>{t(`workLog.status.${line.status}`)}</Tag>
                        {line.source === "check_in" && <Tag bordered={false}>{t("workLog.source.check_in")}</Tag>}
                      </Space>
                    }
                    description={
                      <>
                        <div>{lineSummary(t, line, techniqueName)}</div>
                        {line.reviewNote && <Typography.Text type="danger">{line.reviewNote}</Typography.Text>}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
            {lines.data.total > PAGE_SIZE && (
              <Pagination size="small" align="center" current={page} pageSize={PAGE_SIZE} total={lines.data.total} onChange={setPage} showSizeChanger={false} />
            )}
          </>
        )}
      </Card>
      {editing && (
        <EditLine
          line={editing}
          options={options.data}
          onClose={async (changed) => {
            setEditing(null);
            if (changed) await client.invalidateQueries({ queryKey: ["work-log", "lines"] });
          }}
        />
      )}
    </div>
  );

  function shift(by: number) {
    if (!shownMonth) return;
    setMonth(dayjs(`${shownMonth}-01`).add(by, "month").format("YYYY-MM"));
    setPage(1);
  }
}

/** Correcting a line: the same fields, the kind may change (its old fields go). */
function EditLine({ line, options, onClose }: { line: WorkLine; options: WorkLogOptions; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<WorkKind>(line.kind as WorkKind);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = form.getFieldsValue(true);
    setBusy(true);
    try {
      await api(`/work-log/${line.id}`, { method: "PATCH", body: { date: dayjs(values.date).format("YYYY-MM-DD"), ...lineBody(kind, values) } });
      message.success(t("common.saved"));
      onClose(true);
    } catch (error) {
      const text = applyServerErrors(form, error);
      if (text) message.error(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("workLog.editTitle")}
      onCancel={() => onClose(false)}
      onOk={() => form.validateFields().then(submit)}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ ...line, date: dayjs(line.date) }} requiredMark={false}>
        <Form.Item name="date" label={t("workLog.date")}>
          <DatePicker style={{ width: "100%" }} allowClear={false} inputReadOnly />
        </Form.Item>
        <Space wrap style={{ marginBottom: 12 }}>
          {WORK_KINDS.map((k) => (
            <Button key={k} type={kind === k ? "primary" : "default"} onClick={() => setKind(k)}>
              {t(`workLog.kind.${k}`)}
            </Button>
          ))}
        </Space>
        <WorkLineFields kind={kind} form={form} techniques={options.techniques} recentOperations={[]} />
      </Form>
    </Modal>
  );
}
