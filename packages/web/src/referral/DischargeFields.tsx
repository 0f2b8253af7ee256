import type { DrugClass } from "@medbridge/core";
import { Alert, Col, Form, type FormInstance, Input, InputNumber, Row } from "antd";
import { useTranslation } from "react-i18next";
import { DrugListField } from "../shared/DrugListField.tsx";

export interface DischargeValues {
  downSummary?: string;
  medications?: { class?: DrugClass; name?: string; atMaxDose?: boolean }[];
  sbp?: number | null;
  dbp?: number | null;
}

/**
 * The way back down when a hospital completes an up-referral: the discharge summary, and
 * optionally the discharge medications and BP, which a grassroots register records when the
 * patient is a hypertension patient (the server decides; this form only explains it).
 */
export function DischargeFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const medications = (Form.useWatch("medications", form) ?? []) as DischargeValues["medications"];
  const sbp = Form.useWatch("sbp", form) as number | null | undefined;
  const dbp = Form.useWatch("dbp", form) as number | null | undefined;
  const sendsMore = (medications ?? []).some((m) => m?.class || m?.name) || typeof sbp === "number" || typeof dbp === "number";
  return (
    <>
      <Form.Item
        name="downSummary"
        label={t("referral.downSummary")}
        dependencies={["medications", "sbp", "dbp"]}
        rules={[{ max: 5000 }, { required: sendsMore, whitespace: true, message: t("discharge.summaryNeeded") }]}
      >
        <Input.TextArea rows={4} data-testid="down-summary" />
      </Form.Item>
      <DrugListField name="medications" label={t("discharge.medications")} addLabel={t("discharge.addMedication")} testId="down-med" />
      <Form.Item label={t("discharge.bp")} style={{ marginBottom: 0 }}>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="sbp" dependencies={["dbp"]} rules={[{ required: typeof dbp === "number", message: t("discharge.bothNeeded") }]}>
              <InputNumber min={60} max={300} precision={0} placeholder={t("htn.sbp")} addonAfter="mmHg" style={{ width: "100%" }} data-testid="down-sbp" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dbp" dependencies={["sbp"]} rules={[{ required: typeof sbp === "number", message: t("discharge.bothNeeded") }]}>
              <InputNumber min={30} max={200} precision={0} placeholder={t("htn.dbp")} addonAfter="mmHg" style={{ width: "100%" }} data-testid="down-dbp" />
            </Form.Item>
          </Col>
        </Row>
      </Form.Item>
      <Alert type="info" showIcon message={t("discharge.landingHint")} />
    </>
  );
}

/** The `downReferral` part of a completion (nothing without a summary). */
export function dischargeBody(v: DischargeValues) {
  const summary = v.downSummary?.trim();
  if (!summary) return {};
  const medications = (v.medications ?? [])
    .filter((m) => m?.class && m.name?.trim())
    .map((m) => ({ class: m.class as DrugClass, name: (m.name as string).trim(), atMaxDose: m.atMaxDose ?? false }));
  const bp = typeof v.sbp === "number" && typeof v.dbp === "number" ? { sbp: v.sbp, dbp: v.dbp } : undefined;
  return { downReferral: { summary, ...(medications.length && { medications }), ...(bp && { bp }) } };
}
