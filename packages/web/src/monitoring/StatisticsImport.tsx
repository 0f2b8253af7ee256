import { UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, List, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type ApiFieldError, uploadFile } from "../api.ts";
import { errorText, fieldErrorText, problemMessage } from "../shared/errors.ts";
import type { Answer } from "../types.ts";

const KINDS = [
  { key: "visits", url: "/statistics/county-visits/import", columns: "区划代码, 月份, 总诊疗人次, 县域内诊疗人次, 基层诊疗人次" },
  { key: "assessments", url: "/statistics/assessments/import", columns: "区划代码, 机构名称, 年度, 评估结果" },
] as const;

type Outcome = { kind: string; imported?: number; error?: string; errors?: ApiFieldError[] };

/**
 * Statistics from other systems (county visit totals, capability assessments) as CSV or XLSX:
 * all rows or none, with each bad row's line and field listed.
 */
export function StatisticsImport() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const send = async (kind: (typeof KINDS)[number], file: File) => {
    setBusy(kind.key);
    setOutcome(null);
    try {
      const report = await uploadFile<Answer<"/statistics/county-visits/import", "post">>(kind.url, file);
      setOutcome({ kind: kind.key, imported: report.imported });
      await client.invalidateQueries({ queryKey: ["indicator"] });
    } catch (error) {
      setOutcome({
        kind: kind.key,
        error: error instanceof ApiError ? problemMessage(error) : errorText(error),
        errors: error instanceof ApiError ? error.errors : [],
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t("dashboard.import")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {KINDS.map((kind) => (
          <Space key={kind.key} wrap>
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void send(kind, file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy === kind.key} data-testid={`import-${kind.key}`}>
                {t(`dashboard.import_${kind.key}`)}
              </Button>
            </Upload>
            <Typography.Text type="secondary">{kind.columns}</Typography.Text>
          </Space>
        ))}
        {outcome?.imported !== undefined && (
          <Alert type="success" showIcon message={t("dashboard.imported", { count: outcome.imported })} data-testid="import-result" />
        )}
        {outcome?.error && (
          <Alert
            type="error"
            showIcon
            data-testid="import-result"
            message={outcome.error}
            description={
              outcome.errors?.length ? (
                <List size="small" dataSource={outcome.errors.slice(0, 20)} renderItem={(e) => <List.Item>{fieldErrorText(e)}</List.Item>} />
              ) : undefined
            }
          />
        )}
      </Space>
    </Card>
  );
}
