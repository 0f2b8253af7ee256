import type { Bundle, BundleEntry, OperationOutcomeIssue, Resource } from "@medplum/fhirtypes";
import type { FastifyInstance } from "fastify";
import { inTransaction } from "../db/transaction.ts";
import { refusalOf } from "../route-access.ts";
import { asFhirError, bodyOf, contextOf, FHIR_JSON, type FhirRouteOptions, versionOfIfMatch } from "./fhir-http.ts";
import { FhirError, issue } from "./outcome.ts";
import type { ResourceDef } from "./resource-def.ts";
import { FHIR_RESOURCES } from "./resources.ts";

/** A transaction is a referral's few resources, not a bulk load. */
export const MAX_TRANSACTION_ENTRIES = 20;

interface Step {
  index: number;
  def: ResourceDef;
  method: "POST" | "PUT";
  id: string | undefined;
  ifMatch: string | undefined;
  fullUrl: string | undefined;
  resource: Record<string, unknown>;
}

const at = (index: number, rest = "") => `Bundle.entry[${index}]${rest}`;

function refused(index: number, rest: string, diagnostics: string, code: OperationOutcomeIssue["code"] = "invalid"): FhirError {
  return new FhirError(400, [issue(code, diagnostics, at(index, rest))]);
}

/** Reads one entry: a POST of a type that creates, or a PUT of `Type/id` that updates. */
function stepOf(entry: BundleEntry | undefined, index: number): Step {
  if (!entry || typeof entry !== "object") throw refused(index, "", "must be an entry object", "structure");
  const request = entry.request;
  if (!request || typeof request !== "object")
    throw refused(index, ".request", "every entry of a transaction needs request.method and request.url", "required");
  if (request.method !== "POST" && request.method !== "PUT")
    throw refused(index, ".request.method", "only POST (create) and PUT (update) are supported in a transaction", "not-supported");
  const url = typeof request.url === "string" ? request.url : "";
  const match = /^([A-Za-z]+)(?:\/([^/?]+))?$/.exec(url);
  const type = match?.[1];
  const def = FHIR_RESOURCES.find((d) => d.type === type);
  const resource = entry.resource as unknown as Record<string, unknown> | undefined;
  if (!def) throw refused(index, ".request.url", "must name a resource type this server serves (see /fhir/R4/metadata)", "not-supported");
  if (request.method === "POST" && (match?.[2] !== undefined || !def.create))
    throw refused(index, ".request.url", `POST ${type} is not supported; see /fhir/R4/metadata`, "not-supported");
  if (request.method === "PUT" && (match?.[2] === undefined || !def.update))
    throw refused(index, ".request.url", `PUT needs ${type}/<id> of a type that updates; see /fhir/R4/metadata`, "not-supported");
  if (request.method === "PUT" && def.updateRequiresIfMatch && request.ifMatch === undefined)
    throw new FhirError(428, [issue("required", "Send request.ifMatch with the version you last read (ETag)", at(index, ".request.ifMatch"))]);
  if (!resource || typeof resource !== "object") throw refused(index, ".resource", "every entry of a transaction carries its resource", "required");
  if (entry.fullUrl !== undefined && (typeof entry.fullUrl !== "string" || (!/^urn:uuid:[0-9a-f-]{36}$/i.test(entry.fullUrl) && request.method === "POST")))
    throw refused(index, ".fullUrl", "a created resource's fullUrl must be urn:uuid:<uuid> (other entries refer to it by that)");
  let ifMatch: string | undefined;
  try {
    ifMatch = versionOfIfMatch(request.ifMatch);
  } catch {
    throw refused(index, ".request.ifMatch", 'must be a version tag as the server sent it, e.g. W/"3"');
  }
  return { index, def, method: request.method, id: match?.[2], ifMatch, fullUrl: entry.fullUrl, resource };
}

/** The urn:uuid fullUrls a resource refers to. */
function referencesIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, found);
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "reference" && typeof v === "string" && v.startsWith("urn:uuid:")) found.add(v);
      else referencesIn(v, found);
    }
  }
  return found;
}

/** The resource with every reference to an earlier entry's fullUrl replaced by `Type/id`. */
function resolved(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolved(v, ids));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, key === "reference" && typeof v === "string" && ids.has(v) ? ids.get(v) : resolved(v, ids)]),
    );
  }
  return value;
}

/** Entries in an order where each comes after those it refers to (a cycle cannot be created). */
function ordered(steps: Step[]): Step[] {
  const byUrl = new Map(steps.filter((s) => s.fullUrl).map((s) => [s.fullUrl as string, s]));
  const done = new Set<Step>();
  const visiting = new Set<Step>();
  const order: Step[] = [];
  const visit = (step: Step) => {
    if (done.has(step)) return;
    if (visiting.has(step)) throw refused(step.index, ".resource", "the entries refer to each other in a cycle", "invalid");
    visiting.add(step);
    for (const url of referencesIn(step.resource)) {
      const target = byUrl.get(url);
      if (!target) throw refused(step.index, ".resource", `refers to ${url}, which no entry of the Bundle has as its fullUrl`, "not-found");
      visit(target);
    }
    visiting.delete(step);
    done.add(step);
    order.push(step);
  };
  for (const step of steps) visit(step);
  return order;
}

