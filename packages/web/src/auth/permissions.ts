import { type Action, type Entity, reachCovers, type Target, type TwoSidedRecord } from "@medbridge/core";
import type { Me } from "../types.ts";

/**
 * What the UI offers, decided from /me's permissions (the server's policy, per entity and action)
 * and never from role names: the server checks every request anyway; these only keep the UI from
 * offering what would be refused.
 */
type Caller = Pick<Me, "permissions" | "sides" | "regionCode" | "institutionId"> | null | undefined;

/** Whether the caller may ever perform the action on the entity (menus, create buttons). */
export function may(me: Caller, action: Action, entity: Entity): boolean {
  return !!me && me.permissions[entity][action] !== "none";
}

/** Whether the caller may perform the action on one record located at `target`, as the server decides. */
export function mayOn(me: Caller, action: Action, entity: Entity, target: Target): boolean {
  return !!me && reachCovers(me.permissions[entity][action], me, target);
}

/** Whether the caller reads the entity across a region or the country: the commission's view. */
export function oversees(me: Caller, entity: Entity): boolean {
  const reach = me?.permissions[entity].read;
  return reach === "all" || reach === "region";
}

/** Whether the caller acts for its own institution's side of records of this kind (a referral, a telemedicine session, attendance). */
export function actsForSide(me: Caller, record: TwoSidedRecord, institutionId?: string): boolean {
  return !!me?.sides[record] && me.institutionId !== null && (institutionId === undefined || institutionId === me.institutionId);
}
