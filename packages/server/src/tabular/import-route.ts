import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { DomainError, type Principal } from "@medbridge/core";
import { Type } from "typebox";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { ErrorParamsSchema, errorResponses, FieldErrorSchema } from "../http/schemas.ts";
import { type ImportSpec, runImport } from "./imports.ts";
import { formatOf, readTable, XLSX_TYPE } from "./tabular.ts";

export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const ImportQuery = Type.Object(
  {
    skipInvalid: Type.Boolean({ default: false, description: "Import the valid rows and report the others" }),
    dryRun: Type.Boolean({ default: false, description: "Validate only; write nothing" }),
  },
  { additionalProperties: false },
);

const ImportReport = Type.Object({
  rows: Type.Integer(),
  imported: Type.Integer(),
  skipped: Type.Integer(),
  dryRun: Type.Boolean(),
  errors: Type.Array(
    Type.Object({ line: Type.Integer(), path: Type.String(), code: FieldErrorSchema.properties.code, params: ErrorParamsSchema, message: Type.String() }),
  ),
});

interface ImportRouteOptions<T> {
  url: string;
  /** The route's name in the OpenAPI document (importInstitutions, …). */
  operationId: string;
  summary: string;
  tags: string[];
  spec: ImportSpec<T>;
  authorize: (principal: Principal, inputs: T[]) => void;
}

/** POST a CSV (`text/csv`) or XLSX file as the raw request body; answers the per-row report. */
export function importRoute<T>(db: Db, options: ImportRouteOptions<T>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addContentTypeParser(["text/csv", XLSX_TYPE], { parseAs: "buffer", bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));
    app.post(
      options.url,
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          operationId: options.operationId,
          tags: options.tags,
          summary: options.summary,
          consumes: ["text/csv", XLSX_TYPE],
          querystring: ImportQuery,
          response: { 200: ImportReport, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const format = formatOf(request.headers["content-type"] ?? "");
        if (!format || !Buffer.isBuffer(request.body)) {
          throw new DomainError("unsupported_media_type", `Send the file as text/csv or ${XLSX_TYPE}`, [
            { path: "content-type", code: "unsupported_type", params: { allowed: ["text/csv", "xlsx"] }, message: "must be text/csv or XLSX" },
          ]);
        }
        // Fail fast for roles that may never import, before reading the file.
        options.authorize(principal, []);
        const rows = await readTable(request.body, format, options.spec.aliases);
        return runImport(db, options.spec, rows, actorOf(principal, request.id), {
          skipInvalid: request.query.skipInvalid,
          dryRun: request.query.dryRun,
          principal,
          authorize: options.authorize as (p: Principal, inputs: never[]) => void,
        });
      },
    );
  };
}
