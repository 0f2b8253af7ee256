import type { FastifyServerOptions } from "fastify";

/**
 * What the server may write to its logs. Logs leave the trust boundary (files, collectors, support
 * tickets), so nothing that identifies a patient or opens an account goes there: query parameters
 * (Drizzle puts them in its error message), the database's `detail` (it repeats the failing row),
 * and the fields below wherever they appear in a logged object.
 */

/** Keys whose values are never logged, at any of the first three levels of a logged object. */
const SECRET_KEYS = [
  "password",
  "passwordHash",
  "password_hash",
  "currentPassword",
  "newPassword",
  "token",
  "tokenHash",
  "token_hash",
  "secret",
  "secretCipher",
  "secret_cipher",
  "idNumber",
  "id_number",
  "idCipher",
  "id_cipher",
  "idHash",
  "id_hash",
  "patientIdCipher",
  "patient_id_cipher",
  "patientName",
  "patient_name",
  "phone",
  "patientPhone",
  "patient_phone",
  "birthDate",
  "birth_date",
  "patientBirthDate",
  "patient_birth_date",
  "authorization",
  "cookie",
  "set-cookie",
  "params",
  "detail",
];

export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`].map((path) => (/^[\w.*]+$/.test(path) ? path : bracketed(path)))),
  // A patient's name is "name" inside a patient object (institution names are public).
  "patient.name",
  "*.patient.name",
];

function bracketed(path: string): string {
  return path
    .split(".")
    .map((part, i) => (/^[\w*]+$/.test(part) ? (i ? `.${part}` : part) : `["${part}"]`))
    .join("");
}

/** The database error behind a failure (pg's DatabaseError or PGlite's), looking through wrappers. */
function databaseCause(error: unknown): (Error & Record<string, unknown>) | undefined {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return e as Error & Record<string, unknown>;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A message fit for a log: Drizzle's "Failed query: … params: …" loses its parameters; PostgreSQL's
 * data-exception messages (class 22: `invalid input syntax for type date: "…"`) lose the quoted value.
 */
export function safeMessage(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === "string" ? error.slice(0, 500) : "non-error thrown";
  let message = error.message.split("\nparams:")[0] ?? "";
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("22")) message = message.replace(/"[^"]*"/g, '"…"');
  return message.length > 2000 ? `${message.slice(0, 2000)}…` : message;
}

/** The stack's frames without its first lines, which repeat the message. */
function frames(error: Error): string | undefined {
  const lines = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return lines.length ? lines.slice(0, 15).join("\n") : undefined;
}

/**
 * The one error serializer of every log line (requests, jobs): type, a safe message, the SQL text
 * without parameters, the database's code/constraint/table and the stack frames; a whitelist, so a
 * property someone adds to an error later is not logged by accident.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: safeMessage(error) };
  const out: Record<string, unknown> = { type: error.constructor?.name ?? "Error", message: safeMessage(error) };
  const query = (error as { query?: unknown }).query;
  if (typeof query === "string") out.sql = query.length > 2000 ? `${query.slice(0, 2000)}…` : query;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.length <= 40) out.code = code;
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === "number") out.statusCode = statusCode;
  const database = databaseCause(error);
  if (database && database !== error) {
    out.code = database.code;
    out.dbMessage = safeMessage(database);
  }
  if (database) {
    for (const key of ["constraint", "table", "column", "routine"] as const) {
      if (typeof database[key] === "string") out[key] = database[key];
    }
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause !== database) out.cause = serializeError(cause);
  const stack = frames(error);
  if (stack) out.stack = stack;
  return out;
}

/** A request as logged: method, path and query parameter names (values can be patient names). */
function serializeRequest(request: { method?: string; url?: string; id?: unknown; ip?: string; socket?: { remotePort?: number } }) {
  const [path, query] = (request.url ?? "").split("?", 2);
  const names = query ? [...new URLSearchParams(query).keys()].map((k) => `${k}=…`).join("&") : "";
  return { method: request.method, url: names ? `${path}?${names}` : path, remoteAddress: request.ip };
}

/** Pino options for Fastify and the jobs sharing its logger. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): NonNullable<Exclude<FastifyServerOptions["logger"], boolean>> {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError as never, error: serializeError as never, req: serializeRequest as never },
    ...(stream && { stream }),
  };
}

/** One line for a command-line failure, as safe as a log line. */
export function describeError(error: unknown): string {
  const database = databaseCause(error);
  if (database) return `${safeMessage(database)} (PostgreSQL error ${database.code})`;
  return safeMessage(error);
}
