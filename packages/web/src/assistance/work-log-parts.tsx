import { MinusOutlined, PlusOutlined } from "@ant-design/icons";
import type { WorkKind } from "@medbridge/core";
import { Button, InputNumber, Space } from "antd";
import type { TFunction } from "i18next";
import type { Answer } from "../types.ts";

export type WorkLine = Answer<"/work-log">["items"][number];
export type WorkLogOptions = Answer<"/work-log/options">;

export const STATUS_COLORS: Record<string, string> = { recorded: "blue", confirmed: "green", disputed: "red", open: "orange" };

/** A number with big − and + targets either side: a count is changed by thumb, not typed. */
export function Stepper({
  value,
  onChange,
  min,
  max,
  step = 1,
  testId,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  min: number;
  max: number;
  step?: number;
  testId?: string;
}) {
  const set = (n: number) => onChange?.(Math.min(max, Math.max(min, n)));
  const current = value ?? null;
  return (
    <Space.Compact style={{ width: "100%" }} data-testid={testId}>
      <Button size="large" icon={<MinusOutlined />} onClick={() => set((current ?? min + step) - step)} aria-label="−" style={{ width: 56 }} />
      <InputNumber
        size="large"
        value={current}
        min={min}
        max={max}
        precision={0}
        inputMode="numeric"
        onChange={(v) => onChange?.(typeof v === "number" ? v : null)}
        style={{ flex: 1, textAlign: "center" }}
        controls={false}
      />
      <Button size="large" icon={<PlusOutlined />} onClick={() => set((current ?? min - step) + step)} aria-label="+" style={{ width: 56 }} />
    </Space.Compact>
  );
}

/** One line in a sentence of the user's language (what the list and the saved message show). */
export function lineSummary(t: TFunction, line: Partial<WorkLine> & { kind: string }, techniqueName?: (id: string) => string | undefined): string {
  switch (line.kind as WorkKind) {
    case "outpatient":
      return t("workLog.summary.outpatient", { patients: line.patients ?? 0 });
    case "operation":
      if (!line.operationName) return t("workLog.summary.operationUnnamed");
      return t("workLog.summary.operation", {
        name: line.operationName,
        code: line.procedureCode ? ` (${line.procedureCode})` : "",
        role: line.operationRole ? t(`workLog.role.${line.operationRole}`) : "",
      });
    case "ward_round":
      return line.patients ? t("workLog.summary.wardPatients", { patients: line.patients }) : t("workLog.summary.ward_round");
    case "teaching":
      if (!line.topic) return t("workLog.summary.teachingUnnamed", { attendees: line.attendees ?? 0 });
      return t("workLog.summary.teaching", { topic: line.topic, attendees: line.attendees ?? 0, minutes: line.minutes ?? 0 });
    case "mentoring":
      return t("workLog.summary.mentoring", { mentees: line.mentees ?? 0 });
    case "technique":
      return t("workLog.summary.technique", { name: line.techniqueName ?? (line.techniqueId && techniqueName?.(line.techniqueId)) ?? "" });
  }
}
