import { DownloadOutlined, FilePdfOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Input, Row, Select, Space, Statistic, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, withQuery } from "../api.ts";
import { oversees } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { useDownloadHref } from "../shared/download.ts";
import { PagedTable } from "../shared/PagedTable.tsx";
import { RegionFilter } from "../shared/RegionFilter.tsx";
import { useListParams } from "../shared/useListParams.ts";
import { recentYears } from "../shared/years.ts";
import type { ComplianceBoard as Board } from "../types.ts";
import { ComplianceTag, RuleTags } from "./ComplianceStatus.tsx";
import { FLAG_ICON, FLAG_KINDS, FlagTags } from "./FlagTags.tsx";

const YEARS = recentYears();
const STATUSES = ["fail", "at_risk", "pass"] as const;
const COLOR = { pass: "#389e0d", fail: "#cf1322", at_risk: "#d46b08" } as const;

/**
 * Every agreement in the caller's reach judged for a year: counts by status (each a filter),
 * filters and search kept in the URL and applied on the server, the page from the server.
 */
export function BoardPage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const me = useMe().data;
  const download = useDownloadHref();
  const { query, update } = useListParams(["year", "regionCode", "status", "supporterId", "packId", "q", "flagged"] as const);
  const year = Number(query.year ?? new Date().getFullYear());
  const [search, setSearch] = useState(query.q ?? "");
  useEffect(() => setSearch(query.q ?? ""), [query.q]);
  const filters = {
    year,
    ...(query.regionCode && { regionCode: query.regionCode }),
    ...(query.status && { status: query.status }),
    ...(query.supporterId && { supporterId: query.supporterId }),
    ...(query.packId && { packId: query.packId }),
    ...(query.q && { q: query.q }),
    ...(query.flagged && { flagged: query.flagged === "true" }),
  };
  const board = useQuery({
    queryKey: ["compliance", filters, query.page, query.pageSize],
    queryFn: () => api<Board>("/compliance", { query: { ...filters, page: query.page, pageSize: query.pageSize } }),
    placeholderData: (previous) => previous,
  });
  const totals = board.data?.totals;
  const all = totals ? totals.pass + totals.fail + totals.at_risk : 0;
  const packName = new Map((board.data?.packs ?? []).map((p) => [p.id, zh ? p.zh : p.en]));
  const filtered = Boolean(query.regionCode || query.status || query.supporterId || query.packId || query.q || query.flagged);
  const reportRegion = query.regionCode ?? me?.regionCode;
  const tile = (key: "all" | (typeof STATUSES)[number], title: string, value: number, color?: string) => {
    const active = key === "all" ? !query.status : query.status === key;
    return (
      <Col xs={12} md={6} key={key}>
        <Card
          size="small"
          hoverable
          role="button"
          tabIndex={0}
          aria-pressed={active}
          data-testid={`board-tile-${key}`}
          style={active ? { borderColor: "#0f6e6e", boxShadow: "0 0 0 1px #0f6e6e" } : undefined}
          onClick={() => update({ status: key === "all" ? undefined : key })}
          onKeyDown={(e) => e.key === "Enter" && update({ status: key === "all" ? undefined : key })}
        >
          <Statistic title={title} value={value} valueStyle={color ? { color } : undefined} loading={board.isPending} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("complianceBoard.tileHint")}
          </Typography.Text>
        </Card>
      </Col>
    );
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Row gutter={[12, 12]}>
        {tile("all", t("complianceBoard.all"), all)}
        {STATUSES.map((s) => tile(s, t(`complianceStatus.${s}`), totals?.[s] ?? 0, COLOR[s]))}
        <Col xs={24}>
          <Card
            size="small"
            hoverable
            role="button"
            tabIndex={0}
            aria-pressed={query.flagged === "true"}
            data-testid="board-tile-flagged"
            style={query.flagged === "true" ? { borderColor: "#0f6e6e", boxShadow: "0 0 0 1px #0f6e6e" } : undefined}
            onClick={() => update({ flagged: query.flagged === "true" ? undefined : "true" })}
            onKeyDown={(e) => e.key === "Enter" && update({ flagged: query.flagged === "true" ? undefined : "true" })}
          >
            <Space wrap size={[16, 8]} align="center">
              <Statistic title={t("flags.tile")} value={totals?.flagged ?? 0} valueStyle={{ color: "#d4380d" }} loading={board.isPending} />
              <Space wrap size={[4, 4]}>
                {FLAG_KINDS.map((k) => (
                  <Tag key={k} bordered={false} icon={FLAG_ICON[k]} color={totals?.flags[k] ? "volcano" : undefined} data-testid={`board-flag-count-${k}`}>
                    {t(`flags.kind.${k}`)} {totals?.flags[k] ?? 0}
                  </Tag>
                ))}
              </Space>
            </Space>
          </Card>
        </Col>
      </Row>
      <Card
        title={
          <Space wrap size={[8, 0]}>
            <span>{`${t("assistance.board")} · ${board.data?.regionName ?? me?.regionName ?? ""} · ${year}`}</span>
            {board.data && (
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                {t("complianceBoard.asOf", { date: board.data.asOf })}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={download(withQuery("/api/v1/compliance/export", filters))} data-testid="board-export">
              {t("complianceBoard.exportXlsx")}
            </Button>
            {reportRegion && oversees(me, "indicator") && (
              <Button icon={<FilePdfOutlined />} href={`/api/v1/reports/${reportRegion}?period=${year}`} data-testid="board-report">
                {t("complianceBoard.reportPdf")}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            value={year}
            onChange={(y) => update({ year: String(y) })}
            options={YEARS.map((y) => ({ value: y, label: `${y} ${t("assistance.year")}` }))}
            aria-label={t("assistance.year")}
            data-testid="board-year"
          />
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            placeholder={t("complianceBoard.search")}
            aria-label={t("complianceBoard.search")}
            style={{ width: 280 }}
            data-testid="board-search"
          />
          <Select
            allowClear
            value={query.status}
            onChange={(v) => update({ status: v })}
            placeholder={t("complianceBoard.status")}
            aria-label={t("complianceBoard.status")}
            style={{ minWidth: 120 }}
            options={STATUSES.map((s) => ({ value: s, label: t(`complianceStatus.${s}`) }))}
            data-testid="board-status"
          />
          {oversees(me, "agreement") && (
            <RegionFilter
              root={me?.regionCode ?? null}
              value={query.regionCode}
              onChange={(code) => update({ regionCode: code })}
              placeholder={t("complianceBoard.region")}
              testId="board-region"
            />
          )}
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            value={query.supporterId}
            onChange={(v) => update({ supporterId: v })}
            placeholder={t("complianceBoard.supporter")}
            aria-label={t("complianceBoard.supporter")}
            style={{ minWidth: 200 }}
            options={(board.data?.supporters ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="board-supporter"
          />
          <Select
            allowClear
            value={query.packId}
            onChange={(v) => update({ packId: v })}
            placeholder={t("complianceBoard.pack")}
            aria-label={t("complianceBoard.pack")}
            style={{ minWidth: 200 }}
            options={(board.data?.packs ?? []).map((p) => ({ value: p.id, label: zh ? p.zh : p.en }))}
            data-testid="board-pack"
          />
          <Select
            allowClear
            value={query.flagged}
            onChange={(v) => update({ flagged: v })}
            placeholder={t("flags.filter")}
            aria-label={t("flags.filter")}
            style={{ minWidth: 120 }}
            options={[
              { value: "true", label: t("flags.onlyFlagged") },
              { value: "false", label: t("flags.onlyUnflagged") },
            ]}
            data-testid="board-flagged"
          />
          {filtered && (
            <Button
              type="link"
              onClick={() => update({ regionCode: undefined, status: undefined, supporterId: undefined, packId: undefined, q: undefined, flagged: undefined })}
            >
              {t("complianceBoard.clear")}
            </Button>
          )}
        </Space>
        <PagedTable<Board["items"][number]>
          list={board}
          query={query}
          update={({ page, pageSize }) => update({ page, pageSize })}
          rowKey={(r) => r.agreement.id}
          onRow={() => ({ "data-testid": "board-row" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("assistance.code"),
              render: (_, r) => (
                <Link to={`/assistance/agreements/${r.agreement.id}?year=${year}`} data-testid="board-agreement">
                  {r.agreement.code}
                </Link>
              ),
            },
            { title: t("assistance.recipient"), render: (_, r) => r.agreement.recipient.name },
            { title: t("assistance.supporters"), render: (_, r) => r.agreement.supporters.map((s) => s.name).join("、") },
            { title: t("assistance.pack"), render: (_, r) => packName.get(r.agreement.packId) ?? r.agreement.packId },
            { title: t("assistance.status"), render: (_, r) => <ComplianceTag status={r.report.status} /> },
            { title: t("assistance.failing"), render: (_, r) => <RuleTags rules={r.report.rules} status="fail" /> },
            { title: t("assistance.atRisk"), render: (_, r) => <RuleTags rules={r.report.rules} status="at_risk" /> },
            { title: t("flags.column"), render: (_, r) => <FlagTags flags={r.flags} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
