import { useQuery } from "@tanstack/react-query";
import { Card, DatePicker, Input, Select, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api.ts";
import { formatDateTime } from "../shared/format.ts";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { AuditEntry } from "../types.ts";

const ENTITIES = ["institution", "practitioner", "alliance", "user", "api_token"];

export function AuditPage() {
  const { t } = useTranslation();
  const { query, update } = useListParams(["entity", "actor", "from", "to"] as const);
  const list = useQuery({ queryKey: ["audit", query], queryFn: () => api<Page<AuditEntry>>("/audit", { query }), placeholderData: (p) => p });
  return (
    <Card title={t("menu.audit")}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t("audit.entity")}
          value={query.entity}
          onChange={(entity) => update({ entity })}
          style={{ width: 160 }}
          options={ENTITIES.map((e) => ({ value: e, label: t(`entity.${e}`) }))}
        />
        <Input.Search allowClear defaultValue={query.actor} placeholder={t("audit.actor")} onSearch={(actor) => update({ actor })} style={{ width: 200 }} />
        <DatePicker.RangePicker
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          onChange={(range) => update({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") })}
        />
      </Space>
      <PagedTable<AuditEntry>
        size="small"
        list={list}
        query={query}
        update={update}
        expandable={{
          rowExpandable: (row) => row.before !== null || row.after !== null,
          expandedRowRender: (row) => (
            <Space align="start" size={32}>
              <pre style={{ margin: 0, maxWidth: 500, whiteSpace: "pre-wrap" }}>{JSON.stringify(row.before, null, 2)}</pre>
              <pre style={{ margin: 0, maxWidth: 500, whiteSpace: "pre-wrap" }}>{JSON.stringify(row.after, null, 2)}</pre>
            </Space>
          ),
        }}
        columns={[
          { title: t("audit.at"), dataIndex: "at", render: formatDateTime },
          // The command line and the scheduled jobs write as named system actors, not people: named in words.
          { title: t("audit.actor"), dataIndex: "actorName", render: (n: string) => (n === "cli" || n === "system" ? t(`audit.${n}`) : n) },
          { title: t("audit.action"), dataIndex: "action", render: (a: string) => <Tag>{t(`action.${a}`, { defaultValue: a })}</Tag> },
          { title: t("audit.entity"), dataIndex: "entity", render: (e: string) => t(`entity.${e}`, { defaultValue: e }) },
          {
            title: t("audit.entityId"),
            dataIndex: "entityId",
            render: (id: string | null) => (
              <Typography.Text type="secondary" copyable={!!id}>
                {id?.slice(0, 8) ?? "—"}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
