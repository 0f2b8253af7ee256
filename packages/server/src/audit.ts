import type { Principal } from "@medbridge/core";
import type { Db } from "./db/connection.ts";
import { auditLog } from "./db/schema.ts";

export interface Actor {
  id: string | null;
  name: string;
  requestId: string | null;
}

export function actorOf(principal: Principal, requestId: string | null): Actor {
  return { id: principal.userId, name: principal.username, requestId };
}

/** The command line acts as a named system actor (it runs beside the database, not over HTTP). */
export const CLI_ACTOR: Actor = { id: null, name: "cli", requestId: null };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records a write; call it inside the write's transaction so both land or neither does. */
export async function audit(db: Db, actor: Actor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await auditInsert(db, actor, list);
}

/** The audit insert itself, for a hot path that sends it inside its own statement (a CTE). */
export function auditInsert(db: Db, actor: Actor, list: AuditEntry[]) {
  return db.insert(auditLog).values(
    list.map((e) => ({
      actorId: actor.id,
      actorName: actor.name,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      regionCode: e.regionCode ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      requestId: actor.requestId,
    })),
  );
}
