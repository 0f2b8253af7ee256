import type { DocumentReference } from "@medplum/fhirtypes";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { referralAttachments, referrals } from "../db/schema.ts";
import { FHIR_PREFIX } from "./fhir-http.ts";
import { FhirError, issue } from "./outcome.ts";
import { referralScope } from "./referral-map.ts";
import { metaOf, patientReference, referenceTo, requireReferral, uuidValues } from "./referral-records.ts";

import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, dateCondition, pageOf, patientCondition, referenceId, type SearchRequest, searchConditions, token } from "./search.ts";

/**
 * Attachments ← DocumentReference: each file sent with a referral (a report, an ECG, a photo of a
 * film), with the attachment's id. The bytes are not inlined: content.attachment.url is the REST
 * download (/api/v1/referrals/{id}/attachments/{attachmentId}), which takes the same token and is
 * itself the audited read of the file. Access and audit as the REST referral read.
 */

const columns = {
  id: referralAttachments.id,
  referralId: referralAttachments.referralId,
  filename: referralAttachments.filename,
  contentType: referralAttachments.contentType,
  size: referralAttachments.size,
  createdAt: referralAttachments.createdAt,
  patientId: referrals.patientId,
  fromInstitutionId: referrals.fromInstitutionId,
};

const selectDocuments = (db: Db) => db.select(columns).from(referralAttachments).innerJoin(referrals, eq(referrals.id, referralAttachments.referralId));
type Row = Awaited<ReturnType<ReturnType<typeof selectDocuments>["where"]>>[number];

/** The REST download of an attachment on the server the caller reached. */
function downloadUrl(ctx: FhirContext, r: Row): string {
  const origin = ctx.base.endsWith(FHIR_PREFIX) ? ctx.base.slice(0, -FHIR_PREFIX.length) : ctx.base;
  return `${origin}/api/v1/referrals/${r.referralId}/attachments/${r.id}`;
}

function toDocumentReference(ctx: FhirContext, r: Row): DocumentReference {
  const created = new Date(r.createdAt).toISOString();
  const patient = patientReference(r.patientId);
  return {
    resourceType: "DocumentReference",
    id: r.id,
    meta: metaOf(r.createdAt),
    status: "current",
    ...(patient && { subject: patient }),
    date: created,
    author: [referenceTo("Organization", r.fromInstitutionId)],
    content: [{ attachment: { contentType: r.contentType, size: r.size, title: r.filename, creation: created, url: downloadUrl(ctx, r) } }],
    context: { related: [{ reference: `ServiceRequest/${r.referralId}` }] },
  };
}

/** When the element a parameter searches can be absent: how it is there. */
const PRESENT: Record<string, SQL> = {
  patient: sql`${referrals.patientId} is not null`,
  subject: sql`${referrals.patientId} is not null`,
};

function conditions(ctx: FhirContext, search: SearchRequest): Promise<SQL[]> {
  return searchConditions(search, PRESENT, async (name, values, modifier) => {
    switch (name) {
      case "_id":
        return anyOf(uuidValues(values).map((id) => eq(referralAttachments.id, id)));
      case "_lastUpdated":
        return dateCondition(name, referralAttachments.createdAt, values);
      case "date":
        return dateCondition(name, referralAttachments.createdAt, values);
      case "patient":
      case "subject":
        return await patientCondition(ctx.db, referrals.patientId, values);
      case "related":
        return anyOf(values.flatMap((v) => referenceId(v, "ServiceRequest") ?? []).map((id) => eq(referralAttachments.referralId, id)));
      case "status": {
        const current = anyOf(values.map((v) => (token(v).code === "current" ? sql`true` : sql`false`)));
        return modifier === "not" ? sql`not ${current}` : current;
      }
      case "contenttype":
        return anyOf(values.map((v) => eq(referralAttachments.contentType, token(v).code ?? "")));
    }
    return undefined;
  });
}

export const documentReferenceResource: ResourceDef = {
  type: "DocumentReference",
  entity: "referral",
  documentation:
    "A file sent with a referral (PDF, PNG, JPEG), with the attachment's id; content.attachment.url is the REST download " +
    "(/api/v1/referrals/{id}/attachments/{attachmentId}, the same token, audited), no inline data. Reading one is audited like the referral.",
  read: async (ctx, id) => {
    const [row] = await selectDocuments(ctx.db).where(eq(referralAttachments.id, id));
    if (!row) throw new FhirError(404, [issue("not-found", `DocumentReference/${id} not found`)]);
    await requireReferral(ctx, row.referralId);
    await audit(ctx.db, ctx.actor, { action: "read_patient", entity: "referral", entityId: row.referralId });
    return toDocumentReference(ctx, row);
  },
  search: {
    params: [
      { name: "patient", type: "reference", documentation: "The referral's Patient (records merged into it included)" },
      { name: "subject", type: "reference", documentation: "The same as patient" },
      { name: "related", type: "reference", documentation: "The referral's ServiceRequest (context.related)" },
      { name: "status", type: "token", documentation: "current (every attachment is)" },
      { name: "date", type: "date", documentation: "When the file was attached" },
      { name: "contenttype", type: "token", documentation: "application/pdf, image/png or image/jpeg" },
    ],
    run: async (ctx, search) => {
      const where = and(referralScope(ctx.principal), ...(await conditions(ctx, search)));
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        () =>
          selectDocuments(ctx.db)
            .where(where)
            .orderBy(asc(referralAttachments.createdAt), asc(referralAttachments.id))
            .limit(search.count)
            .offset(search.offset),
        () => ctx.db.select({ one: sql`1` }).from(referralAttachments).innerJoin(referrals, eq(referrals.id, referralAttachments.referralId)).where(where),
      );
      return { resources: rows.map((r) => toDocumentReference(ctx, r)), total };
    },
  },
};
