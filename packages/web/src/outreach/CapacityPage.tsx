import { useQuery } from "@tanstack/react-query";
import { Card, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import type { Answer, Placement, Route, Technique, Training } from "../types.ts";

const STATUS_COLOR: Record<string, string> = { supported: "blue", sustained: "green", died: "red", not_yet_known: "default" };

/** The team that cannot be taken away, made visible: techniques and whether they lasted, trainings, further study. */
export function CapacityPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const id = params.get("institutionId") ?? me?.institutionId ?? undefined;
  const get = <R extends Route>(path: R, query: Record<string, string | undefined>) => ({
    queryKey: [path, id],
    queryFn: () => api<Answer<R>>(path, { query }),
    enabled: !!id,
  });
  const techniques = useQuery(get("/techniques", { recipientId: id }));
  const trainings = useQuery(get("/trainings", { institutionId: id }));
  const study = useQuery(get("/further-study", { institutionId: id }));
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {!me?.institutionId && (
        <Card size="small">
          <InstitutionSelect value={id} onChange={(v) => setParams({ institutionId: String(v) })} placeholder={t("outreach.recipient")} />
        </Card>
      )}
      <Card title={t("outreach.techniques")} size="small">
        <Table<Technique>
          rowKey="id"
          size="small"
          loading={techniques.isFetching}
          dataSource={techniques.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t("outreach.title"), dataIndex: "name" },
            { title: t("referral.department"), dataIndex: "specialty" },
            { title: t("referral.date"), dataIndex: "launchedOn" },
            { title: t("outreach.gap"), dataIndex: "fillsProvincialGap", render: (gap: boolean) => gap && <Tag color="gold">{t("outreach.gap")}</Tag> },
            {
              title: t("outreach.status"),
              render: (_, r) => (
                <Tag color={STATUS_COLOR[r.status]} data-testid="technique-status">
                  {t(`techniqueStatus.${r.status}`)}
                  {r.checkMonth ? ` · ${r.checkMonth}` : ""}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t("outreach.trainings")} size="small">
        <Table<Training>
          rowKey="id"
          size="small"
          loading={trainings.isFetching}
          dataSource={trainings.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t("referral.date"), dataIndex: "date" },
            { title: t("outreach.title"), dataIndex: "topic" },
            { title: t("outreach.trainer"), dataIndex: "trainer" },
            { title: t("outreach.hours"), dataIndex: "hours", align: "right" },
          ]}
        />
      </Card>
      <Card title={t("outreach.furtherStudy")} size="small">
        <Table<Placement>
          rowKey="id"
          size="small"
          loading={study.isFetching}
          dataSource={study.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t("referral.name"), dataIndex: "traineeName" },
            { title: t("referral.department"), dataIndex: "department" },
            { title: t("referral.date"), render: (_, p) => `${p.startDate} – ${p.endDate}` },
            { title: t("outreach.outcome"), dataIndex: "outcome" },
          ]}
        />
      </Card>
    </Space>
  );
}
