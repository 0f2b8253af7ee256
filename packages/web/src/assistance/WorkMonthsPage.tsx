import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, DatePicker, Drawer, Empty, Input, List, Popconfirm, Select, Skeleton, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api.ts";
import { actsForSide, may } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { PagedTable } from "../shared/PagedTable.tsx";
import type { ResponsiveColumn } from "../shared/ResponsiveTable.tsx";
import type { Answer } from "../types.ts";
import { lineSummary, STATUS_COLORS, type WorkLine } from "./work-log-parts.tsx";

type WorkMonth = Answer<"/work-months">["items"][number];
type Review = Answer<"/work-months/{agreementId}/{practitionerId}/{month}/review", "post">;
const reviewPath = (m: WorkMonth) => `/work-months/${m.agreementId}/${m.practitionerId}/${m.month}/review`;

/** The month's figures in a line: only what there was. */
function totalsText(t: (key: string, values?: Record<string, unknown>) => string, totals: WorkMonth["totals"]): string {
  const parts = [
    totals.outpatientPatients ? t("workLog.months.summary.outpatient", { n: totals.outpatientPatients }) : null,
    totals.operations ? t("workLog.months.summary.operations", { n: totals.operations }) : null,
    totals.wardRounds ? t("workLog.months.summary.wardRounds", { n: totals.wardRounds }) : null,
    totals.teachingSessions
      ? totals.teachingMinutes
        ? t("workLog.months.summary.teaching", { n: totals.teachingSessions, minutes: totals.teachingMinutes })
        : t("workLog.months.summary.teachingSessions", { n: totals.teachingSessions })
      : null,
    totals.mentees ? t("workLog.months.summary.mentees", { n: totals.mentees }) : null,
    totals.techniques ? t("workLog.months.summary.techniques", { n: totals.techniques }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "—";
}

/**
 * The recipient's monthly sign-off: each stationed person's month with its totals and state; one
 * action confirms a month, or the lines that are wrong are ticked, each with a note, and the rest
 * confirmed. Officials and the supporter's coordinator read the same list.
 */
export function WorkMonthsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { message } = App.useApp();
  const client = useQueryClient();
  const [query, setQuery] = useState({ page: 1, pageSize: 20, month: undefined as string | undefined, status: undefined as string | undefined });
  const [reviewing, setReviewing] = useState<WorkMonth | null>(null);
  const list = useQuery({
    queryKey: ["work-months", query],
    queryFn: () =>
      api<Answer<"/work-months">>("/work-months", { query: { page: query.page, pageSize: query.pageSize, month: query.month, status: query.status } }),
  });
  const mayConfirm = (m: WorkMonth) => m.status !== "confirmed" && (actsForSide(me, "attendance", m.recipientId) || may(me, "write", "agreement"));

  const confirm = async (m: WorkMonth) => {
    try {
      const result = await api<Review>(reviewPath(m), { method: "POST", body: { decision: "confirmed" } });
      message.success(t("workLog.months.confirmed", result));
      await client.invalidateQueries({ queryKey: ["work-months"] });
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  const columns: ResponsiveColumn<WorkMonth>[] = [
    { title: t("workLog.months.month"), dataIndex: "month", phone: "title", width: 90 },
    {
      title: t("workLog.months.person"),
      dataIndex: "practitionerName",
      phone: "title",
      width: 110,
      render: (name: string) => <span style={{ whiteSpace: "nowrap" }}>{name}</span>,
    },
    {
      title: t("workLog.months.agreement"),
      dataIndex: "agreementCode",
      width: 150,
      render: (code: string) => <span style={{ whiteSpace: "nowrap" }}>{code}</span>,
    },
    { title: t("workLog.months.totals"), key: "totals", render: (_, m) => totalsText(t, m.totals) },
    {
      title: t("workLog.months.lines"),
      key: "lines",
      render: (_, m) => t("workLog.months.lineStatus", m.lineStatus),
    },
    {
      title: t("common.status"),
      dataIndex: "status",
      render: (status: string, m) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLORS[status]} data-testid="work-month-status">
            {t(`workLog.months.status.${status}`)}
          </Tag>
          {m.reviewNote && <Typography.Text type="secondary">{m.reviewNote}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      phone: "actions",
      render: (_, m) => (
        <Space wrap size={4}>
          {mayConfirm(m) && (
            <>
              <Popconfirm
                title={t("workLog.months.confirmQuestion", { person: m.practitionerName, month: m.month, recorded: m.lineStatus.recorded })}
                onConfirm={() => confirm(m)}
              >
                <Button type="primary" size="small" data-testid="work-month-confirm">
                  {t("workLog.months.confirm")}
                </Button>
              </Popconfirm>
              <Button size="small" onClick={() => setReviewing(m)} data-testid="work-month-review">
                {t("workLog.months.review")}
              </Button>
            </>
          )}
          <Link to={`/assistance/work-months/${m.agreementId}/${m.practitionerId}/${m.month}`}>{t("workLog.months.report")}</Link>
        </Space>
      ),
    },
  ];

  return (
    <Card title={t("workLog.months.title")} data-testid="work-months-page">
      <Typography.Paragraph type="secondary">{t("workLog.months.hint")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          placeholder={t("workLog.months.month")}
          value={query.month ? dayjs(`${query.month}-01`) : null}
          onChange={(d) => setQuery({ ...query, page: 1, month: d ? d.format("YYYY-MM") : undefined })}
        />
        <Select
          style={{ width: 140 }}
          allowClear
          placeholder={t("workLog.months.allStatuses")}
          value={query.status}
          onChange={(status) => setQuery({ ...query, page: 1, status })}
          options={["open", "confirmed", "disputed"].map((s) => ({ value: s, label: t(`workLog.months.status.${s}`) }))}
        />
      </Space>
      {list.error ? (
        <Alert type="error" showIcon title={(list.error as Error).message} action={<Button onClick={() => list.refetch()}>{t("common.retry")}</Button>} />
      ) : (
        <PagedTable<WorkMonth>
          list={list}
          query={query}
          update={(changes) => setQuery({ ...query, page: changes.page ?? query.page, pageSize: changes.pageSize ?? query.pageSize })}
          rowKey={(m) => `${m.agreementId}|${m.practitionerId}|${m.month}`}
          columns={columns}
          locale={{ emptyText: <Empty description={t("workLog.months.empty")} /> }}
        />
      )}
      {reviewing && (
        <ReviewDrawer
          month={reviewing}
          onClose={async (changed) => {
            setReviewing(null);
            if (changed) await client.invalidateQueries({ queryKey: ["work-months"] });
          }}
        />
      )}
    </Card>
  );
}

/** Line by line: tick the wrong ones, each with its note; the rest of the month is confirmed with them. */
function ReviewDrawer({ month, onClose }: { month: WorkMonth; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ticked, setTicked] = useState<Record<string, string>>({});
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const end = dayjs(`${month.month}-01`).endOf("month").format("YYYY-MM-DD");
  const lines = useQuery({
    queryKey: ["work-log", "review", month.agreementId, month.practitionerId, month.month],
    queryFn: () =>
      api<Answer<"/work-log">>("/work-log", {
        query: { agreementId: month.agreementId, practitionerId: month.practitionerId, from: `${month.month}-01`, to: end, pageSize: 200 },
      }),
  });
  const disputed = Object.entries(ticked);
  const missingNote = disputed.some(([, n]) => !n.trim());
  const send = async (decision: "confirmed" | "disputed") => {
    setBusy(true);
    try {
      const result = await api<Review>(reviewPath(month), {
        method: "POST",
        body: { decision, ...(note.trim() && { note: note.trim() }), disputed: disputed.map(([entryId, n]) => ({ entryId, note: n.trim() })) },
      });
      message.success(t("workLog.months.confirmed", result));
      onClose(true);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open
      size="large"
      title={`${month.practitionerName} · ${month.month}`}
      onClose={() => onClose(false)}
      footer={
        <Space wrap>
          <Button type="primary" loading={busy} disabled={missingNote} onClick={() => send("confirmed")} data-testid="work-review-confirm">
            {t("workLog.months.confirmRest", { count: disputed.length })}
          </Button>
          <Button danger loading={busy} disabled={missingNote || (!disputed.length && !note.trim())} onClick={() => send("disputed")}>
            {t("workLog.months.disputeMonth")}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("workLog.months.tickHint")}</Typography.Paragraph>
      {lines.isPending ? (
        <Skeleton active />
      ) : lines.error ? (
        <Alert type="error" showIcon title={(lines.error as Error).message} />
      ) : (
        <List
          dataSource={lines.data?.items ?? []}
          locale={{ emptyText: <Empty description={t("workLog.empty")} /> }}
          renderItem={(line: WorkLine) => {
            const open = line.status !== "confirmed";
            const checked = line.id in ticked;
            return (
              <List.Item data-testid="work-review-line">
                <Space direction="vertical" style={{ width: "100%" }} size={4}>
                  <Space wrap size={6}>
                    <Checkbox
                      disabled={!open}
                      checked={checked}
                      onChange={(e) => {
                        const next = { ...ticked };
                        if (e.target.checked) next[line.id] = "";
                        else delete next[line.id];
                        setTicked(next);
                      }}
                    />
                    <span>{dayjs(line.date).format("M-D")}</span>
                    <Tag>{t(`workLog.kind.${line.kind}`)}</Tag>
                    <Tag color={STATUS_COLORS[line.status]}>{t(`workLog.status.${line.status}`)}</Tag>
                    <span>{lineSummary(t, line)}</span>
                  </Space>
                  {checked && (
                    <Input
                      placeholder={t("workLog.months.disputeNote")}
                      value={ticked[line.id]}
                      maxLength={500}
                      status={ticked[line.id]?.trim() ? undefined : "error"}
                      onChange={(e) => setTicked({ ...ticked, [line.id]: e.target.value })}
                    />
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      <Input.TextArea
        style={{ marginTop: 12 }}
        rows={2}
        maxLength={500}
        placeholder={t("workLog.months.monthNote")}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Drawer>
  );
}
