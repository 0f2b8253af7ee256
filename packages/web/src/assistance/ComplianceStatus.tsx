import { Space, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { RuleResult } from "../types.ts";

const COLOR = { pass: "green", fail: "red", at_risk: "orange" } as const;

export function ComplianceTag({ status }: { status: "pass" | "fail" | "at_risk" }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]}>{t(`complianceStatus.${status}`)}</Tag>;
}

/** The rules in a given state as tags; hovering shows why, in the official's words. */
export function RuleTags({ rules, status }: { rules: RuleResult[]; status: "fail" | "at_risk" }) {
  const { t, i18n } = useTranslation();
  const chosen = rules.filter((r) => r.status === status);
  if (chosen.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {chosen.map((r) => (
        <Tooltip key={r.id} title={i18n.language === "en" ? r.messageEn : r.message}>
          <Tag color={COLOR[status]} bordered={false}>
            {t(`rule.${r.id}`, { defaultValue: r.id })}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
