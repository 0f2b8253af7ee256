import { ArrowDownOutlined, ArrowUpOutlined, HeartOutlined, HomeOutlined, MedicineBoxOutlined, SwapOutlined, VideoCameraOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Descriptions, Empty, Result, Select, Space, Spin, Tag, Timeline, Typography } from "antd";
import type { TimelineItemType } from "antd/es/timeline/Timeline";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError, api } from "../api.ts";
import { mayOn } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { ageOf } from "../hypertension/RegisterPage.tsx";
import { ReferralStatusTag } from "../referral/ReferralTags.tsx";
import { formatDateTime } from "../shared/format.ts";
import type { Answer } from "../types.ts";
import { Identifier } from "./Lookup.tsx";

type PatientPath = Answer<"/patients/{id}/path">;
type PathEvent = PatientPath["events"][number];
type Kind = PathEvent["kind"];
const KINDS: Kind[] = ["referral", "stay", "enrolment", "visit", "consultation"];
const COLOR: Record<Kind, string> = { referral: "blue", stay: "purple", enrolment: "cyan", visit: "green", consultation: "orange" };
const ICON: Record<Kind, typeof SwapOutlined> = {
  referral: SwapOutlined,
  stay: HomeOutlined,
  enrolment: HeartOutlined,
  visit: MedicineBoxOutlined,
  consultation: VideoCameraOutlined,
};

/** A day stays a day; an instant is shown in local time. */
const when = (at: string) => (at.length <= 10 ? at : formatDateTime(at));

/**
 * 就诊路径: one timeline, newest first, of a person's referrals, hospital stays, register
 * enrolments and visits and consultations across institutions. Clinicians of institutions that
 * treated the person only; the server audits every read and answers 404 to anyone else.
 */
