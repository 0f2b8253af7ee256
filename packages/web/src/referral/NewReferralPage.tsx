import { PaperClipOutlined } from "@ant-design/icons";
import { DRUGS } from "@medbridge/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Upload, type UploadFile } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { api } from "../api.ts";
import { CountyCascader } from "../shared/CountyCascader.tsx";
import { applyServerErrors } from "../shared/forms.ts";
import { InstitutionSelect, usePartners } from "../shared/InstitutionSelect.tsx";
import type { Answer, ChronicPatient, Referral, Visit } from "../types.ts";
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

/** The GB/T 2260 grade of the latest evaluated visit, as the diagnosis says it: 原发性高血压（3级）. */
function diagnosisText(t: TFunction, visit: Visit | undefined): string {
  const grade = visit?.recommendation?.grade;
  return grade?.startsWith("grade") ? t("referralPath.reasonText", { grade: t(`htnGrade.${grade}`) }) : t("referralPath.reasonPlain");
}

/** The latest reading, its symptoms and drugs, and the advice that led here: the summary a receiving doctor reads first. */
function visitSummary(t: TFunction, zh: boolean, visit: Visit | undefined, advice: string | null): string {
  const lines: string[] = [];
  if (visit && visit.sbp !== null && visit.dbp !== null) {
    const symptoms = visit.symptoms.length
      ? t("referralPath.summarySymptoms", { list: visit.symptoms.map((x) => t(`htnSymptom.${x}`)).join("、") })
      : t("referralPath.summaryNoSymptoms");
    lines.push(t("referralPath.summaryReading", { date: visit.visitOn, sbp: visit.sbp, dbp: visit.dbp }), symptoms);
  }
  // A drug by its name in words (硝苯地平控释片), never its identifier.
  const drug = (d: Visit["currentDrugs"][number]) => {
    const known = DRUGS[d.class].examples.find((x) => x.name === d.name);
    return known ? (zh ? known.zh : known.name.replaceAll("_", " ")) : d.name;
  };
  if (visit?.currentDrugs.length) lines.push(t("referralPath.summaryDrugs", { list: visit.currentDrugs.map(drug).join(zh ? "、" : ", ") }));
  if (advice) lines.push(t("referralPath.summaryAdvice", { action: t(`htnAction.${advice}`) }));
  return lines.join("\n");
}

/**
 * A referral form. From a register patient or a recommendation it is opened with the register
 * entry's id (?register=, with the recommendation's ?advice=&priority=&department=) — never the
 * person's details in the URL: the patient, their latest reading and the diagnosis are read from
 * the server under the policy (the ID number in clear only for the patient's clinicians).
 */
export function NewReferralPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const toInstitutionId = Form.useWatch("toInstitutionId", form);
  const department = Form.useWatch("department", form);
  const noIdCard = Form.useWatch("noIdCard", form);
  const direction = Form.useWatch("direction", form) ?? "up";
  const homeCounty = Form.useWatch("homeCounty", form);
  const register = params.get("register");
  const advice = params.get("advice");
  const patient = useQuery({
    queryKey: ["htn-patient", register],
    queryFn: () => api<ChronicPatient>(`/htn/patients/${register}`),
    enabled: !!register,
  });
  const visits = useQuery({
    queryKey: ["htn-visits", register],
    queryFn: () => api<Answer<"/htn/patients/{id}/visits">>(`/htn/patients/${register}/visits`),
    enabled: !!register,
  });
  const partners = usePartners({ purpose: "referral", direction, ...(homeCounty && { county: homeCounty }) });
  const [maskedId, setMaskedId] = useState(false);
  // Fill the form once, when the register patient and their visits have arrived.
  const filled = useRef(false);
  useEffect(() => {
    if (filled.current || !patient.data || !visits.data) return;
    filled.current = true;
    const p = patient.data;
    const latest = visits.data.items.find((v) => v.sbp !== null);
    const clearId = p.idNumber && !p.idNumber.includes("*") ? p.idNumber : undefined;
    setMaskedId(!!p.idNumber && !clearId);
    form.setFieldsValue({
      name: p.name,
      sex: p.sex,
      birthDate: dayjs(p.birthDate),
      ...(clearId && { idNumber: clearId }),
      noIdCard: p.idNumber === null,
      ...(p.phone && { phone: p.phone }),
      icd10: "I10",
      reasonText: diagnosisText(t, latest),
      summary: visitSummary(t, i18n.language.startsWith("zh"), latest, advice),
      department: form.getFieldValue("department") ?? "心血管内科",
    });
  }, [patient.data, visits.data, form, t, i18n.language, advice]);
  // The first partner (the county hospital of a township, the paired supporter of a county hospital) is the usual target.
  const first = partners.data?.items[0]?.id;
  useEffect(() => {
    if (register && first && !form.getFieldValue("toInstitutionId")) form.setFieldsValue({ toInstitutionId: first });
  }, [register, first, form]);
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
      // The confirmation names what was booked: the patient leaves knowing where and when.
      if (created.booking) {
        const b = created.booking;
        message.success(t("referralPath.booked", { place: `${b.institutionName} · ${b.unit} · ${b.date}` }), 6);
      }
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
      {register && (patient.isError || visits.isError) && (
        <Alert type="error" showIcon message={t("referralPath.prefillFailed")} style={{ marginBottom: 16 }} />
      )}
      {register && patient.data && visits.data && (
        <Alert type="info" showIcon message={t("referralPath.prefilled")} style={{ marginBottom: 16 }} data-testid="referral-prefilled" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          direction: "up",
          priority: params.get("priority") ?? "routine",
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
          <InstitutionSelect suggest={{ purpose: "referral", direction, ...(homeCounty && { county: homeCounty }) }} testId="referral-target" />
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
              <Form.Item
                name="idNumber"
                label={t("referral.idNumber")}
                rules={[{ required: true, pattern: /^\d{17}[\dXx]$/ }]}
                extra={maskedId && t("referralPath.idMaskedHint")}
              >
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
