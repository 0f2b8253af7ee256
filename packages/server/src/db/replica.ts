import pg from "pg";

/**
 * The read replica's pool (DATABASE_READ_URL), for reads that may lag: dashboards, indicator values,
 * exports and region reports. When the replica cannot answer (stopped, restarting, unreachable,
 * silent) the read is run on the primary instead, so a dashboard never fails because of the
 * replica: it only costs the primary the work the replica was there to take. One line is written
 * when the replica goes away and one when it answers again — not one per request.
 *
 * Drizzle's node-postgres driver calls `query` for statements and `connect` for transactions (it
 * recognises a pool by "Pool" in the class name), so this class offers both.
 */
export class ReplicaPool {
  readonly replica: pg.Pool;
  private readonly primary: pg.Pool;
  private readonly warn: (line: string) => void;
  private readonly where: string;
  /** While set, reads skip the replica until this time (ms), then try it again. */
  private downUntil: number | null = null;

  constructor(options: { replica: pg.PoolConfig; primary: pg.Pool; where: string; warn: (line: string) => void }) {
    this.replica = new pg.Pool(options.replica);
    this.primary = options.primary;
    this.where = options.where;
    this.warn = options.warn;
    // An idle replica connection closed by a restart or failover must not crash the process.
    this.replica.on("error", () => {});
  }

  async query(config: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    if (this.skipping()) return this.primary.query(config, values);
    try {
      const result = await this.replica.query(config, values);
      this.answered();
      return result;
    } catch (error) {
      if (!this.fallsBack(error)) throw error;
      // Reads only: running one again on the primary cannot do anything twice.
      return this.primary.query(config, values);
    }
  }

  async connect(): Promise<pg.PoolClient> {
    if (this.skipping()) return this.primary.connect();
    try {
      const client = await this.replica.connect();
      this.answered();
      return client;
    } catch (error) {
      if (!this.fallsBack(error)) throw error;
      return this.primary.connect();
    }
  }

  /**
   * At start-up: whether the replica is a standby (false: DATABASE_READ_URL names a primary), or
   * null when it does not answer — the server starts anyway, reading from the primary meanwhile.
   */
  async probe(): Promise<boolean | null> {
    try {
      const result = await this.replica.query<{ standby: boolean }>("select pg_is_in_recovery() as standby");
      return result.rows[0]?.standby ?? null;
    } catch (error) {
      if (!this.fallsBack(error)) throw error;
      return null;
    }
  }

  end(): Promise<void> {
    return this.replica.end();
  }

  /** Whether the replica was found unavailable within the last RETRY_MS. */
  private skipping(): boolean {
    return this.downUntil !== null && Date.now() < this.downUntil;
  }

  private answered(): void {
    if (this.downUntil === null) return;
    this.downUntil = null;
    this.warn(`Read replica ${this.where} answers again: dashboards, exports and reports read from it.`);
  }

  /** True when the error means the replica is unavailable (the read then goes to the primary). */
  private fallsBack(error: unknown): boolean {
    // A standby cancels a query whose rows replay is about to remove; the primary has no such conflict.
    if (pgCode(error) === "40001" && /recovery/i.test((error as Error).message)) return true;
    if (!replicaUnavailable(error)) return false;
    if (this.downUntil === null)
      this.warn(
        `Read replica ${this.where} is unavailable (${(error as Error).message}); dashboards, exports and reports read from the primary until it answers again.`,
      );
    this.downUntil = Date.now() + RETRY_MS;
    return true;
  }
}

/** How long reads stay on the primary before the replica is tried again. */
export const RETRY_MS = 10_000;

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Connection failures (refused, reset, unreachable, the pool's connection timeout, a silent server's
 * query timeout), the server shutting down or starting up (57P01–57P03), and SQLSTATE class 08. Not
 * a statement timeout (57014) or a query error: those would fail on the primary too.
 */
export function replicaUnavailable(error: unknown): boolean {
  const code = pgCode(error);
  if (code && /^(57P0[123]|08...)$/.test(code)) return true;
  if (code && ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "EPIPE"].includes(code)) return true;
  if (code) return false;
  return /connection terminated|timeout exceeded when trying to connect|query read timeout|connection ended|not queryable/i.test(
    (error as Error).message ?? "",
  );
}
