import { notFound } from "@medbridge/core";
import { type SQL, sql } from "drizzle-orm";
import { Type } from "typebox";
import type { Db } from "../db/connection.ts";

/**
 * Confirmed work of the stationed staff (issue 16): what the recipient has confirmed in the work
 * log, summed one way everywhere — the indicators (monitoring/indicator-sources.ts), the supporter
 * ranking, the service credit certificate and an agreement's totals. Only lines with status
 * confirmed count; recorded and disputed lines never do. Each fragment reads work_log_entries as `w`.
 */
export const CONFIRMED = sql`w.status = 'confirmed'`;
/** Patients seen in outpatient sessions. */
export const OUTPATIENT_VISITS = sql`coalesce(sum(w.patients) filter (where w.kind = 'outpatient'), 0)`;
/** Operations (lead or assistant), one per line. */
export const OPERATIONS = sql`count(*) filter (where w.kind = 'operation')`;
/** Minutes of teaching and lectures (a line without a length adds nothing). */
export const TEACHING_MINUTES = sql`coalesce(sum(w.minutes) filter (where w.kind = 'teaching'), 0)`;
/** Person-times trained on site: attendees of teaching lines plus the staff mentored (带教) on any line. */
export const PEOPLE_TRAINED = sql`(coalesce(sum(w.attendees) filter (where w.kind = 'teaching'), 0) + coalesce(sum(w.mentees), 0))`;

/** The four totals as one select list (with the number of confirmed lines). */
export const TOTAL_COLUMNS = sql`${OUTPATIENT_VISITS}::int as outpatient_visits, (${OPERATIONS})::int as operations,
  ${TEACHING_MINUTES}::int as teaching_minutes, ${PEOPLE_TRAINED}::int as people_trained, count(*)::int as lines`;

export interface WorkTotals {
  outpatientVisits: number;
  operations: number;
  /** Teaching minutes / 60, to one decimal. */
  teachingHours: number;
  peopleTrained: number;
  /** Confirmed lines counted. */
  lines: number;
}
export const WorkTotalsSchema = Type.Object(
  {
    outpatientVisits: Type.Integer({ description: "Patients seen in confirmed outpatient sessions" }),
    operations: Type.Integer({ description: "Confirmed operations (lead or assistant)" }),
    teachingHours: Type.Number({ description: "Minutes of confirmed teaching / 60, one decimal" }),
    peopleTrained: Type.Integer({ description: "Attendees of confirmed teaching plus people mentored (带教) on confirmed lines" }),
    lines: Type.Integer({ description: "Confirmed work-log lines counted" }),
  },
  { description: "Confirmed work only: lines the recipient has confirmed (recorded or disputed lines are not counted)" },
);

export type TotalsRow = { outpatient_visits: number; operations: number; teaching_minutes: number; people_trained: number; lines: number };
export const EMPTY_TOTALS: WorkTotals = { outpatientVisits: 0, operations: 0, teachingHours: 0, peopleTrained: 0, lines: 0 };

/** A row of TOTAL_COLUMNS as totals (no row: zeros). */
export function totalsOf(row: TotalsRow | undefined): WorkTotals {
  if (!row) return { ...EMPTY_TOTALS };
  return {
    outpatientVisits: Number(row.outpatient_visits),
    operations: Number(row.operations),
    teachingHours: Math.round(Number(row.teaching_minutes) / 6) / 10,
    peopleTrained: Number(row.people_trained),
    lines: Number(row.lines),
  };
}

/** Confirmed totals of the lines `where` selects (about `w`), grouped by `by` (a column of `w`) or as one row. */
export async function confirmedTotals(db: Db, where: SQL, by?: SQL): Promise<(TotalsRow & { key: string | null })[]> {
  const key = by ?? sql`null::text`;
  return (
    (await db.execute(sql`select ${key} as key, ${TOTAL_COLUMNS} from work_log_entries w where ${CONFIRMED} and ${where}
      ${by ? sql`group by 1 order by 1` : sql``}`)) as unknown as { rows: (TotalsRow & { key: string | null })[] }
  ).rows;
}

export const AgreementWorkTotalsSchema = Type.Object({
  agreementId: Type.String(),
  from: Type.Union([Type.String(), Type.Null()], { description: "First month counted (YYYY-MM), null: from the start" }),
  to: Type.Union([Type.String(), Type.Null()], { description: "Last month counted (YYYY-MM), null: up to now" }),
  total: WorkTotalsSchema,
  months: Type.Array(Type.Object({ month: Type.String(), ...WorkTotalsSchema.properties })),
  people: Type.Array(
    Type.Object({
      practitionerId: Type.String(),
      practitionerName: Type.String(),
      supporterId: Type.String(),
      supporterName: Type.String(),
      ...WorkTotalsSchema.properties,
    }),
  ),
});

/**
 * An agreement's confirmed work, per month and per stationed person (with the supporting hospital
 * they come from), in the months from–to (YYYY-MM, both optional).
 */
export async function agreementWorkTotals(db: Db, agreementId: string, from?: string, to?: string) {
  const exists = (await db.execute(sql`select 1 from agreements where id = ${agreementId}`)) as unknown as { rows: unknown[] };
  if (exists.rows.length === 0) throw notFound("agreement");
  const where = sql`w.agreement_id = ${agreementId}
    ${from ? sql`and w.date >= ${`${from}-01`}::date` : sql``}
    ${to ? sql`and w.date < (${`${to}-01`}::date + interval '1 month')` : sql``}`;
  const [total] = await confirmedTotals(db, where);
  const months = await confirmedTotals(db, where, sql`to_char(w.date, 'YYYY-MM')`);
  const people = (
    (await db.execute(sql`select w.practitioner_id as key, p.name as practitioner_name, i.id as supporter_id, i.name as supporter_name, ${TOTAL_COLUMNS}
      from work_log_entries w join practitioners p on p.id = w.practitioner_id join institutions i on i.id = p.institution_id
      where ${CONFIRMED} and ${where} group by w.practitioner_id, p.name, i.id, i.name order by p.name, w.practitioner_id`)) as unknown as {
      rows: (TotalsRow & { key: string; practitioner_name: string; supporter_id: string; supporter_name: string })[];
    }
  ).rows;
  return {
    agreementId,
    from: from ?? null,
    to: to ?? null,
    total: totalsOf(total),
    months: months.map((m) => ({ month: m.key as string, ...totalsOf(m) })),
    people: people.map((p) => ({
      practitionerId: p.key,
      practitionerName: p.practitioner_name,
      supporterId: p.supporter_id,
      supporterName: p.supporter_name,
      ...totalsOf(p),
    })),
  };
}
