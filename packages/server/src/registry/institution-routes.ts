import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { allows, invalid, readScope } from "@medbridge/core";
import { requireAccess, requireAccessTo, requireEver } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf } from "../http/schemas.ts";
import { importRoute } from "../tabular/import-route.ts";
import { institutionImport } from "./institution-import.ts";
import {
  Assessment,
  assertNameFree,
  COMMISSION_FIELDS,
  checkInstitutionRegions,
  createInstitutions,
  getInstitution,
  InstitutionInput,
  InstitutionListQuery,
  InstitutionPatch,
  InstitutionSchema,
  LocationInput,
  LocationSchema,
  listInstitutions,
  setAssessment,
  setInstitutionLocation,
  updateInstitution,
} from "./institutions.ts";

const tags = ["registry"];

export function institutionRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/institutions",
      {
        schema: {
          operationId: "listInstitutions",
          tags,
          summary: "List institutions (search, filter, sort, paginate)",
          querystring: InstitutionListQuery,
          response: { 200: PageOf(InstitutionSchema), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return listInstitutions(db, readScope(principal, "institution"), request.query);
      },
    );

    app.get(
      "/institutions/:id",
      {
        schema: {
          operationId: "getInstitution",
          tags,
          summary: "One institution, with its capability assessments when you may see them",
          params: IdParams,
          response: { 200: InstitutionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "read", "institution", [request.params.id]);
        const institution = await getInstitution(db, request.params.id, false);
        const seesAssessments = allows(principal, "read", "assessment", { regionCode: institution.regionCode, institutionIds: [institution.id] });
        return seesAssessments ? getInstitution(db, request.params.id, true) : institution;
      },
    );

    app.post(
      "/institutions",
      {
        schema: {
          operationId: "createInstitution",
          tags,
          summary: "Create an institution",
          body: InstitutionInput,
          response: { 201: InstitutionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const input = request.body;
        // A code that names no county is a field error, whoever asks; only then is scope judged.
        await rejectRegionErrors(db, input.regionCode);
        requireAccess(principal, "write", "institution", [{ regionCode: input.regionCode, institutionIds: [] }]);
        const id = await inTransaction(db, async (tx) => {
          await assertNameFree(tx, input.regionCode, input.name);
          const [created] = await createInstitutions(tx, actorOf(principal, request.id), [input]);
          return created as string;
        });
        return reply.status(201).send(await getInstitution(db, id, false));
      },
    );

    app.patch(
      "/institutions/:id",
      {
        schema: {
          operationId: "updateInstitution",
          tags,
          summary: "Update or deactivate (active: false) an institution",
          params: IdParams,
          body: InstitutionPatch,
          response: { 200: InstitutionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        const patch = request.body;
        await requireAccessTo(db, principal, "write", "institution", [id]);
        const field = COMMISSION_FIELDS.find((f) => f in patch);
        if (field) await requireAccessTo(db, principal, "write", "institution_standing", [id], `Only the health commission may change ${field}`);
        if (patch.regionCode) {
          await rejectRegionErrors(db, patch.regionCode);
          // Moving an institution needs write access at the destination as well.
          requireAccess(principal, "write", "institution", [{ regionCode: patch.regionCode, institutionIds: [id] }]);
        }
        await inTransaction(db, async (tx) => {
          const current = await getInstitution(tx, id, false);
          if (patch.name || patch.regionCode) await assertNameFree(tx, patch.regionCode ?? current.regionCode, patch.name ?? current.name, id);
          await updateInstitution(tx, actorOf(principal, request.id), id, patch);
        });
        return getInstitution(db, id, false);
      },
    );

    app.put(
      "/institutions/:id/location",
      {
        schema: {
          operationId: "setInstitutionLocation",
          tags,
          summary: "Set where the institution is on the map (its coordinator); check-ins are judged against it",
          params: IdParams,
          body: LocationInput,
          response: { 200: LocationSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        await requireAccessTo(db, principal, "write", "institution", [id]);
        return inTransaction(db, (tx) => setInstitutionLocation(tx, actorOf(principal, request.id), id, request.body));
      },
    );

    app.put(
      "/institutions/:id/assessments",
      {
        schema: {
          operationId: "setInstitutionAssessment",
          tags,
          summary: "Record a county hospital's capability assessment for a year",
          params: IdParams,
          body: Assessment,
          response: { 200: InstitutionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "assessment", [request.params.id]);
        await inTransaction(db, (tx) => setAssessment(tx, actorOf(principal, request.id), request.params.id, request.body.year, request.body.level));
        return getInstitution(db, request.params.id, true);
      },
    );

    await app.register(
      importRoute(db, {
        url: "/institutions/import",
        operationId: "importInstitutions",
        summary: "Import institutions from CSV or XLSX (all rows or none, unless skipInvalid)",
        tags,
        spec: institutionImport,
        authorize: (principal, inputs) => {
          requireEver(principal, "write", "institution_standing", "Only the health commission may import institutions");
          requireAccess(
            principal,
            "write",
            "institution",
            inputs.map((i) => ({ regionCode: i.regionCode, institutionIds: [] })),
          );
        },
      }),
    );
  };
}

async function rejectRegionErrors(db: Db, regionCode: string): Promise<void> {
  const errors = (await checkInstitutionRegions(db, [{ regionCode }])).get(0);
  if (errors) throw invalid(errors);
}
