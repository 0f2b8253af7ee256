import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { ROLES } from "../registry/vocabulary.ts";
import { formatDateTime } from "../shared/format.ts";
import { applyServerErrors } from "../shared/forms.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { User } from "../types.ts";

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { message } = App.useApp();
  const client = useQueryClient();
  const { query, update } = useListParams(["q", "role"] as const);
  const list = useQuery({ queryKey: ["users", query], queryFn: () => api<Page<User>>("/users", { query }), placeholderData: (p) => p });
  const [creating, setCreating] = useState(false);

  const toggle = async (user: User, active: boolean) => {
    try {
      await api(`/users/${user.id}`, { method: "PATCH", body: { active } });
      await client.invalidateQueries({ queryKey: ["users"] });
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  return (
    <Card
      title={t("menu.users")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("common.create")}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear defaultValue={query.q} placeholder={t("user.username")} onSearch={(q) => update({ q })} style={{ width: 240 }} />
        <Select
          allowClear
          placeholder={t("user.role")}
          value={query.role}
          onChange={(role) => update({ role })}
          style={{ width: 200 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
      </Space>
      <Table<User>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={list.error ? (list.error as Error).message : t("common.empty")} /> }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showTotal: (total) => t("common.total", { total }) }}
        onChange={(p) => update({ page: p.current, pageSize: p.pageSize })}
        columns={[
          { title: t("user.username"), dataIndex: "username" },
          { title: t("user.displayName"), dataIndex: "displayName" },
          { title: t("user.role"), dataIndex: "role", render: (r: string) => <Tag color="cyan">{t(`role.${r}`)}</Tag> },
          { title: t("user.scope"), render: (_, u) => u.institutionName ?? u.regionName ?? "—" },
          { title: t("user.createdAt"), dataIndex: "createdAt", render: formatDateTime },
          {
            title: t("common.status"),
            dataIndex: "active",
            render: (active: boolean, u) => <Switch size="small" checked={active} disabled={u.id === me?.id} onChange={(v) => toggle(u, v)} />,
          },
        ]}
      />
      <CreateUser open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const role = Form.useWatch("role", form) as string | undefined;
  const save = async () => {
    const values = await form.validateFields();
    try {
      await api("/users", { method: "POST", body: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== "")) });
      await client.invalidateQueries({ queryKey: ["users"] });
      message.success(t("common.saved"));
      onClose();
    } catch (error) {
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal open={open} title={t("user.createTitle")} onOk={save} onCancel={onClose} okText={t("common.save")} cancelText={t("common.cancel")} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="username" label={t("user.username")} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/ }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t("user.displayName")} rules={[{ required: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t("user.password")} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t("user.role")} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {role === "health_official" && (
          <Form.Item name="regionCode" label={t("institution.regionCode")} rules={[{ required: true, pattern: /^[1-9]\d{5}$/ }]}>
            <Input maxLength={6} placeholder="520000" />
          </Form.Item>
        )}
        {role && role !== "health_official" && role !== "national_admin" && (
          <Form.Item name="institutionId" label={t("practitioner.institution")} rules={[{ required: true }]}>
            <InstitutionSelect />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
