import { randomBytes } from "node:crypto";
import { DomainError, type Principal, type Role, readScope } from "@medbridge/core";
import type { OperationOutcomeIssue, Subscription } from "@medplum/fhirtypes";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { requireAccess, requireAccessTo, scopeCondition } from "../access.ts";
import { audit } from "../audit.ts";
import type { Config } from "../config.ts";
import { decrypt, encrypt } from "../crypto.ts";
import type { Db } from "../db/connection.ts";
import { fhirSubscriptions, institutions, users } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { FULL_PAYLOAD, type RenderResource } from "../notify/webhook-delivery.ts";
import { RefusedTarget, resolveTarget, webhookPolicy } from "../notify/webhook-target.ts";
import { CANONICAL_BASE } from "./code-systems.ts";
import { FhirError, invalidResource, issue } from "./outcome.ts";
import { statusesOf, TASK_STATUS } from "./referral-map.ts";
import type { FhirContext, ResourceDef } from "./resource-def.ts";
import { anyOf, dateCondition, isUuid, pageOf, referenceId, type SearchRequest, token } from "./search.ts";
import { taskOf } from "./task.ts";

/**
 * R4 Subscription (http://hl7.org/fhir/R4/subscription.html), rest-hook on Task: a hospital system
 * hears of its referrals' changes. The criteria name the caller's own institution as the Task's
 * owner (referrals it receives) and/or requester (referrals it sends), optionally some statuses;
 * the floor (notify/subscriptions.ts) queues a delivery at each matching change and the webhook
 * sender delivers it — signed with the subscription's key, retried with backoff, the subscription
 * turned to `error` when the retries are spent.
 */

/** The key deliveries are signed with (x-medbridge-signature: sha256=HMAC(key, body)): given by the client, or made and shown once. */
export const SUBSCRIPTION_SECRET_EXTENSION = `${CANONICAL_BASE}/StructureDefinition/subscription-secret`;

/** Headers MedBridge sets itself (or the connection owns): a subscriber's channel.header may not replace them. */
const RESERVED_HEADER = /^(host|content-length|content-type|transfer-encoding|connection|user-agent|x-medbridge-.*)$/i;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}):[ \t]*([^\r\n]{1,2000})$/;
const MAX_HEADERS = 10;

type Row = typeof fhirSubscriptions.$inferSelect;

/** What a criteria string filters on: the referral's sides and, when given, its MedBridge statuses. */
interface Filter {
  owner: string | null;
  requester: string | null;
  statuses: string[] | null;
}

/**
 * Reads `Task?owner=Organization/<id>&requester=Organization/<id>&status=a,b`: only the caller's
 * own institution as owner and/or requester, statuses of Task. Anything else is refused naming
 * Subscription.criteria (a subscription must never reach another institution's referrals).
 */
function parseCriteria(criteria: string, institutionId: string): { filter: Filter } | { problem: string } {
  const [type, query, ...rest] = criteria.split("?");
  if (type !== "Task" || query === undefined || rest.length)
    return { problem: "criteria must be a Task search: Task?owner=Organization/<your institution id>" };
  const filter: Filter = { owner: null, requester: null, statuses: null };
  const seen = new Set<string>();
  for (const part of query.split("&")) {
    const equals = part.indexOf("=");
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(equals === -1 ? part : part.slice(0, equals));
      value = equals === -1 ? "" : decodeURIComponent(part.slice(equals + 1));
    } catch {
      return { problem: "criteria is not a well-formed query string" };
    }
    if (seen.has(name)) return { problem: `criteria names ${name} twice` };
    seen.add(name);
    if (!value) return { problem: `criteria parameter ${name || "(empty)"} needs a value` };
    if (name === "owner" || name === "requester") {
      const id = referenceId(value, "Organization");
      if (!value.includes("Organization/") || id !== institutionId) {
        return { problem: `${name} must be Organization/${institutionId} (your own institution): a subscription hears only of its institution's referrals` };
      }
      filter[name] = id;
    } else if (name === "status") {
      const codes = value.split(",");
      const unknown = codes.filter((c) => statusesOf(TASK_STATUS, [c]).length === 0);
      if (unknown.length)
        return { problem: `status ${unknown.join(", ")} is not a status a MedBridge Task takes (${[...new Set(Object.values(TASK_STATUS))].join(", ")})` };
      filter.statuses = statusesOf(TASK_STATUS, codes);
    } else {
      return { problem: `criteria may only filter on owner, requester and status (not ${name})` };
    }
  }
  if (!filter.owner && !filter.requester)
    return { problem: "criteria must name your institution as owner (referrals it receives) or requester (referrals it sends)" };
  return { filter };
}

