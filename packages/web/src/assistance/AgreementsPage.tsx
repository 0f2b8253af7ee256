import { useQuery, useQueryClient } from "@tanstack/react-query";
import { DatePicker, Form, Input, Select, Tag } from "antd";
import type { Dayjs } from "dayjs";
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
import { recentYears } from "../shared/years.ts";
import type { Agreement } from "../types.ts";
import { usePackName, usePackOptions } from "./packs.ts";

export function AgreementsPage() {
  const { t } = useTranslation();
  const packName = usePackName();
  const me = useMe().data;
  const [creating, setCreating] = useState(false);
  const { query, update } = useListParams(["q", "year", "sort"] as const);
  const list = useQuery({ queryKey: ["agreements", query], queryFn: () => api<Page<Agreement>>("/agreements", { query }), placeholderData: (p) => p });
  return (
    <ListCard
      title={t("assistance.agreements")}
      onCreate={may(me, "write", "agreement") && (() => setCreating(true))}
      search={{ value: query.q, placeholder: `${t("assistance.code")} / ${t("assistance.recipient")}`, onSearch: (q) => update({ q }) }}
      filters={
        <Select
          allowClear
          placeholder={t("assistance.year")}
          value={query.year ? Number(query.year) : undefined}
          onChange={(year) => update({ year })}
          style={{ width: 140 }}
          options={recentYears().map((y) => ({ value: y, label: String(y) }))}
        />
      }
    >
      <PagedTable<Agreement>
        list={list}
        query={query}
        update={update}
        columns={[
          { title: t("assistance.code"), dataIndex: "code", sorter: true, render: (c: string, a) => <Link to={`/assistance/agreements/${a.id}`}>{c}</Link> },
          { title: t("assistance.recipient"), render: (_, a) => a.recipient.name },
          { title: t("assistance.supporters"), render: (_, a) => a.supporters.map((s) => s.name).join("、") },
          { title: t("assistance.mode"), dataIndex: "mode", render: (m: string) => t(`agreementMode.${m}`) },
          { title: t("assistance.pack"), dataIndex: "packId", render: (id: string) => packName(id) },
          { title: t("assistance.period"), dataIndex: "startsOn", sorter: true, render: (_: string, a) => `${a.startsOn} — ${a.endsOn}` },
          {
            title: t("assistance.status"),
            dataIndex: "status",
            render: (s: string) => <Tag color={s === "active" ? "green" : "default"}>{t(`agreementStatus.${s}`)}</Tag>,
          },
        ]}
      />
      <CreateAgreement open={creating} onClose={() => setCreating(false)} />
    </ListCard>
  );
}

function CreateAgreement({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const navigate = useNavigate();
  const packOptions = usePackOptions();
  const submit = async (values: { code: string; supporterIds: string[]; recipientId: string; packId: string; mode: string; period: [Dayjs, Dayjs] }) => {
    const created = await api<Agreement>("/agreements", {
      method: "POST",
      body: {
        code: values.code,
        supporterIds: values.supporterIds,
        recipientId: values.recipientId,
        packId: values.packId,
        mode: values.mode,
        startsOn: values.period[0].format("YYYY-MM-DD"),
        endsOn: values.period[1].format("YYYY-MM-DD"),
      },
    });
    await client.invalidateQueries({ queryKey: ["agreements"] });
    navigate(`/assistance/agreements/${created.id}`);
  };
  return (
    <FormModal
      open={open}
      title={`${t("common.create")} · ${t("assistance.agreements")}`}
      form={form}
      submit={submit}
      onClose={onClose}
      width={640}
      initialValues={{ packId: "city_tertiary_to_county", mode: "one_to_one" }}
    >
      <Form.Item name="code" label={t("assistance.code")} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/ }]}>
        <Input placeholder="ZJ-GZ-2027-001" />
      </Form.Item>
      <Form.Item name="supporterIds" label={t("assistance.supporters")} rules={[{ required: true }]}>
        <InstitutionSelect multiple kind="tertiary_hospital" />
      </Form.Item>
      <Form.Item name="recipientId" label={t("assistance.recipient")} rules={[{ required: true }]}>
        <InstitutionSelect />
      </Form.Item>
      <Form.Item name="packId" label={t("assistance.pack")} rules={[{ required: true }]}>
        <Select options={packOptions} />
      </Form.Item>
      <Form.Item name="mode" label={t("assistance.mode")} rules={[{ required: true }]}>
        <Select options={["one_to_one", "group", "trusteeship", "department_contract"].map((m) => ({ value: m, label: t(`agreementMode.${m}`) }))} />
      </Form.Item>
      <Form.Item name="period" label={t("assistance.period")} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ width: "100%" }} />
      </Form.Item>
    </FormModal>
  );
}
