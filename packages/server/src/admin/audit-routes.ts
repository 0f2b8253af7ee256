import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { readScope } from "@medbridge/core";
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { Type } from "typebox";
import { requireEver, scopeCondition } from "../access.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { auditLog } from "../db/schema.ts";
import { DateString, errorResponses, PageOf, PageQuery } from "../http/schemas.ts";

const AuditQuery = Type.Object(
  {
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
    entity: Type.Optional(Type.String({ maxLength: 40 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    actor: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.String({ maxLength: 40 })),
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
  },
  { additionalProperties: false },
);

/**
 * The fields of the record as they were (before) or became (after): any of the audited entity's.
 * The column is jsonb (unknown to the compiler); audit() is given an object or nothing.
 */
const Snapshot = Type.Unsafe<unknown>(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]));

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorName: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  before: Snapshot,
  after: Snapshot,
  requestId: Type.Union([Type.String(), Type.Null()]),
});

export function auditRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/audit",
      {
        schema: {
          operationId: "listAuditEntries",
          tags: ["admin"],
          summary: "The audit log of writes in your scope, newest first",
          querystring: AuditQuery,
          response: { 200: PageOf(AuditEntry), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireEver(principal, "read", "audit", "Only administrators and health officials read the audit log");
        const q = request.query;
        const where: (SQL | undefined)[] = [scopeCondition(readScope(principal, "audit"), { region: auditLog.regionCode })];
        if (q.entity) where.push(eq(auditLog.entity, q.entity));
        if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
        if (q.actor) where.push(eq(auditLog.actorName, q.actor));
        if (q.action) where.push(eq(auditLog.action, q.action));
        if (q.from) where.push(gte(auditLog.at, new Date(`${q.from}T00:00:00Z`)));
        if (q.to) where.push(lt(auditLog.at, new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000)));
        const condition = and(...where);
        const result = await paged(
          q.page,
          q.pageSize,
          db
            .select()
            .from(auditLog)
            .where(condition)
            .orderBy(desc(auditLog.id))
            .limit(q.pageSize)
            .offset((q.page - 1) * q.pageSize),
          () => db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(condition),
        );
        return { ...result, items: result.items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
      },
    );
  };
}
