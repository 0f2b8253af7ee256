import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { figureScope, invalid, notFound, regionPrefix } from "@medbridge/core";
import { eq, sql } from "drizzle-orm";
import { Type } from "typebox";
import { requireAccess, requireAccessTo, requireEver } from "./access.ts";
import { actorOf, audit, auditInsert } from "./audit.ts";
import { principalOf } from "./auth/principal.ts";
import type { Config } from "./config.ts";
import type { Db } from "./db/connection.ts";
import { patients } from "./db/schema.ts";
import { inTransaction } from "./db/transaction.ts";
import { errorResponses, IdParams, RegionCode } from "./http/schemas.ts";
import { findPatientByIdNumber, livePatientId, patientTargets } from "./patient-index.ts";
import { listMerges, MergeInput, MergeSchema, mergePatients, mergeRecords, unmergePatients } from "./patient-merge.ts";
import { PatientPathSchema, patientPath } from "./patient-path.ts";

const tags = ["patients"];

/** Find a person by ID number or local identifier: in the body, never in a URL (URLs reach logs). */
const LookupInput = Type.Object(
  {
    idNumber: Type.Optional(Type.String({ minLength: 18, maxLength: 18, description: "18-character resident ID (GB 11643)" })),
    localId: Type.Optional(Type.String({ minLength: 13, maxLength: 13, pattern: "^MB-[0-9A-HJKMNP-TV-Z]{10}$", description: "MB- and ten characters" })),
  },
  { additionalProperties: false },
);

const PatientSummary = Type.Object({
  id: Type.String({ format: "uuid" }),
  localId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  sex: Type.String(),
  birthDate: Type.String(),
  idNumber: Type.Union([Type.String({ description: "Masked" }), Type.Null()]),
  homeCounty: Type.Union([Type.String(), Type.Null()]),
  /** How many institutions have treated the person — referrals, registers, consultations (the path, to a clinician, shows which). */
  institutions: Type.Integer(),
});

const PatientCounts = Type.Object({
  regionCode: Type.Union([Type.String(), Type.Null()]),
  /** People with a record at an institution of the region. */
  patients: Type.Integer(),
  /** Of them, people treated at two institutions or more (a path across institutions). */
  acrossInstitutions: Type.Integer(),
  /** Of them, people without an ID card (a local identifier). */
  localIdentifiers: Type.Integer(),
});

const MergeParams = Type.Object({ mergeId: Type.String({ format: "uuid" }) });

/**
 * The patient index over HTTP: lookup, a person's path across institutions (clinicians who treated
 * them, every read audited), merging duplicate records (coordinators, reversible), and counts for
 * officials, who never see a person.
 */
