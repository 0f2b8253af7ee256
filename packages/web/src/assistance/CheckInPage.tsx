import { CheckCircleOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Result, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { applyServerErrors } from "../shared/forms.ts";
import type { AttendanceRecord } from "../types.ts";

const ACTIVITIES = ["clinic", "ward_round", "surgery", "teaching", "training", "consultation", "management"];

/** A phone-sized check-in: big targets, today by default, one tap per kind of work. */
export function CheckInPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [done, setDone] = useState<AttendanceRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { date: Dayjs; activities: string[]; patients?: number; trainees?: number; note?: string }) => {
    setBusy(true);
    try {
      const saved = await api<AttendanceRecord>("/attendance", {
        method: "POST",
        body: {
          date: values.date.format("YYYY-MM-DD"),
          activities: values.activities,
          ...(values.patients !== undefined && values.patients !== null && { patients: values.patients }),
          ...(values.trainees !== undefined && values.trainees !== null && { trainees: values.trainees }),
          ...(values.note && { note: values.note }),
        },
      });
      setDone(saved);
      await client.invalidateQueries({ queryKey: ["attendance"] });
    } catch (error) {
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 480, margin: "0 auto" }}>
      <Card title={t("assistance.checkInTitle")}>
        {done ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={`${t("assistance.checkedIn")} · ${done.date}`}
            subTitle={done.activities.map((a) => t(`activity.${a}`)).join("、")}
            extra={<Button onClick={() => setDone(null)}>{t("common.back")}</Button>}
          />
        ) : (
          <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ date: dayjs(), activities: ["clinic"] }}>
            <Form.Item name="date" label={t("assistance.date")} rules={[{ required: true }]}>
              <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs(), "day")} inputReadOnly />
            </Form.Item>
            <Form.Item name="activities" label={t("assistance.activities")} rules={[{ required: true, type: "array", min: 1 }]}>
              <Checkbox.Group style={{ display: "grid", gridTemplateColumns: "1fr 1fr", rowGap: 12 }}>
                {ACTIVITIES.map((a) => (
                  <Checkbox key={a} value={a} style={{ fontSize: 16 }} data-testid={`activity-${a}`}>
                    {t(`activity.${a}`)}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="patients" label={t("assistance.patients")} style={{ flex: 1, marginRight: 8 }}>
                <InputNumber min={0} max={2000} precision={0} style={{ width: "100%" }} inputMode="numeric" />
              </Form.Item>
              <Form.Item name="trainees" label={t("assistance.trainees")} style={{ flex: 1 }}>
                <InputNumber min={0} max={2000} precision={0} style={{ width: "100%" }} inputMode="numeric" />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="note" label={t("assistance.note")}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="check-in-submit">
              {t("assistance.submit")}
            </Button>
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t("assistance.asOf")} {dayjs().format("YYYY-MM-DD")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
