import { useQueryClient } from "@tanstack/react-query";
import { Form, Input, InputNumber, Select } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { FormModal, filled } from "../shared/FormModal.tsx";
import type { Institution } from "../types.ts";
import { GRADES, INSTITUTION_KINDS } from "./vocabulary.ts";

interface Props {
  open: boolean;
  institution?: Institution;
  /** Coordinators edit their own institution but not kind, grade or region. */
  commissionFields: boolean;
  onClose: () => void;
}

export function InstitutionForm({ open, institution, commissionFields, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();

  useEffect(() => {
    if (open)
      form.setFieldsValue(
        institution ? { ...institution, departments: institution.departments } : { name: "", kind: undefined, regionCode: "", departments: [] },
      );
  }, [open, institution, form]);

  const submit = async (values: Record<string, unknown>) => {
    // Coordinators may not send the commission's fields at all (the server would refuse them).
    const body = Object.fromEntries(Object.entries(filled(values)).filter(([k]) => commissionFields || !["kind", "grade", "regionCode"].includes(k)));
    if (institution) await api<Institution>(`/institutions/${institution.id}`, { method: "PATCH", body });
    else await api<Institution>("/institutions", { method: "POST", body });
    await client.invalidateQueries({ queryKey: ["institutions"] });
  };

  return (
    <FormModal
      open={open}
      title={institution ? t("institution.editTitle") : t("institution.createTitle")}
      form={form}
      submit={submit}
      onClose={onClose}
      width={640}
    >
      <Form.Item name="name" label={t("institution.name")} rules={[{ required: true, whitespace: true, max: 120 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t("institution.kind")} rules={[{ required: true }]}>
        <Select disabled={!commissionFields} options={INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="grade" label={t("institution.grade")}>
        <Select allowClear disabled={!commissionFields} options={GRADES.map((g) => ({ value: g, label: g }))} />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t("institution.regionCode")}
        rules={[{ required: true, pattern: /^[1-9]\d{5}$/, message: "6 位 GB/T 2260 代码 / 6-digit code" }]}
      >
        <Input disabled={!commissionFields} maxLength={6} placeholder="520102" />
      </Form.Item>
      <Form.Item name="address" label={t("institution.address")} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="beds" label={t("institution.beds")}>
        <InputNumber min={0} max={20000} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="departments" label={t("institution.departments")}>
        <Select mode="tags" tokenSeparators={[",", "，", "、", ";"]} />
      </Form.Item>
    </FormModal>
  );
}
