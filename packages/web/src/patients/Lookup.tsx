import { SearchOutlined } from "@ant-design/icons";
import { idCheckCharacter } from "@medbridge/core";
import { App, Button, Col, Descriptions, type DescriptionsProps, Form, Input, Row, Segmented, Space, Tag } from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api.ts";
import { ageOf } from "../hypertension/RegisterPage.tsx";
import { fieldMessage } from "../shared/errors.ts";
import type { Answer } from "../types.ts";

export type PatientSummary = Answer<"/patients/lookup", "post">;
/** What a lookup sends: the number travels in the POST body only, never in a URL or history state. */
export type LookupBody = { idNumber: string } | { localId: string };
export type LookupOutcome = { body: LookupBody; patient: PatientSummary | null };
type By = "idNumber" | "localId";

const LOCAL_ID = /^MB-[0-9A-HJKMNP-TV-Z]{10}$/;

/** Why an ID number cannot be one (GB 11643: 17 digits, a real birth date, the check character), said in the user's language. */
export function idNumberMessage(value: string, t: TFunction): string | null {
  if (value.length !== 18) return t("patient.idLength", { count: value.length });
  if (!/^\d{17}[\dX]$/.test(value)) return t("patient.idFormat");
  const date = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return t("patient.idDate", { date });
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return t("patient.idCheck");
  return null;
}

export const normalise = (value: string | undefined) => (value ?? "").replace(/\s+/g, "").toUpperCase();

/** Runs a lookup: the patient, or null when the caller's institution never treated anyone with this number (404). */
export async function lookUp(body: LookupBody): Promise<PatientSummary | null> {
  try {
    return await api<PatientSummary>("/patients/lookup", { method: "POST", body });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Look a patient up by ID number (checked here first, with a clear message) or local identifier.
 * The number stays in this form's state and the request body.
 */
export function LookupForm({ onResult, testId }: { onResult: (outcome: LookupOutcome) => void; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: string }>();
  const [by, setBy] = useState<By>("idNumber");
  const [busy, setBusy] = useState(false);
  const submit = async ({ number }: { number: string }) => {
    const value = normalise(number);
    const body: LookupBody = by === "idNumber" ? { idNumber: value } : { localId: value };
    setBusy(true);
    try {
      onResult({ body, patient: await lookUp(body) });
    } catch (error) {
      // The server names idNumber or localId; here both are the one field.
      const errors = error instanceof ApiError ? error.errors.filter((e) => e.path === "idNumber" || e.path === "localId") : [];
      if (errors.length) form.setFields([{ name: "number", errors: errors.map(fieldMessage) }]);
      else message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<By>
          value={by}
          onChange={(value) => {
            setBy(value);
            form.resetFields();
          }}
          options={[
            { value: "idNumber", label: t("patient.byIdNumber") },
            { value: "localId", label: t("patient.byLocalId") },
          ]}
          data-testid={`${testId}-by`}
        />
      </Space>
      <Row gutter={8} wrap={false} style={{ maxWidth: 520 }}>
        <Col flex="auto">
          <Form.Item
            name="number"
            validateTrigger="onSubmit"
            style={{ marginBottom: 0 }}
            rules={[
              {
                validator: async (_, raw: string | undefined) => {
                  const value = normalise(raw);
                  if (!value) throw new Error(t("patient.required"));
                  const problem = by === "idNumber" ? idNumberMessage(value, t) : LOCAL_ID.test(value) ? null : t("patient.localIdFormat");
                  if (problem) throw new Error(problem);
                },
              },
            ]}
          >
            <Input
              size="large"
              allowClear
              maxLength={by === "idNumber" ? 20 : 15}
              placeholder={t(by === "idNumber" ? "patient.idNumberPlaceholder" : "patient.localIdPlaceholder")}
              aria-label={t(by === "idNumber" ? "patient.byIdNumber" : "patient.byLocalId")}
              autoComplete="off"
              spellCheck={false}
              data-testid={`${testId}-input`}
            />
          </Form.Item>
        </Col>
        <Col flex="none">
          <Button size="large" type="primary" htmlType="submit" icon={<SearchOutlined />} loading={busy} data-testid={`${testId}-submit`}>
            {t("patient.lookup")}
          </Button>
        </Col>
      </Row>
    </Form>
  );
}

/** The identifier people are told apart by: the masked ID number, else the local identifier, else "no ID card". */
export function Identifier({ idNumber, localId }: { idNumber: string | null; localId: string | null }) {
  const { t } = useTranslation();
  if (idNumber) return <span style={{ whiteSpace: "nowrap" }}>{idNumber}</span>;
  if (localId)
    return (
      <Space size={4} wrap>
        <Tag color="gold">{t("patient.localId")}</Tag>
        <span>{localId}</span>
      </Space>
    );
  return <Tag>{t("patient.noIdCard")}</Tag>;
}

/** The person a lookup found. */
export function PatientDescriptions({ patient, column = { xs: 1, sm: 2, md: 3 } }: { patient: PatientSummary; column?: DescriptionsProps["column"] }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={column} bordered>
      <Descriptions.Item label={t("referral.name")}>
        <span data-testid="patient-name">{patient.name}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("referral.sex")}>{t(`referral.${patient.sex}`)}</Descriptions.Item>
      <Descriptions.Item label={t("referral.birthDate")}>
        {patient.birthDate} · {t("htn.age")} {ageOf(patient.birthDate)}
      </Descriptions.Item>
      <Descriptions.Item label={t("patient.identifier")}>
        <Identifier idNumber={patient.idNumber} localId={patient.localId} />
      </Descriptions.Item>
      <Descriptions.Item label={t("patient.institutions")}>{patient.institutions}</Descriptions.Item>
    </Descriptions>
  );
}
