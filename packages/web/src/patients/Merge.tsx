import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Descriptions, Empty, Form, Input, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api.ts";
import { errorText, fieldErrorText, fieldMessage, joinErrorTexts } from "../shared/errors.ts";
import { formatDateTime } from "../shared/format.ts";
import type { Answer } from "../types.ts";
import { Identifier, LookupForm, type LookupOutcome, PatientDescriptions, type PatientSummary } from "./Lookup.tsx";

type Merge = Answer<"/patients/{id}/merges">["items"][number];

/**
 * Merging a record into another record of the same person (a child first seen without an ID card):
 * find the target the way the record was found, give a reason, confirm. It can be undone.
 */
export function MergeModal({ source, open, onClose, onMerged }: { source: PatientSummary; open: boolean; onClose: () => void; onMerged: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [target, setTarget] = useState<LookupOutcome | null>(null);
  const [targetError, setTargetError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setTarget(null);
    setTargetError(null);
    form.resetFields();
    onClose();
  };
  const found = target?.patient ?? null;
  const same = found?.id === source.id;

  const send = async (reason: string) => {
    if (!found) return;
    setBusy(true);
    try {
      await api(`/patients/${source.id}/merge`, { method: "POST", body: { targetId: found.id, reason: reason.trim() } });
      message.success(t("patient.mergeDone"));
      close();
      onMerged();
    } catch (error) {
      // 409s name the field: targetId (two ID holders, a target merged elsewhere), reason, or the record itself (id).
      const errors = error instanceof ApiError ? error.errors : [];
      const onReason = errors.filter((e) => e.path === "reason").map(fieldMessage);
      const onTarget = errors.filter((e) => e.path === "targetId").map(fieldMessage);
      if (onReason.length) form.setFields([{ name: "reason", errors: onReason }]);
      if (onTarget.length) setTargetError(joinErrorTexts(onTarget));
      const rest = errors.filter((e) => e.path !== "reason" && e.path !== "targetId");
      if (!onReason.length && !onTarget.length) message.error(errorText(error));
      else if (rest.length) message.error(joinErrorTexts(rest.map(fieldErrorText)));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!found || same) {
      setTargetError(t(same ? "patient.mergeSame" : "patient.mergeNoTarget"));
      await form.validateFields().catch(() => undefined);
      return;
    }
    const { reason } = await form.validateFields();
    modal.confirm({
      title: t("patient.mergeConfirmTitle"),
      content: t("patient.mergeConfirm"),
      okText: t("patient.mergeOk"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "merge-confirm-ok" } as Record<`data-${string}`, string>,
      onOk: () => send(reason),
    });
  };

  return (
    <Modal
      open={open}
      title={t("patient.merge")}
      onCancel={close}
      onOk={submit}
      okText={t("patient.mergeOk")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      okButtonProps={{ "data-testid": "merge-submit" } as Record<`data-${string}`, string>}
      width={640}
      destroyOnHidden
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("patient.mergeSource")}>
            <Space size={4} wrap>
              <span>{source.name}</span>
              <Identifier idNumber={source.idNumber} localId={source.localId} />
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text strong>{t("patient.mergeFindTarget")}</Typography.Text>
        <LookupForm
          testId="merge-target"
          onResult={(outcome) => {
            setTarget(outcome);
            setTargetError(outcome.patient?.id === source.id ? t("patient.mergeSame") : null);
          }}
        />
        {target && !found && <Alert type="warning" showIcon message={t("patient.notFound")} description={t("patient.notFoundHint")} />}
        {found && !same && (
          <div data-testid="merge-target-found">
            <Typography.Text type="secondary">{t("patient.mergeTarget")}</Typography.Text>
            <PatientDescriptions patient={found} column={1} />
          </div>
        )}
        {targetError && <Alert type="error" showIcon message={targetError} data-testid="merge-target-error" />}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t("patient.reason")} rules={[{ required: true, whitespace: true }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t("patient.reasonPlaceholder")} data-testid="merge-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

/** The merges a record took part in, newest first, with Undo for those still standing. */
export function MergeList({ patientId, canUndo, onChanged }: { patientId: string; canUndo: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const merges = useQuery({
    queryKey: ["patient-merges", patientId],
    queryFn: () => api<Answer<"/patients/{id}/merges">>(`/patients/${patientId}/merges`),
  });
  const undo = (merge: Merge) =>
    modal.confirm({
      title: t("patient.undo"),
      content: t("patient.undoConfirm"),
      okText: t("patient.undo"),
      cancelText: t("common.cancel"),
      okButtonProps: { "data-testid": "undo-confirm-ok" } as Record<`data-${string}`, string>,
      onOk: async () => {
        try {
          await api(`/patient-merges/${merge.id}/undo`, { method: "POST" });
          message.success(t("patient.undoDone"));
          await client.invalidateQueries({ queryKey: ["patient-merges"] });
          onChanged();
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });
  // A clinician only hears of merges that exist; a coordinator always sees the section (and its Undo).
  if (!canUndo && !merges.data?.items.length) return null;
  return (
    <div>
      <Typography.Title level={5}>{t("patient.merges")}</Typography.Title>
      <List<Merge>
        size="small"
        loading={merges.isPending}
        dataSource={merges.data?.items ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={merges.error ? (merges.error as Error).message : t("patient.mergesEmpty")} />,
        }}
        renderItem={(m) => (
          <List.Item data-testid="merge-item">
            <div style={{ width: "100%" }}>
              <div style={{ display: "flex", flexWrap: "wrap", justifyContent: "space-between", alignItems: "center", gap: 8 }}>
                <Typography.Text strong>{t(m.sourceId === patientId ? "patient.mergedInto" : "patient.mergedFrom")}</Typography.Text>
                {m.unmergedAt ? (
                  <Tag>{t("patient.undoneAt", { at: formatDateTime(m.unmergedAt) })}</Tag>
                ) : (
                  canUndo && (
                    <Button size="small" danger onClick={() => undo(m)} data-testid="merge-undo">
                      {t("patient.undo")}
                    </Button>
                  )
                )}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("patient.mergedAt")} {formatDateTime(m.mergedAt)}
              </Typography.Text>
              <Typography.Paragraph style={{ margin: 0 }}>{m.reason}</Typography.Paragraph>
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
