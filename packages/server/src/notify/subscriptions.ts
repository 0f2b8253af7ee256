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
export function referralChangeStatement(change: ReferralChange): SQL {
  const unseenByOwner = change.status === "draft" || (change.from === "draft" && change.status === "cancelled");
  const payload = JSON.stringify({ referralId: change.id, status: change.status });
  return sql`insert into ${webhookDeliveries} (institution_id, subscription_id, event, payload)
    select s.institution_id, s.id, ${`referral.${change.status}`}, ${payload}::jsonb from ${fhirSubscriptions} s
    where s.status = 'active' and s.institution_id in (${change.fromInstitutionId}, ${change.toInstitutionId})
      and (s.filter_owner is null or (s.filter_owner = ${change.toInstitutionId} and ${sql.raw(unseenByOwner ? "false" : "true")}))
      and (s.filter_requester is null or s.filter_requester = ${change.fromInstitutionId})
      and (s.filter_statuses is null or ${change.status} = any(s.filter_statuses))
      and ${creatorStillSpeaks}`;
}

/** Queues the change's deliveries (inside the caller's transaction). */
export async function referralChanged(db: Db, change: ReferralChange): Promise<void> {
  await db.execute(referralChangeStatement(change));
}
