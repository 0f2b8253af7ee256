import { PaperClipOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Upload, type UploadFile } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { api } from "../api.ts";
import { CountyCascader } from "../shared/CountyCascader.tsx";
import { applyServerErrors } from "../shared/forms.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import type { Referral } from "../types.ts";
import { BookingSelect, bookingBody } from "./BookingSelect.tsx";

interface Values {
  direction: "up" | "down";
  priority: string;
  toInstitutionId: string;
  department: string;
  name: string;
  sex: string;
  birthDate: Dayjs;
  idNumber: string;
  noIdCard?: boolean;
  phone?: string;
  homeCounty?: string;
  icd10: string;
  reasonText: string;
  summary?: string;
  booking?: string;
  submit: boolean;
}

/** The server's limits, checked here first so a doctor hears at once that a file is too big. */
const MAX_FILES = 5;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const ACCEPT = ["application/pdf", "image/jpeg", "image/png"];

async function toAttachment(file: UploadFile) {
  const bytes = new Uint8Array(await (file.originFileObj as File).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, contentType: file.type as string, data: btoa(binary) };
}

/** A referral form; decision support can prefill reason, urgency and department through the URL (?icd10=&reason=&priority=&department=). */
export function NewReferralPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const toInstitutionId = Form.useWatch("toInstitutionId", form);
  const department = Form.useWatch("department", form);
  const noIdCard = Form.useWatch("noIdCard", form);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const created = await api<Referral>("/referrals", {
        method: "POST",
        body: {
          direction: v.direction,
          priority: v.priority,
          toInstitutionId: v.toInstitutionId,
          department: v.department,
          patient: {
            name: v.name,
            sex: v.sex,
            birthDate: v.birthDate.format("YYYY-MM-DD"),
            ...(v.noIdCard ? { noIdCard: true } : { idNumber: v.idNumber.trim().toUpperCase() }),
            ...(v.phone && { phone: v.phone }),
            ...(v.homeCounty && { homeCounty: v.homeCounty }),
          },
          reason: { icd10: v.icd10.trim().toUpperCase(), text: v.reasonText },
          ...(v.summary && { summary: v.summary }),
          ...bookingBody(v.booking),
          ...(files.length && { attachments: await Promise.all(files.map(toAttachment)) }),
          submit: v.submit,
        },
      });
      navigate(`/referrals/${created.id}`);
    } catch (error) {
      // Server paths are nested (patient.idNumber); the form's fields are flat.
      const flat = error as { errors?: { path: string }[] };
      for (const e of flat.errors ?? [])
        e.path = e.path
          .replace(/^patient\./, "")
          .replace(/^reason\.text$/, "reasonText")
          .replace(/^reason\./, "");
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("referral.create")} style={{ maxWidth: 900 }}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          direction: "up",
          priority: params.get("priority") ?? "routine",
          icd10: params.get("icd10") ?? "",
          reasonText: params.get("reason") ?? "",
          department: params.get("department") ?? undefined,
          submit: true,
          sex: "female",
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="direction" label={t("referral.direction")} rules={[{ required: true }]}>
              <Select options={["up", "down"].map((d) => ({ value: d, label: t(`referral.${d}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="priority" label={t("referral.priority")} rules={[{ required: true }]}>
              <Select options={["routine", "urgent", "green_channel"].map((p) => ({ value: p, label: t(`priority.${p}`) }))} data-testid="referral-priority" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="department" label={t("referral.department")} rules={[{ required: true, max: 40 }]}>
              <Input placeholder="心血管内科" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="toInstitutionId" label={t("referral.to")} rules={[{ required: true }]}>
          <InstitutionSelect />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="name" label={t("referral.name")} rules={[{ required: true, max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="sex" label={t("referral.sex")} rules={[{ required: true }]}>
              <Select options={["female", "male"].map((s) => ({ value: s, label: t(`referral.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="birthDate" label={t("referral.birthDate")} rules={[{ required: true }]}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            {!noIdCard && (
              <Form.Item name="idNumber" label={t("referral.idNumber")} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/ }]}>
                <Input maxLength={18} />
              </Form.Item>
            )}
            {/* A person without an ID card gets a local identifier; a coordinator merges the records later. */}
            <Form.Item
              name="noIdCard"
              valuePropName="checked"
              extra={noIdCard && t("patient.noIdCardHint")}
              label={noIdCard ? t("referral.idNumber") : undefined}
            >
              <Checkbox data-testid="referral-no-id-card">{t("patient.noIdCard")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t("referral.phone")} rules={[{ pattern: /^1[3-9]\d{9}$/ }]}>
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="homeCounty" label={t("referral.homeCounty")} extra={t("referral.homeCountyHint")}>
              <CountyCascader placeholder={t("referral.homeCountyPlaceholder")} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={4}>
            <Form.Item name="icd10" label={t("referral.icd10")} rules={[{ required: true, pattern: /^[A-Za-z]\d{2}(\.[0-9A-Za-z]{1,4})?$/ }]}>
              <Input placeholder="I10" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="reasonText" label={t("referral.reasonText")} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {/* The receiver's free reserved slots and beds: the patient leaves with one booked. */}
        <Form.Item name="booking" label={t("referral.booking")}>
          <BookingSelect institutionId={toInstitutionId} department={department} testId="referral-slot" />
        </Form.Item>
        <Form.Item name="summary" label={t("referral.summary")} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item label={t("referral.attachments")} extra={t("referral.attachmentsHint")}>
          <Upload
            accept=".pdf,.png,.jpg,.jpeg"
            multiple
            fileList={files}
            maxCount={MAX_FILES}
            beforeUpload={(file) => {
              if (!ACCEPT.includes(file.type)) message.error(t("referral.attachmentType", { name: file.name }));
              else if (file.size > MAX_FILE_BYTES) message.error(t("referral.attachmentTooBig", { name: file.name }));
              else setFiles((list) => [...list, { uid: file.uid, name: file.name, type: file.type, size: file.size, originFileObj: file }].slice(0, MAX_FILES));
              return Upload.LIST_IGNORE;
            }}
            onRemove={(file) => setFiles((list) => list.filter((f) => f.uid !== file.uid))}
          >
            <Button icon={<PaperClipOutlined />} data-testid="referral-attach">
              {t("referral.attach")}
            </Button>
          </Upload>
        </Form.Item>
        <Space>
          <Form.Item name="submit" valuePropName="checked" noStyle>
            <Checkbox>{t("referral.submitNow")}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="referral-submit">
            {t("common.save")}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
