import { useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, InputNumber, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { applyServerErrors } from "../shared/forms.ts";
import type { Institution } from "../types.ts";
import { GRADES, INSTITUTION_KINDS } from "./vocabulary.ts";

interface Props {
  open: boolean;
  institution?: Institution;
  /** Coordinators edit their own institution but not kind, grade or region. */
  commissionFields: boolean;
  onClose: (saved?: Institution) => void;
}

export function InstitutionForm({ open, institution, commissionFields, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open)
      form.setFieldsValue(
        institution ? { ...institution, departments: institution.departments } : { name: "", kind: undefined, regionCode: "", departments: [] },
      );
  }, [open, institution, form]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const body = Object.fromEntries(
        Object.entries(values).filter(([k, v]) => v !== undefined && (commissionFields || !["kind", "grade", "regionCode"].includes(k))),
      );
      const saved = institution
        ? await api<Institution>(`/institutions/${institution.id}`, { method: "PATCH", body })
        : await api<Institution>("/institutions", { method: "POST", body });
      message.success(t("common.saved"));
      await client.invalidateQueries({ queryKey: ["institutions"] });
      onClose(saved);
    } catch (error) {
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={institution ? t("institution.editTitle") : t("institution.createTitle")}
      onOk={save}
      onCancel={() => onClose()}
      confirmLoading={busy}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
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
      </Form>
    </Modal>
  );
}
