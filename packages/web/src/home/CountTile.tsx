import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Page, withQuery } from "../api.ts";

type Query = Record<string, string | number | undefined>;

/**
 * The total of a list endpoint under the given filters: the same request the list page makes,
 * one row long, so the count is the server's (same access policy, same filters) and equals the
 * rows the linked list shows.
 */
export function useTotal(path: string, query: Query, enabled = true) {
  return useQuery({
    queryKey: ["home-total", path, query],
    queryFn: async () => (await api<Page<unknown>>(path, { query: { ...query, pageSize: 1 } })).total,
    enabled,
    refetchInterval: 60_000,
  });
}

export interface Tile {
  /** Stable name for tests: `home-count-<id>`. */
  id: string;
  label: string;
  /** What the number counts, one short line. */
  hint?: string;
  count: UseQueryResult<number>;
  /** The list page showing exactly these records (its filters in the query string). */
  to: string;
  query?: Query;
  /** Draws the eye when there is something to do. */
  urgent?: boolean;
}

/** One count that opens the list it counts. */
function CountCard({ tile }: { tile: Tile }) {
  const { t } = useTranslation();
  const { count } = tile;
  const value = count.data;
  const href = withQuery(tile.to, tile.query);
  return (
    <Link to={href} data-testid={`home-count-${tile.id}`} data-count={value ?? ""}>
      <Card size="small" hoverable style={{ height: "100%" }}>
        <Statistic
          title={<span style={{ color: "rgba(0,0,0,0.72)" }}>{tile.label}</span>}
          value={count.isError ? "—" : (value ?? 0)}
          loading={count.isPending}
          styles={{ content: { color: tile.urgent && value ? "#b42318" : undefined } }}
        />
        {count.isError ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t("home.countFailed")}
          </Typography.Text>
        ) : (
          tile.hint && <div style={{ fontSize: 12, color: "rgba(0,0,0,0.65)" }}>{tile.hint}</div>
        )}
      </Card>
    </Link>
  );
}

/** A titled group of counts. */
export function Section({ id, title, extra, tiles, children }: { id: string; title: string; extra?: ReactNode; tiles: Tile[]; children?: ReactNode }) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} extra={extra} data-testid={`home-section-${id}`}>
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.id} xs={12} md={8} xl={6}>
            <CountCard tile={tile} />
          </Col>
        ))}
      </Row>
      {children}
    </Card>
  );
}
