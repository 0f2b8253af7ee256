import { ROLE_ANCHOR, type Role } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, Select, Switch, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { ROLES } from "../registry/vocabulary.ts";
import { FormModal, filled } from "../shared/FormModal.tsx";
import { formatDateTime } from "../shared/format.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import { ListCard } from "../shared/ListCard.tsx";
import { PagedTable } from "../shared/PagedTable.tsx";
import { useListParams } from "../shared/useListParams.ts";
import type { User } from "../types.ts";

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const { query, update } = useListParams(["q", "role"] as const);
  const list = useQuery({ queryKey: ["users", query], queryFn: () => api<Page<User>>("/users", { query }), placeholderData: (p) => p });
  const [creating, setCreating] = useState(false);

  const named = (user: User) => `${user.displayName}（${user.username}）`;
  const setActive = async (user: User, active: boolean) => {
    try {
      await api(`/users/${user.id}`, { method: "PATCH", body: { active } });
      await client.invalidateQueries({ queryKey: ["users"] });
      message.success(t(active ? "confirm.userEnabled" : "confirm.userDisabled", { name: named(user) }));
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  // Switching an account off signs it out and revokes its tokens: asked first, naming the person.
  const toggle = (user: User, active: boolean) => {
    if (active) return setActive(user, true);
    modal.confirm({
      title: t("confirm.disableUser", { name: named(user) }),
      content: t("confirm.disableUserBody"),
      okText: t("confirm.disableUserOk"),
      okButtonProps: { danger: true, ...({ "data-testid": "confirm-ok" } as Record<`data-${string}`, string>) },
      cancelText: t("confirm.keep"),
      onOk: () => setActive(user, false),
    });
  };

  return (
    <ListCard
      title={t("menu.users")}
      onCreate={() => setCreating(true)}
      search={{ value: query.q, placeholder: t("user.username"), onSearch: (q) => update({ q }), width: 240 }}
      filters={
        <Select
          allowClear
          placeholder={t("user.role")}
          value={query.role}
          onChange={(role) => update({ role })}
          style={{ width: 200 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
      }
    >
      <PagedTable<User>
        list={list}
        query={query}
        update={update}
        columns={[
          { title: t("user.username"), dataIndex: "username" },
          { title: t("user.displayName"), dataIndex: "displayName" },
          { title: t("user.role"), dataIndex: "role", render: (r: string) => <Tag color="cyan">{t(`role.${r}`)}</Tag> },
          { title: t("user.scope"), render: (_, u) => u.institutionName ?? u.regionName ?? "—" },
          { title: t("user.createdAt"), dataIndex: "createdAt", render: formatDateTime },
          {
            title: t("common.status"),
            dataIndex: "active",
            render: (active: boolean, u) => (
              <Switch
                size="small"
                checked={active}
                disabled={u.id === me?.id}
                onChange={(v) => toggle(u, v)}
                aria-label={named(u)}
                data-testid={`user-active-${u.username}`}
              />
            ),
          },
        ]}
      />
      <CreateUser open={creating} onClose={() => setCreating(false)} />
    </ListCard>
  );
}

function CreateUser({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const role = Form.useWatch("role", form) as Role | undefined;
  const submit = async (values: Record<string, any>) => {
    await api("/users", { method: "POST", body: filled(values) });
    await client.invalidateQueries({ queryKey: ["users"] });
  };
  return (
    <FormModal open={open} title={t("user.createTitle")} form={form} submit={submit} onClose={onClose}>
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
      {role && ROLE_ANCHOR[role] === "region" && (
        <Form.Item name="regionCode" label={t("institution.regionCode")} rules={[{ required: true, pattern: /^[1-9]\d{5}$/ }]}>
          <Input maxLength={6} placeholder="520000" />
        </Form.Item>
      )}
      {role && ROLE_ANCHOR[role] === "institution" && (
        <Form.Item name="institutionId" label={t("practitioner.institution")} rules={[{ required: true }]}>
          <InstitutionSelect />
        </Form.Item>
      )}
    </FormModal>
  );
}
