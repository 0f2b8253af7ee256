import { day, type FieldError, techniqueStatus } from "@medbridge/core";
import { and, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { dispatches, furtherStudy, institutions, practitioners, techniques, trainings } from "../db/schema.ts";
import { DateString, StringEnum, Text, Timestamp, Uuid } from "../http/schemas.ts";
import { byNameOrId, cellNumber, type ImportSpec, withoutEmpty } from "../tabular/imports.ts";

export const TrainingInput = Type.Object(
  {
    hostInstitutionId: Uuid,
    topic: Text(120),
    trainer: Text(60),
    date: DateString,
    hours: Type.Integer({ minimum: 1, maximum: 200 }),
    attendees: Type.Optional(
      Type.Array(Type.Object({ institutionId: Uuid, count: Type.Integer({ minimum: 1, maximum: 10_000 }) }, { additionalProperties: false }), {
        maxItems: 200,
      }),
    ),
  },
  { additionalProperties: false },
);

export const FurtherStudyInput = Type.Object(
  {
    traineeName: Text(40),
    homeInstitutionId: Uuid,
    hostInstitutionId: Uuid,
    department: Text(40),
    startDate: DateString,
    endDate: DateString,
    outcome: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

export const TechniqueInput = Type.Object(
  {
    recipientId: Uuid,
    supporterId: Uuid,
    name: Text(120),
    kind: StringEnum(["technique", "specialty"] as const),
    specialty: Text(40),
    launchedOn: DateString,
    fillsProvincialGap: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const MonthlyCasesInput = Type.Object(
  { month: Type.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$" }), cases: Type.Integer({ minimum: 0, maximum: 100_000 }) },
  { additionalProperties: false },
);

/** A training as the API answers it: the stored row. */
export const TrainingSchema = Type.Object({
  id: Uuid,
  hostInstitutionId: Uuid,
  topic: Type.String(),
  trainer: Type.String(),
  date: Type.String(),
  hours: Type.Integer(),
  attendees: Type.Array(Type.Object({ institutionId: Uuid, count: Type.Integer() })),
  regionCode: Type.String(),
  createdAt: Timestamp,
});

/** A further-study placement as the API answers it: the stored row. */
export const FurtherStudySchema = Type.Object({
  id: Uuid,
  traineeName: Type.String(),
  homeInstitutionId: Uuid,
  hostInstitutionId: Uuid,
  department: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  createdAt: Timestamp,
});

/** A technique with whether it outlived its supporters (techniquesOf). */
export const TechniqueSchema = Type.Object({
  id: Uuid,
  recipientId: Uuid,
  supporterId: Uuid,
  name: Type.String(),
  kind: Type.String({ description: "technique | specialty" }),
  specialty: Type.String(),
  launchedOn: Type.String(),
  fillsProvincialGap: Type.Boolean(),
  monthlyCases: Type.Record(Type.String(), Type.Integer(), { description: "YYYY-MM → cases reported" }),
  regionCode: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastSupportLeft: Type.Union([Type.String(), Type.Null()], { description: "When the last supporter of its specialty left; null while one is there" }),
  status: StringEnum(["supported", "sustained", "died", "not_yet_known"] as const),
  checkMonth: Type.Union([Type.String(), Type.Null()], { description: "The month six months after the last supporter left" }),
  asOf: Type.String(),
});

export async function createTraining(db: Db, actor: Actor, input: Static<typeof TrainingInput>, regionCode: string): Promise<string> {
  const [row] = await db
    .insert(trainings)
    .values({ ...input, topic: input.topic.trim(), trainer: input.trainer.trim(), attendees: input.attendees ?? [], regionCode })
    .returning({ id: trainings.id });
  await audit(db, actor, { action: "create", entity: "training", entityId: row?.id ?? null, regionCode, after: { topic: input.topic, date: input.date } });
  return (row as { id: string }).id;
}

export async function createFurtherStudy(db: Db, actor: Actor, input: Static<typeof FurtherStudyInput>, regionCode: string): Promise<string> {
  const [row] = await db
    .insert(furtherStudy)
    .values({ ...input, outcome: input.outcome ?? null, regionCode })
    .returning({ id: furtherStudy.id });
  await audit(db, actor, { action: "create", entity: "further_study", entityId: row?.id ?? null, regionCode, after: { trainee: input.traineeName } });
  return (row as { id: string }).id;
}

export async function createTechnique(db: Db, actor: Actor, input: Static<typeof TechniqueInput>, regionCode: string): Promise<string> {
  const [row] = await db
    .insert(techniques)
    .values({ ...input, fillsProvincialGap: input.fillsProvincialGap ?? false, regionCode })
    .returning({ id: techniques.id });
  await audit(db, actor, { action: "create", entity: "technique", entityId: row?.id ?? null, regionCode, after: { name: input.name } });
  return (row as { id: string }).id;
}

export async function reportCases(db: Db, actor: Actor, id: string, input: Static<typeof MonthlyCasesInput>): Promise<void> {
  const [t] = await db.select().from(techniques).where(eq(techniques.id, id)).for("update");
  if (!t) return;
  await db
    .update(techniques)
    .set({ monthlyCases: { ...t.monthlyCases, [input.month]: input.cases }, updatedAt: new Date() })
    .where(eq(techniques.id, id));
  await audit(db, actor, { action: "report_cases", entity: "technique", entityId: id, regionCode: t.regionCode, after: input });
}

/** The team that cannot be taken away, per recipient: trainings attended, further study, techniques. */
export function trainingsOf(db: Db, institutionId: string) {
  return db
    .select()
    .from(trainings)
    .where(or(eq(trainings.hostInstitutionId, institutionId), sql`${trainings.attendees} @> ${JSON.stringify([{ institutionId }])}::jsonb`))
    .orderBy(desc(trainings.date))
    .limit(500);
}

export function furtherStudyOf(db: Db, institutionId: string) {
  return db
    .select()
    .from(furtherStudy)
    .where(or(eq(furtherStudy.homeInstitutionId, institutionId), eq(furtherStudy.hostInstitutionId, institutionId)))
    .orderBy(desc(furtherStudy.startDate))
    .limit(500);
}

/**
 * Techniques launched at a recipient with their sustainability: the last supporting stay of the
 * same specialty at the recipient (from the rosters) decides when the six months start.
 */
export async function techniquesOf(db: Db, recipientId: string, asOf: string) {
  const rows = await db.select().from(techniques).where(eq(techniques.recipientId, recipientId)).orderBy(desc(techniques.launchedOn));
  const specialties = [...new Set(rows.map((t) => t.specialty))];
  // Every stay at the recipient in these specialties, once; each technique takes those since its launch.
  const stays = specialties.length
    ? await db
        .select({ specialty: practitioners.specialty, end: dispatches.plannedEnd, actualEnd: dispatches.actualEnd })
        .from(dispatches)
        .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
        .where(
          and(
            eq(dispatches.recipientId, recipientId),
            inArray(practitioners.specialty, specialties),
            lte(dispatches.plannedStart, asOf),
            sql`${dispatches.status} <> 'cancelled'`,
          ),
        )
    : [];
  return rows.map((t) => {
    const ends = stays.filter((s) => s.specialty === t.specialty && s.end >= t.launchedOn).map((s) => s.actualEnd ?? s.end);
    const stillThere = ends.some((e) => e >= asOf);
    const lastLeft = stillThere || ends.length === 0 ? null : (ends.sort().at(-1) ?? null);
    const { status, checkMonth } = techniqueStatus({
      lastSupportLeft: lastLeft ? day(lastLeft) : stillThere ? null : day(t.launchedOn),
      monthlyCases: t.monthlyCases,
      asOf: day(asOf),
    });
    return { ...t, lastSupportLeft: lastLeft, status, checkMonth, asOf };
  });
}

/** Training attendance as hospitals keep it: one row per training and institution, with a head count. */
const AttendanceRow = Type.Object(
  {
    training: Text(120),
    date: Type.Optional(DateString),
    institution: Text(120),
    count: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
type AttendanceRow = Static<typeof AttendanceRow> & { trainingId?: string; institutionId?: string };

export const trainingAttendanceImport: ImportSpec<AttendanceRow> = {
  entity: "training",
  aliases: {
    training: "training",
    培训: "training",
    培训主题: "training",
    date: "date",
    日期: "date",
    institution: "institution",
    单位: "institution",
    参训单位: "institution",
    count: "count",
    人数: "count",
    参训人数: "count",
  },
  schema: AttendanceRow,
  toInput: (v) => withoutEmpty({ training: v.training, date: v.date, institution: v.institution, count: v.count && cellNumber(v.count) }),
  check: async (db, inputs) => {
    const names = [...new Set(inputs.map((i) => i.institution))];
    const found = await db
      .select({ id: institutions.id, name: institutions.name })
      .from(institutions)
      .where(byNameOrId(institutions.name, institutions.id, names));
    const refs = [...new Set(inputs.map((i) => i.training))];
    const courses = await db
      .select({ id: trainings.id, topic: trainings.topic, date: trainings.date })
      .from(trainings)
      .where(byNameOrId(trainings.topic, trainings.id, refs));
    const errors = new Map<number, FieldError[]>();
    inputs.forEach((input, index) => {
      const list: FieldError[] = [];
      const course = courses.filter((c) => c.id === input.training || (c.topic === input.training && (!input.date || c.date === input.date)));
      if (course.length !== 1)
        list.push({
          path: "training",
          code: course.length ? "ambiguous" : "not_found",
          params: { entity: "training" },
          message: course.length ? "several trainings have this topic; give the date or the id" : `no training "${input.training}"`,
        });
      else input.trainingId = (course[0] as { id: string }).id;
      const inst = found.filter((f) => f.id === input.institution || f.name === input.institution);
      if (inst.length !== 1)
        list.push({
          path: "institution",
          code: inst.length ? "ambiguous" : "not_found",
          params: { entity: "institution" },
          message: inst.length ? "several institutions have this name; use the id" : `no institution named "${input.institution}"`,
        });
      else input.institutionId = (inst[0] as { id: string }).id;
      if (list.length) errors.set(index, list);
    });
    return errors;
  },
  insert: async (db, actor, inputs) => {
    const byTraining = new Map<string, AttendanceRow[]>();
    for (const i of inputs) byTraining.set(i.trainingId as string, [...(byTraining.get(i.trainingId as string) ?? []), i]);
    for (const [id, rows] of byTraining) {
      const [course] = await db
        .select({ attendees: trainings.attendees, regionCode: trainings.regionCode })
        .from(trainings)
        .where(eq(trainings.id, id))
        .for("update");
      const counts = new Map((course?.attendees ?? []).map((a) => [a.institutionId, a.count]));
      // A row states an institution's head count for the training: a later file corrects an earlier one.
      for (const r of rows) counts.set(r.institutionId as string, r.count);
      const attendees = [...counts].map(([institutionId, count]) => ({ institutionId, count }));
      await db.update(trainings).set({ attendees }).where(eq(trainings.id, id));
      await audit(db, actor, { action: "attendance", entity: "training", entityId: id, regionCode: course?.regionCode ?? null, after: { attendees } });
    }
  },
};
