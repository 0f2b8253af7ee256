import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Form, Input, Select, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, type Page } from "../api.ts";
import { may } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { Alliance } from "../types.ts";
import { ALLIANCE_KINDS } from "./vocabulary.ts";

export function AlliancesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { query, update } = useListParams(["q", "kind", "regionCode", "sort"] as const);
  const list = useQuery({ queryKey: ["alliances", query], queryFn: () => api<Page<Alliance>>("/alliances", { query }), placeholderData: (p) => p });
  const [creating, setCreating] = useState(false);
  const mayCreate = may(me, "write", "alliance");

  return (
    <ListCard
      title={t("menu.alliances")}
      onCreate={mayCreate && (() => setCreating(true))}
      search={{ value: query.q, placeholder: t("alliance.name"), onSearch: (q) => update({ q }), width: 260 }}
      filters={
        <Select
          allowClear
          placeholder={t("alliance.kind")}
          value={query.kind}
          onChange={(kind) => update({ kind })}
          style={{ width: 200 }}
          options={ALLIANCE_KINDS.map((k) => ({ value: k, label: t(`allianceKind.${k}`) }))}
        />
      }
    >
      <PagedTable<Alliance>
        list={list}
        query={query}
        update={update}
        columns={[
          { title: t("alliance.name"), dataIndex: "name", sorter: true, render: (n: string, row) => <Link to={`/alliances/${row.id}`}>{n}</Link> },
          { title: t("alliance.kind"), dataIndex: "kind", render: (k: string) => <Tag color="blue">{t(`allianceKind.${k}`)}</Tag> },
          { title: t("alliance.lead"), dataIndex: "leadInstitutionName" },
          { title: t("alliance.memberCount"), dataIndex: "memberCount", sorter: true, align: "right" },
          {
            title: t("common.status"),
            dataIndex: "active",
            render: (a: boolean) => (a ? <Tag color="green">{t("common.active")}</Tag> : <Tag>{t("common.inactive")}</Tag>),
          },
        ]}
      />
      <CreateAlliance open={creating} onClose={() => setCreating(false)} />
    </ListCard>
  );
}

function CreateAlliance({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const navigate = useNavigate();
  const submit = async (values: Record<string, any>) => {
    const created = await api<Alliance>("/alliances", { method: "POST", body: values });
    await client.invalidateQueries({ queryKey: ["alliances"] });
    navigate(`/alliances/${created.id}`);
  };
  return (
    <FormModal open={open} title={t("alliance.createTitle")} form={form} submit={submit} onClose={onClose}>
      <Form.Item name="name" label={t("alliance.name")} rules={[{ required: true, whitespace: true, max: 120 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t("alliance.kind")} rules={[{ required: true }]}>
        <Select options={ALLIANCE_KINDS.map((k) => ({ value: k, label: t(`allianceKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="leadInstitutionId" label={t("alliance.lead")} rules={[{ required: true }]}>
        <InstitutionSelect />
      </Form.Item>
    </FormModal>
  );
}
