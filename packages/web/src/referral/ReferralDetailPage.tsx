import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../api.ts";
import { PathLink } from "../patients/PathLink.tsx";
import { errorText } from "../shared/errors.ts";
import { formatBytes, formatDateTime } from "../shared/format.ts";
import { QueryState } from "../shared/QueryState.tsx";
import type { Answer, Referral, RegionWithPath } from "../types.ts";
import { BookingSelect, bookingBody } from "./BookingSelect.tsx";
import { DischargeFields, dischargeBody } from "./DischargeFields.tsx";
import { BookingLine, PriorityTag, ReferralStatusTag, SlaCountdown } from "./ReferralTags.tsx";

const NEEDS_NOTE = new Set(["reject", "cancel"]);

export function ReferralDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const referral = useQuery({ queryKey: ["referrals", id], queryFn: () => api<Referral>(`/referrals/${id}`) });
  const history = useQuery({ queryKey: ["referrals", id, "history"], queryFn: () => api<Answer<"/referrals/{id}/history">>(`/referrals/${id}/history`) });
  const [pending, setPending] = useState<string | null>(null);
  const [form] = Form.useForm();
  const r = referral.data;

  const act = async (action: string, extra: Record<string, unknown> = {}) => {
    try {
      const answer = await api<Referral>(`/referrals/${id}/transitions`, { method: "POST", body: { action, ...extra } });
      setPending(null);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ["referrals"] });
      // Scheduling confirms with what was booked: where, which department or ward, which day.
      const b = action === "schedule" ? answer.booking : null;
      // A refusal or a cancellation is reported with whose referral it was: it cannot be undone.
      const done = NEEDS_NOTE.has(action)
        ? t("referralPath.done", { action: t(`referralAction.${action}`), patient: answer.patient.name })
        : t(`referralAction.${action}`);
      message.success(b ? t("referralPath.booked", { place: `${b.institutionName} · ${b.unit} · ${b.date}` }) : done, b ? 6 : 3);
    } catch (error) {
      // The problem and each field's error (labelled: 下转信息 · 第 1 项 · 用药…) in the user's language.
      message.error(errorText(error));
    }
  };
  // Scheduling asks for a slot only when the sender did not already book one with the referral.
  const start = (action: string) =>
    NEEDS_NOTE.has(action) || (action === "schedule" && !r?.slotId && !r?.bedId) || action === "complete" ? setPending(action) : act(action);

  return (
    <QueryState query={referral}>
      {() => {
        const x = referral.data as Referral;
        return (
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Card
              title={
                <Space>
                  <PriorityTag priority={x.priority} />
                  <span data-testid="referral-patient">{x.patient.name}</span>
                  <PathLink patientId={x.patient.id} />
                  <ReferralStatusTag status={x.status} />
                  <SlaCountdown deadline={x.slaDeadline} status={x.status} />
                </Space>
              }
              extra={
                <Space>
                  {x.allowedActions.map((a) => (
                    <Button
                      key={a}
                      type={a === "accept" || a === "complete" ? "primary" : "default"}
                      danger={a === "reject" || a === "cancel"}
                      onClick={() => start(a)}
                      data-testid={`action-${a}`}
                    >
                      {t(`referralAction.${a}`)}
                    </Button>
                  ))}
                </Space>
              }
            >
              {x.booking && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t("referralPath.bookedTitle")}
                  description={<BookingLine booking={x.booking} />}
                  data-testid="referral-booked"
                />
              )}
              <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
                <Descriptions.Item label={t("referral.direction")}>{t(`referral.${x.direction}`)}</Descriptions.Item>
                <Descriptions.Item label={t("referral.department")}>{x.department}</Descriptions.Item>
                <Descriptions.Item label={t("referral.from")}>{x.fromInstitutionName}</Descriptions.Item>
                <Descriptions.Item label={t("referral.to")}>{x.toInstitutionName}</Descriptions.Item>
                <Descriptions.Item label={t("referral.idNumber")}>{x.patient.idNumber ?? t("patient.noIdCard")}</Descriptions.Item>
                <Descriptions.Item label={t("referral.birthDate")}>
                  {x.patient.birthDate} · {t(`referral.${x.patient.sex}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t("referral.phone")}>{x.patient.phone ?? "—"}</Descriptions.Item>
                <Descriptions.Item label={t("referral.homeCounty")}>
                  <RegionPath code={x.patient.homeCounty} />
                </Descriptions.Item>
                <Descriptions.Item label={t("referral.reason")}>
                  {x.reason.icd10} {x.reason.text}
                </Descriptions.Item>
                <Descriptions.Item label={t("referralPath.booking")} span={2}>
                  {x.booking ? <BookingLine booking={x.booking} /> : t("referralPath.noBooking")}
                </Descriptions.Item>
                {x.parentId && (
                  <Descriptions.Item label={t("referralPath.linkedUp")} span={2}>
                    <Link to={`/referrals/${x.parentId}`} data-testid="referral-linked-up">
                      {t("referralPath.open")}
                    </Link>
                  </Descriptions.Item>
                )}
                {x.downReferralId && (
                  <Descriptions.Item label={t("referralPath.linkedDown")} span={2}>
                    <Link to={`/referrals/${x.downReferralId}`} data-testid="referral-linked-down">
                      {t("referralPath.open")}
                    </Link>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t("referral.summary")} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{x.summary ?? "—"}</Typography.Paragraph>
                </Descriptions.Item>
                <Descriptions.Item label={t("referral.attachments")} span={2}>
                  {x.attachments?.length ? (
                    <Space wrap>
                      {x.attachments.map((a) => (
                        <Typography.Link key={a.id} href={`/api/v1/referrals/${x.id}/attachments/${a.id}`} data-testid="attachment-link">
                          {a.filename} ({formatBytes(a.size)})
                        </Typography.Link>
                      ))}
                    </Space>
                  ) : (
                    "—"
                  )}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Card title={t("referral.history")} size="small" loading={history.isPending}>
                  <Timeline
                    items={(history.data?.items ?? []).map((h) => ({
                      children: (
                        <span>
                          {formatDateTime(h.at)} · {h.actor} · {t(`referralAction.${h.action}`, { defaultValue: h.action })} → {t(`referralStatus.${h.to}`)}
                          {h.note ? ` · ${h.note}` : ""}
                        </span>
                      ),
                    }))}
                  />
                </Card>
              </Col>
            </Row>
            <Modal
              open={pending !== null}
              // Refusing or cancelling names the referral it ends and says so on its button.
              title={
                pending && NEEDS_NOTE.has(pending)
                  ? t("referralPath.confirmTitle", { action: t(`referralAction.${pending}`), patient: x.patient.name })
                  : pending
                    ? t(`referralAction.${pending}`)
                    : ""
              }
              onCancel={() => setPending(null)}
              okText={pending && NEEDS_NOTE.has(pending) ? t(`referralAction.${pending}`) : t("common.save")}
              cancelText={t("common.cancel")}
              okButtonProps={{ "data-testid": "action-confirm", danger: pending !== null && NEEDS_NOTE.has(pending) } as Record<`data-${string}`, string>}
              onOk={async () => {
                const v = await form.validateFields();
                if (pending === "schedule") await act("schedule", bookingBody(v.booking));
                else if (pending === "complete") await act("complete", { ...(v.note && { note: v.note }), ...dischargeBody(v) });
                else if (pending) await act(pending, { note: v.note });
              }}
              destroyOnHidden
            >
              <Form form={form} layout="vertical">
                {pending === "schedule" && (
                  <Form.Item name="booking" label={t("referral.chooseSlot")} rules={[{ required: true }]}>
                    <BookingSelect institutionId={x.toInstitutionId} department={x.department} testId="slot-select" />
                  </Form.Item>
                )}
                {pending !== "schedule" && (
                  <Form.Item name="note" label={t("referral.note")} rules={[{ required: pending !== null && NEEDS_NOTE.has(pending), max: 1000 }]}>
                    <Input.TextArea rows={2} />
                  </Form.Item>
                )}
                {pending === "complete" && x.direction === "up" && <DischargeFields form={form} />}
              </Form>
            </Modal>
          </Space>
        );
      }}
    </QueryState>
  );
}

/** A county shown as 省 / 市 / 县 from its code ("—" when none was given). */
function RegionPath({ code }: { code: string | null }) {
  const region = useQuery({
    queryKey: ["regions", code],
    queryFn: () => api<RegionWithPath>(`/regions/${code}`),
    enabled: code !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!code) return <>—</>;
  return <>{region.data ? region.data.path.map((r) => r.name).join(" / ") : code}</>;
}