/**
 * The ServiceRequest entries a Task entry of the same Bundle submits (POST Task, status requested,
 * focus its fullUrl): each is created submitted at once — the REST create with submit: true — and
 * the Task's POST then finds it submitted. Same rules, one write instead of two.
 */
function submittedByTheirTask(steps: readonly Step[]): Set<Step> {
  const requests = new Map(steps.filter((s) => s.method === "POST" && s.def.type === "ServiceRequest" && s.fullUrl).map((s) => [s.fullUrl as string, s]));
  const submitted = new Set<Step>();
  for (const step of steps) {
    if (step.method !== "POST" || step.def.type !== "Task" || step.resource.status !== "requested") continue;
    const focus = (step.resource.focus as { reference?: unknown } | undefined)?.reference;
    const request = typeof focus === "string" ? requests.get(focus) : undefined;
    if (request) submitted.add(request);
  }
  return submitted;
}

/** An issue of an entry's resource (`ServiceRequest.subject`) located in the Bundle (`Bundle.entry[1].resource.subject`). */
function inEntry(error: FhirError, step: Step): FhirError {
  const type = step.def.type;
  const issues = error.issues.map((i) => {
    const expression = (i.expression ?? [type]).map((e) => (e === type || e.startsWith(`${type}.`) ? at(step.index, `.resource${e.slice(type.length)}`) : e));
    return { ...i, expression };
  });
  return new FhirError(error.status, issues);
}

/**
 * POST /fhir/R4 with a `transaction` Bundle: the entries are created and updated in one database
 * transaction, in the order their references need, each through the same handler (and access
 * check) as its own request; the first refusal undoes them all and names the entry's element.
 */
export async function transactionRoute(app: FastifyInstance, options: FhirRouteOptions): Promise<void> {
  app.post("/", { schema: { hide: true } }, async (request, reply) => {
    const ctx = contextOf(request, options);
    const bundle = bodyOf("Bundle", request.body) as unknown as Bundle;
    if (bundle.type !== "transaction") throw new FhirError(400, [issue("not-supported", "Only a transaction Bundle is accepted here", "Bundle.type")]);
    const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
    if (!entries.length) throw new FhirError(400, [issue("required", "A transaction needs at least one entry", "Bundle.entry")]);
    if (entries.length > MAX_TRANSACTION_ENTRIES)
      throw new FhirError(400, [issue("too-long", `At most ${MAX_TRANSACTION_ENTRIES} entries in a transaction`, "Bundle.entry")]);
    const steps = entries.map(stepOf);
    for (const step of steps) {
      const entity = step.def.entity;
      const access = step.def.writeAccess ?? (entity === "reference" ? "reference" : (["write", entity] as const));
      if (refusalOf(access, ctx.principal, false)) throw new FhirError(403, [issue("forbidden", "Your role may not do this", at(step.index))]);
    }
    const order = ordered(steps);
    const submitting = submittedByTheirTask(steps);
    const results = await inTransaction(ctx.db, async (tx) => {
      const txCtx = { ...ctx, db: tx, inBundle: true, bundle: { people: new Map(), submitted: new Map() } };
      const ids = new Map<string, string>();
      const done = new Map<Step, Resource>();
      for (const step of order) {
        const resource = resolved(step.resource, ids) as Record<string, unknown>;
        try {
          const stored =
            step.method === "POST"
              ? await (step.def.create as NonNullable<ResourceDef["create"]>)(
                  submitting.has(step) ? { ...txCtx, submitOnCreate: true } : txCtx,
                  bodyOf(step.def.type, resource),
                )
              : await (step.def.update as NonNullable<ResourceDef["update"]>)(
                  txCtx,
                  (step.id as string).toLowerCase(),
                  bodyOf(step.def.type, resource, step.id),
                  step.ifMatch,
                );
          done.set(step, stored);
          if (step.fullUrl) ids.set(step.fullUrl, `${stored.resourceType}/${stored.id}`);
        } catch (error) {
          throw inEntry(asFhirError(error, step.def.type), step);
        }
      }
      return done;
    });
    const response: Bundle = {
      resourceType: "Bundle",
      type: "transaction-response",
      entry: steps.map((step) => {
        const resource = results.get(step) as Resource;
        const version = resource.meta?.versionId;
        return {
          fullUrl: `${ctx.base}/${resource.resourceType}/${resource.id}`,
          resource,
          response: {
            status: step.method === "POST" ? "201 Created" : "200 OK",
            location: `${resource.resourceType}/${resource.id}${version ? `/_history/${version}` : ""}`,
            ...(version && { etag: `W/"${version}"` }),
            ...(resource.meta?.lastUpdated && { lastModified: resource.meta.lastUpdated }),
          },
        };
      }),
    };
    return reply.type(FHIR_JSON).send(response);
  });
}
