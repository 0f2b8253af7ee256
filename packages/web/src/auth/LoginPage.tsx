import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { ApiError, api } from "../api.ts";
import { switchLanguage } from "../i18n.ts";
import type { Me } from "../types.ts";

export function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>("/auth/login", { method: "POST", body: values });
      // With mustChangePassword the signed-in area shows the change-password form before any page.
      client.setQueryData(["me"], me);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== "/login" ? from : "/", { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t("login.failed"));
      else if (e instanceof ApiError && e.status === 429) setError(t("login.locked", { seconds: String(e.params.seconds ?? 60) }));
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "linear-gradient(135deg, #e6f4f4 0%, #f5f7fa 60%)" }}>
      <Card style={{ width: 380, boxShadow: "0 8px 30px rgba(0,0,0,0.08)" }}>
        <Typography.Title level={3} style={{ marginBottom: 0, color: "#0b6e6e" }}>
          {t("app.name")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t("app.subtitle")}</Typography.Paragraph>
        <Typography.Title level={5}>{t("login.title")}</Typography.Title>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t("login.username")} rules={[{ required: true }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t("login.password")} rules={[{ required: true }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
        <div style={{ display: "flex", justifyContent: "space-between", marginTop: 16 }}>
          <Typography.Text type="secondary">{t("login.demo")}</Typography.Text>
          <Button type="link" size="small" onClick={switchLanguage}>
            {t("common.language")}
          </Button>
        </div>
      </Card>
    </div>
  );
}
