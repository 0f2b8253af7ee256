import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Form, Input, Select, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Page } from "../api.ts";
import { may } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal, filled } from "../shared/FormModal.tsx";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { Practitioner } from "../types.ts";
import { PROFESSIONS, TITLES } from "./vocabulary.ts";

export function PractitionersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { query, update } = useListParams(["q", "title", "profession", "regionCode", "sort"] as const);
  const list = useQuery({ queryKey: ["practitioners", query], queryFn: () => api<Page<Practitioner>>("/practitioners", { query }), placeholderData: (p) => p });
  const [creating, setCreating] = useState(false);

  return (
    <ListCard
      title={t("menu.practitioners")}
      onCreate={may(me, "write", "practitioner") && (() => setCreating(true))}
      search={{ value: query.q, placeholder: t("practitioner.searchPlaceholder"), onSearch: (q) => update({ q }), width: 280 }}
      filters={
        <>
          <Select
            allowClear
            placeholder={t("practitioner.title")}
            value={query.title}
            onChange={(title) => update({ title })}
            style={{ width: 160 }}
            options={TITLES.map((k) => ({ value: k, label: t(`title.${k}`) }))}
          />
          <Select
            allowClear
            placeholder={t("practitioner.profession")}
            value={query.profession}
            onChange={(profession) => update({ profession })}
            style={{ width: 160 }}
            options={PROFESSIONS.map((k) => ({ value: k, label: t(`profession.${k}`) }))}
          />
        </>
      }
    >
      <PagedTable<Practitioner>
        list={list}
        query={query}
        update={update}
        columns={[
          {
            title: t("practitioner.name"),
            dataIndex: "name",
            sorter: true,
            render: (n: string, row) => <Link to={`/practitioners/${row.id}`}>{n}</Link>,
          },
          { title: t("practitioner.title"), dataIndex: "title", sorter: true, render: (v: string) => t(`title.${v}`) },
          { title: t("practitioner.profession"), dataIndex: "profession", render: (v: string) => t(`profession.${v}`) },
          { title: t("practitioner.specialty"), dataIndex: "specialty", render: (v: string | null) => v ?? "—" },
          {
            title: t("practitioner.institution"),
            dataIndex: "institutionName",
            render: (n: string, row) => <Link to={`/institutions/${row.institutionId}`}>{n}</Link>,
          },
          {
            title: t("practitioner.sites"),
            dataIndex: "sites",
            render: (sites: Practitioner["sites"]) =>
              sites.map((s) => (
                <Tag key={s.institutionId} color={s.kind === "main" ? "blue" : "default"}>
                  {t(`practitioner.${s.kind}`)}
                </Tag>
              )),
          },
          { title: t("practitioner.licenseNo"), dataIndex: "licenseNo", render: (v: string | null) => v ?? "—" },
        ]}
      />
      <CreatePractitioner open={creating} onClose={() => setCreating(false)} defaultInstitution={me?.institutionId ?? undefined} />
    </ListCard>
  );
}

function CreatePractitioner({ open, onClose, defaultInstitution }: { open: boolean; onClose: () => void; defaultInstitution: string | undefined }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const submit = async (values: Record<string, any>) => {
    await api("/practitioners", { method: "POST", body: filled(values) });
    await client.invalidateQueries({ queryKey: ["practitioners"] });
  };
  return (
    <FormModal
      open={open}
      title={t("practitioner.createTitle")}
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ institutionId: defaultInstitution, profession: "physician" }}
    >
      <Form.Item name="name" label={t("practitioner.name")} rules={[{ required: true, whitespace: true, max: 60 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="licenseNo" label={t("practitioner.licenseNo")} rules={[{ pattern: /^[0-9A-Za-z]{6,30}$/ }]}>
        <Input />
      </Form.Item>
      <Form.Item name="profession" label={t("practitioner.profession")} rules={[{ required: true }]}>
        <Select options={PROFESSIONS.map((k) => ({ value: k, label: t(`profession.${k}`) }))} />
      </Form.Item>
      <Form.Item name="title" label={t("practitioner.title")} rules={[{ required: true }]}>
        <Select options={TITLES.map((k) => ({ value: k, label: t(`title.${k}`) }))} />
      </Form.Item>
      <Form.Item name="specialty" label={t("practitioner.specialty")}>
        <Input />
      </Form.Item>
      <Form.Item name="institutionId" label={t("practitioner.institution")} rules={[{ required: true }]}>
        <InstitutionSelect />
      </Form.Item>
    </FormModal>
  );
}
