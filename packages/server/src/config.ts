import { resolve } from "node:path";
import type { ReminderKind } from "@medbridge/core";
import { allowEntryProblem, checkUrl, RefusedTarget } from "./notify/webhook-target.ts";

/** The province's SMS gateway (MEDBRIDGE_SMS_*): where reminders go, how they are signed, which templates. */
export interface SmsGatewayConfig {
  /** HTTPS in production; http to an allow-listed local listener in development and tests (webhook-target.ts). */
  url: string;
  /** HMAC-SHA256 key of the requests and of the gateway's delivery reports. */
  secret: string;
  /** The signature (签名) the gateway puts on the text, when the province has more than one. */
  sender: string | null;
  /** The gateway's template id per reminder kind: texts are templates with parameters, never free text. */
  templates: Record<ReminderKind, string>;
}

/** Everything the server reads from the environment, in one place. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A streaming replica of DATABASE_URL for reads that may lag: dashboards, indicator values, exports, region reports (DATABASE_READ_URL). */
  databaseReadUrl: string | undefined;
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
  /** The SMS gateway of register reminders; null when MEDBRIDGE_SMS_URL is not set (reminders are off). */
  sms: SmsGatewayConfig | null;
  /** Limits on waiting for PostgreSQL, in ms (0 = none): MEDBRIDGE_DB_*_TIMEOUT_MS. */
  db: { connectMs: number; statementMs: number; queryMs: number; idleInTransactionMs: number; startupMs: number };
  /** How long shutdown waits for requests in flight before exiting anyway (MEDBRIDGE_SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  /** Server processes `serve` runs (MEDBRIDGE_WORKERS or `--workers`); more than 1 needs PostgreSQL (cli/cluster.ts). */
  workers: number;
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

const SMS_TEMPLATE = /^[\w.:-]{1,64}$/;

function smsGateway(env: NodeJS.ProcessEnv, production: boolean, allow: string[]): SmsGatewayConfig | null {
  const url = env.MEDBRIDGE_SMS_URL?.trim() || undefined;
  const secret = env.MEDBRIDGE_SMS_SECRET || undefined;
  const sender = env.MEDBRIDGE_SMS_SENDER?.trim() || null;
  const beforeDue = env.MEDBRIDGE_SMS_TEMPLATE_BEFORE_DUE?.trim() || undefined;
  const missed = env.MEDBRIDGE_SMS_TEMPLATE_MISSED?.trim() || undefined;
  if (!url) {
    const stray = ["MEDBRIDGE_SMS_SECRET", "MEDBRIDGE_SMS_SENDER", "MEDBRIDGE_SMS_TEMPLATE_BEFORE_DUE", "MEDBRIDGE_SMS_TEMPLATE_MISSED"].find(
      (name) => env[name],
    );
    if (stray) throw new Error(`${stray} is set but MEDBRIDGE_SMS_URL is not: set the gateway's URL, or unset ${stray} to leave SMS reminders off`);
    return null;
  }
  try {
    // The same checks as a webhook's URL (scheme, no credentials); the address is checked at each send.
    checkUrl(url, { allow, httpsOnly: production });
  } catch (error) {
    if (error instanceof RefusedTarget) throw new Error(`MEDBRIDGE_SMS_URL ${error.message}`);
    throw error;
  }
  if (!secret || secret.length < 16)
    throw new Error("MEDBRIDGE_SMS_SECRET is required with MEDBRIDGE_SMS_URL, at least 16 characters (openssl rand -base64 32)");
  for (const [name, value] of [
    ["MEDBRIDGE_SMS_TEMPLATE_BEFORE_DUE", beforeDue],
    ["MEDBRIDGE_SMS_TEMPLATE_MISSED", missed],
  ] as const) {
    if (!value) throw new Error(`${name} is required with MEDBRIDGE_SMS_URL: the gateway's template id of that reminder`);
    if (!SMS_TEMPLATE.test(value)) throw new Error(`${name} must be a template id (letters, digits, _ . : -, at most 64), got "${value}"`);
  }
  if (sender !== null && sender.length > 40) throw new Error("MEDBRIDGE_SMS_SENDER must be at most 40 characters");
  return { url, secret, sender, templates: { before_due: beforeDue as string, missed_visit: missed as string } };
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

/** DATABASE_READ_URL: a postgres:// URL, and only beside DATABASE_URL (PGlite has no replicas). */
function databaseReadUrl(env: NodeJS.ProcessEnv): string | undefined {
  const given = env.DATABASE_READ_URL?.trim() || undefined;
  if (!given) return undefined;
  if (!env.DATABASE_URL) throw new Error("DATABASE_READ_URL is set but DATABASE_URL is not: a read replica serves a PostgreSQL primary (set both, or neither)");
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {}
  if (!url || !["postgres:", "postgresql:"].includes(url.protocol) || !url.hostname)
    throw new Error("DATABASE_READ_URL must be a PostgreSQL URL (postgres://user@host:port/database) of a streaming replica of DATABASE_URL");
  return given;
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

/** A count of server processes, from MEDBRIDGE_WORKERS or `serve --workers` (`name` says which, in the error). */
export function workerCount(given: string, name: string): number {
  const value = Number(given);
  if (!/^\d+$/.test(given.trim()) || !Number.isSafeInteger(value) || value < 1 || value > 64)
    throw new Error(`${name} must be a whole number of server processes from 1 to 64, got "${given}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const production = env.NODE_ENV === "production";
  const key = dataKey(env, production);
  const allow = webhookAllow(env);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: databaseReadUrl(env),
    dataDir: resolve(env.MEDBRIDGE_DATA_DIR || "./data"),
    demoPassword: demoPassword(env, production),
    demoOnFirstStart: production ? env.MEDBRIDGE_SEED_DEMO === "1" : env.MEDBRIDGE_SEED_DEMO !== "0",
    adminPassword: env.MEDBRIDGE_ADMIN_PASSWORD || undefined,
    trustProxy: env.MEDBRIDGE_TRUST_PROXY?.trim() || false,
    webDist: resolve(env.MEDBRIDGE_WEB_DIST || resolve(import.meta.dirname, "../../web/dist")),
    sessionHours: 12,
    production,
    dataKey: key.key,
    developmentKey: key.development,
    indexKey: indexKey(env, production, key.key),
    webhookAllow: allow,
    sms: smsGateway(env, production, allow),
    db: dbLimits(env),
    shutdownTimeoutMs: millis(env, "MEDBRIDGE_SHUTDOWN_TIMEOUT_MS", 10_000),
    workers: env.MEDBRIDGE_WORKERS ? workerCount(env.MEDBRIDGE_WORKERS, "MEDBRIDGE_WORKERS") : 1,
  };
}
