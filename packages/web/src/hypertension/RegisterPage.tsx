import { CONDITIONS, RISK_FACTORS } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Checkbox, DatePicker, Form, Input, Segmented, Select, Tag } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, type Page } from "../api.ts";
import { mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { ChronicPatient } from "../types.ts";
import { CallModal, LastCall } from "./Calls.tsx";
import { FollowUpTag } from "./Discharge.tsx";
import { useRemindersEnabled } from "./Reminders.tsx";

interface EnrolValues {
  name: string;
  sex: "male" | "female";
  birthDate: Dayjs;
  idNumber: string;
  noIdCard?: boolean;
  phone?: string;
  conditions?: string[];
  riskFactors?: string[];
  smsConsent?: boolean;
}

export const ageOf = (birthDate: string) => dayjs().diff(dayjs(birthDate), "year");

/**
 * The institution's hypertension register, soonest due first; "due this week" is the call list,
 * where each call's result is recorded, and "off the list" shows who calling ended for and why.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe().data;
  const [enrolling, setEnrolling] = useState(false);
  const [calling, setCalling] = useState<ChronicPatient | null>(null);
  const [form] = Form.useForm<EnrolValues>();
  const noIdCard = Form.useWatch("noIdCard", form);
  const remindersOn = useRemindersEnabled();
  const { query, update } = useListParams(["due", "q"] as const);
  const list = useQuery({
    queryKey: ["htn-patients", query],
    queryFn: () => api<Page<ChronicPatient>>("/htn/patients", { query }),
    placeholderData: (p) => p,
  });
  const today = dayjs().format("YYYY-MM-DD");
  const enrol = async (v: EnrolValues) => {
    const created = await api<ChronicPatient>("/htn/patients", {
      method: "POST",
      body: {
        patient: {
          name: v.name,
          sex: v.sex,
          birthDate: v.birthDate.format("YYYY-MM-DD"),
          ...(v.noIdCard ? { noIdCard: true } : { idNumber: v.idNumber.trim().toUpperCase() }),
          ...(v.phone && { phone: v.phone }),
        },
        conditions: v.conditions ?? [],
        riskFactors: v.riskFactors ?? [],
        ...(v.smsConsent && { smsConsent: true }),
      },
    });
    await client.invalidateQueries({ queryKey: ["htn-patients"] });
    navigate(`/htn/${created.id}`);
  };
  return (
    <ListCard
      title={`${t("htn.register")} · ${me?.institutionName ?? ""}`}
      onCreate={() => setEnrolling(true)}
      search={{ value: query.q, placeholder: t("referral.name"), onSearch: (q) => update({ q }) }}
      filters={
        <Segmented
          value={query.due ?? ""}
          onChange={(due) => update({ due: String(due) || undefined })}
          options={[
            { value: "", label: t("htn.all") },
            { value: "week", label: t("htn.callList") },
            { value: "overdue", label: t("htn.overdue") },
            { value: "off", label: t("htn.offList") },
          ]}
          data-testid="htn-due"
        />
      }
    >
      <PagedTable<ChronicPatient>
        list={list}
        query={query}
        update={update}
        onRow={(p) =>
          ({ onClick: () => navigate(`/htn/${p.id}`), style: { cursor: "pointer" }, "data-testid": "htn-row" }) as React.HTMLAttributes<HTMLElement>
        }
        scroll={{ x: 1000 }}
        locale={query.due ? { emptyText: t(query.due === "off" ? "htn.emptyOffList" : "htn.emptyCallList") } : undefined}
        columns={[
          // On a phone: "name sex age" heads the card, the call button sits at its foot.
          { title: t("referral.name"), dataIndex: "name", phone: "title" },
          { title: t("referral.sex"), dataIndex: "sex", render: (s: string) => t(`referral.${s}`), phone: "title" },
          { title: t("htn.age"), dataIndex: "birthDate", render: (b: string) => ageOf(b), phone: "title" },
          { title: t("htn.conditions"), dataIndex: "conditions", render: (cs: string[]) => cs.map((c) => <Tag key={c}>{t(`htnCondition.${c}`)}</Tag>) },
          { title: t("htn.lastVisit"), dataIndex: "lastVisitOn", render: (d: string | null) => d ?? "—" },
          {
            title: t("htn.control"),
            dataIndex: "lastControlled",
            render: (c: boolean | null) =>
              c === null ? <Tag>{t("htn.noVisit")}</Tag> : <Tag color={c ? "green" : "red"}>{t(c ? "htn.controlled" : "htn.uncontrolled")}</Tag>,
          },
          {
            title: t("htn.nextDue"),
            key: "nextDueOn",
            // A patient sent back down is due for the post-discharge contact (出院后随访).
            render: (_, p) => (
              <>
                {p.nextDueOn ? (
                  <Tag color={p.nextDueOn < today ? "red" : p.nextDueOn <= dayjs().add(7, "day").format("YYYY-MM-DD") ? "orange" : "default"}>
                    {p.nextDueOn}
                  </Tag>
                ) : (
                  "—"
                )}
                <FollowUpTag patient={p} short />
              </>
            ),
          },
          {
            title: t("htn.lastCall"),
            key: "call",
            width: 200,
            phone: "actions",
            render: (_, p) => (
              <>
                <LastCall patient={p} />
                {mayOn(me, "write", "chronic_patient", { regionCode: null, institutionIds: [p.institutionId] }) && (
                  <div style={{ marginTop: 4 }}>
                    <Button
                      size="small"
                      onClick={(e) => {
                        // The row opens the patient; the button only opens the call form.
                        e.stopPropagation();
                        setCalling(p);
                      }}
                      data-testid="htn-record-call"
                    >
                      {t("htn.recordCall")}
                    </Button>
                  </div>
                )}
              </>
            ),
          },
        ]}
      />
      <CallModal patient={calling} onClose={() => setCalling(null)} />
      <FormModal open={enrolling} title={t("htn.enrol")} form={form} submit={enrol} onClose={() => setEnrolling(false)} initialValues={{ sex: "female" }}>
        <Form.Item name="name" label={t("referral.name")} rules={[{ required: true, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="sex" label={t("referral.sex")} rules={[{ required: true }]}>
          <Select options={["female", "male"].map((s) => ({ value: s, label: t(`referral.${s}`) }))} />
        </Form.Item>
        <Form.Item name="birthDate" label={t("referral.birthDate")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        {!noIdCard && (
          <Form.Item name="idNumber" label={t("referral.idNumber")} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/ }]}>
            <Input maxLength={18} />
          </Form.Item>
        )}
        <Form.Item name="noIdCard" valuePropName="checked" extra={noIdCard && t("patient.noIdCardHint")}>
          <Checkbox data-testid="htn-no-id-card">{t("patient.noIdCard")}</Checkbox>
        </Form.Item>
        <Form.Item name="phone" label={t("referral.phone")} rules={[{ pattern: /^1[3-9]\d{9}$/ }]}>
          <Input />
        </Form.Item>
        <Form.Item name="conditions" label={t("htn.conditions")}>
          <Select mode="multiple" options={CONDITIONS.map((c) => ({ value: c, label: t(`htnCondition.${c}`) }))} />
        </Form.Item>
        <Form.Item name="riskFactors" label={t("htn.riskFactors")}>
          <Select mode="multiple" options={RISK_FACTORS.map((c) => ({ value: c, label: t(`htnRiskFactor.${c}`) }))} />
        </Form.Item>
        {remindersOn && (
          <Form.Item name="smsConsent" valuePropName="checked" extra={t("htnSms.enrolHint")}>
            <Checkbox data-testid="htn-enrol-sms-consent">{t("htnSms.consent")}</Checkbox>
          </Form.Item>
        )}
      </FormModal>
    </ListCard>
  );
}
