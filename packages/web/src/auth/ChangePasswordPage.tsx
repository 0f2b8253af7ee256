import { LockOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api.ts";
import { switchLanguage } from "../i18n.ts";
import { fieldMessage } from "../shared/errors.ts";
import type { Me } from "../types.ts";
import { useMe, useSignOut } from "./session.ts";

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/**
 * Shown instead of every page while the password is one someone else chose (the server answers
 * 403 everywhere else until it is changed). Saving it gives a fresh session and the app opens.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useMe().data;
  const signOut = useSignOut();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Me>("/auth/password", { method: "POST", body: { currentPassword, newPassword } });
      client.setQueryData(["me"], updated);
    } catch (e) {
      // Field errors go next to their field (currentPassword does not match, newPassword too weak…).
      const fields = e instanceof ApiError ? e.errors.filter((f) => f.path === "currentPassword" || f.path === "newPassword") : [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.path as keyof Values, errors: [fieldMessage(f)] })));
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "linear-gradient(135deg, #e6f4f4 0%, #f5f7fa 60%)" }}>
      <Card style={{ width: 420, boxShadow: "0 8px 30px rgba(0,0,0,0.08)" }} data-testid="change-password">
        <Typography.Title level={3} style={{ marginBottom: 0, color: "#0b6e6e" }}>
          {t("app.name")}
        </Typography.Title>
        <Typography.Title level={5}>{t("changePassword.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {me?.displayName} ({me?.username}) · {t("changePassword.hint")}
        </Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label={t("changePassword.current")} rules={[{ required: true }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t("changePassword.next")} rules={[{ required: true, min: 10, message: t("changePassword.tooShort") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t("changePassword.repeat")}
            dependencies={["newPassword"]}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error(t("changePassword.mismatch"))),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="change-password-submit">
            {t("changePassword.submit")}
          </Button>
        </Form>
        <div style={{ display: "flex", justifyContent: "space-between", marginTop: 16 }}>
          <Button type="link" size="small" onClick={() => void signOut()} style={{ paddingLeft: 0 }}>
            {t("changePassword.signOut")}
          </Button>
          <Button type="link" size="small" onClick={switchLanguage}>
            {t("common.language")}
          </Button>
        </div>
      </Card>
    </div>
  );
}
