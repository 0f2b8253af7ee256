import { DownloadOutlined, InboxOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Modal, Space, Spin, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadFile } from "../api.ts";
import { errorText, fieldErrorText, fieldLabel, fieldMessage, isProblem, problemMessage } from "../shared/errors.ts";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import type { Answer } from "../types.ts";

type Report = Answer<"/institutions/import", "post">;
type RowError = Report["errors"][number];

/** The import's columns as the server reads them (registry/institution-import.ts), in its Chinese headers. */
const COLUMNS = [
  ["name", "institution.name"],
  ["kind", "institution.kind"],
  ["grade", "institution.grade"],
  ["regionCode", "institution.regionCode"],
  ["address", "institution.address"],
  ["beds", "institution.beds"],
  ["departments", "institution.departments"],
] as const;
const TEMPLATE_HEADERS = "机构名称,机构类别,等级,区划代码,地址,床位数,诊疗科目";

type Phase =
  | { step: "pick" }
  | { step: "checking"; file: File }
  | { step: "checked"; file: File; report: Report }
  | { step: "importing"; file: File; report: Report }
  | { step: "done"; file: File; report: Report }
  | { step: "failed"; file: File; error: unknown };

/**
 * Institutions from a CSV or XLSX file, for the health commission: the file is checked first (a dry
 * run that lists every wrong row by line, column and problem), then imported as a whole, or
 * without the wrong rows when the user chooses so; the same import route the API offers.
 */
