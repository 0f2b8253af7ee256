import { CheckCircleOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import type { Answer } from "../types.ts";
import { FLAG_ICON, type Flag, useFlagMessage } from "./FlagTags.tsx";

type Flags = Answer<"/agreements/{id}/flags">;
const pct = (share: number) => Math.round(share * 100);

/**
 * The evidence of one flag: the message says the counts, share, dates and rating; the months of
 * an empty log or of a missing sign-off are listed one tag each.
 */
function Evidence({ flag }: { flag: Flag }) {
  const { t } = useTranslation();
  const message = useFlagMessage();
  switch (flag.kind) {
    case "empty_work_log":
      return (
        <Space size={[4, 4]} wrap>
          {flag.months.map((m) => (
            <Tag key={m.month}>{t("flags.emptyMonth", { month: m.month, days: m.stationedDays, checkIns: m.checkIns })}</Tag>
          ))}
        </Space>
      );
    case "unconfirmed_months":
      return (
        <Space size={[4, 4]} wrap>
          {flag.months.map((m) => (
            <Tag key={m.month} color={m.status === "disputed" ? "red" : "orange"}>
              {t(`flags.month_${m.status}`, { month: m.month, due: m.dueBy })}
            </Tag>
          ))}
        </Space>
      );
    default:
      return <span>{message(flag)}</span>;
  }
}

/**
 * The agreement's flags for the year shown: each with the person, the evidence and the message;
 * the thresholds that raised them said underneath. Flags are warnings, not the compliance status.
 */
export function FlagsCard({ agreementId, year }: { agreementId: string; year: number }) {
  const { t } = useTranslation();
  const flags = useQuery({ queryKey: ["flags", agreementId, year], queryFn: () => api<Flags>(`/agreements/${agreementId}/flags`, { query: { year } }) });
  const items = flags.data?.items ?? [];
  const th = flags.data?.thresholds;
  return (
    <Card
      size="small"
      data-testid="flags-card"
      loading={flags.isPending}
      title={
        <Space>
          {t("flags.title", { year })}
          {items.length > 0 && <Tag color="volcano">{items.length}</Tag>}
        </Space>
      }
    >
      {flags.error ? (
        <Typography.Text type="danger">{(flags.error as Error).message}</Typography.Text>
      ) : items.length === 0 ? (
        <Typography.Text type="success" data-testid="flags-none">
          <CheckCircleOutlined /> {t("flags.none")}
        </Typography.Text>
      ) : (
        <List
          dataSource={items}
          renderItem={(f) => (
            <List.Item data-testid={`flag-item-${f.kind}`}>
              <List.Item.Meta
                title={
                  <Space size={[8, 4]} wrap>
                    <Tag color="volcano" bordered={false} icon={FLAG_ICON[f.kind]}>
                      {t(`flags.kind.${f.kind}`)}
                    </Tag>
                    <span>{f.name}</span>
                  </Space>
                }
                description={<Evidence flag={f} />}
              />
            </List.Item>
          )}
        />
      )}
      {th && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
          {t("flags.thresholds", {
            share: pct(th.awayShare),
            days: th.minDays,
            emptyDays: th.emptyLogMinDays,
            grace: th.confirmGraceDays,
            rating: th.lowRating,
          })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
