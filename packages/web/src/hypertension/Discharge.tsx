import { type DrugClass, drugLabel } from "@medbridge/core";
import { Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ChronicPatient, Visit } from "../types.ts";
import { Recommendation } from "./Recommendation.tsx";

/** A discharge visit's tag in the visit list: the hospital's record, not a visit here. */
export function VisitKind({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  if (visit.kind !== "discharge") return null;
  return (
    <Tag color="purple" data-testid="htn-discharge-tag">
      {t("discharge.tag")}
    </Tag>
  );
}

/** "After discharge · by 2026-03-16": the open follow-up task of a patient sent back down. */
export function FollowUpTag({ patient, short = false }: { patient: ChronicPatient; short?: boolean }) {
  const { t } = useTranslation();
  if (!patient.followUp) return null;
  return (
    <Tag color="purple" data-testid="htn-follow-up">
      {short ? t("discharge.followUp") : t("discharge.followUpBy", { date: patient.followUp.dueOn })}
    </Tag>
  );
}

/** What an expanded visit shows: for a discharge the hospital's summary and medications, then the recommendation if there is one. */
export function VisitDetail({ visit }: { visit: Visit }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const drugName = (c: DrugClass, name: string) => drugLabel(c, name, zh ? "zh" : "en");
  const recommendation = visit.recommendation && <Recommendation output={visit.recommendation} />;
  if (!visit.discharge) return recommendation;
  const d = visit.discharge;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="htn-discharge-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("discharge.from")}>
          {d.hospital} · <Link to={`/referrals/${d.referralId}`}>{t("discharge.referral")}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t("discharge.summary")}>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{d.summary}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t("discharge.medications")}>
          {visit.currentDrugs.length
            ? visit.currentDrugs.map((m) => (
                <Tag key={`${m.class}-${m.name}`}>
                  {m.class} · {drugName(m.class, m.name)}
                  {m.atMaxDose ? ` · ${t("htn.atMaxDose")}` : ""}
                </Tag>
              ))
            : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("htn.nextDue")}>
          {visit.nextDueOn} · {t(d.dueRule === "no_bp" ? "discharge.dueRuleNoBp" : "discharge.dueRuleGuideline")}
        </Descriptions.Item>
      </Descriptions>
      {recommendation}
    </Space>
  );
}