const text = (value: unknown, max: number) => (typeof value === "string" && value.trim() && value.length <= max ? value.trim() : null);

interface Checked {
  criteria: string;
  reason: string;
  filter: Filter;
  endpoint: string;
  payload: string;
  headers: string[];
  secret: string | null;
}

/** Every element of the body at fault, each named, or the subscription as it will be stored. */
async function check(ctx: FhirContext, body: Record<string, unknown>, institutionId: string): Promise<Checked> {
  const issues: OperationOutcomeIssue[] = [];
  const bad = (expression: string, diagnostics: string, code: OperationOutcomeIssue["code"] = "value") => issues.push(issue(code, diagnostics, expression));
  if (body.status !== "requested" && body.status !== "active") bad("Subscription.status", "a new subscription is sent with status requested", "business-rule");
  const reason = text(body.reason, 1000);
  if (!reason) bad("Subscription.reason", "reason is required (why the system subscribes), at most 1000 characters", "required");
  if (body.end !== undefined) bad("Subscription.end", "an end is not supported: delete the subscription when it is no longer wanted", "not-supported");
  const criteria = text(body.criteria, 1000);
  let filter: Filter | null = null;
  if (!criteria) bad("Subscription.criteria", "criteria is required, e.g. Task?owner=Organization/<your institution id>", "required");
  else {
    const parsed = parseCriteria(criteria, institutionId);
    if ("problem" in parsed) bad("Subscription.criteria", parsed.problem, "not-supported");
    else filter = parsed.filter;
  }
  const channel = body.channel;
  let endpoint: string | null = null;
  let payload = "";
  const headers: string[] = [];
  if (channel === null || typeof channel !== "object" || Array.isArray(channel)) bad("Subscription.channel", "channel is required", "required");
  else {
    const c = channel as Record<string, unknown>;
    if (c.type !== "rest-hook") bad("Subscription.channel.type", "only rest-hook channels are served", "not-supported");
    endpoint = text(c.endpoint, 2000);
    if (!endpoint) bad("Subscription.channel.endpoint", "endpoint is required (the URL deliveries go to)", "required");
    else {
      // The same check as an institution's webhook, and again at each delivery (what a name resolves to can change).
      try {
        await resolveTarget(endpoint, webhookPolicy(ctx.config));
      } catch (error) {
        if (!(error instanceof RefusedTarget)) throw error;
        bad("Subscription.channel.endpoint", error.message);
      }
    }
    if (c.payload !== undefined && c.payload !== FULL_PAYLOAD)
      bad(
        "Subscription.channel.payload",
        `payload is either absent (a ping: an empty POST) or ${FULL_PAYLOAD} (the Task, PUT to <endpoint>/Task/<id>)`,
        "not-supported",
      );
    else payload = (c.payload as string | undefined) ?? "";
    if (c.header !== undefined) {
      if (!Array.isArray(c.header) || c.header.length > MAX_HEADERS)
        bad("Subscription.channel.header", `header is a list of at most ${MAX_HEADERS} lines`, "structure");
      else
        c.header.forEach((line: unknown, i) => {
          const match = typeof line === "string" ? HEADER_LINE.exec(line) : null;
          if (!match) bad(`Subscription.channel.header[${i}]`, "a header is one line, Name: value");
          else if (RESERVED_HEADER.test(match[1] as string))
            bad(`Subscription.channel.header[${i}]`, `${match[1]} is set by MedBridge itself`, "business-rule");
          else headers.push(`${match[1]}: ${match[2]}`);
        });
    }
  }
  let secret: string | null = null;
  const extensions = Array.isArray(body.extension) ? (body.extension as { url?: unknown; valueString?: unknown }[]) : [];
  extensions.forEach((e, i) => {
    if (e?.url !== SUBSCRIPTION_SECRET_EXTENSION) return;
    secret = typeof e.valueString === "string" && e.valueString.length >= 16 && e.valueString.length <= 200 ? e.valueString : null;
    if (!secret) bad(`Subscription.extension[${i}]`, "the signing key (valueString) is 16 to 200 characters");
  });
  if (issues.length) throw invalidResource(issues);
  return { criteria: criteria as string, reason: reason as string, filter: filter as Filter, endpoint: endpoint as string, payload, headers, secret };
}

/**
 * The stored subscription as R4 shows it. Header values are credentials: read back, a header shows
 * its name only. The signing key is shown once, in the answer that made it (`secret`).
 */
