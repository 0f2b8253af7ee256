import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { NEED_SOURCES } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Form, Input, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { QueryState } from "../shared/QueryState.tsx";
import type { Answer } from "../types.ts";
import { showPlanningErrors } from "./planning-form.ts";

type Needs = Answer<"/institutions/{id}/capability-needs">;
interface Values {
  needs: { specialty?: string; source?: string; technique?: string }[];
}

const SOURCE_LABEL = { assessment: "planningInputs.sourceAssessment", technique_request: "planningInputs.sourceTechniqueRequest" } as const;

/**
 * A recipient's needs for a year (能力短板与技术需求): what the pairing planner matches supporters
 * to. The year's whole list is saved at once (the server replaces the set).
 */
export function CapabilityNeedsCard({ institutionId, editable }: { institutionId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const key = ["capability-needs", institutionId, year];
  const needs = useQuery({ queryKey: key, queryFn: () => api<Needs>(`/institutions/${institutionId}/capability-needs`, { query: { year } }) });

  useEffect(() => {
    if (needs.data)
      form.setFieldsValue({ needs: needs.data.needs.map((n) => ({ specialty: n.specialty, source: n.source, technique: n.technique ?? undefined })) });
  }, [needs.data, form]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        year,
        needs: (values.needs ?? []).map((n) => ({
          specialty: n.specialty?.trim() ?? "",
          source: n.source,
          ...(n.source === "technique_request" && { technique: n.technique?.trim() ?? "" }),
        })),
      };
      client.setQueryData(key, await api<Needs>(`/institutions/${institutionId}/capability-needs`, { method: "PUT", body }));
      message.success(t("planningInputs.saved"));
    } catch (error) {
      const rest = showPlanningErrors(form, error, (path) => path);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t("planningInputs.needs")}
      size="small"
      data-testid="needs-card"
      extra={
        <Space wrap>
          <Select
            value={year}
            onChange={setYear}
            aria-label={t("planningInputs.year")}
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: y }))}
            style={{ width: 96 }}
          />
          {editable && (
            <Button type="primary" onClick={save} loading={busy} disabled={!needs.data} data-testid="needs-save">
              {t("common.save")}
            </Button>
          )}
        </Space>
      }
    >
      <QueryState query={needs}>
        {() => (
          <Space direction="vertical" size={12} style={{ width: "100%" }}>
            <Typography.Text type="secondary">{t("planningInputs.needsHint")}</Typography.Text>
            {!editable && <Alert type="warning" showIcon message={t("planningInputs.readOnly")} />}
            <Form form={form} layout="vertical" disabled={!editable}>
              <Form.List name="needs">
                {(fields, { add, remove }) => (
                  <Space direction="vertical" style={{ width: "100%" }}>
                    {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("planningInputs.noNeeds")} />}
                    {fields.map((field) => (
                      <Space key={field.key} wrap align="start" data-testid="need-row">
                        <Form.Item name={[field.name, "specialty"]} rules={[{ required: true, whitespace: true, max: 40 }]} style={{ marginBottom: 0 }}>
                          <Input placeholder={t("planningInputs.specialty")} aria-label={t("planningInputs.specialty")} style={{ width: 124 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, "source"]} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                          <Select
                            placeholder={t("planningInputs.source")}
                            aria-label={t("planningInputs.source")}
                            style={{ width: 150 }}
                            options={NEED_SOURCES.map((s) => ({ value: s, label: t(SOURCE_LABEL[s]) }))}
                          />
                        </Form.Item>
                        <Form.Item noStyle shouldUpdate>
                          {() =>
                            form.getFieldValue(["needs", field.name, "source"]) === "technique_request" && (
                              <Form.Item name={[field.name, "technique"]} rules={[{ required: true, whitespace: true, max: 100 }]} style={{ marginBottom: 0 }}>
                                <Input placeholder={t("planningInputs.technique")} aria-label={t("planningInputs.technique")} style={{ width: 180 }} />
                              </Form.Item>
                            )
                          }
                        </Form.Item>
                        {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("planningInputs.removeNeed")} />}
                      </Space>
                    ))}
                    {editable && (
                      <Button icon={<PlusOutlined />} onClick={() => add({ source: "assessment" })} data-testid="needs-add">
                        {t("planningInputs.addNeed")}
                      </Button>
                    )}
                  </Space>
                )}
              </Form.List>
            </Form>
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
