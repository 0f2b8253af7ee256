import type { ErrorParams, FieldError, FieldErrorCode } from "@medbridge/core";
import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";
import { unstorableText } from "./storable-text.ts";

function makeAjv(coerceTypes: boolean): Ajv {
  // removeAdditional stays off: an unknown field is an error the caller must see, not something
  // silently dropped. Bodies are never coerced ("12" is not a number); query strings must be.
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

/** A compiled schema as Fastify and the importers call it: true, or false with `errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * Compiles with Ajv and also refuses text PostgreSQL cannot store (NUL, lone surrogates) anywhere
 * in the value, unknown fields included: every body, query string, path parameter and imported
 * row passes through here, so this is the one place that check lives.
 */
function compiler(ajv: Ajv) {
  return {
    compile(schema: object): Validator {
      const validate = ajv.compile(schema);
      const guarded: Validator = (data) => {
        const valid = validate(data);
        const unstorable = unstorableText(data);
        guarded.errors = valid && unstorable.length === 0 ? null : [...(validate.errors ?? []), ...unstorable];
        return guarded.errors === null;
      };
      return guarded;
    },
  };
}

export const bodyAjv = compiler(makeAjv(false));
const queryAjv = compiler(makeAjv(true));

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => (httpPart === "body" ? bodyAjv : queryAjv).compile(schema);

/** Turns Ajv's errors into `{ path, code, params, message }` with the dotted field path a person can read. */
export function toFieldErrors(errors: readonly ErrorObject[], prefix = ""): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  // A nullable field (anyOf [T, null]) fails every branch; say it once: "must be integer or null".
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const branchMessages = new Map<string, string[]>();
  for (const e of errors) {
    if (anyOfPaths.has(e.instancePath) && e.keyword !== "anyOf" && e.keyword === "type") {
      branchMessages.set(e.instancePath, [...(branchMessages.get(e.instancePath) ?? []), String(e.params.type)]);
    }
  }
  for (const e of errors) {
    if (anyOfPaths.has(e.instancePath) && e.keyword === "type") continue;
    let path = pointerToPath(e.instancePath);
    let message = e.message ?? "is invalid";
    let code: FieldErrorCode = "format";
    let params: ErrorParams = {};
    switch (e.keyword) {
      case "required":
        path = join(path, String(e.params.missingProperty));
        message = "is required";
        code = "required";
        break;
      case "additionalProperties":
        path = join(path, String(e.params.additionalProperty));
        message = "is not a known field";
        code = "unknown_field";
        break;
      case "anyOf": {
        const types = branchMessages.get(e.instancePath);
        if (types?.length) message = `must be ${types.join(" or ")}`;
        code = "type";
        params = { type: types?.length ? types.join(" or ") : "valid" };
        break;
      }
      case "type":
        code = "type";
        params = { type: String(e.params.type) };
        break;
      case "enum":
      case "const": {
        const allowed = (e.keyword === "enum" ? (e.params.allowedValues as unknown[]) : [e.params.allowedValue]).map(String);
        message = `must be one of: ${allowed.join(", ")}`;
        code = "enum";
        params = { allowed };
        break;
      }
      case "maxLength":
      case "minLength":
        code = e.keyword === "maxLength" ? "too_long" : "too_short";
        params = { limit: Number(e.params.limit) };
        break;
      case "maximum":
      case "exclusiveMaximum":
      case "minimum":
      case "exclusiveMinimum":
        code = e.keyword.endsWith("aximum") ? "too_large" : "too_small";
        params = { limit: Number(e.params.limit), ...(e.keyword.startsWith("exclusive") && { exclusive: true }) };
        break;
      case "formatMinimum":
      case "formatMaximum":
      case "formatExclusiveMinimum":
      case "formatExclusiveMaximum":
        // ajv-formats still says "should"; say it as Ajv's own bounds do.
        message = `must be ${e.params.comparison} ${e.params.limit}`;
        code = e.keyword.includes("Minimum") ? "too_small" : "too_large";
        params = { limit: String(e.params.limit), ...(e.keyword.includes("Exclusive") && { exclusive: true }) };
        break;
      case "maxItems":
      case "maxProperties":
        code = "too_many";
        params = { limit: Number(e.params.limit) };
        break;
      case "minItems":
      case "minProperties":
        code = "too_few";
        params = { limit: Number(e.params.limit) };
        break;
      case "format":
        code = "format";
        params = { format: String(e.params.format) };
        break;
      case "pattern":
        code = "pattern";
        params = { pattern: String(e.params.pattern) };
        break;
      case "uniqueItems":
        code = "not_unique";
        break;
      case "storableText":
        code = "unstorable_text";
        break;
      case "multipleOf":
        code = "format";
        params = { format: "multiple_of", limit: Number(e.params.multipleOf) };
        break;
      default:
        code = "format";
        params = { format: e.keyword };
    }
    const full = prefix ? (path ? `${prefix}.${path}` : prefix) : path || "(body)";
    const key = `${full}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path: full, code, params, message });
    }
  }
  return out;
}

function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : join(acc, part)), "");
}

function join(a: string, b: string): string {
  return a ? `${a}.${b}` : b;
}
