import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, type Page } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { applyServerErrors } from "../shared/forms.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { sortParam, useListParams } from "../shared/useListParams.ts";
import type { Alliance } from "../types.ts";
import { ALLIANCE_KINDS } from "./vocabulary.ts";

export function AlliancesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { query, update } = useListParams(["q", "kind", "regionCode", "sort"] as const);
  const list = useQuery({ queryKey: ["alliances", query], queryFn: () => api<Page<Alliance>>("/alliances", { query }), placeholderData: (p) => p });
  const [creating, setCreating] = useState(false);
  const mayCreate = me?.role === "national_admin" || me?.role === "health_official" || me?.role === "institution_coordinator";

  return (
    <Card
      title={t("menu.alliances")}
      extra={
        mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("common.create")}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear defaultValue={query.q} placeholder={t("alliance.name")} onSearch={(q) => update({ q })} style={{ width: 260 }} />
        <Select
          allowClear
          placeholder={t("alliance.kind")}
          value={query.kind}
          onChange={(kind) => update({ kind })}
          style={{ width: 200 }}
          options={ALLIANCE_KINDS.map((k) => ({ value: k, label: t(`allianceKind.${k}`) }))}
        />
      </Space>
      <Table<Alliance>
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
    </Card>
  );
}

function CreateAlliance({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const save = async () => {
    const values = await form.validateFields();
    try {
      const created = await api<Alliance>("/alliances", { method: "POST", body: values });
      await client.invalidateQueries({ queryKey: ["alliances"] });
      onClose();
      navigate(`/alliances/${created.id}`);
    } catch (error) {
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open={open}
      title={t("alliance.createTitle")}
      onOk={save}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t("alliance.name")} rules={[{ required: true, whitespace: true, max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t("alliance.kind")} rules={[{ required: true }]}>
          <Select options={ALLIANCE_KINDS.map((k) => ({ value: k, label: t(`allianceKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="leadInstitutionId" label={t("alliance.lead")} rules={[{ required: true }]}>
          <InstitutionSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
