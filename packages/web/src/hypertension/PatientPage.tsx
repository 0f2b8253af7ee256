import { EDITIONS, SYMPTOMS } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Checkbox, Col, Descriptions, Form, InputNumber, Row, Select, Space, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../api.ts";
import { may, mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { PathLink } from "../patients/PathLink.tsx";
import { DrugListField } from "../shared/DrugListField.tsx";
import { applyServerErrors } from "../shared/forms.ts";
import { QueryState } from "../shared/QueryState.tsx";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import type { Answer, ChronicPatient, HypertensionOutput, Visit } from "../types.ts";
import { CallModal, CallTable, LastCall } from "./Calls.tsx";
import { FollowUpTag, VisitDetail, VisitKind } from "./Discharge.tsx";
import { Recommendation, referralLink } from "./Recommendation.tsx";
import { ageOf } from "./RegisterPage.tsx";
import { ReminderCard } from "./Reminders.tsx";

interface VisitValues {
  sbp: number;
  dbp: number;
  sbp2?: number;
  dbp2?: number;
  symptoms?: string[];
  drugs?: { class: string; name: string; atMaxDose?: boolean }[];
  weeks?: number;
  edition: string;
  pregnant?: boolean;
}

/** Big inputs that work on a phone: a village doctor records a visit in a minute. */
const BIG = { size: "large" as const, style: { width: "100%" }, inputMode: "numeric" as const };

export function PatientPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<VisitValues>();
  const [busy, setBusy] = useState(false);
  const [latest, setLatest] = useState<HypertensionOutput | null>(null);
  const [calling, setCalling] = useState(false);
  const me = useMe().data;
  const patient = useQuery({ queryKey: ["htn-patient", id], queryFn: () => api<ChronicPatient>(`/htn/patients/${id}`) });
  const visits = useQuery({ queryKey: ["htn-visits", id], queryFn: () => api<Answer<"/htn/patients/{id}/visits">>(`/htn/patients/${id}/visits`) });
  // The drugs of the last visit are usually today's drugs too: offer them once the visits arrive.
  const lastDrugs = visits.data?.items[0]?.currentDrugs;
  useEffect(() => {
    if (lastDrugs?.length && !form.getFieldValue("drugs")?.length) form.setFieldsValue({ drugs: lastDrugs });
  }, [lastDrugs, form]);

  const record = async (v: VisitValues) => {
    setBusy(true);
    try {
      const readings = [{ sbp: v.sbp, dbp: v.dbp }, ...(v.sbp2 && v.dbp2 ? [{ sbp: v.sbp2, dbp: v.dbp2 }] : [])];
      const drugs = (v.drugs ?? []).filter((d) => d?.class && d?.name);
      const saved = await api<Visit>(`/htn/patients/${id}/visits`, {
        method: "POST",
        body: {
          readings,
          edition: v.edition,
          symptoms: v.symptoms ?? [],
          currentDrugs: drugs.map((d) => ({ class: d.class, name: d.name, atMaxDose: d.atMaxDose ?? false })),
          ...(drugs.length && v.weeks !== undefined && v.weeks !== null && { weeksOnCurrentRegimen: v.weeks }),
          ...(v.pregnant && { pregnant: true }),
        },
      });
      setLatest(saved.recommendation);
      await client.invalidateQueries({ queryKey: ["htn-visits", id] });
      await client.invalidateQueries({ queryKey: ["htn-patient", id] });
    } catch (error) {
      // Server paths name readings[0].sbp; the form's fields are sbp/dbp and sbp2/dbp2.
      const e = error as { errors?: { path: string }[] };
      for (const x of e.errors ?? []) x.path = x.path.replace(/^readings\[0\]\./, "").replace(/^readings\[1\]\.(sbp|dbp)/, "$12");
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <QueryState query={patient}>
      {() => {
        const p = patient.data as ChronicPatient;
        return (
          <Space direction="vertical" size={16} style={{ width: "100%", maxWidth: 960 }}>
            <Card
              title={<span data-testid="htn-patient-name">{p.name}</span>}
              extra={
                <Space wrap>
                  <PathLink patientId={p.patientId} />
                  {/* 发起转诊: the form reads this patient and their latest visit from the server. */}
                  {may(me, "write", "referral") && (
                    <Link to={referralLink(p.id, visits.data?.items[0]?.recommendation)} data-testid="htn-patient-refer">
                      {t("htn.refer")}
                    </Link>
                  )}
                </Space>
              }
              size="small"
            >
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
                <Descriptions.Item label={t("referral.sex")}>{t(`referral.${p.sex}`)}</Descriptions.Item>
                <Descriptions.Item label={t("htn.age")}>{ageOf(p.birthDate)}</Descriptions.Item>
                <Descriptions.Item label={t("referral.idNumber")}>{p.idNumber ?? t("patient.noIdCard")}</Descriptions.Item>
                <Descriptions.Item label={t("htn.conditions")}>
                  {p.conditions.map((c) => (
                    <Tag key={c}>{t(`htnCondition.${c}`)}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t("htn.riskFactors")}>
                  {p.riskFactors.map((c) => (
                    <Tag key={c}>{t(`htnRiskFactor.${c}`)}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t("htn.nextDue")}>
                  {p.nextDueOn ?? "—"} <FollowUpTag patient={p} />
                </Descriptions.Item>
                <Descriptions.Item label={t("htn.lastCall")}>
                  <LastCall patient={p} />
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t("htn.visit")} size="small">
              <Form<VisitValues> form={form} layout="vertical" onFinish={record} initialValues={{ edition: "2020", drugs: [] }}>
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item name="sbp" label={t("htn.sbp")} rules={[{ required: true }]}>
                      <InputNumber {...BIG} min={60} max={300} precision={0} addonAfter={t("htn.mmHg")} data-testid="htn-sbp" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="dbp" label={t("htn.dbp")} rules={[{ required: true }]}>
                      <InputNumber {...BIG} min={30} max={200} precision={0} addonAfter={t("htn.mmHg")} data-testid="htn-dbp" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="sbp2" label={t("htn.secondReading")}>
                      <InputNumber {...BIG} min={60} max={300} precision={0} placeholder={t("htn.sbp")} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="dbp2" label=" ">
                      <InputNumber {...BIG} min={30} max={200} precision={0} placeholder={t("htn.dbp")} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="symptoms" label={t("htn.symptoms")}>
                  <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`htnSymptom.${s}`) }))} />
                </Form.Item>
                <DrugListField name="drugs" label={t("htn.drugs")} addLabel={t("htn.addDrug")} large testId="htn-drug" />
                <Row gutter={12}>
                  <Col xs={12} md={6}>
                    <Form.Item name="weeks" label={t("htn.weeks")}>
                      <InputNumber {...BIG} min={0} max={5200} precision={0} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="edition" label={t("htn.edition")}>
                      <Select size="large" options={EDITIONS.map((e) => ({ value: e, label: e }))} />
                    </Form.Item>
                  </Col>
                  {p.sex === "female" && ageOf(p.birthDate) < 55 && (
                    <Col xs={24} md={6}>
                      <Form.Item name="pregnant" label=" " valuePropName="checked">
                        <Checkbox>{t("htn.pregnant")}</Checkbox>
                      </Form.Item>
                    </Col>
                  )}
                </Row>
                <Button type="primary" size="large" htmlType="submit" loading={busy} block data-testid="htn-submit">
                  {t("htn.evaluate")}
                </Button>
              </Form>
            </Card>
            {latest && (
              <Card title={t("htn.recommendation")} size="small">
                <Recommendation output={latest} chronicPatientId={p.id} />
              </Card>
            )}
            <Card title={t("htn.visits")} size="small">
              <ResponsiveTable<Visit>
                rowKey="id"
                size="small"
                loading={visits.isPending}
                dataSource={visits.data?.items ?? []}
                pagination={{ pageSize: 10 }}
                scroll={{ x: 640 }}
                expandable={{ expandedRowRender: (v) => <VisitDetail visit={v} /> }}
                columns={[
                  {
                    title: t("referral.date"),
                    phone: "title",
                    render: (_, v) => (
                      <>
                        {v.visitOn} <VisitKind visit={v} />
                        {v.discharge && <div>{t("discharge.fromHospital", { hospital: v.discharge.hospital })}</div>}
                      </>
                    ),
                  },
                  { title: `${t("htn.sbp")}/${t("htn.dbp")}`, render: (_, v) => (v.sbp === null ? t("discharge.noBp") : `${v.sbp}/${v.dbp}`) },
                  {
                    title: t("htn.recommendation"),
                    render: (_, v) => (v.recommendation ? t(`htnAction.${v.recommendation.action}`) : t("discharge.notEvaluated")),
                  },
                  {
                    title: t("htn.control"),
                    render: (_, v) =>
                      v.recommendation ? (
                        <Tag color={v.recommendation.controlled ? "green" : "red"}>
                          {t(v.recommendation.controlled ? "htn.controlled" : "htn.uncontrolled")}
                        </Tag>
                      ) : (
                        "—"
                      ),
                  },
                  { title: t("htn.edition"), dataIndex: "edition" },
                  { title: t("htn.nextDue"), dataIndex: "nextDueOn" },
                ]}
              />
            </Card>
            <Card
              title={t("htn.calls")}
              size="small"
              extra={
                mayOn(me, "write", "chronic_patient", { regionCode: null, institutionIds: [p.institutionId] }) && (
                  <Button onClick={() => setCalling(true)} data-testid="htn-record-call">
                    {t("htn.recordCall")}
                  </Button>
                )
              }
            >
              <CallTable patientId={p.id} />
            </Card>
            <Card title={t("htnSms.title")} size="small">
              <ReminderCard patient={p} canWrite={mayOn(me, "write", "chronic_patient", { regionCode: null, institutionIds: [p.institutionId] })} />
            </Card>
            <CallModal patient={calling ? p : null} onClose={() => setCalling(false)} />
          </Space>
        );
      }}
    </QueryState>
  );
}