function toSubscription(row: Row, key: Buffer, secret?: string): Subscription {
  const headers = row.headersCipher ? (JSON.parse(decrypt(key, row.headersCipher)) as string[]) : [];
  return {
    resourceType: "Subscription",
    id: row.id,
    meta: { versionId: String(row.updatedAt.getTime()), lastUpdated: row.updatedAt.toISOString() },
    ...(secret && { extension: [{ url: SUBSCRIPTION_SECRET_EXTENSION, valueString: secret }] }),
    status: row.status as Subscription["status"],
    reason: row.reason,
    criteria: row.criteria,
    ...(row.error && { error: row.error }),
    channel: {
      type: "rest-hook",
      endpoint: row.endpoint,
      ...(row.payload && { payload: row.payload }),
      ...(headers.length && { header: headers.map((h) => `${h.slice(0, h.indexOf(":"))}: ***`) }),
    },
  };
}

/** The caller's view: their institution's subscriptions (the national admin's: all, for support). */
function visible(principal: Principal): SQL | undefined {
  return scopeCondition(readScope(principal, "webhook"), { region: institutions.regionCode, institution: fhirSubscriptions.institutionId });
}

async function visibleRow(ctx: FhirContext, id: string): Promise<Row> {
  const [found] = await ctx.db
    .select({ s: fhirSubscriptions })
    .from(fhirSubscriptions)
    .innerJoin(institutions, eq(institutions.id, fhirSubscriptions.institutionId))
    .where(and(eq(fhirSubscriptions.id, id), visible(ctx.principal)));
  if (!found) throw new FhirError(404, [issue("not-found", `Subscription/${id} not found`)]);
  return found.s;
}

/** A LIKE pattern matching `text` literally. */
const literal = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(search: SearchRequest): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      switch (name) {
        case "_id": {
          const ids = values.filter(isUuid).map((v) => v.toLowerCase());
          where.push(ids.length ? inArray(fhirSubscriptions.id, ids) : sql`false`);
          break;
        }
        case "_lastUpdated":
          where.push(dateCondition(name, fhirSubscriptions.updatedAt, values));
          break;
        case "status": {
          const parts = values.map((v) => eq(fhirSubscriptions.status, token(v).code ?? ""));
          where.push(modifier === "not" ? sql`not ${anyOf(parts)}` : anyOf(parts));
          break;
        }
        case "type": {
          // Every subscription here is a rest-hook.
          const matches = values.some((v) => token(v).code === "rest-hook");
          where.push(sql.raw(matches !== (modifier === "not") ? "true" : "false"));
          break;
        }
        case "url":
          where.push(
            anyOf(values.map((v) => (modifier === "below" ? sql`${fhirSubscriptions.endpoint} like ${`${literal(v)}%`}` : eq(fhirSubscriptions.endpoint, v)))),
          );
          break;
        case "criteria":
          where.push(
            anyOf(
              values.map((v) =>
                modifier === "exact"
                  ? eq(fhirSubscriptions.criteria, v)
                  : sql`lower(${fhirSubscriptions.criteria}) like ${modifier === "contains" ? `%${literal(v.toLowerCase())}%` : `${literal(v.toLowerCase())}%`}`,
              ),
            ),
          );
          break;
      }
    }
  }
  return where;
}

/** The caller's institution, which owns what it subscribes (an account without one cannot subscribe). */
function ownInstitution(principal: Principal): string {
  if (!principal.institutionId)
    throw new FhirError(403, [issue("forbidden", "A subscription belongs to an institution: use an account (or token) of the institution it is for")]);
  requireAccess(
    principal,
    "write",
    "webhook",
    [{ regionCode: null, institutionIds: [principal.institutionId] }],
    "Only the institution's coordinator subscribes",
  );
  return principal.institutionId;
}

