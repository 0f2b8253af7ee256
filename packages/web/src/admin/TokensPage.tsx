import { PlusOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api.ts";
import { formatDateTime } from "../shared/format.ts";
import { applyServerErrors } from "../shared/forms.ts";
import type { Answer, ApiToken as Token, User } from "../types.ts";

export function TokensPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api<Answer<"/api-tokens">>("/api-tokens") });
  const [creating, setCreating] = useState(false);
  const revoke = async (token: Token) => {
    try {
      await api(`/api-tokens/${token.id}/revoke`, { method: "POST" });
      await client.invalidateQueries({ queryKey: ["tokens"] });
      message.success(t("confirm.tokenRevoked", { name: token.name }));
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  // Revoking cannot be undone and cuts a hospital system off at once: asked first, naming the token.
  const confirmRevoke = (token: Token) =>
    modal.confirm({
      title: t("confirm.revokeToken", { name: token.name }),
      content: t("confirm.revokeTokenBody", { prefix: token.prefix }),
      okText: t("token.revoke"),
      okButtonProps: { danger: true, ...({ "data-testid": "confirm-ok" } as Record<`data-${string}`, string>) },
      cancelText: t("confirm.keep"),
      onOk: () => revoke(token),
    });
  return (
    <Card
      title={t("menu.tokens")}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("common.create")}
        </Button>
      }
    >
      <Table<Token>
        rowKey="id"
        loading={tokens.isPending}
        dataSource={tokens.data?.items ?? []}
        locale={{ emptyText: <Empty description={tokens.error ? (tokens.error as Error).message : t("common.empty")} /> }}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t("token.name"), dataIndex: "name" },
          { title: t("token.prefix"), dataIndex: "prefix", render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: t("token.user"), dataIndex: "username" },
          { title: t("token.createdAt"), dataIndex: "createdAt", render: formatDateTime },
          { title: t("token.lastUsedAt"), dataIndex: "lastUsedAt", render: formatDateTime },
          {
            title: t("common.status"),
            render: (_, row) =>
              row.revokedAt ? (
                <Tag>{t("token.revokedAt")}</Tag>
              ) : (
                <Button size="small" danger onClick={() => confirmRevoke(row)} data-testid={`token-revoke-${row.prefix}`}>
                  {t("token.revoke")}
                </Button>
              ),
          },
        ]}
      />
      <CreateToken open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function CreateToken({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const users = useQuery({
    queryKey: ["users", "select", q],
    queryFn: () => api<Page<User>>("/users", { query: { q, pageSize: 20, status: "active" } }),
    enabled: open,
  });
  const close = () => {
    setSecret(null);
    onClose();
  };
  const save = async () => {
    if (secret) return close();
    const values = await form.validateFields();
    try {
      const created = await api<Answer<"/api-tokens", "post">>("/api-tokens", { method: "POST", body: values });
      setSecret(created.token);
      await client.invalidateQueries({ queryKey: ["tokens"] });
    } catch (error) {
      const rest = applyServerErrors(form, error);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open={open}
      title={t("token.createTitle")}
      onOk={save}
      onCancel={close}
      okText={secret ? t("confirm.done") : t("common.save")}
      cancelText={t("common.cancel")}
      destroyOnHidden
    >
      {secret ? (
        <Alert
          type="warning"
          showIcon
          title={t("token.shownOnce")}
          description={
            <Typography.Text copyable code>
              {secret}
            </Typography.Text>
          }
        />
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t("token.name")} rules={[{ required: true, max: 80 }]}>
            <Input placeholder={t("token.namePlaceholder")} />
          </Form.Item>
          <Form.Item name="userId" label={t("token.user")} rules={[{ required: true }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setQ }}
              options={users.data?.items.map((u) => ({ value: u.id, label: `${u.username}（${u.displayName}）` }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
