import { CALL_RESULTS, CALL_RULES, type CallResult } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { DatePicker, Form, Input, Select, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { FormModal } from "../shared/FormModal.tsx";
import type { ChronicCall, ChronicPatient, RecordedCall } from "../types.ts";

interface CallValues {
  result: CallResult;
  agreedDate?: Dayjs;
  note?: string;
}

/** Results that end calling are shown red, a retry orange, reached green. */
const COLOR: Record<CallResult, string> = {
  reached: "green",
  no_answer: "orange",
  wrong_number: "red",
  moved_away: "red",
  died: "red",
  refused: "red",
};

/** The last call of a register row: its result and day, or why the patient is off the list. */
export function LastCall({ patient: p }: { patient: ChronicPatient }) {
  const { t } = useTranslation();
  if (!p.lastCallResult) return <>—</>;
  return (
    <span data-testid="htn-last-call">
      <Tag color={COLOR[p.lastCallResult]}>{t(`htnCallResult.${p.lastCallResult}`)}</Tag>
      {p.lastCallOn}
      {p.offListReason && <div style={{ color: "#cf1322" }}>{`${t("htn.offList")}: ${t(`htnOffList.${p.offListReason}`)}`}</div>}
    </span>
  );
}

/** The call form: result, the agreed date when reached (today to +90 days, as core checks), a note. */
export function CallModal({ patient, onClose }: { patient: ChronicPatient | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<CallValues>();
  const result = Form.useWatch("result", form);
  const today = dayjs().startOf("day");
  const submit = async (v: CallValues) => {
    if (!patient) return;
    await api<RecordedCall>(`/htn/patients/${patient.id}/calls`, {
      method: "POST",
      body: {
        result: v.result,
        ...(v.result === "reached" && v.agreedDate && { agreedDate: v.agreedDate.format("YYYY-MM-DD") }),
        ...(v.note?.trim() && { note: v.note.trim() }),
      },
    });
    await client.invalidateQueries({ queryKey: ["htn-patients"] });
    await client.invalidateQueries({ queryKey: ["htn-patient", patient.id] });
    await client.invalidateQueries({ queryKey: ["htn-calls", patient.id] });
  };
  return (
    <FormModal
      open={patient !== null}
      title={`${t("htn.recordCall")} · ${patient?.name ?? ""}${patient?.phone ? ` · ${patient.phone}` : ""}`}
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ result: "reached" }}
    >
      <Form.Item name="result" label={t("htn.callResult")} rules={[{ required: true }]}>
        <Select size="large" options={CALL_RESULTS.map((r) => ({ value: r, label: t(`htnCallResult.${r}`) }))} data-testid="htn-call-result" />
      </Form.Item>
      {result === "reached" && (
        <Form.Item name="agreedDate" label={t("htn.agreedDate")} rules={[{ required: true }]}>
          <DatePicker
            size="large"
            style={{ width: "100%" }}
            disabledDate={(d) => d.isBefore(today) || d.isAfter(today.add(CALL_RULES.agreedWithinDays, "day"))}
            data-testid="htn-agreed-date"
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={t("htn.note")} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

/** The patient's calls, newest first. */
export function CallTable({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const calls = useQuery({
    queryKey: ["htn-calls", patientId],
    queryFn: () => api<{ items: ChronicCall[] }>(`/htn/patients/${patientId}/calls`),
  });
  return (
    <Table<ChronicCall>
      rowKey="id"
      size="small"
      loading={calls.isPending}
      dataSource={calls.data?.items ?? []}
      pagination={{ pageSize: 10 }}
      scroll={{ x: 560 }}
      columns={[
        { title: t("referral.date"), dataIndex: "calledOn" },
        { title: t("htn.callResult"), dataIndex: "result", render: (r: CallResult) => <Tag color={COLOR[r]}>{t(`htnCallResult.${r}`)}</Tag> },
        { title: t("htn.agreedDate"), dataIndex: "agreedDate", render: (d: string | null) => d ?? "—" },
        { title: t("htn.note"), dataIndex: "note", render: (n: string | null) => n ?? "" },
        { title: t("htn.caller"), dataIndex: "callerName" },
      ]}
    />
  );
}
