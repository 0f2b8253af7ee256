/**
 * Whether a failure means the database is away (down, restarting, unreachable, not answering in
 * time) rather than that the request or the code is wrong: such requests answer 503 with
 * Retry-After, so clients and load balancers wait instead of reporting a server bug.
 */

/** Socket errors of the connection itself. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * PostgreSQL codes: class 08 (connection exception), 57P01–57P03 (administrator/crash shutdown,
 * cannot connect now), 53300 (too many connections), 57014 (statement timeout: busy or stuck) and
 * 25P03 (idle-in-transaction timeout).
 */
function unavailableSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300" || code === "57014" || code === "25P03";
}

/** Errors node-postgres, its pool and PGlite raise without a code. */
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Query read timeout/i,
  /is not queryable/i,
  /Cannot use a pool after calling end/i,
  /PGlite is clos(ed|ing)/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && unavailableSqlState(code)))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && MESSAGES.some((m) => m.test(message.split("\n")[0] ?? ""))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Seconds a client should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;
