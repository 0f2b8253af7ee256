import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tabs, Tag } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import type { Answer, Bed, Slot } from "../types.ts";

type Kind = "slot" | "bed";
/** Slots are per department, beds per ward; only slots return to the general pool before the session. */
const UNIT = {
  slot: { path: "/slots", place: "department", placeholder: "心血管内科" },
  bed: { path: "/beds", place: "ward", placeholder: "心内科病区" },
} as const;

/** The receiving hospital's reserved slots and beds: publish, watch bookings, give unbooked slots back. */
export function PoolPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>("slot");
  return (
    <Card title={t("referral.pool")}>
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as Kind)}
        items={[
          { key: "slot", label: t("referral.slots"), children: <PoolTable kind="slot" /> },
          { key: "bed", label: t("referral.beds"), children: <PoolTable kind="bed" /> },
        ]}
      />
    </Card>
  );
}

function PoolTable({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const client = useQueryClient();
  const { message } = App.useApp();
  const [publishing, setPublishing] = useState(false);
  const [form] = Form.useForm();
  const unit = UNIT[kind];
  const from = dayjs().format("YYYY-MM-DD");
  // The receiving hospital publishes and releases its own reserved units.
  const coordinator = !!me?.institutionId && mayOn(me, "write", "reserved_pool", { regionCode: null, institutionIds: [me.institutionId] });
  const rows = useQuery({
    queryKey: [kind, me?.institutionId, from],
    queryFn: () => api<Answer<"/slots"> | Answer<"/beds">>(unit.path, { query: { institutionId: me?.institutionId, from } }),
    enabled: !!me?.institutionId,
  });
  const release = async (id: string) => {
    try {
      await api(`/slots/${id}/release`, { method: "POST" });
      await client.invalidateQueries({ queryKey: [kind] });
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  // The form's field is named like the API's (department or ward), so server errors land on it.
  const submit = async (v: { department?: string; ward?: string; date: Dayjs; reserved: number }) => {
    await api(unit.path, {
      method: "POST",
      body: { institutionId: me?.institutionId, [unit.place]: v[unit.place], date: v.date.format("YYYY-MM-DD"), reserved: v.reserved },
    });
    await client.invalidateQueries({ queryKey: [kind] });
  };
  const placeLabel = t(kind === "slot" ? "referral.department" : "referral.ward");
  const publishLabel = t(kind === "slot" ? "referral.publishSlots" : "referral.publishBeds");
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>{me?.institutionName}</span>
        {coordinator && (
          <Button type="primary" onClick={() => setPublishing(true)} data-testid={`publish-${kind}`}>
            {publishLabel}
          </Button>
        )}
      </Space>
      <Table<Slot | Bed>
        rowKey="id"
        loading={rows.isPending}
        dataSource={rows.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t(kind === "slot" ? "referral.noSlotsPublished" : "referral.noBedsPublished") }}
        columns={[
          { title: t("referral.date"), dataIndex: "date", sorter: (a, b) => a.date.localeCompare(b.date), defaultSortOrder: "ascend" },
          { title: placeLabel, dataIndex: unit.place },
          { title: t("referral.reserved"), dataIndex: "reserved", align: "right" },
          { title: t("referral.booked"), dataIndex: "booked", align: "right" },
          { title: t("referral.available"), dataIndex: "available", align: "right", render: (n: number) => <Tag color={n > 0 ? "green" : "default"}>{n}</Tag> },
          ...(kind === "slot"
            ? [
                {
                  title: t("referral.status"),
                  render: (_: unknown, s: Slot | Bed) =>
                    "releasedAt" in s && s.releasedAt ? (
                      <Tag>{t("referral.released")}</Tag>
                    ) : (
                      coordinator &&
                      s.available > 0 && (
                        <Button size="small" onClick={() => release(s.id)}>
                          {t("referral.release")}
                        </Button>
                      )
                    ),
                },
              ]
            : []),
        ]}
      />
      <FormModal
        open={publishing}
        title={publishLabel}
        form={form}
        submit={submit}
        onClose={() => setPublishing(false)}
        initialValues={{ reserved: kind === "slot" ? 5 : 2 }}
      >
        <Form.Item name={unit.place} label={placeLabel} rules={[{ required: true, max: 40 }]}>
          <Input placeholder={unit.placeholder} />
        </Form.Item>
        <Form.Item name="date" label={t("referral.date")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
        <Form.Item name="reserved" label={t("referral.reserved")} rules={[{ required: true }]}>
          <InputNumber min={1} max={500} precision={0} style={{ width: "100%" }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
