import { useQuery } from "@tanstack/react-query";
import { Badge, Button, Calendar, Card, Popover, Space, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../api.ts";
import { useMe } from "../auth/session.ts";
import { InstitutionSelect } from "../shared/InstitutionSelect.tsx";
import type { Answer, CalendarEvent } from "../types.ts";

const COLORS: Record<CalendarEvent["kind"], string> = { stationing: "purple", telemedicine: "blue", touring: "green", training: "orange" };
/** In a day's cell the one-off events come first; months-long stationing goes last. */
const ORDER: CalendarEvent["kind"][] = ["telemedicine", "touring", "training", "stationing"];
/** The calendar day (China time) an event touches first and last. */
const dayOf = (value: string, allDay: boolean) => (allDay ? value : dayjs(value).format("YYYY-MM-DD"));

/** One month of an institution's outreach across every kind, with an ICS export. */
export function CalendarPage() {
  const { t } = useTranslation();
  // The entry in the reader's language from what it says (the server's title is the ICS file's Chinese text).
  const eventTitle = (e: CalendarEvent) =>
    t(`calendarWords.${e.words.form}`, e.words.form === "telemedicine" ? { ...e.words, sessionKind: t(`sessionKind.${e.words.sessionKind}`) } : e.words);
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const institutionId = params.get("institutionId") ?? me?.institutionId ?? undefined;
  const [month, setMonth] = useState<Dayjs>(() => dayjs(params.get("month") ?? undefined).startOf("month"));
  const from = month.startOf("month").subtract(7, "day").format("YYYY-MM-DD");
  const to = month.endOf("month").add(7, "day").format("YYYY-MM-DD");
  const events = useQuery({
    queryKey: ["calendar", institutionId, from, to],
    queryFn: () => api<Answer<"/institutions/{id}/calendar">>(`/institutions/${institutionId}/calendar`, { query: { from, to } }),
    enabled: !!institutionId,
  });
  const on = (d: Dayjs) => {
    const key = d.format("YYYY-MM-DD");
    return (events.data?.items ?? [])
      .filter((e) => dayOf(e.start, e.allDay) <= key && dayOf(e.end, e.allDay) >= key)
      .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  };
  const ics = `/api/v1/institutions/${institutionId}/calendar.ics?from=${month.startOf("month").format("YYYY-MM-DD")}&to=${month.endOf("month").format("YYYY-MM-DD")}`;
  return (
    <Card
      title={t("outreach.calendar")}
      extra={
        <Space>
          {!me?.institutionId && (
            <InstitutionSelect value={institutionId} onChange={(id) => setParams({ institutionId: String(id) })} placeholder={t("outreach.recipient")} />
          )}
          {institutionId && (
            <Button href={ics} data-testid="calendar-ics">
              {t("outreach.exportIcs")}
            </Button>
          )}
        </Space>
      }
      loading={events.isPending && !!institutionId}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        {(Object.keys(COLORS) as CalendarEvent["kind"][]).map((k) => (
          <Tag key={k} color={COLORS[k]}>
            {t(`eventKind.${k}`)}
          </Tag>
        ))}
      </Space>
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d.startOf("month"))}
        cellRender={(d, info) => {
          if (info.type !== "date") return info.originNode;
          const list = on(d);
          return (
            <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {list.slice(0, 3).map((e) => (
                <li key={e.id} data-testid={`event-${e.kind}`}>
                  <Popover
                    title={t(`eventKind.${e.kind}`)}
                    content={
                      <Space direction="vertical">
                        <span>{eventTitle(e)}</span>
                        <span>{e.allDay ? `${e.start} – ${e.end}` : `${dayjs(e.start).format("YYYY-MM-DD HH:mm")} – ${dayjs(e.end).format("HH:mm")}`}</span>
                        {e.link && (
                          <Typography.Link href={e.link} target="_blank" rel="noreferrer" data-testid="event-link">
                            {e.link}
                          </Typography.Link>
                        )}
                      </Space>
                    }
                  >
                    <Badge color={COLORS[e.kind]} text={<span style={{ fontSize: 12 }}>{eventTitle(e)}</span>} />
                  </Popover>
                </li>
              ))}
              {list.length > 3 && <li style={{ fontSize: 12 }}>+{list.length - 3}</li>}
            </ul>
          );
        }}
      />
    </Card>
  );
}
