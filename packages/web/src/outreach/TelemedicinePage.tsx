import { SESSION_KINDS, SESSION_STATUSES } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api.ts";
import { actsForSide } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import { formatDateTime } from "../shared/format.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { Session } from "../types.ts";

const STATUS_COLOR: Record<string, string> = { requested: "gold", proposed: "orange", scheduled: "blue", held: "green", closed: "default", cancelled: "red" };
/** What each action asks for before it is sent. */
const ASKS: Record<string, ("startsAt" | "reason" | "minutes" | "opinion")[]> = {
  schedule: ["startsAt"],
  propose: ["startsAt"],
  hold: ["minutes", "opinion"],
  cancel: ["reason"],
};

/** Telemedicine sessions of the institution: the recipient requests, the supporter schedules and holds them. */
export function TelemedicinePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const client = useQueryClient();
  const { message } = App.useApp();
  const { query, update } = useListParams(["status", "kind"] as const);
  const [requesting, setRequesting] = useState(false);
  const [pending, setPending] = useState<{ session: Session; action: string } | null>(null);
  const [requestForm] = Form.useForm();
  const [actionForm] = Form.useForm();
  const list = useQuery({ queryKey: ["telemedicine", query], queryFn: () => api<Page<Session>>("/telemedicine", { query }), placeholderData: (p) => p });

  const act = async (session: Session, action: string, extra: Record<string, unknown> = {}) => {
    try {
      await api(`/telemedicine/${session.id}/actions`, { method: "POST", body: { action, ...extra } });
      setPending(null);
      actionForm.resetFields();
      await client.invalidateQueries({ queryKey: ["telemedicine"] });
      message.success(t(`sessionAction.${action}`));
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const start = (session: Session, action: string) => {
    if (!ASKS[action]) return act(session, action);
    actionForm.setFieldsValue({ startsAt: session.requestedStart ? dayjs(session.requestedStart) : undefined });
    setPending({ session, action });
  };
  const request = async (v: { kind: string; supporterId: string; title: string; requestedStart?: Dayjs; durationMinutes?: number }) => {
    await api("/telemedicine", {
      method: "POST",
      body: {
        kind: v.kind,
        supporterId: v.supporterId,
        title: v.title,
        ...(v.requestedStart && { requestedStart: v.requestedStart.toISOString() }),
        durationMinutes: v.durationMinutes ?? 60,
      },
    });
    await client.invalidateQueries({ queryKey: ["telemedicine"] });
  };
  const asks = pending ? (ASKS[pending.action] ?? []) : [];

  return (
    <ListCard
      title={`${t("outreach.telemedicine")}${me?.institutionName ? ` · ${me.institutionName}` : ""}`}
      onCreate={actsForSide(me, "telemedicine_session") && (() => setRequesting(true))}
      filters={
        <>
          <Select
            allowClear
            placeholder={t("outreach.status")}
            style={{ width: 140 }}
            value={query.status}
            onChange={(status) => update({ status })}
            options={SESSION_STATUSES.map((s) => ({ value: s, label: t(`sessionStatus.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t("outreach.kind")}
            style={{ width: 160 }}
            value={query.kind}
            onChange={(kind) => update({ kind })}
            options={SESSION_KINDS.map((k) => ({ value: k, label: t(`sessionKind.${k}`) }))}
          />
        </>
      }
    >
      <PagedTable<Session>
        list={list}
        query={query}
        update={update}
        onRow={() => ({ "data-testid": "session-row" }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("outreach.startsAt"), render: (_, s) => formatDateTime(s.startsAt ?? s.requestedStart) },
          { title: t("outreach.kind"), dataIndex: "kind", render: (k: string) => t(`sessionKind.${k}`) },
          { title: t("outreach.title"), dataIndex: "title" },
          { title: t("outreach.recipient"), dataIndex: "recipientName" },
          { title: t("outreach.supporter"), dataIndex: "supporterName" },
          { title: t("outreach.status"), dataIndex: "status", render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`sessionStatus.${s}`)}</Tag> },
          {
            title: t("outreach.link"),
            dataIndex: "link",
            render: (link: string | null) =>
              link ? (
                <Typography.Link href={link} target="_blank" rel="noreferrer" data-testid="session-link">
                  {t("outreach.join")}
                </Typography.Link>
              ) : (
                "—"
              ),
          },
          {
            title: t("referral.actions"),
            render: (_, s) => (
              <Space wrap>
                {s.allowedActions.map((a) => (
                  <Button
                    key={a}
                    size="small"
                    danger={a === "cancel"}
                    type={a === "schedule" || a === "accept" ? "primary" : "default"}
                    onClick={() => start(s, a)}
                    data-testid={`session-${a}`}
                  >
                    {t(`sessionAction.${a}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <FormModal
        open={requesting}
        title={t("outreach.request")}
        form={requestForm}
        submit={request}
        onClose={() => setRequesting(false)}
        initialValues={{ kind: "ward_round", durationMinutes: 60 }}
      >
        <Form.Item name="kind" label={t("outreach.kind")} rules={[{ required: true }]}>
          <Select options={SESSION_KINDS.map((k) => ({ value: k, label: t(`sessionKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="supporterId" label={t("outreach.supporter")} rules={[{ required: true }]}>
          <InstitutionSelect suggest={{ purpose: "telemedicine" }} />
        </Form.Item>
        <Form.Item name="title" label={t("outreach.title")} rules={[{ required: true, max: 120 }]}>
          <Input data-testid="session-title" />
        </Form.Item>
        <Form.Item name="requestedStart" label={t("outreach.requestedStart")}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t("outreach.duration")}>
          <InputNumber min={15} max={480} step={15} style={{ width: "100%" }} />
        </Form.Item>
      </FormModal>
      <Modal
        open={pending !== null}
        title={pending ? t(`sessionAction.${pending.action}`) : ""}
        onCancel={() => setPending(null)}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        okButtonProps={{ "data-testid": "session-confirm" } as Record<`data-${string}`, string>}
        onOk={async () => {
          const v = await actionForm.validateFields();
          if (!pending) return;
          await act(pending.session, pending.action, {
            ...(v.startsAt && { startsAt: (v.startsAt as Dayjs).toISOString() }),
            ...(v.reason && { reason: v.reason }),
            ...(v.minutes && { minutes: v.minutes }),
            ...(v.opinion && { opinion: v.opinion }),
          });
        }}
        destroyOnHidden
      >
        <Form form={actionForm} layout="vertical">
          {asks.includes("startsAt") && (
            <Form.Item name="startsAt" label={t("outreach.startsAt")} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} data-testid="session-starts-at" />
            </Form.Item>
          )}
          {asks.includes("reason") && (
            <Form.Item name="reason" label={t("outreach.reason")} rules={[{ required: true, max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
          {asks.includes("minutes") && (
            <Form.Item name="minutes" label={t("outreach.minutes")} rules={[{ max: 5000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {asks.includes("opinion") && pending?.session.kind === "consultation" && (
            <Form.Item name="opinion" label={t("outreach.opinion")} rules={[{ required: true, max: 5000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </ListCard>
  );
}
