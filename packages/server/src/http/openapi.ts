import { ProblemSchema } from "./schemas.ts";

/**
 * The OpenAPI document as published (@fastify/swagger's transformObject): what the validator
 * reads but OpenAPI 3.0 has no word for becomes an extension, and the problem document every
 * error answers is one shared component rather than a copy in each of the ~500 error responses.
 */

/** ajv-formats' keywords (the date range of every DateString) kept as extensions. */
const AS_EXTENSION: Record<string, string> = {
  formatMinimum: "x-formatMinimum",
  formatMaximum: "x-formatMaximum",
  formatExclusiveMinimum: "x-formatExclusiveMinimum",
  formatExclusiveMaximum: "x-formatExclusiveMaximum",
};

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };

/** JSON with sorted keys, so two schemas compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export function asOpenApi<T extends { components?: object; paths?: object }>(document: T): T {
  const problem = canonical(ProblemSchema);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== "object") return value;
    if (canonical(value) === problem) return PROBLEM_REF;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [AS_EXTENSION[key] ?? key, walk(v)]));
  };
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  return {
    ...document,
    paths: walk(document.paths),
    components: { ...components, schemas: { ...components.schemas, Problem: JSON.parse(canonical(ProblemSchema)) } },
  };
}
