import { resolve } from "node:path";
import { allowEntryProblem } from "./notify/webhook-target.ts";

/** Everything the server reads from the environment, in one place. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Password of the demo accounts; null in production unless MEDBRIDGE_DEMO_PASSWORD is set: each gets its own random one. */
  demoPassword: string | null;
  /** Whether a first start seeds the demo world: yes in development, in production only with MEDBRIDGE_SEED_DEMO=1 (or `serve --demo`). */
  demoOnFirstStart: boolean;
  adminPassword: string | undefined;
  /** Proxies whose X-Forwarded-For is believed (MEDBRIDGE_TRUST_PROXY: addresses, CIDRs or "loopback"), so rate limits see clients. */
  trustProxy: string | false;
  /** Where the built web app lives; served at `/` when present. */
  webDist: string;
  sessionHours: number;
  production: boolean;
  /** 32-byte key (base64, MEDBRIDGE_DATA_KEY) that encrypts national ID numbers at rest. */
  dataKey: Buffer;
  /** True when no key was configured and the development key is in use (never in production). */
  developmentKey: boolean;
  /**
   * 32-byte key (base64, MEDBRIDGE_INDEX_KEY) of the patient index's HMAC of ID numbers. Separate
   * from the data key: rotating one never touches what the other protects, and a leaked index key
   * opens no ciphertext.
   */
  indexKey: Buffer;
  /** Non-public addresses and CIDR ranges webhooks may still reach (MEDBRIDGE_WEBHOOK_ALLOW, comma-separated). */
  webhookAllow: string[];
  /** Limits on waiting for PostgreSQL, in ms (0 = none): MEDBRIDGE_DB_*_TIMEOUT_MS. */
  db: { connectMs: number; statementMs: number; queryMs: number; idleInTransactionMs: number; startupMs: number };
  /** How long shutdown waits for requests in flight before exiting anyway (MEDBRIDGE_SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
}

/**
 * A fixed key so that development and test databases stay readable across restarts. It protects
 * nothing; production refuses to start without MEDBRIDGE_DATA_KEY.
 */
const DEVELOPMENT_KEY = Buffer.alloc(32, "medbridge-development-only-key!!");

function dataKey(env: NodeJS.ProcessEnv, production: boolean): { key: Buffer; development: boolean } {
  const given = env.MEDBRIDGE_DATA_KEY;
  if (given) {
    const key = Buffer.from(given, "base64");
    if (key.length !== 32) throw new Error("MEDBRIDGE_DATA_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
    return { key, development: false };
  }
  if (production) throw new Error("MEDBRIDGE_DATA_KEY is required in production (NODE_ENV=production): it encrypts patients' ID numbers");
  return { key: DEVELOPMENT_KEY, development: true };
}

/** Like the development data key: readable across restarts, protects nothing, refused in production. */
const DEVELOPMENT_INDEX_KEY = Buffer.alloc(32, "medbridge-development-index-key!");

function indexKey(env: NodeJS.ProcessEnv, production: boolean, data: Buffer): Buffer {
  const given = env.MEDBRIDGE_INDEX_KEY;
  if (!given) {
    if (production) throw new Error("MEDBRIDGE_INDEX_KEY is required in production (NODE_ENV=production): it keys the patient index's hash of ID numbers");
    return DEVELOPMENT_INDEX_KEY;
  }
  const key = Buffer.from(given, "base64");
  if (key.length !== 32) throw new Error("MEDBRIDGE_INDEX_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)");
  if (key.equals(data)) throw new Error("MEDBRIDGE_INDEX_KEY must differ from MEDBRIDGE_DATA_KEY");
  return key;
}

function webhookAllow(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.MEDBRIDGE_WEBHOOK_ALLOW ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const problem = entries.map(allowEntryProblem).find(Boolean);
  if (problem) throw new Error(`MEDBRIDGE_WEBHOOK_ALLOW: ${problem} (example: 127.0.0.1,10.0.0.0/8)`);
  return entries;
}

/** The published demo password (README): fine on a laptop, never accepted in production. */
export const DEFAULT_DEMO_PASSWORD = "medbridge-demo";

function demoPassword(env: NodeJS.ProcessEnv, production: boolean): string | null {
  const given = env.MEDBRIDGE_DEMO_PASSWORD || undefined;
  if (production && given === DEFAULT_DEMO_PASSWORD) {
    throw new Error("MEDBRIDGE_DEMO_PASSWORD is the published demo password; production refuses it (unset it for random passwords)");
  }
  return given ?? (production ? null : DEFAULT_DEMO_PASSWORD);
}

function millis(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const given = env[name];
  if (given === undefined || given === "") return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds (0 = no limit), got "${given}"`);
  return value;
}

function dbLimits(env: NodeJS.ProcessEnv): Config["db"] {
  const statementMs = millis(env, "MEDBRIDGE_DB_STATEMENT_TIMEOUT_MS", 30_000);
  return {
    connectMs: millis(env, "MEDBRIDGE_DB_CONNECT_TIMEOUT_MS", 5_000),
    statementMs,
    // The client gives up on a silent server a little after the server would have cancelled.
    queryMs: statementMs ? statementMs + 5_000 : 0,
    idleInTransactionMs: millis(env, "MEDBRIDGE_DB_IDLE_TX_TIMEOUT_MS", 60_000),
    startupMs: millis(env, "MEDBRIDGE_DB_STARTUP_TIMEOUT_MS", 30_000),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const production = env.NODE_ENV === "production";
  const key = dataKey(env, production);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MEDBRIDGE_DATA_DIR || "./data"),
    demoPassword: demoPassword(env, production),
    demoOnFirstStart: production ? env.MEDBRIDGE_SEED_DEMO === "1" : env.MEDBRIDGE_SEED_DEMO !== "0",
    adminPassword: env.MEDBRIDGE_ADMIN_PASSWORD || undefined,
    trustProxy: env.MEDBRIDGE_TRUST_PROXY?.trim() || false,
    webDist: resolve(import.meta.dirname, "../../web/dist"),
    sessionHours: 12,
    production,
    dataKey: key.key,
    developmentKey: key.development,
    indexKey: indexKey(env, production, key.key),
    webhookAllow: webhookAllow(env),
    db: dbLimits(env),
    shutdownTimeoutMs: millis(env, "MEDBRIDGE_SHUTDOWN_TIMEOUT_MS", 10_000),
  };
}
