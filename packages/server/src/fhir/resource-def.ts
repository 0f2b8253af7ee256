import type { Entity, Principal } from "@medbridge/core";
import type { Resource, ResourceType } from "@medplum/fhirtypes";
import type { Actor } from "../audit.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import type { LandDischarge } from "../follow-ups.ts";
import type { PersonInput } from "../patients.ts";
import type { RouteAccess } from "../route-access.ts";
import type { ReferralRow } from "./referral-map.ts";
import type { SearchParamDef, SearchRequest, SearchResult } from "./search.ts";

/** Everything an interaction needs: who asks, where, the database (a transaction's, in a Bundle). */
export interface FhirContext {
  db: Db;
  config: Config;
  now: () => Date;
  principal: Principal;
  actor: Actor;
  /** This server's FHIR base, e.g. https://medbridge.example/fhir/R4 (for fullUrl and links). */
  base: string;
  /** Registers that take in a patient sent back down (app.ts gives the hypertension register's). */
  landings: readonly LandDischarge[];
  /**
   * Inside a transaction Bundle that also POSTs a Task (status requested) focused on this
   * ServiceRequest: create the referral submitted at once, as the REST create with submit: true
   * does — one write instead of a draft and then a submit transition.
   */
  submitOnCreate?: boolean;
  /** Inside a transaction Bundle: `db` is already its transaction (no savepoint per interaction). */
  inBundle?: boolean;
  /**
   * What this transaction Bundle's earlier entries created, so later entries need not read it back:
   * the people its Patient entries indexed (by patient id, as given), and the referrals its
   * ServiceRequest entries created submitted (their Task's POST finds them so and changes nothing).
   */
  bundle?: { people: Map<string, PersonInput>; submitted: Map<string, ReferralRow> };
}

/** The interactions of a resource type, as the CapabilityStatement names them. */
export type Interaction = "read" | "search-type" | "create" | "update" | "delete";

/**
 * One resource type of the FHIR door: which policy entity guards it and what each interaction
 * does. The routes and the CapabilityStatement are both made from these definitions, so the
 * statement names exactly what is served.
 */
export interface ResourceDef {
  type: ResourceType;
  /**
   * The policy entity a read or search of this type is (the route table's logic refuses a role that
   * may never read it; the handler checks each record), or "reference" for what is the same for
   * everyone signed in (MedBridge's code systems).
   */
  entity: Entity | "reference";
  /** The route-table entry of create/update/delete when not ["write", entity] (a Task update is a referral read: actingSide decides). */
  writeAccess?: RouteAccess;
  /** One sentence for the CapabilityStatement: what MedBridge record this type shows. */
  documentation: string;
  /** The ids this type has (default: a UUID); any other id is 404 before a handler runs. */
  idPattern?: RegExp;
  /** Profiles the resources claim (none: base R4). */
  supportedProfile?: string[];
  read?: (ctx: FhirContext, id: string) => Promise<Resource>;
  search?: {
    params: readonly SearchParamDef[];
    run: (ctx: FhirContext, search: SearchRequest) => Promise<SearchResult>;
  };
  /** Stores a new resource read from `body` (unvalidated JSON) and returns it as stored. */
  create?: (ctx: FhirContext, body: unknown) => Promise<Resource>;
  /** Changes the resource; `ifMatch` is the version the client last read (`W/"3"` → "3"), when it sent one. */
  update?: (ctx: FhirContext, id: string, body: unknown, ifMatch: string | undefined) => Promise<Resource>;
  delete?: (ctx: FhirContext, id: string) => Promise<void>;
  /** Whether `update` requires If-Match (a Task: two systems must not overwrite each other's answer). */
  updateRequiresIfMatch?: boolean;
}

export function interactionsOf(def: ResourceDef): Interaction[] {
  const list: Interaction[] = [];
  if (def.read) list.push("read");
  if (def.search) list.push("search-type");
  if (def.create) list.push("create");
  if (def.update) list.push("update");
  if (def.delete) list.push("delete");
  return list;
}
