import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, InputNumber, Select, Space, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, withQuery } from "../api.ts";
import { useDownloadHref } from "../shared/download.ts";
import { ResponsiveTable } from "../shared/ResponsiveTable.tsx";
import type { Ranking } from "../types.ts";

/** Darker than antd's cyan tag text (3.4:1 on its background) to reach 4.5:1. */
const SCORE_TEXT = "#006d75";

type Item = Ranking["items"][number];
/** The metrics whose scale needs words: the composite of on-site work, the recipients' rating. */
const HELP = { onSiteWork: "confirmedWork.onSiteHelp", rating: "confirmedWork.ratingHelp" } as const;

/** The supporter ranking (赛马) of a region with its weights shown and editable; the server scores. */
export function RankingCard({ regionCode }: { regionCode: string }) {
  const { t, i18n } = useTranslation();
  // A metric's raw figure; on-site work shows its score with its parts, the rating its mean or that there is none.
  const figure = (key: string, r: Item) => {
    if (key === "onSiteWork")
      return (
        <div data-testid="ranking-onsite">
          <div>{r.normalized.onSiteWork}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("confirmedWork.onSiteParts", r.figures)}
          </Typography.Text>
        </div>
      );
    if (key === "rating")
      return r.figures.ratingMean === null ? (
        <Tooltip title={t("confirmedWork.notRatedHelp")}>
          <Tag data-testid="ranking-unrated">{t("confirmedWork.notRated")}</Tag>
        </Tooltip>
      ) : (
        <div data-testid="ranking-rating">
          <div>{r.normalized.rating}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("confirmedWork.ratingMean", { mean: r.figures.ratingMean, count: r.figures.ratings })}
          </Typography.Text>
        </div>
      );
    return r.figures[key as keyof Item["figures"]];
  };
  const download = useDownloadHref();
  const zh = i18n.language.startsWith("zh");
  const [year, setYear] = useState(dayjs().year());
  const [weights, setWeights] = useState<Record<string, number> | null>(null);
  const weightText = weights
    ? Object.entries(weights)
        .map(([k, v]) => `${k}:${v}`)
        .join(",")
    : undefined;
  const query = { regionCode, year, ...(weightText && { weights: weightText }) };
  const ranking = useQuery({
    queryKey: ["ranking", query],
    queryFn: () => api<Ranking>("/rankings/supporters", { query }),
    placeholderData: (previous) => previous,
  });
  const shown: Record<string, number> = weights ?? ranking.data?.weights ?? {};
  const metrics = Object.entries(ranking.data?.metrics ?? {});

  return (
    <Card
      title={t("dashboard.ranking")}
      extra={
        <Space>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            aria-label={t("dashboard.year")}
            options={[0, 1, 2].map((k) => ({ value: dayjs().year() - k, label: dayjs().year() - k }))}
          />
          <Button href={download(withQuery("/api/v1/rankings/supporters.xlsx", query))} data-testid="ranking-xlsx">
            XLSX
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("dashboard.weights")}</Typography.Text>
        <Space wrap>
          {metrics.map(([key, m]) => (
            <Space key={key} size={4}>
              <Typography.Text>{zh ? m.zh : m.en}</Typography.Text>
              <InputNumber
                size="small"
                min={0}
                max={100}
                value={shown[key]}
                aria-label={zh ? m.zh : m.en}
                data-testid={`weight-${key}`}
                onChange={(v) => setWeights({ ...shown, [key]: Number(v ?? 0) })}
              />
            </Space>
          ))}
        </Space>
        {ranking.error && <Alert type="error" showIcon message={ranking.error instanceof ApiError ? ranking.error.message : String(ranking.error)} />}
        {/* A card per supporter on a phone: eight columns would scroll sideways there. */}
        <ResponsiveTable
          rowKey="supporterId"
          size="small"
          loading={ranking.isFetching}
          dataSource={ranking.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t("dashboard.rankingEmpty")} /> }}
          onRow={() => ({ "data-testid": "ranking-row" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("dashboard.rank"), dataIndex: "rank", width: 64, phone: "title" },
            { title: t("dashboard.supporter"), dataIndex: "name", phone: "title" },
            {
              title: t("dashboard.score"),
              dataIndex: "score",
              align: "right",
              render: (s: number) => (
                <Tag color="cyan" style={{ color: SCORE_TEXT }}>
                  {s}
                </Tag>
              ),
            },
            {
              title: t("dashboard.agreements"),
              align: "right",
              render: (_, r) => `${r.figures.passing}/${r.figures.agreements}`,
            },
            ...metrics
              .filter(([key]) => key !== "compliance")
              .map(([key, m]) => ({
                title: key in HELP ? <Tooltip title={t(HELP[key as keyof typeof HELP])}>{zh ? m.zh : m.en}</Tooltip> : zh ? m.zh : m.en,
                align: "right" as const,
                render: (_: unknown, r: Item) => figure(key, r),
              })),
          ]}
        />
      </Space>
    </Card>
  );
}
