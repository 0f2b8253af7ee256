import type { TSchema } from "typebox";
import { bodyAjv, type Validator } from "../http/validation.ts";
import { FhirError, issue } from "./outcome.ts";
import { isUuid } from "./search.ts";

/**
 * Reading the elements a create or update takes from a posted resource (unvalidated JSON): each
 * wrong shape is a 400 naming the element, so a HIS learns which part of its resource is at fault.
 */
export type FhirBody = Record<string, unknown>;

const KIND_OK = {
  array: (v: unknown) => Array.isArray(v),
  object: (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v),
  string: (v: unknown) => typeof v === "string",
} as const;

/** `body[key]` when it has the expected JSON kind; undefined when absent; a 400 at `path` otherwise. */
export function field(body: FhirBody, key: string, kind: keyof typeof KIND_OK, path: string): unknown {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!KIND_OK[kind](value))
    throw new FhirError(400, [issue("structure", `must be ${kind === "array" ? "an array" : kind === "object" ? "an object" : "a string"}`, path)]);
  return value;
}

/** A string element, or undefined. */
export function text(body: FhirBody, key: string, path: string): string | undefined {
  return field(body, key, "string", path) as string | undefined;
}

/**
 * The id of a literal reference `body[key].reference` to a resource of `type` (`Type/<id>`, or an
 * absolute URL ending so); undefined when the element is absent. Anything else is a 400 at `path`.
 */
export function referenceIn(body: FhirBody, key: string, type: string, path: string): string | undefined {
  const value = field(body, key, "object", path) as FhirBody | undefined;
  if (!value) return undefined;
  const reference = value.reference;
  const match = typeof reference === "string" ? new RegExp(`^(?:.*/)?${type}/([^/]+)$`).exec(reference) : null;
  if (!match?.[1] || !isUuid(match[1])) throw new FhirError(400, [issue("invalid", `must reference a ${type} (${type}/<id>)`, `${path}.reference`)]);
  return match[1].toLowerCase();
}

const compiledSchemas = new WeakMap<TSchema, Validator>();

/** The REST body schema's validator (the same Ajv setup as the routes), compiled once. */
export function compiled(schema: TSchema): Validator {
  let validate = compiledSchemas.get(schema);
  if (!validate) {
    validate = bodyAjv.compile(schema);
    compiledSchemas.set(schema, validate);
  }
  return validate;
}
