import { WORK_FIELD_RULES, WORK_KIND_FIELDS, type WorkKind, type WorkLineField } from "@medbridge/core";
import { Alert, Form, Input, Segmented, Select, Tag } from "antd";
import type { FormInstance } from "antd/es/form";
import { useTranslation } from "react-i18next";
import { Stepper, type WorkLogOptions } from "./work-log-parts.tsx";

const bounds = (field: "patients" | "attendees" | "minutes" | "mentees") => WORK_FIELD_RULES[field] as { min: number; max: number };

/** Which label a field takes under a kind (patients read differently on a round or a technique). */
function labelKey(kind: WorkKind, field: WorkLineField): string {
  if (field === "patients" && kind === "ward_round") return "workLog.field.wardPatients";
  if (field === "patients" && kind === "technique") return "workLog.field.techniquePatients";
  return `workLog.field.${field}`;
}

/** The fields of one kind of work, and only those (core's WORK_KIND_FIELDS), with thumb-sized controls. */
export function WorkLineFields({
  kind,
  form,
  techniques,
  recentOperations,
}: {
  kind: WorkKind;
  form: FormInstance;
  techniques: WorkLogOptions["techniques"];
  recentOperations: { name: string; code: string | null }[];
}) {
  const { t } = useTranslation();
  const fields = WORK_KIND_FIELDS[kind];
  const rule = (field: WorkLineField) => [{ required: fields[field] === "required", message: t("workLog.required") }];
  const item = (field: WorkLineField, control: React.ReactNode) =>
    field in fields ? (
      <Form.Item key={field} name={field} label={t(labelKey(kind, field))} rules={rule(field)} style={{ marginBottom: 12 }}>
        {control}
      </Form.Item>
    ) : null;
  return (
    <>
      {item(
        "operationName",
        <Input size="large" maxLength={100} autoComplete="off" data-testid="work-operation-name" placeholder={t("workLog.field.operationName")} />,
      )}
      {kind === "operation" && recentOperations.length > 0 && (
        <div style={{ margin: "-4px 0 12px" }}>
          <span style={{ color: "#888", marginRight: 4 }}>{t("workLog.recent")}</span>
          {recentOperations.map((o) => (
            <Tag.CheckableTag
              key={o.name}
              checked={false}
              onChange={() => form.setFieldsValue({ operationName: o.name, ...(o.code && { procedureCode: o.code }) })}
              style={{ padding: "4px 10px", fontSize: 14, border: "1px solid #d9d9d9", marginBottom: 4 }}
            >
              {o.name}
            </Tag.CheckableTag>
          ))}
        </div>
      )}
      {item(
        "operationRole",
        <Segmented
          block
          size="large"
          options={[
            { value: "lead", label: t("workLog.role.lead") },
            { value: "assistant", label: t("workLog.role.assistant") },
          ]}
        />,
      )}
      {item("procedureCode", <Input size="large" maxLength={6} inputMode="decimal" placeholder="47.09" />)}
      {item("topic", <Input size="large" maxLength={100} autoComplete="off" />)}
      {item(
        "techniqueId",
        techniques.length ? (
          <Select size="large" options={techniques.map((x) => ({ value: x.id, label: x.name }))} data-testid="work-technique" />
        ) : (
          <Alert type="warning" showIcon title={t("workLog.noTechniques")} />
        ),
      )}
      {item("patients", <Stepper {...bounds("patients")} step={5} testId="work-patients" />)}
      {item("attendees", <Stepper {...bounds("attendees")} testId="work-attendees" />)}
      {item("minutes", <Stepper {...bounds("minutes")} step={15} testId="work-minutes" />)}
      {item("mentees", <Stepper {...bounds("mentees")} testId="work-mentees" />)}
      <Form.Item name="note" label={t("workLog.field.note")} style={{ marginBottom: 12 }}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}

/** What a form holds for a kind, as the API's body: the kind's fields that are filled, nothing else. */
export function lineBody(kind: WorkKind, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { kind };
  for (const field of Object.keys(WORK_KIND_FIELDS[kind])) {
    const value = values[field];
    if (value !== undefined && value !== null && value !== "") body[field] = typeof value === "string" ? value.trim() : value;
  }
  const note = typeof values.note === "string" ? values.note.trim() : "";
  if (note) body.note = note;
  return body;
}

/** A new line's starting values for a kind: the defaults most lines have, so a save is often one tap. */
export const KIND_DEFAULTS: Record<WorkKind, Record<string, unknown>> = {
  outpatient: { patients: 20 },
  operation: { operationRole: "lead" },
  ward_round: {},
  teaching: { attendees: 10, minutes: 45 },
  mentoring: { mentees: 1 },
  technique: {},
};
