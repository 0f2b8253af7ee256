import { Button, Card, Table } from "antd";
import { useTranslation } from "react-i18next";

export interface TrendPoint {
  month: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
}

const W = 600;
const H = 180;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };
/** Axis labels at 4.5:1 on white. */
const AXIS = "#595959";
/** The numbers scroll within this height so the card stays beside the map. */
const TABLE_HEIGHT = 240;

/** One indicator's line for the region (months, or years for a yearly one), with the table of the same numbers below it. */
export function TrendCard({
  title,
  caption,
  periodTitle,
  unit,
  unitLabel,
  points,
  xlsx,
}: {
  title: string;
  /** What the line spans, e.g. 近12个月趋势. */
  caption: string;
  /** The header of the period column (month or year). */
  periodTitle: string;
  unit: string;
  unitLabel: string;
  points: TrendPoint[];
  xlsx: string;
}) {
  const { t } = useTranslation();
  const values = points.map((p) => p.value ?? 0);
  const max = Math.max(1, ...values);
  const x = (i: number) => PAD.left + (i / Math.max(1, points.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const suffix = unit === "%" ? "%" : "";
  return (
    <Card
      title={`${title} · ${caption}`}
      extra={
        <Button href={xlsx} data-testid="trend-xlsx">
          XLSX
        </Button>
      }
    >
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${title} · ${caption}`} data-testid="trend-chart">
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#d9d9d9" />
        <line x1={PAD.left} x2={W - PAD.right} y1={y(max)} y2={y(max)} stroke="#f0f0f0" />
        <text x={PAD.left - 6} y={y(max) + 4} textAnchor="end" fontSize="11" fill={AXIS}>
          {max}
          {suffix}
        </text>
        <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end" fontSize="11" fill={AXIS}>
          0
        </text>
        <polyline points={values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} fill="none" stroke="#0f6e6e" strokeWidth="2" />
        {points.map((p, i) => (
          <g key={p.month}>
            <circle cx={x(i)} cy={y(p.value ?? 0)} r="3" fill="#0f6e6e">
              <title>{`${p.month}: ${p.value ?? "—"}${suffix}`}</title>
            </circle>
            {(i % 3 === 0 || i === points.length - 1) && (
              <text x={x(i)} y={H - 6} textAnchor="middle" fontSize="11" fill={AXIS}>
                {p.month}
              </text>
            )}
          </g>
        ))}
      </svg>
      {/* A scrolling area keyboard users can reach and scroll, named for screen readers (the header sticks to its top). */}
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard (WCAG 2.1.1)
        tabIndex={0}
        aria-label={t("dashboard.trendTable", { title })}
        style={{ maxHeight: TABLE_HEIGHT, overflowY: "auto" }}
        data-testid="trend-table"
      >
        <Table
          rowKey="month"
          size="small"
          pagination={false}
          sticky
          dataSource={points}
          columns={[
            { title: periodTitle, dataIndex: "month" },
            { title: t("dashboard.numerator"), dataIndex: "numerator", align: "right" },
            { title: t("dashboard.denominator"), dataIndex: "denominator", align: "right", render: (d: number | null) => d ?? "—" },
            {
              title: `${t("dashboard.value")} (${unitLabel})`,
              dataIndex: "value",
              align: "right",
              render: (v: number | null) => (v === null ? "—" : `${v}${suffix}`),
            },
          ]}
        />
      </section>
    </Card>
  );
}
