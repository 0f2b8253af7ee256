import { ROLES, reachOf } from "@medbridge/core";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { fhirSubscriptions, users, webhookDeliveries } from "../db/schema.ts";

/**
 * Subscriptions to referral changes (the FHIR door's R4 Subscription on Task, fhir/subscription.ts):
 * a hospital system names the referrals it wants to hear of (those its institution receives or
 * sends, optionally in some statuses) and an endpoint. Each state change of a referral queues one
 * webhook delivery per matching active subscription, in the change's own transaction, so the
 * change and its deliveries are written together or not at all. webhook-delivery.ts sends them.
 */

/** One state change of a referral, as the referral feature tells it. */
export interface ReferralChange {
  id: string;
  /** The state before (null: the referral is new). */
  from: string | null;
  status: string;
  fromInstitutionId: string;
  toInstitutionId: string;
}

/** The roles that may keep a subscription: those the policy lets write webhooks (core decides, not a list here). */
const SUBSCRIBING_ROLES = ROLES.filter((role) => reachOf(role, "write", "webhook") !== "none");

/**
 * Whether the subscription `s` still speaks for its creator: the account is active, at the
 * subscription's institution, in a role that may subscribe. Checked when a change is queued and
 * again when a delivery is sent (a ping queued before the account lost its standing is not sent).
 */
export const creatorStillSpeaks: SQL = sql`exists (select 1 from ${users} u where u.id = s.created_by and u.active and u.institution_id = s.institution_id
    and u.role in (${sql.join(
      SUBSCRIBING_ROLES.map((role) => sql`${role}`),
      sql`, `,
    )}))`;

/**
 * The insert of the change's deliveries, for callers that send it inside a statement of their own
 * (a data-modifying CTE). The receiving side (owner) hears only of what reached it: never of a
 * draft, nor of a draft cancelled before it was submitted. A subscription speaks for its creator:
 * once that account is disabled, moved to another institution or no longer a coordinator (nor the
 * national admin), it hears of nothing more — not even a ping of what it may no longer read.
 */
function referralChangeStatement(change: ReferralChange): SQL {
  const unseenByOwner = change.status === "draft" || (change.from === "draft" && change.status === "cancelled");
  return changeDeliveries({
    ...change,
    event: `referral.${change.status}`,
    payload: referralChangePayload(change),
    seenByOwner: !unseenByOwner,
  });
}

/** What a subscription hears of a change (as JSON text): the referral's id and its new status. */
export function referralChangePayload(change: { id: string; status: string }): string {
  return JSON.stringify({ referralId: change.id, status: change.status });
}

/**
 * The insert itself. Its values may be Drizzle placeholders (the referral create's statement is
 * built once, db/built-once.ts); whether the owner hears of it is fixed by the statement.
 */
export function changeDeliveries(v: {
  event: unknown;
  payload: unknown;
  status: unknown;
  fromInstitutionId: unknown;
  toInstitutionId: unknown;
  seenByOwner: boolean;
  /** A condition of the statement it sits in (the create's: the referral was inserted). */
  when?: SQL;
}): SQL {
  return sql`insert into ${webhookDeliveries} (institution_id, subscription_id, event, payload)
    select s.institution_id, s.id, ${v.event}, ${v.payload}::jsonb from ${fhirSubscriptions} s
    where s.status = 'active' and s.institution_id in (${v.fromInstitutionId}, ${v.toInstitutionId})
      and (s.filter_owner is null or (s.filter_owner = ${v.toInstitutionId} and ${sql.raw(v.seenByOwner ? "true" : "false")}))
      and (s.filter_requester is null or s.filter_requester = ${v.fromInstitutionId})
      and (s.filter_statuses is null or ${v.status} = any(s.filter_statuses))
      and ${creatorStillSpeaks} and ${v.when ?? sql`true`}`;
}

/** Queues the change's deliveries (inside the caller's transaction). */
export async function referralChanged(db: Db, change: ReferralChange): Promise<void> {
  await db.execute(referralChangeStatement(change));
}
