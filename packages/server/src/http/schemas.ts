import { DEFAULT_PAGE_SIZE, ERROR_CODES, FIELD_ERROR_CODES, MAX_PAGE_SIZE } from "@medbridge/core";
import { type TSchema, Type } from "typebox";

/** A string enum that OpenAPI shows as `type: string, enum: [...]`. */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...options });
}

/**
 * The dates any record or query of this service can mean. Outside them day arithmetic and
 * PostgreSQL's date/timestamp conversions fail (year 1, year 9999 plus a day), so they answer 400.
 */
export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2100-12-31";

/** Calendar date `YYYY-MM-DD` (no time zone), between 1900 and 2100. */
export const DateString = Type.String({
  format: "date",
  formatMinimum: EARLIEST_DATE,
  formatMaximum: LATEST_DATE,
  description: `Calendar date YYYY-MM-DD, ${EARLIEST_DATE} to ${LATEST_DATE}`,
});
export const Uuid = Type.String({ format: "uuid" });
/** A moment, ISO 8601 in UTC. Rows hold Dates; the serializer writes them as toISOString() does. */
export const Timestamp = Type.Unsafe<string | Date>(Type.String({ format: "date-time" }));
export const RegionCode = Type.String({ pattern: "^[1-9][0-9]{5}$", description: "GB/T 2260 code, 6 digits" });
/** Free text: trimmed length enforced in handlers where needed; bounded here against abuse. */
export const Text = (max = 200, min = 1) => Type.String({ minLength: min, maxLength: max });

/**
 * The last page a list may be asked for: with MAX_PAGE_SIZE the offset stays far below 2^53 (and
 * PostgreSQL's bigint); `page=1e21` used to reach the database as an offset and answer 500.
 */
export const MAX_PAGE = 100_000;

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  q: Type.Optional(Type.String({ maxLength: 100, description: "Search text" })),
};

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

/** The values a code's translation needs (limit, allowed values, state, entity…): plain data. */
export const ErrorParamsSchema = Type.Object(
  {},
  {
    additionalProperties: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.Union([Type.String(), Type.Number()]))]),
    description: "Values the code's text needs (limit, allowed, state, entity, other…)",
  },
);

/** One field's problem: a stable code from core's FIELD_ERROR_CODES, its params, and the English message. */
export const FieldErrorSchema = Type.Object({
  path: Type.String(),
  code: StringEnum(FIELD_ERROR_CODES),
  params: ErrorParamsSchema,
  message: Type.String({ description: "English; show `code` with `params` in the user's language" }),
});

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: StringEnum(ERROR_CODES, { description: "Stable code of the problem as a whole (core ERROR_STATUS)" }),
  params: ErrorParamsSchema,
  detail: Type.String({ description: "English" }),
  errors: Type.Array(FieldErrorSchema),
});

/**
 * A response that is a file (PDF, XLSX, iCalendar …), documented under its own media type instead
 * of JSON. The serializer never sees it: a Buffer or string sent with its content type goes out as is.
 */
export function fileResponse(mediaTypes: string | readonly string[], description: string) {
  const file = { schema: { type: "string", format: "binary" } };
  return { description, content: Object.fromEntries((typeof mediaTypes === "string" ? [mediaTypes] : mediaTypes).map((type) => [type, file])) };
}

/** Standard error responses, so OpenAPI documents them on every route. */
export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
