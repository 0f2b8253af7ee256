import type { ReminderKind, ReminderSkipReason, ReminderStatus } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Space, Switch, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import type { Answer, ChronicPatient } from "../types.ts";

type Reminder = Answer<"/htn/patients/{id}/reminders">["items"][number];
type Consent = Answer<"/htn/patients/{id}/sms-consent", "put">;

/** Delivered green, on its way blue, waiting orange, not reaching the patient red, skipped grey. */
const COLOR: Record<ReminderStatus, string> = {
  pending: "orange",
  sent: "blue",
  delivered: "green",
  undelivered: "red",
  failed: "red",
  skipped: "default",
};

/** Whether this server has an SMS gateway (the same for everyone; asked once per session). */
export function useRemindersEnabled(): boolean | undefined {
  const status = useQuery({
    queryKey: ["htn-reminder-status"],
    queryFn: () => api<Answer<"/htn/reminders/status">>("/htn/reminders/status"),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return status.data?.enabled;
}

const time = (t: string | null) => (t ? dayjs(t).format("YYYY-MM-DD HH:mm") : "—");

/**
 * The patient's SMS reminders: without a gateway a notice that they are off; with one, the consent
 * switch (for those who keep the register) and the reminders with their status and delivery result.
 */
export function ReminderCard({ patient, canWrite }: { patient: ChronicPatient; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const enabled = useRemindersEnabled();
  const [saving, setSaving] = useState(false);
  const reminders = useQuery({
    queryKey: ["htn-reminders", patient.id],
    queryFn: () => api<{ items: Reminder[] }>(`/htn/patients/${patient.id}/reminders`),
    enabled: enabled === true,
  });
  if (enabled === undefined) return null;
  if (!enabled) {
    return <Alert type="info" showIcon message={t("htnSms.off")} description={t("htnSms.offDetail")} data-testid="htn-sms-off" />;
  }
  const setConsent = async (consent: boolean) => {
    setSaving(true);
    try {
      await api<Consent>(`/htn/patients/${patient.id}/sms-consent`, { method: "PUT", body: { consent } });
      await client.invalidateQueries({ queryKey: ["htn-patient", patient.id] });
      await client.invalidateQueries({ queryKey: ["htn-reminders", patient.id] });
      message.success(t(consent ? "htnSms.consentGiven" : "htnSms.consentWithdrawn"));
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Switch checked={patient.smsConsent} loading={saving} disabled={!canWrite} onChange={setConsent} data-testid="htn-sms-consent" />
        <span>{t("htnSms.consent")}</span>
        {patient.smsConsentAt && <Typography.Text type="secondary">{`${t("htnSms.consentAt")} ${time(patient.smsConsentAt)}`}</Typography.Text>}
      </Space>
      {patient.smsConsent && !patient.phone && <Alert type="warning" showIcon message={t("htnSms.noPhone")} />}
      <Typography.Text type="secondary">{t("htnSms.rules")}</Typography.Text>
      <Table<Reminder>
        rowKey="id"
        size="small"
        loading={reminders.isPending}
        dataSource={reminders.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        scroll={{ x: 640 }}
        locale={{ emptyText: t("htnSms.empty") }}
        data-testid="htn-reminders"
        columns={[
          { title: t("htnSms.kind"), dataIndex: "kind", render: (k: ReminderKind) => t(`htnReminderKind.${k}`) },
          { title: t("htnSms.dueOn"), dataIndex: "dueOn" },
          {
            title: t("htnSms.status"),
            dataIndex: "status",
            render: (s: ReminderStatus, r) => (
              <>
                <Tag color={COLOR[s]}>{t(`htnReminderStatus.${s}`)}</Tag>
                {r.skipReason && <div>{t(`htnReminderSkip.${r.skipReason as ReminderSkipReason}`)}</div>}
                {r.status === "pending" && r.nextAttemptAt && <div>{`${t("htnSms.nextAttempt")} ${time(r.nextAttemptAt)}`}</div>}
              </>
            ),
          },
          { title: t("htnSms.sentAt"), dataIndex: "sentAt", render: time },
          { title: t("htnSms.deliveredAt"), dataIndex: "deliveredAt", render: time },
          { title: t("htnSms.attempts"), dataIndex: "attempts" },
          { title: t("htnSms.lastError"), dataIndex: "lastError", render: (e: string | null) => e ?? "" },
        ]}
      />
    </Space>
  );
}
