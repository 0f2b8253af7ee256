import { Empty, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { Dispatch } from "../types.ts";

const DAY = 86_400_000;
const toDay = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const COLORS: Record<string, string> = { management: "#0b6e6e", discipline_leader: "#7a4fbf", clinical: "#2f7fd1", nursing: "#d07a2a", technician: "#5b8c00" };

/** How a proposed roster differs from today's (the roster planner): a new stay, or one the plan cancels. */
export type DispatchMark = "added" | "dropped";
const MARK_COLOR: Record<DispatchMark, string> = { added: "#389e0d", dropped: "#cf1322" };
// A cancelled stay is struck through: a red line across a pale red bar.
const MARK_FILL: Record<DispatchMark, string> = {
  added: "#95de64",
  dropped: "linear-gradient(to bottom, transparent calc(50% - 1px), #cf1322 calc(50% - 1px), #cf1322 calc(50% + 1px), transparent calc(50% + 1px)), #fff1f0",
};

/** Gantt-style view of one year: a row per person, bars for stays, coverage gaps in red; `marks` highlight a plan's changes by dispatch id. */
export function Timeline({
  from,
  to,
  dispatches,
  gaps,
  marks,
  nameWidth = 160,
}: {
  from: string;
  to: string;
  dispatches: Dispatch[];
  gaps: { from: string; to: string }[];
  marks?: Record<string, DispatchMark>;
  /** The names' column in px (narrower on a phone, where the year scrolls beside it). */
  nameWidth?: number;
}) {
  const { t } = useTranslation();
  const start = toDay(from);
  const end = toDay(to) + 1;
  const span = end - start;
  const pct = (d: number) => `${(Math.min(Math.max(d - start, 0), span) / span) * 100}%`;
  const width = (a: number, b: number) => `${((Math.min(b, end) - Math.max(a, start)) / span) * 100}%`;
  const live = dispatches.filter((d) => d.status !== "cancelled");
  const people = [...new Map(live.map((d) => [d.practitionerId, d.practitionerName])).entries()];
  const inYear = people.filter(([id]) =>
    live.some((d) => d.practitionerId === id && toDay(d.actualStart ?? d.plannedStart) < end && toDay(d.actualEnd ?? d.plannedEnd) + 1 > start),
  );
  const months = Array.from({ length: 12 }, (_, m) => dayjs(from).startOf("year").add(m, "month")).filter((m) => toDay(m.format("YYYY-MM-DD")) < end);
  const today = Date.now() / DAY;
  const row = { position: "relative" as const, height: 22, background: "#f5f7fa", borderRadius: 4 };

  if (inYear.length === 0) return <Empty description={t("assistance.noRoster")} />;
  return (
    <div data-testid="timeline" style={{ display: "grid", gridTemplateColumns: `${nameWidth}px 1fr`, rowGap: 6, columnGap: 12, alignItems: "center" }}>
      <span />
      <div style={{ position: "relative", height: 18 }}>
        {months.map((m) => (
          <span key={m.format("MM")} style={{ position: "absolute", left: pct(toDay(m.format("YYYY-MM-DD"))), fontSize: 11, color: "#8c8c8c" }}>
            {m.format("MMM")}
          </span>
        ))}
      </div>
      <Typography.Text strong style={{ color: "#cf1322" }}>
        {t("assistance.gap")}
      </Typography.Text>
      <div style={row} data-testid="timeline-gaps">
        {gaps.map((g) => (
          <Tooltip key={g.from} title={`${g.from} — ${g.to}`}>
            <div
              data-testid="timeline-gap"
              style={{
                position: "absolute",
                left: pct(toDay(g.from)),
                width: width(toDay(g.from), toDay(g.to) + 1),
                top: 0,
                bottom: 0,
                background: "repeating-linear-gradient(45deg,#ff4d4f,#ff4d4f 4px,#ffa39e 4px,#ffa39e 8px)",
                borderRadius: 3,
              }}
            />
          </Tooltip>
        ))}
      </div>
      {inYear.map(([id, name]) => (
        <div key={id} style={{ display: "contents" }}>
          <Typography.Text ellipsis>{name}</Typography.Text>
          <div style={row}>
            {live
              .filter((d) => d.practitionerId === id)
              .map((d) => {
                const a = toDay(d.actualStart ?? d.plannedStart);
                const b = toDay(d.actualEnd ?? d.plannedEnd) + 1;
                if (b <= start || a >= end) return null;
                const planned = d.status === "planned";
                const mark = marks?.[d.id];
                return (
                  <Tooltip
                    key={d.id}
                    title={`${mark ? `${t(`plan.mark.${mark}`)} · ` : ""}${t(`dispatchRole.${d.role}`)} · ${t(`title.${d.title}`)} · ${d.actualStart ?? d.plannedStart} — ${d.actualEnd ?? d.plannedEnd} · ${t(`dispatchStatus.${d.status}`)}`}
                  >
                    <div
                      data-testid={mark ? `timeline-${mark}` : undefined}
                      style={{
                        position: "absolute",
                        left: pct(a),
                        width: width(a, b),
                        top: 3,
                        bottom: 3,
                        borderRadius: 3,
                        background: mark ? MARK_FILL[mark] : planned ? "transparent" : (COLORS[d.role] ?? "#2f7fd1"),
                        border: `2px ${planned && !mark ? "dashed" : "solid"} ${mark ? MARK_COLOR[mark] : (COLORS[d.role] ?? "#2f7fd1")}`,
                      }}
                    />
                  </Tooltip>
                );
              })}
            {today > start && today < end && <div style={{ position: "absolute", left: pct(today), top: -2, bottom: -2, width: 2, background: "#faad14" }} />}
          </div>
        </div>
      ))}
    </div>
  );
}
