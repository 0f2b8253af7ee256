import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, withQuery } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { recentYears } from "../shared/years.ts";
import type { ComplianceBoard as Board } from "../types.ts";
import { ComplianceTag, RuleTags } from "./ComplianceStatus.tsx";

const YEARS = recentYears();
const ORDER = { fail: 0, at_risk: 1, pass: 2 };

export function BoardPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("year") ?? new Date().getFullYear());
  const regionCode = params.get("regionCode") ?? undefined;
  const board = useQuery({ queryKey: ["compliance", year, regionCode], queryFn: () => api<Board>("/compliance", { query: { year, regionCode } }) });
  const totals = board.data?.totals;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title={t("assistance.totals", { total: board.data?.items.length ?? 0 })} value={board.data?.items.length ?? 0} />
          </Card>
        </Col>
        {(["pass", "at_risk", "fail"] as const).map((s) => (
          <Col span={6} key={s}>
            <Card>
              <Statistic
                title={t(`complianceStatus.${s}`)}
                value={totals?.[s] ?? 0}
                valueStyle={{ color: s === "pass" ? "#389e0d" : s === "fail" ? "#cf1322" : "#d46b08" }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={`${t("assistance.board")} · ${me?.regionName ?? ""}`}
        extra={
          <Space>
            <Select
              value={year}
              onChange={(y) => setParams({ year: String(y), ...(regionCode && { regionCode }) })}
              options={YEARS.map((y) => ({ value: y, label: `${y} ${t("assistance.year")}` }))}
              data-testid="board-year"
            />
            <Button icon={<DownloadOutlined />} href={withQuery("/api/v1/compliance/export", { year, regionCode })} data-testid="board-export">
              {t("assistance.export")}
            </Button>
          </Space>
        }
      >
        <Table<Board["items"][number]>
          rowKey={(r) => r.agreement.id}
          loading={board.isFetching}
          dataSource={board.data?.items ?? []}
          locale={{ emptyText: <Empty description={board.error ? (board.error as Error).message : t("common.empty")} /> }}
          pagination={{ pageSize: 20, showTotal: (total) => t("common.total", { total }) }}
          columns={[
            {
              title: t("assistance.code"),
              render: (_, r) => (
                <Link to={`/assistance/agreements/${r.agreement.id}?year=${year}`} data-testid="board-agreement">
                  {r.agreement.code}
                </Link>
              ),
              sorter: (a, b) => a.agreement.code.localeCompare(b.agreement.code),
            },
            { title: t("assistance.recipient"), render: (_, r) => r.agreement.recipient.name },
            { title: t("assistance.supporters"), render: (_, r) => r.agreement.supporters.map((s) => s.name).join("、") },
            { title: t("assistance.pack"), render: (_, r) => r.report.pack },
            {
              title: t("assistance.status"),
              render: (_, r) => <ComplianceTag status={r.report.status} />,
              sorter: (a, b) => ORDER[a.report.status] - ORDER[b.report.status],
              defaultSortOrder: "ascend",
            },
            { title: t("assistance.failing"), render: (_, r) => <RuleTags rules={r.report.rules} status="fail" /> },
            { title: t("assistance.atRisk"), render: (_, r) => <RuleTags rules={r.report.rules} status="at_risk" /> },
          ]}
        />
      </Card>
    </Space>
  );
}
