import type { CalendarEvent } from "@medbridge/core";
import { and, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { dispatches, institutions, practitioners, telemedicineSessions, touringTeams, touringVisits, trainings } from "../db/schema.ts";
import { StringEnum } from "../http/schemas.ts";

/** One calendar event as the API answers it (core's CalendarEvent). */
export const CalendarEventSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(["stationing", "telemedicine", "touring", "training"] as const),
  title: Type.String(),
  start: Type.String({ description: "All-day events: YYYY-MM-DD (inclusive); timed events: ISO times" }),
  end: Type.String(),
  allDay: Type.Boolean(),
  link: Type.Union([Type.String(), Type.Null()]),
  words: Type.Union(
    [
      Type.Object({ form: Type.Literal("stationed_here"), name: Type.String() }),
      Type.Object({ form: Type.Literal("stationed_away"), name: Type.String(), place: Type.String() }),
      Type.Object({ form: Type.Literal("telemedicine"), sessionKind: Type.String(), title: Type.String(), other: Type.String() }),
      Type.Object({ form: Type.Literal("touring"), team: Type.String(), site: Type.String() }),
      Type.Object({ form: Type.Literal("training"), topic: Type.String(), hours: Type.Number() }),
    ],
    { description: "What the title says, as data, for the reader's language (title: the Chinese text of the ICS file)" },
  ),
});

const counterpart = alias(institutions, "counterpart");

/**
 * One institution's calendar across every outreach kind for `from`..`to` (inclusive dates): who is
 * stationed here or away, telemedicine sessions on either side, touring visits here or by its
 * teams, trainings hosted or attended. Four indexed queries, run together.
 */
export async function calendarOf(db: Db, institutionId: string, from: string, to: string): Promise<CalendarEvent[]> {
  const fromTime = new Date(`${from}T00:00:00+08:00`);
  const toTime = new Date(`${to}T23:59:59+08:00`);
  const [stays, sessions, visits, courses] = await Promise.all([
    db
      .select({
        id: dispatches.id,
        name: practitioners.name,
        start: dispatches.plannedStart,
        end: dispatches.plannedEnd,
        actualStart: dispatches.actualStart,
        actualEnd: dispatches.actualEnd,
        here: dispatches.recipientId,
        place: counterpart.name,
      })
      .from(dispatches)
      .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
      .innerJoin(counterpart, eq(counterpart.id, dispatches.recipientId))
      .where(
        and(
          or(eq(dispatches.recipientId, institutionId), eq(practitioners.institutionId, institutionId)),
          lte(dispatches.plannedStart, to),
          gte(dispatches.plannedEnd, from),
          sql`${dispatches.status} <> 'cancelled'`,
        ),
      ),
    db
      .select({ s: telemedicineSessions, other: counterpart.name })
      .from(telemedicineSessions)
      .innerJoin(
        counterpart,
        eq(
          counterpart.id,
          sql`case when ${telemedicineSessions.recipientId} = ${institutionId} then ${telemedicineSessions.supporterId} else ${telemedicineSessions.recipientId} end`,
        ),
      )
      .where(
        and(
          or(eq(telemedicineSessions.recipientId, institutionId), eq(telemedicineSessions.supporterId, institutionId)),
          inArray(telemedicineSessions.status, ["scheduled", "held", "closed"]),
          gte(telemedicineSessions.startsAt, fromTime),
          lte(telemedicineSessions.startsAt, toTime),
        ),
      ),
    db
      .select({ id: touringVisits.id, date: touringVisits.date, end: touringVisits.endDate, team: touringTeams.name, site: counterpart.name })
      .from(touringVisits)
      .innerJoin(touringTeams, eq(touringTeams.id, touringVisits.teamId))
      .innerJoin(counterpart, eq(counterpart.id, touringVisits.siteId))
      .where(
        and(
          or(eq(touringVisits.siteId, institutionId), eq(touringTeams.homeInstitutionId, institutionId)),
          lte(touringVisits.date, to),
          gte(touringVisits.endDate, from),
        ),
      ),
    db
      .select({ id: trainings.id, topic: trainings.topic, date: trainings.date, hours: trainings.hours })
      .from(trainings)
      .where(
        and(
          or(eq(trainings.hostInstitutionId, institutionId), sql`${trainings.attendees} @> ${JSON.stringify([{ institutionId }])}::jsonb`),
          gte(trainings.date, from),
          lte(trainings.date, to),
        ),
      ),
  ]);
  const events: CalendarEvent[] = [
    ...stays.map((d) => ({
      id: `stationing-${d.id}`,
      kind: "stationing" as const,
      title: d.here === institutionId ? `派驻在岗：${d.name}` : `外派：${d.name} → ${d.place}`,
      start: d.actualStart ?? d.start,
      end: d.actualEnd ?? d.end,
      allDay: true,
      link: null,
      words: d.here === institutionId ? { form: "stationed_here" as const, name: d.name } : { form: "stationed_away" as const, name: d.name, place: d.place },
    })),
    ...sessions.map(({ s, other }) => ({
      id: `telemedicine-${s.id}`,
      kind: "telemedicine" as const,
      title: `远程${s.kind === "ward_round" ? "查房" : s.kind === "consultation" ? "会诊" : "医疗"}：${s.title}（${other}）`,
      start: (s.startsAt as Date).toISOString(),
      end: new Date((s.startsAt as Date).getTime() + s.durationMinutes * 60_000).toISOString(),
      allDay: false,
      link: s.link,
      words: { form: "telemedicine" as const, sessionKind: s.kind, title: s.title, other },
    })),
    ...visits.map((v) => ({
      id: `touring-${v.id}`,
      kind: "touring" as const,
      title: `巡回医疗：${v.team} @ ${v.site}`,
      start: v.date,
      end: v.end,
      allDay: true,
      link: null,
      words: { form: "touring" as const, team: v.team, site: v.site },
    })),
    ...courses.map((c) => ({
      id: `training-${c.id}`,
      kind: "training" as const,
      title: `培训：${c.topic}（${c.hours} 学时）`,
      start: c.date,
      end: c.date,
      allDay: true,
      link: null,
      words: { form: "training" as const, topic: c.topic, hours: Number(c.hours) },
    })),
  ];
  return events.sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title));
}

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped. */
const text = (s: string) => s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n ");
}
const compactDate = (d: string) => d.replaceAll("-", "");
const compactTime = (iso: string) => `${iso.replace(/[-:]/g, "").slice(0, 15)}Z`;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The calendar as an iCalendar file any calendar application subscribes to. */
export function toIcs(name: string, events: CalendarEvent[], now = new Date()): string {
  const stamp = compactTime(now.toISOString());
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//MedBridge//Outreach calendar//ZH", "CALSCALE:GREGORIAN", `X-WR-CALNAME:${text(name)}`];
  for (const e of events) {
    lines.push("BEGIN:VEVENT", `UID:${e.id}@medbridge`, `DTSTAMP:${stamp}`);
    if (e.allDay) lines.push(`DTSTART;VALUE=DATE:${compactDate(e.start)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(e.end))}`);
    else lines.push(`DTSTART:${compactTime(e.start)}`, `DTEND:${compactTime(e.end)}`);
    lines.push(`SUMMARY:${text(e.title)}`, `CATEGORIES:${e.kind.toUpperCase()}`);
    if (e.link) lines.push(`URL:${e.link}`, `DESCRIPTION:${text(e.link)}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
