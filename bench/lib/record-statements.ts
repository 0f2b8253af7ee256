import { createRequire } from "node:module";
import pg from "pg";
import { buildApp } from "../../packages/server/src/app.ts";
import { loadConfig } from "../../packages/server/src/config.ts";
import { lookupHash } from "../../packages/server/src/crypto.ts";
import type { Database } from "../../packages/server/src/db/connection.ts";

// node-postgres's own conversion of a parameter to its text form (dates, buffers, arrays, JSON).
const { prepareValue } = createRequire(import.meta.url)("pg/lib/utils.js") as { prepareValue: (value: unknown) => string | Buffer | null };

export interface RecordedRequest {
  /** Every statement the server sent PostgreSQL for the request, in order, with its parameters. */
  statements: { text: string; values: unknown[] }[];
  /** The id the server gave the new referral, and the patient index hash of the request's patient. */
  referralId: string;
  patientHash: string;
}

/**
 * Runs the real app in this process on `database` and records, from node-postgres's client, what
 * one create+submit (request body `body(1)`) sends PostgreSQL — after one warm-up request, so
 * one-time work (statistics, first lookups) is not part of it.
 */
export async function recordStatements(database: Database, username: string, password: string, body: (n: number) => string): Promise<RecordedRequest> {
  const config = { ...loadConfig({}), webDist: "/nonexistent" };
  const app = await buildApp({ db: database.db, config, logger: false });
  const query = pg.Client.prototype.query;
  try {
    const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
    const session = login.cookies.find((c) => c.name === "mb_session");
    if (!session) throw new Error(`login failed: ${login.statusCode}`);
    const request = (n: number) =>
      app.inject({
        method: "POST",
        url: "/api/v1/referrals",
        headers: { cookie: `mb_session=${session.value}`, "content-type": "application/json" },
        payload: body(n),
      });
    await request(0);
    const statements: RecordedRequest["statements"] = [];
    // drizzle calls query(config, values) or query({ text, values }); pg's pool calls neither twice.
    (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      const text = typeof first === "string" ? first : first.text;
      statements.push({ text, values: (typeof first === "string" ? second : (first.values ?? second)) ?? [] });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    };
    const response = await request(1);
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
    const referralId = (response.json() as { id: string }).id;
    const idNumber = (JSON.parse(body(1)) as { patient: { idNumber: string } }).patient.idNumber;
    return { statements, referralId, patientHash: lookupHash(config.indexKey, idNumber) };
  } finally {
    pg.Client.prototype.query = query;
    await app.close();
  }
}

/** A literal PostgreSQL reads as it reads an untyped parameter (both are of unknown type). */
function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null || text === undefined) return "null";
  const s = Buffer.isBuffer(text) ? `\\x${text.toString("hex")}` : String(text);
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * The recorded statements as a pgbench script (`-M simple`): parameters inlined as literals, the
 * referral's id drawn at random per transaction (`:ida`, `:idb`), and the patient one of `patients`
 * (the patient index hash's last four digits are `:pat`), as the HTTP side's bodies vary them.
 * pgbench replaces `:name` anywhere in the text, inside quotes too, for variables it has set.
 */
export function toPgbenchScript(recorded: RecordedRequest, patients: number): string {
  const lines = ["\\set ida random(10000000, 99999999)", "\\set idb random(100000000000, 999999999999)", `\\set pat random(1000, ${999 + patients})`];
  for (const { text, values } of recorded.statements) {
    let statement = text.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
    statement = statement.replaceAll(recorded.referralId, ":ida-0000-4000-8000-:idb");
    statement = statement.replaceAll(recorded.patientHash, `${recorded.patientHash.slice(0, -4)}:pat`);
    if (/:(ida|idb|pat)[^a-z_]/.test(text)) throw new Error("a statement already holds a pgbench variable name");
    lines.push(`${statement.replace(/\s+/g, " ").trim()};`);
  }
  return `${lines.join("\n")}\n`;
}
