import { CommentOutlined, EnvironmentOutlined, FileExclamationOutlined, QuestionCircleOutlined, StarOutlined } from "@ant-design/icons";
import { Space, Tag, Tooltip } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ComplianceBoard } from "../types.ts";

export type Flag = ComplianceBoard["items"][number]["flags"][number];
export type FlagKind = Flag["kind"];
export const FLAG_KINDS: FlagKind[] = ["away_days", "without_location_days", "empty_work_log", "unconfirmed_months", "low_rating"];

export const FLAG_ICON: Record<FlagKind, ReactNode> = {
  away_days: <EnvironmentOutlined />,
  without_location_days: <QuestionCircleOutlined />,
  empty_work_log: <FileExclamationOutlined />,
  unconfirmed_months: <CommentOutlined />,
  low_rating: <StarOutlined />,
};

/** The message of a flag in the reader's language. */
export const useFlagMessage = () => {
  const { i18n } = useTranslation();
  return (f: Flag) => (i18n.language === "en" ? f.messageEn : f.message);
};

/**
 * A board row's flags: one tag per kind (with how many people it concerns), each message in the
 * tooltip — a tap shows it on a phone too. The detail page's card has the whole evidence.
 */
export function FlagTags({ flags }: { flags: Flag[] }) {
  const { t } = useTranslation();
  const message = useFlagMessage();
  if (flags.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {FLAG_KINDS.flatMap((kind) => {
        const of = flags.filter((f) => f.kind === kind);
        if (of.length === 0) return [];
        return [
          <Tooltip key={kind} trigger={["hover", "click"]} title={of.map((f) => <div key={`${f.person}-${"period" in f ? f.period : ""}`}>{message(f)}</div>)}>
            <Tag color="volcano" bordered={false} icon={FLAG_ICON[kind]} data-testid={`flag-${kind}`} style={{ cursor: "pointer" }}>
              {t(`flags.kind.${kind}`)}
              {of.length > 1 ? ` ×${of.length}` : ""}
            </Tag>
          </Tooltip>,
        ];
      })}
    </Space>
  );
}
