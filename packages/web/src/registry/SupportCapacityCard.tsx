import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { QueryState } from "../shared/QueryState.tsx";
import type { Answer } from "../types.ts";
import { showPlanningErrors } from "./planning-form.ts";

type Capacity = Answer<"/institutions/{id}/support-capacity">;
interface Values {
  maxRecipients: number | null;
  staff: { specialty?: string; staff?: number | null }[];
}

/**
 * A supporting hospital's capacity (帮扶能力): how many recipients and how many staff per specialty
 * a year the pairing planner may assign it. The form keeps specialties as rows; the server takes
 * an object keyed by specialty and names a wrong count by its key, which is mapped back to its row.
 */
export function SupportCapacityCard({ institutionId, editable }: { institutionId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const key = ["support-capacity", institutionId];
  const capacity = useQuery({ queryKey: key, queryFn: () => api<Capacity>(`/institutions/${institutionId}/support-capacity`) });

  useEffect(() => {
    const c = capacity.data;
    if (c)
      form.setFieldsValue({ maxRecipients: c.maxRecipients, staff: Object.entries(c.staffBySpecialty).map(([specialty, staff]) => ({ specialty, staff })) });
  }, [capacity.data, form]);

  const save = async () => {
    const values = await form.validateFields();
    const rows = values.staff ?? [];
    setBusy(true);
    try {
      const body = {
        maxRecipients: values.maxRecipients ?? 0,
        staffBySpecialty: Object.fromEntries(rows.map((r) => [r.specialty?.trim() ?? "", r.staff ?? 0])),
      };
      client.setQueryData(key, await api<Capacity>(`/institutions/${institutionId}/support-capacity`, { method: "PUT", body }));
      message.success(t("planningInputs.saved"));
    } catch (error) {
      const toField = (path: string) => {
        const specialty = /^staffBySpecialty\.(.*)$/.exec(path)?.[1];
        if (specialty === undefined) return path;
        const row = rows.findIndex((r) => (r.specialty?.trim() ?? "") === specialty.trim());
        return row < 0 ? path : `staff[${row}].staff`;
      };
      const rest = showPlanningErrors(form, error, toField);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t("planningInputs.capacity")}
      size="small"
      data-testid="capacity-card"
      extra={
        editable && (
          <Button type="primary" onClick={save} loading={busy} disabled={!capacity.data} data-testid="capacity-save">
            {t("common.save")}
          </Button>
        )
      }
    >
      <QueryState query={capacity}>
        {() => (
          <Space direction="vertical" size={12} style={{ width: "100%" }}>
            <Typography.Text type="secondary">{t("planningInputs.capacityHint")}</Typography.Text>
            {!capacity.data?.stored && <Alert type="info" showIcon message={t("planningInputs.noCapacity")} />}
            {!editable && <Alert type="warning" showIcon message={t("planningInputs.readOnly")} />}
            <Form form={form} layout="vertical" disabled={!editable}>
              <Form.Item name="maxRecipients" label={t("planningInputs.maxRecipients")} rules={[{ required: true, type: "integer", min: 0, max: 200 }]}>
                <InputNumber min={0} max={200} precision={0} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item label={t("planningInputs.staffBySpecialty")}>
                <Form.List name="staff">
                  {(fields, { add, remove }) => (
                    <Space direction="vertical" style={{ width: "100%" }}>
                      {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("common.empty")} />}
                      {fields.map((field) => (
                        <Space key={field.key} wrap align="start" data-testid="capacity-row">
                          <Form.Item name={[field.name, "specialty"]} rules={[{ required: true, whitespace: true, max: 40 }]} style={{ marginBottom: 0 }}>
                            <Input placeholder={t("planningInputs.specialty")} aria-label={t("planningInputs.specialty")} style={{ width: 160 }} />
                          </Form.Item>
                          <Form.Item name={[field.name, "staff"]} rules={[{ required: true, type: "integer", min: 0, max: 500 }]} style={{ marginBottom: 0 }}>
                            <InputNumber
                              min={0}
                              max={500}
                              precision={0}
                              placeholder={t("planningInputs.staff")}
                              aria-label={t("planningInputs.staff")}
                              style={{ width: 110 }}
                            />
                          </Form.Item>
                          {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("planningInputs.removeSpecialty")} />}
                        </Space>
                      ))}
                      {editable && (
                        <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="capacity-add">
                          {t("planningInputs.addSpecialty")}
                        </Button>
                      )}
                    </Space>
                  )}
                </Form.List>
              </Form.Item>
            </Form>
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