export function InstitutionImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: "pick" });

  const check = async (file: File) => {
    setPhase({ step: "checking", file });
    try {
      // skipInvalid makes the dry run answer with every wrong row rather than refuse the file.
      const report = await uploadFile<Report>("/institutions/import", file, { dryRun: true, skipInvalid: true });
      setPhase({ step: "checked", file, report });
    } catch (error) {
      setPhase({ step: "failed", file, error });
    }
  };
  const run = async (file: File, report: Report) => {
    setPhase({ step: "importing", file, report });
    try {
      const done = await uploadFile<Report>("/institutions/import", file, { skipInvalid: report.errors.length > 0 });
      setPhase({ step: "done", file, report: done });
      await client.invalidateQueries({ queryKey: ["institutions"] });
    } catch (error) {
      setPhase({ step: "failed", file, error });
    }
  };
  const confirmRun = (file: File, report: Report) => {
    const count = report.rows - report.skipped;
    const bad = badRows(report);
    modal.confirm({
      title: t("institutionImport.confirmTitle", { count, name: file.name }),
      content: (
        <Space direction="vertical">
          <span>{t("institutionImport.confirmBody")}</span>
          {bad > 0 && <span>{t("institutionImport.confirmSkip", { bad })}</span>}
        </Space>
      ),
      okText: t("institutionImport.import", { count }),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "import-confirm-ok" } as Record<`data-${string}`, string>,
      onOk: () => run(file, report),
    });
  };
  const close = () => {
    if (phase.step === "checking" || phase.step === "importing") return;
    setPhase({ step: "pick" });
    onClose();
  };
  const template = () => {
    const blob = new Blob([`\uFEFF${TEMPLATE_HEADERS}\r\n`], { type: "text/csv;charset=utf-8" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = t("institutionImport.templateFile");
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const busy = phase.step === "checking" || phase.step === "importing";
  const footer: React.ReactNode[] = [];
  if (phase.step === "checked") {
    const count = phase.report.rows - phase.report.skipped;
    footer.push(
      <Button key="another" icon={<UploadOutlined />} onClick={() => setPhase({ step: "pick" })} data-testid="import-another">
        {t("institutionImport.another")}
      </Button>,
    );
    if (count > 0)
      footer.push(
        <Button key="run" type="primary" danger={phase.report.errors.length > 0} onClick={() => confirmRun(phase.file, phase.report)} data-testid="import-run">
          {phase.report.errors.length > 0 ? t("institutionImport.importValid", { count }) : t("institutionImport.import", { count })}
        </Button>,
      );
  } else if (phase.step === "failed") {
    footer.push(
      <Button key="another" icon={<UploadOutlined />} onClick={() => setPhase({ step: "pick" })} data-testid="import-another">
        {t("institutionImport.another")}
      </Button>,
    );
  } else if (phase.step === "done") {
    footer.push(
      <Button key="close" type="primary" onClick={close} data-testid="import-close">
        {t("confirm.done")}
      </Button>,
    );
  }

  return (
    <Modal
      open={open}
      title={t("institutionImport.title")}
      onCancel={close}
      closable={!busy}
      maskClosable={!busy}
      footer={footer.length ? footer : null}
      width={760}
      destroyOnHidden
    >
      <div data-testid="institution-import">
        {phase.step === "pick" && (
          <Space direction="vertical" size={12} style={{ width: "100%" }}>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t("institutionImport.intro")}</Typography.Paragraph>
            <Typography.Text type="secondary">{t("institutionImport.columns")}</Typography.Text>
            <Upload.Dragger
              accept=".csv,.xlsx"
              showUploadList={false}
              multiple={false}
              beforeUpload={(file) => {
                void check(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text" data-testid="import-drop">
                {t("institutionImport.drop")}
              </p>
            </Upload.Dragger>
            <Button type="link" icon={<DownloadOutlined />} onClick={template} style={{ paddingInline: 0 }}>
              {t("institutionImport.template")}
            </Button>
          </Space>
        )}
        {busy && (
          <div style={{ textAlign: "center", padding: 32 }} data-testid="import-busy">
            <Spin />
            <div style={{ marginTop: 12 }}>
              {phase.step === "checking"
                ? t("institutionImport.checking", { name: phase.file.name })
                : t("institutionImport.importing", { count: phase.report.rows - phase.report.skipped })}
            </div>
          </div>
        )}
        {phase.step === "checked" && <CheckResult file={phase.file} report={phase.report} />}
        {phase.step === "done" && (
          <Alert
            type="success"
            showIcon
            data-testid="import-done"
            title={
              phase.report.skipped > 0
                ? t("institutionImport.doneSkipped", { count: phase.report.imported, skipped: phase.report.skipped, name: phase.file.name })
                : t("institutionImport.done", { count: phase.report.imported, name: phase.file.name })
            }
          />
        )}
        {phase.step === "failed" && <Failure error={phase.error} />}
      </div>
    </Modal>
  );
}

const badRows = (report: Report) => new Set(report.errors.map((e) => e.line)).size;

function CheckResult({ file, report }: { file: File; report: Report }) {
  const { t } = useTranslation();
  const bad = badRows(report);
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Alert
        type={bad ? "warning" : "success"}
        showIcon
        data-testid="import-summary"
        title={
          bad
            ? t("institutionImport.someInvalid", { name: file.name, rows: report.rows, bad })
            : t("institutionImport.allValid", { name: file.name, rows: report.rows })
        }
        description={bad ? t("institutionImport.fixHint") : undefined}
      />
      {bad > 0 && <RowErrors errors={report.errors} />}
    </Space>
  );
}

/** The wrong rows: the spreadsheet's line, the column by its label, the problem in the reader's language. */
function RowErrors({ errors }: { errors: RowError[] }) {
  const { t } = useTranslation();
  const column = (path: string) => {
    const root = path.split(/[.[]/)[0] ?? path;
    const known = COLUMNS.find(([field]) => field === root);
    return known ? t(known[1]) : (fieldLabel(path) ?? "—");
  };
  return (
    <ResponsiveTable<RowError & { key: number }>
      size="small"
      data-testid="import-errors"
      dataSource={errors.map((e, key) => ({ ...e, key }))}
      pagination={errors.length > 10 ? { pageSize: 10, size: "small", showSizeChanger: false } : false}
      columns={[
        { title: t("institutionImport.row"), dataIndex: "line", width: 90, phone: "title", render: (line: number) => t("institutionImport.rowN", { line }) },
        { title: t("institutionImport.column"), dataIndex: "path", width: 140, render: column, phone: "title" },
        { title: t("institutionImport.problem"), render: (_, e) => fieldMessage(e) },
      ]}
    />
  );
}

function Failure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="import-failed"
      title={t("institutionImport.failed")}
      description={
        isProblem(error) ? (
          <Space direction="vertical" size={4}>
            <span>{problemMessage(error)}</span>
            {error.errors.slice(0, 20).map((e) => (
              <span key={`${e.path}:${e.code}`}>{fieldErrorText(e)}</span>
            ))}
          </Space>
        ) : (
          errorText(error)
        )
      }
    />
  );
}
