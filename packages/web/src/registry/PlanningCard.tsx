import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { DISPATCH_ROLES } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { QueryState } from "../shared/QueryState.tsx";
import type { Answer } from "../types.ts";
import { showPlanningErrors } from "./planning-form.ts";

type Profile = Answer<"/practitioners/{id}/planning">;
interface Values {
  department?: string;
  roles: string[];
  earliestStart?: Dayjs | null;
  unavailable: { range?: [Dayjs, Dayjs] | null; reason?: string }[];
}

const DATE = "YYYY-MM-DD";

/** `unavailable[2].end` and `unavailable[3]` (an overlap) belong to the row's range picker; `roles[1]` to the roles. */
const toField = (path: string) => path.replace(/^(unavailable\[\d+\])(\.(start|end))?$/, "$1.range").replace(/^roles\[\d+\]$/, "roles");

/**
 * A practitioner's planning profile (排班信息): what the roster planner reads of them. Shows the
 * planner's defaults until a coordinator saves one; read-only for those who may not write.
 */
export function PlanningCard({ practitionerId, editable }: { practitionerId: string; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const key = ["practitioner-planning", practitionerId];
  const profile = useQuery({ queryKey: key, queryFn: () => api<Profile>(`/practitioners/${practitionerId}/planning`) });
  const department = (p: Profile) => (p.defaults.department === "general" ? t("planningInputs.general") : p.defaults.department);

  useEffect(() => {
    const p = profile.data;
    if (!p) return;
    form.setFieldsValue({
      department: p.stored ? (p.department ?? undefined) : undefined,
      roles: p.roles,
      earliestStart: p.earliestStart ? dayjs(p.earliestStart) : null,
      unavailable: p.unavailable.map((u) => ({ range: [dayjs(u.start), dayjs(u.end)], reason: u.reason })),
    });
  }, [profile.data, form]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        department: values.department?.trim() ? values.department.trim() : null,
        roles: values.roles,
        earliestStart: values.earliestStart ? values.earliestStart.format(DATE) : null,
        unavailable: (values.unavailable ?? []).map((u) => ({
          start: u.range?.[0]?.format(DATE),
          end: u.range?.[1]?.format(DATE),
          ...(u.reason?.trim() && { reason: u.reason.trim() }),
        })),
      };
      const saved = await api<Profile>(`/practitioners/${practitionerId}/planning`, { method: "PUT", body });
      client.setQueryData(key, saved);
      message.success(t("planningInputs.saved"));
    } catch (error) {
      const rest = showPlanningErrors(form, error, toField);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t("planningInputs.planning")}
      size="small"
      data-testid="planning-card"
      extra={
        editable && (
          <Button type="primary" onClick={save} loading={busy} disabled={!profile.data} data-testid="planning-save">
            {t("common.save")}
          </Button>
        )
      }
    >
      <QueryState query={profile}>
        {() => {
          const p = profile.data as Profile;
          return (
            <Space direction="vertical" size={12} style={{ width: "100%" }}>
              <Typography.Text type="secondary">{t("planningInputs.planningHint")}</Typography.Text>
              {!p.stored && (
                <Alert
                  type="info"
                  showIcon
                  message={t("planningInputs.defaultsNote", {
                    department: department(p),
                    roles: p.defaults.roles.map((r) => t(`dispatchRole.${r}`)).join(t("errors.words.list")),
                  })}
                />
              )}
              {!editable && <Alert type="warning" showIcon message={t("planningInputs.readOnly")} />}
              <Form form={form} layout="vertical" disabled={!editable}>
                <Form.Item name="department" label={t("planningInputs.department")} rules={[{ max: 60 }]}>
                  <Input placeholder={t("planningInputs.departmentPlaceholder", { department: department(p) })} allowClear style={{ maxWidth: 360 }} />
                </Form.Item>
                <Form.Item name="roles" label={t("planningInputs.roles")} rules={[{ required: true, type: "array", min: 1 }]}>
                  <Select
                    mode="multiple"
                    options={DISPATCH_ROLES.map((r) => ({ value: r, label: t(`dispatchRole.${r}`) }))}
                    data-testid="planning-roles"
                    style={{ maxWidth: 480 }}
                  />
                </Form.Item>
                <Form.Item name="earliestStart" label={t("planningInputs.earliestStart")}>
                  <DatePicker style={{ width: "100%", maxWidth: 240 }} />
                </Form.Item>
                <Form.Item label={t("planningInputs.unavailable")} extra={t("planningInputs.periodsHint")}>
                  <Form.List name="unavailable">
                    {(fields, { add, remove }) => (
                      <Space direction="vertical" style={{ width: "100%" }}>
                        {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("planningInputs.noPeriods")} />}
                        {fields.map((field) => (
                          <Space key={field.key} wrap align="start" style={{ width: "100%" }} data-testid="planning-period">
                            <Form.Item name={[field.name, "range"]} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                              <DatePicker.RangePicker aria-label={t("planningInputs.period")} />
                            </Form.Item>
                            <Form.Item name={[field.name, "reason"]} rules={[{ max: 200 }]} style={{ marginBottom: 0 }}>
                              <Input placeholder={t("planningInputs.reason")} style={{ width: 220 }} />
                            </Form.Item>
                            {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("planningInputs.removePeriod")} />}
                          </Space>
                        ))}
                        {editable && (
                          <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="planning-add-period">
                            {t("planningInputs.addPeriod")}
                          </Button>
                        )}
                      </Space>
                    )}
                  </Form.List>
                </Form.Item>
              </Form>
            </Space>
          );
        }}
      </QueryState>
    </Card>
  );
}
