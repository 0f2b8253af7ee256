import { DRUGS, type DrugClass } from "@medbridge/core";
import { Alert, Button, Collapse, Descriptions, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { HypertensionOutput } from "../types.ts";

const TONE: Record<string, "error" | "warning" | "info" | "success"> = {
  refer_urgent: "error",
  acute_lowering: "error",
  refer_nonurgent: "warning",
  recheck: "info",
  lifestyle: "success",
  keep: "success",
};

/**
 * The new-referral form's address for a register patient: the entry's id and, from a
 * recommendation, its advice, urgency and department — the form reads the person from the server
 * (never names or ID numbers in a URL) and the diagnosis from the latest visit (never the advice as
 * the reason).
 */
export function referralLink(chronicPatientId: string, output?: Pick<HypertensionOutput, "action"> | null): string {
  const query = new URLSearchParams({ register: chronicPatientId, department: "心血管内科" });
  if (output && (output.action === "refer_urgent" || output.action === "refer_nonurgent")) {
    query.set("advice", output.action);
    query.set("priority", output.action === "refer_urgent" ? "urgent" : "routine");
  }
  return `/referrals/new?${query}`;
}

/**
 * The recommendation in plain words first (what to do, which drug, when to come back), the
 * figures next, and the rules behind it on demand. A referral action offers a prefilled referral
 * (for the register patient `chronicPatientId`).
 */
export function Recommendation({ output, chronicPatientId }: { output: HypertensionOutput; chronicPatientId?: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const zh = i18n.language.startsWith("zh");
  const drug = (c: DrugClass) => `${c} · ${zh ? DRUGS[c].zh : DRUGS[c].en}`;
  const examples = (c: DrugClass) =>
    DRUGS[c].examples
      .slice(0, 2)
      .map((d) => `${zh ? d.zh : d.en} ${d.dose}`)
      .join("；");
  const [first, ...rest] = output.suggestedClasses;
  const chosen = output.action === "start_dual" ? output.suggestedClasses.slice(0, 2) : first ? [first] : [];
  const alternatives = output.action === "start_dual" ? rest.slice(1) : rest;
  const follow = output.followUpDays.min === output.followUpDays.max ? t("htn.followUpSame", output.followUpDays) : t("htn.followUp", output.followUpDays);
  const referral = output.action === "refer_urgent" || output.action === "refer_nonurgent";
  const startReferral = () => {
    if (chronicPatientId) return navigate(referralLink(chronicPatientId, output));
    const query = new URLSearchParams({ priority: output.action === "refer_urgent" ? "urgent" : "routine", department: "心血管内科" });
    navigate(`/referrals/new?${query}`);
  };
  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }} data-testid="htn-recommendation">
      <Alert
        type={TONE[output.action] ?? "warning"}
        showIcon
        message={
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="htn-action">
            {t(`htnAction.${output.action}`)}
          </Typography.Title>
        }
        description={
          <Space direction="vertical" size={4}>
            {chosen.length > 0 && (
              <span>
                {t("htn.suggested")}：{chosen.map((c) => `${drug(c)}（${examples(c)}）`).join(" + ")}
              </span>
            )}
            {alternatives.length > 0 && (
              <span>
                {t("htn.alternatives")}：{alternatives.map(drug).join("、")}
              </span>
            )}
            {output.avoidClasses.length > 0 && (
              <span>
                {t("htn.avoid")}：
                {output.avoidClasses.map((a) => (
                  <Tag color="red" key={`${a.class}-${a.reason}`}>
                    {a.class}（{t(`htnCondition.${a.reason}`)}）
                  </Tag>
                ))}
              </span>
            )}
            <strong>{follow}</strong>
            {output.mayDeferWeeks && <span>{t("htn.defer", { weeks: output.mayDeferWeeks })}</span>}
            {referral && (
              <Button type="primary" danger={output.action === "refer_urgent"} onClick={startReferral} data-testid="htn-refer">
                {t("htn.refer")}
              </Button>
            )}
          </Space>
        }
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t("htn.diagnosis")}>{t(`htnDiagnosis.${output.diagnosis}`)}</Descriptions.Item>
        <Descriptions.Item label={t("htn.grade")}>{t(`htnGrade.${output.grade}`)}</Descriptions.Item>
        <Descriptions.Item label={t("htn.risk")}>{output.risk ? t(`htnRisk.${output.risk}`) : "—"}</Descriptions.Item>
        <Descriptions.Item label={t("htn.target")}>
          &lt;{output.target.sbp}/{output.target.dbp} {t("htn.mmHg")}
          {output.ifTolerated && ` · ${t("htn.ifTolerated")} <${output.ifTolerated.sbp}/${output.ifTolerated.dbp}`}{" "}
          <Tag color={output.controlled ? "green" : "red"}>{t(output.controlled ? "htn.controlled" : "htn.uncontrolled")}</Tag>
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        size="small"
        items={[
          {
            key: "trace",
            label: t("htn.why"),
            // A list, not a table: it stays readable on a phone.
            children: (
              <List
                size="small"
                dataSource={output.trace}
                data-testid="htn-trace"
                renderItem={(entry) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <span>
                          <Tag>{entry.rule}</Tag>
                          {entry.detail}
                        </span>
                      }
                      description={entry.source}
                    />
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
