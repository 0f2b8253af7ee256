import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Page } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { applyServerErrors } from "../shared/forms.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { sortParam, useListParams } from "../shared/useListParams.ts";
import type { Practitioner } from "../types.ts";
import { PROFESSIONS, TITLES } from "./vocabulary.ts";

export function PractitionersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { query, update } = useListParams(["q", "title", "profession", "regionCode", "sort"] as const);
  const list = useQuery({ queryKey: ["practitioners", query], queryFn: () => api<Page<Practitioner>>("/practitioners", { query }), placeholderData: (p) => p });
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title={t("menu.practitioners")}
      extra={
        me?.permissions.practitioner?.write && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("common.create")}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={query.q}
          placeholder={t("practitioner.searchPlaceholder")}
          onSearch={(q) => update({ q })}
          style={{ width: 280 }}
        />
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
      </Space>
      <Table<Practitioner>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={list.error ? (list.error as Error).message : t("common.empty")} /> }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t("common.total", { total }),
        }}
        onChange={(p, _f, sorter) => update({ page: p.current, pageSize: p.pageSize, sort: sortParam(sorter) })}
        columns={[
          { title: t("practitioner.name"), dataIndex: "name", sorter: true },
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
    </Card>
  );
}

function CreatePractitioner({ open, onClose, defaultInstitution }: { open: boolean; onClose: () => void; defaultInstitution: string | undefined }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const save = async () => {
    const values = await form.validateFields();
    try {
      await api("/practitioners", { method: "POST", body: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== "")) });
      await client.invalidateQueries({ queryKey: ["practitioners"] });
      message.success(t("common.saved"));
      onClose();
    } catch (error) {
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open={open}
      title={t("practitioner.createTitle")}
      onOk={save}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ institutionId: defaultInstitution, profession: "physician" }}>
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
      </Form>
    </Modal>
  );
}
