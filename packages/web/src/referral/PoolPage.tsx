import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import type { Slot } from "../types.ts";

/** The receiving hospital's reserved slots: publish, watch bookings, give unbooked ones back. */
export function PoolPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const client = useQueryClient();
  const { message } = App.useApp();
  const [publishing, setPublishing] = useState(false);
  const [form] = Form.useForm();
  const from = dayjs().format("YYYY-MM-DD");
  const slots = useQuery({
    queryKey: ["slots", me?.institutionId, from],
    queryFn: () => api<{ items: Slot[] }>("/slots", { query: { institutionId: me?.institutionId, from } }),
    enabled: !!me?.institutionId,
  });
  const release = async (id: string) => {
    try {
      await api(`/slots/${id}/release`, { method: "POST" });
      await client.invalidateQueries({ queryKey: ["slots"] });
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const submit = async (v: { department: string; date: Dayjs; reserved: number }) => {
    await api("/slots", {
      method: "POST",
      body: { institutionId: me?.institutionId, department: v.department, date: v.date.format("YYYY-MM-DD"), reserved: v.reserved },
    });
    await client.invalidateQueries({ queryKey: ["slots"] });
  };
  return (
    <Card
      title={`${t("referral.pool")} · ${me?.institutionName ?? ""}`}
      extra={
        me?.role === "institution_coordinator" && (
          <Button type="primary" onClick={() => setPublishing(true)}>
            {t("referral.publishSlots")}
          </Button>
        )
      }
    >
      <Table<Slot>
        rowKey="id"
        loading={slots.isPending}
        dataSource={slots.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t("referral.date"), dataIndex: "date" },
          { title: t("referral.department"), dataIndex: "department" },
          { title: t("referral.reserved"), dataIndex: "reserved", align: "right" },
          { title: t("referral.booked"), dataIndex: "booked", align: "right" },
          { title: t("referral.available"), dataIndex: "available", align: "right", render: (n: number) => <Tag color={n > 0 ? "green" : "default"}>{n}</Tag> },
          {
            title: t("referral.status"),
            render: (_, s) =>
              s.releasedAt ? (
                <Tag>{t("referral.released")}</Tag>
              ) : (
                <Space>
                  {me?.role === "institution_coordinator" && s.available > 0 && (
                    <Button size="small" onClick={() => release(s.id)}>
                      {t("referral.release")}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <FormModal
        open={publishing}
        title={t("referral.publishSlots")}
        form={form}
        submit={submit}
        onClose={() => setPublishing(false)}
        initialValues={{ reserved: 5 }}
      >
        <Form.Item name="department" label={t("referral.department")} rules={[{ required: true, max: 40 }]}>
          <Input placeholder="心血管内科" />
        </Form.Item>
        <Form.Item name="date" label={t("referral.date")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
        <Form.Item name="reserved" label={t("referral.reserved")} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} precision={0} style={{ width: "100%" }} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
