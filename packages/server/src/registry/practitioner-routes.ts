import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { invalid, type Principal, readScope } from "@medbridge/core";
import { requireAccess, requireAccessTo, requireEver } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf } from "../http/schemas.ts";
import { importRoute } from "../tabular/import-route.ts";
import { practitionerImport } from "./practitioner-import.ts";
import {
  createPractitioners,
  getPractitioner,
  institutionRegions,
  listPractitioners,
  PractitionerInput,
  PractitionerListQuery,
  PractitionerPatch,
  PractitionerSchema,
  referenceErrors,
  updatePractitioner,
} from "./practitioners.ts";

const tags = ["registry"];

/** Write access to a practitioner is judged at their home institution. */
async function homeTarget(db: Db, input: { institutionId?: string | undefined; filedSites?: string[] | undefined }) {
  const known = await institutionRegions(db, [...(input.institutionId ? [input.institutionId] : []), ...(input.filedSites ?? [])]);
  const errors = referenceErrors(input, known);
  if (errors.length) throw invalid(errors);
  return input.institutionId ? { regionCode: known.get(input.institutionId) as string, institutionIds: [input.institutionId] } : null;
}

export function practitionerRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/practitioners",
      {
        schema: {
          operationId: "listPractitioners",
          tags,
          summary: "List practitioners in your scope",
          querystring: PractitionerListQuery,
          response: { 200: PageOf(PractitionerSchema), ...errorResponses },
        },
      },
      async (request) => listPractitioners(db, readScope(principalOf(request), "practitioner"), request.query),
    );

    app.get(
      "/practitioners/:id",
      {
        schema: {
          operationId: "getPractitioner",
          tags,
          summary: "One practitioner",
          params: IdParams,
          response: { 200: PractitionerSchema, ...errorResponses },
        },
      },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "practitioner", [request.params.id]);
        return getPractitioner(db, request.params.id);
      },
    );

    app.post(
      "/practitioners",
      {
        schema: {
          operationId: "createPractitioner",
          tags,
          summary: "Register a practitioner",
          body: PractitionerInput,
          response: { 201: PractitionerSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireEver(principal, "write", "practitioner", "You may not register practitioners");
        const target = await homeTarget(db, request.body);
        if (target) requireAccess(principal, "write", "practitioner", [target]);
        const [id] = await inTransaction(db, (tx) => createPractitioners(tx, actorOf(principal, request.id), [request.body]));
        return reply.status(201).send(await getPractitioner(db, id as string));
      },
    );

    app.patch(
      "/practitioners/:id",
      {
        schema: {
          operationId: "updatePractitioner",
          tags,
          summary: "Update or deactivate (active: false) a practitioner",
          params: IdParams,
          body: PractitionerPatch,
          response: { 200: PractitionerSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { id } = request.params;
        await requireAccessTo(db, principal, "write", "practitioner", [id]);
        const target = await homeTarget(db, request.body);
        // Moving someone to another institution needs write access there too.
        if (target) requireAccess(principal, "write", "practitioner", [target]);
        await inTransaction(db, (tx) => updatePractitioner(tx, actorOf(principal, request.id), id, request.body));
        return getPractitioner(db, id);
      },
    );

    await app.register(
      importRoute(db, {
        url: "/practitioners/import",
        operationId: "importPractitioners",
        summary: "Import practitioners from CSV or XLSX (all rows or none, unless skipInvalid)",
        tags,
        spec: practitionerImport,
        authorize: (principal: Principal, inputs) => {
          requireEver(principal, "write", "practitioner", "You may not import practitioners");
          requireAccess(
            principal,
            "write",
            "practitioner",
            inputs.map((i) => ({ regionCode: i.regionCode ?? null, institutionIds: [i.institutionId] })),
          );
        },
      }),
    );
  };
}