export const subscriptionResource: ResourceDef = {
  type: "Subscription",
  entity: "webhook",
  documentation:
    "A hospital system's rest-hook on its referrals' Tasks: criteria Task?owner=Organization/<own id> and/or requester=Organization/<own id> [&status=…]; " +
    "each change of a matching referral is delivered — an empty POST (no payload) or PUT <endpoint>/Task/<id> (payload application/fhir+json) — " +
    "signed (x-medbridge-signature: sha256=HMAC of the body under the subscription-secret extension's key), retried 8 times with backoff, then status error.",
  create: async (ctx, body) => {
    const institutionId = ownInstitution(ctx.principal);
    const checked = await check(ctx, body as Record<string, unknown>, institutionId);
    const made = checked.secret ? null : randomBytes(32).toString("base64url");
    const now = ctx.now();
    const key = ctx.config.dataKey;
    const row = await inTransaction(ctx.db, async (tx) => {
      const [inserted] = await tx
        .insert(fhirSubscriptions)
        .values({
          institutionId,
          createdBy: ctx.principal.userId,
          criteria: checked.criteria,
          reason: checked.reason,
          filterOwner: checked.filter.owner,
          filterRequester: checked.filter.requester,
          filterStatuses: checked.filter.statuses,
          endpoint: checked.endpoint,
          headersCipher: checked.headers.length ? encrypt(key, JSON.stringify(checked.headers)) : null,
          secretCipher: encrypt(key, checked.secret ?? (made as string)),
          payload: checked.payload,
          status: "active",
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const stored = inserted as Row;
      await audit(tx, ctx.actor, {
        action: "set_webhook",
        entity: "institution",
        entityId: institutionId,
        after: { subscription: stored.id, criteria: stored.criteria, endpoint: stored.endpoint, status: "active" },
      });
      return stored;
    });
    return toSubscription(row, key, made ?? undefined);
  },
  read: async (ctx, id) => toSubscription(await visibleRow(ctx, id), ctx.config.dataKey),
  search: {
    params: [
      { name: "status", type: "token", documentation: "requested, active, error or off" },
      { name: "type", type: "token", documentation: "The channel type (always rest-hook here)" },
      { name: "url", type: "uri", documentation: "The channel's endpoint (:below for a prefix)" },
      { name: "criteria", type: "string", documentation: "The criteria as sent (starts with; :exact, :contains)" },
    ],
    run: async (ctx, search) => {
      const where = and(visible(ctx.principal), ...conditions(search));
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        () =>
          ctx.db
            .select({ s: fhirSubscriptions })
            .from(fhirSubscriptions)
            .innerJoin(institutions, eq(institutions.id, fhirSubscriptions.institutionId))
            .where(where)
            .orderBy(asc(fhirSubscriptions.createdAt), asc(fhirSubscriptions.id))
            .limit(search.count)
            .offset(search.offset),
        () => ctx.db.select({ one: sql`1` }).from(fhirSubscriptions).innerJoin(institutions, eq(institutions.id, fhirSubscriptions.institutionId)).where(where),
      );
      return { resources: rows.map((r) => toSubscription(r.s, ctx.config.dataKey)), total };
    },
  },
  /** Turns the subscription off (its pending deliveries are not sent); it stays readable with status off. */
  delete: async (ctx, id) => {
    const row = await visibleRow(ctx, id);
    requireAccess(ctx.principal, "write", "webhook", [{ regionCode: null, institutionIds: [row.institutionId] }]);
    if (row.status === "off") return;
    await inTransaction(ctx.db, async (tx) => {
      await tx.update(fhirSubscriptions).set({ status: "off", updatedAt: ctx.now() }).where(eq(fhirSubscriptions.id, id));
      await audit(tx, ctx.actor, { action: "set_webhook", entity: "institution", entityId: row.institutionId, after: { subscription: id, status: "off" } });
    });
  },
};

/**
 * The Task a full-payload subscription sends, as it stands when sent, read with the access its
 * creator has today: an account since disabled, moved to another institution or no longer allowed
 * to subscribe gets nothing, and the delivery fails (then, retries spent, the subscription errs).
 * A Task names the patient by reference only, so nothing of the patient's is read or audited.
 */
export function subscriptionRenderer(db: Db, config: Config): RenderResource {
  return async ({ subscriptionId, referralId }) => {
    const [row] = await db
      .select({
        institutionId: fhirSubscriptions.institutionId,
        userId: users.id,
        username: users.username,
        role: users.role,
        regionCode: users.regionCode,
        userInstitution: users.institutionId,
        active: users.active,
      })
      .from(fhirSubscriptions)
      .innerJoin(users, eq(users.id, fhirSubscriptions.createdBy))
      .where(eq(fhirSubscriptions.id, subscriptionId));
    if (!row?.active || row.userInstitution !== row.institutionId) throw new Error("the subscription's creator no longer acts for its institution");
    const principal: Principal = {
      userId: row.userId,
      username: row.username,
      role: row.role as Role,
      regionCode: row.regionCode,
      institutionId: row.userInstitution,
    };
    const ctx: FhirContext = {
      db,
      config,
      now: () => new Date(),
      principal,
      actor: { id: principal.userId, name: principal.username, requestId: null },
      base: "",
      landings: [],
    };
    try {
      requireAccess(principal, "read", "webhook", [{ regionCode: null, institutionIds: [row.institutionId] }]);
      await requireAccessTo(db, principal, "read", "referral", [referralId]);
      return { type: "Task", id: referralId, body: JSON.stringify(await taskOf(ctx, referralId)) };
    } catch (error) {
      if (error instanceof DomainError || error instanceof FhirError)
        throw new Error(`the Task could not be read as the subscription's creator: ${error.message}`);
      throw error;
    }
  };
}