export function PatientPathPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [institution, setInstitution] = useState<string | undefined>();
  const path = useQuery({
    queryKey: ["patient-path", id],
    queryFn: () => api<PatientPath>(`/patients/${id}/path`),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });

  if (path.isPending) return <Spin style={{ display: "block", margin: "80px auto" }} />;
  if (path.error) {
    const notFound = path.error instanceof ApiError && (path.error.status === 404 || path.error.status === 400);
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? t("patient.pathNotFound") : t("common.error")}
        subTitle={notFound ? t("patient.pathAudit") : (path.error as Error).message}
        extra={notFound ? <Link to="/patients">{t("patient.index")}</Link> : <Button onClick={() => path.refetch()}>{t("common.retry")}</Button>}
        data-testid="path-not-found"
      />
    );
  }
  const p = path.data;
  const events = p.events.filter(
    (e) => (kinds.length === 0 || kinds.includes(e.kind)) && (!institution || e.institution.id === institution || e.other?.id === institution),
  );

  return (
    <Space direction="vertical" size={16} style={{ width: "100%", maxWidth: 960 }}>
      <Card
        title={
          <Space size={8} wrap>
            <span data-testid="path-patient-name">{p.patient.name}</span>
            <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
              {t("patient.path")}
            </Typography.Text>
          </Space>
        }
        size="small"
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t("referral.sex")}>{t(`referral.${p.patient.sex}`)}</Descriptions.Item>
          <Descriptions.Item label={t("htn.age")}>
            {ageOf(p.patient.birthDate)} ({p.patient.birthDate})
          </Descriptions.Item>
          <Descriptions.Item label={t("patient.identifier")}>
            <Identifier idNumber={p.patient.idNumber} localId={p.patient.localId} />
          </Descriptions.Item>
          {p.merged.length > 0 && (
            <Descriptions.Item label={t("patient.mergedRecords")}>
              <Space size={4} wrap>
                {p.merged.map((m) => (
                  <Tag key={m.id} color="gold">
                    {m.localId ?? t("patient.recordWithoutLocalId")}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("patient.pathAudit")}
        </Typography.Text>
      </Card>
      <Card
        size="small"
        title={
          <Space size={8} wrap style={{ padding: "8px 0" }}>
            <Select<Kind[]>
              mode="multiple"
              allowClear
              value={kinds}
              onChange={setKinds}
              placeholder={t("patient.allKinds")}
              style={{ minWidth: 200 }}
              options={KINDS.map((k) => ({ value: k, label: t(`pathKind.${k}`) }))}
              data-testid="path-kind-filter"
            />
            <Select
              allowClear
              value={institution}
              onChange={setInstitution}
              placeholder={t("patient.allInstitutions")}
              style={{ minWidth: 220 }}
              options={p.institutions.map((i) => ({ value: i.id, label: i.name }))}
              data-testid="path-institution-filter"
            />
          </Space>
        }
      >
        {events.length === 0 ? (
          <Empty description={t(p.events.length === 0 ? "patient.emptyPath" : "patient.emptyFiltered")} data-testid="path-empty" />
        ) : (
          <Timeline style={{ paddingTop: 8 }} items={events.map((e, index) => timelineItem(e, index))} />
        )}
      </Card>
    </Space>
  );
}

function timelineItem(event: PathEvent, index: number): TimelineItemType {
  const Icon = event.kind === "referral" ? (event.detail === "down" ? ArrowDownOutlined : ArrowUpOutlined) : ICON[event.kind];
  return {
    key: `${event.kind}-${event.recordId}-${event.at}-${index}`,
    color: COLOR[event.kind],
    icon: <Icon style={{ fontSize: 14 }} />,
    content: <EventContent event={event} />,
  };
}

function EventContent({ event }: { event: PathEvent }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const at = (institutionIds: string[]) => ({ regionCode: null, institutionIds });
  const header = (
    <Space size={6} wrap>
      <Typography.Text type="secondary">{when(event.at)}</Typography.Text>
      <Tag color={COLOR[event.kind]}>
        {event.kind === "visit" && event.detail ? t(`visitKind.${event.detail}`, { defaultValue: event.detail }) : t(`pathKind.${event.kind}`)}
      </Tag>
    </Space>
  );
  let body: ReactNode;
  let link: ReactNode = null;
  switch (event.kind) {
    case "referral":
      body = (
        <Space size={6} wrap>
          <strong>{event.detail ? t(`referral.${event.detail}`) : ""}</strong>
          <span>
            {event.institution.name} → {event.other?.name ?? "—"}
          </span>
          {event.code && <Tag>ICD-10 {event.code}</Tag>}
          {event.status && <ReferralStatusTag status={event.status} />}
        </Space>
      );
      if (mayOn(me, "read", "referral", at([event.institution.id, ...(event.other ? [event.other.id] : [])])))
        link = <Link to={`/referrals/${event.recordId}`}>{t("patient.openReferral")}</Link>;
      break;
    case "stay":
      body = (
        <Space size={6} wrap>
          <strong>{event.institution.name}</strong>
          {event.detail && <span>{event.detail}</span>}
          <span>
            {when(event.at)} – {event.until ? when(event.until) : t("patient.stayOngoing")}
          </span>
          {event.code && <Tag>ICD-10 {event.code}</Tag>}
        </Space>
      );
      if (mayOn(me, "read", "referral", at([event.institution.id]))) link = <Link to={`/referrals/${event.recordId}`}>{t("patient.openReferral")}</Link>;
      break;
    case "enrolment":
      body = (
        <Space size={6} wrap>
          <strong>{event.institution.name}</strong>
          <Tag color={event.status === "active" ? "green" : "default"}>
            {t(event.status === "active" ? "patient.enrolmentActive" : "patient.enrolmentInactive")}
          </Tag>
        </Space>
      );
      if (mayOn(me, "read", "chronic_patient", at([event.institution.id]))) link = <Link to={`/htn/${event.recordId}`}>{t("patient.openRegister")}</Link>;
      break;
    case "visit":
      body = (
        <Space size={6} wrap>
          <strong>{event.institution.name}</strong>
          {event.code && (
            <span>
              {event.code} {t("patient.mmHg")}
            </span>
          )}
          {/* Control is judged from a reading: a discharge visit without one is neither. */}
          {event.code && event.status && (
            <Tag color={event.status === "controlled" ? "green" : "red"}>{t(event.status === "controlled" ? "htn.controlled" : "htn.uncontrolled")}</Tag>
          )}
        </Space>
      );
      if (mayOn(me, "read", "chronic_patient", at([event.institution.id]))) link = <Link to={`/htn/${event.recordId}`}>{t("patient.openRegister")}</Link>;
      break;
    case "consultation":
      body = (
        <Space size={6} wrap>
          <strong>{event.detail ? t(`sessionKind.${event.detail}`, { defaultValue: event.detail }) : ""}</strong>
          <span>
            {event.institution.name} ↔ {event.other?.name ?? "—"}
          </span>
          {event.status && <Tag>{t(`sessionStatus.${event.status}`, { defaultValue: event.status })}</Tag>}
        </Space>
      );
      break;
  }
  return (
    <div data-testid="path-event" data-kind={event.kind} style={{ paddingBottom: 4 }}>
      {header}
      <div style={{ marginTop: 4 }}>{body}</div>
      {link && <div style={{ marginTop: 2 }}>{link}</div>}
    </div>
  );
}