export function patientRoutes({ db, config }: { db: Db; config: Config }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      "/patients/lookup",
      {
        schema: {
          operationId: "lookupPatient",
          tags,
          summary: "Find a patient your institution has treated, by ID number or local identifier (audited)",
          body: LookupInput,
          response: { 200: PatientSummary, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { idNumber, localId } = request.body;
        if ((idNumber === undefined) === (localId === undefined))
          throw invalid([{ path: "idNumber", code: "one_of", params: { fields: ["idNumber", "localId"] }, message: "give either idNumber or localId" }]);
        let id: string | null;
        if (idNumber) id = await findPatientByIdNumber(db, config.indexKey, idNumber);
        else {
          const [row] = await db.select({ id: patients.id }).from(patients).where(sql`${patients.localId} = ${localId}`);
          id = row ? await livePatientId(db, row.id) : null;
        }
        if (!id) throw notFound("patient");
        // A person the caller's institution never treated is not theirs to find (404, like a read out of scope).
        const target = (await patientTargets(db, [id])).get(id);
        if (!target) throw notFound("patient");
        requireAccess(principal, "read", "patient", [target]);
        // The audit entry rides in the statement that reads the person: one round trip, both or neither.
        const audited = db.$with("audited").as(auditInsert(db, actorOf(principal, request.id), [{ action: "lookup", entity: "patient", entityId: id }]));
        const [row] = await db.with(audited).select().from(patients).where(eq(patients.id, id));
        if (!row) throw notFound("patient");
        return {
          id: row.id,
          localId: row.localId,
          name: row.name,
          sex: row.sex,
          birthDate: row.birthDate,
          idNumber: row.idMasked,
          homeCounty: row.homeCounty,
          institutions: target.institutionIds.length,
        };
      },
    );

    app.get(
      "/patients/counts",
      {
        schema: {
          operationId: "countPatients",
          tags,
          summary: "How many people the index holds in a region (officials: counts, never persons)",
          querystring: Type.Object({ regionCode: Type.Optional(RegionCode) }, { additionalProperties: false }),
          response: { 200: PatientCounts, ...errorResponses },
        },
      },
      async (request) => {
        const scope = figureScope(principalOf(request), "count", request.query.regionCode);
        return counts(db, scope);
      },
    );

    app.get(
      "/patients/:id/path",
      {
        schema: {
          operationId: "getPatientPath",
          tags,
          summary: "The patient's path across institutions: referrals, stays, register visits, consultations (audited)",
          params: IdParams,
          response: { 200: PatientPathSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "patient_path", [request.params.id]);
        return inTransaction(db, async (tx) => {
          await audit(tx, actorOf(principal, request.id), { action: "read_path", entity: "patient", entityId: request.params.id });
          return patientPath(tx, request.params.id);
        });
      },
    );

    app.get(
      "/patients/:id/merges",
      {
        schema: {
          operationId: "listPatientMerges",
          tags,
          summary: "The merges this record took part in, newest first",
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(MergeSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "patient", [request.params.id]);
        return { items: await listMerges(db, request.params.id) };
      },
    );

    app.post(
      "/patients/:id/merge",
      {
        schema: {
          operationId: "mergePatient",
          tags,
          summary: "Merge this record into another record of the same person (coordinators of an institution that treated both)",
          params: IdParams,
          body: MergeInput,
          response: { 201: MergeSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireEver(principal, "write", "patient", "Coordinators merge patient records");
        await requireAccessTo(db, principal, "write", "patient", [request.params.id, request.body.targetId]);
        const merge = await inTransaction(db, (tx) => mergePatients(tx, actorOf(principal, request.id), request.params.id, request.body));
        return reply.status(201).send(merge);
      },
    );

    app.post(
      "/patient-merges/:mergeId/undo",
      {
        schema: {
          operationId: "undoPatientMerge",
          tags,
          summary: "Undo a merge: the merged record stands on its own again, with all its rows",
          params: MergeParams,
          response: { 200: MergeSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const merge = await mergeRecords(db, request.params.mergeId);
        if (!merge) throw notFound("merge");
        await requireAccessTo(db, principal, "write", "patient", [merge.sourceId, merge.targetId]);
        return inTransaction(db, (tx) => unmergePatients(tx, actorOf(principal, request.id), request.params.mergeId));
      },
    );
  };
}

/** Counts by the region of the institutions that hold the records (or one institution's own). */
async function counts(db: Db, scope: { regionCode?: string | undefined; institutionId?: string }) {
  const where = scope.institutionId
    ? sql`i.id = ${scope.institutionId}::uuid`
    : scope.regionCode
      ? sql`i.region_code like ${`${regionPrefix(scope.regionCode)}%`}`
      : sql`true`;
  // The institutions first, so a county's count reads that county's rows through the indexes.
  const [row] = (
    (await db.execute(sql`
      with inst as (select i.id from institutions i where ${where}),
      here as (
        select patient_id from referrals where patient_id is not null and from_institution_id in (select id from inst)
        union select patient_id from referrals where patient_id is not null and to_institution_id in (select id from inst)
        union select patient_id from chronic_patients where patient_id is not null and institution_id in (select id from inst))
      select (select count(*)::int from here) as patients,
             (select count(*)::int from here h where (
                select count(*) from (
                  select from_institution_id from referrals where patient_id = h.patient_id
                  union select to_institution_id from referrals where patient_id = h.patient_id
                  union select institution_id from chronic_patients where patient_id = h.patient_id) x) > 1) as across,
             (select count(*)::int from here h join patients p on p.id = h.patient_id where p.local_id is not null) as local`)) as unknown as {
      rows: { patients: number; across: number; local: number }[];
    }
  ).rows;
  return {
    regionCode: scope.regionCode ?? null,
    patients: row?.patients ?? 0,
    acrossInstitutions: row?.across ?? 0,
    localIdentifiers: row?.local ?? 0,
  };
}
