import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import type { Job } from "../jobs.ts";

/**
 * The store of @fastify/rate-limit's counters: a row per route and client in `rate_limit_hits`, so
 * that `serve --workers N` counts one client's attempts once, whichever process answers (the
 * plugin's own store is per process: N workers would allow N times the limit). One atomic upsert per
 * limited request; the window is fixed, starts at a client's first attempt and is timed by the
 * database's clock, which all processes share. PGlite (one process) uses the same store.
 */
export function rateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly scope = "",
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countHit(db, this.scope + key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    /** Each limited route counts on its own, as with the plugin's own store. */
    child(routeOptions: object): FastifyRateLimitStore {
      return new DatabaseStore(routeOptions, `${routeScope(routeOptions)} `);
    }
  }
  return DatabaseStore;
}

/** "POST /api/v1/auth/login": the plugin hands `child` the route's options under `routeInfo`. */
function routeScope(options: object): string {
  const route = ((options as { routeInfo?: object }).routeInfo ?? options) as { method?: string | string[]; url?: string };
  if (!route.url) throw new Error("rate limit: a route without a URL");
  return `${[route.method ?? ""].flat().join(",")} ${route.url}`;
}

async function countHit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  // One statement: the row lock of the upsert orders concurrent attempts of one client.
  const result = (await db.execute(sql`
    insert into rate_limit_hits as h (key, count, resets_at)
    values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      count = case when h.resets_at <= now() then 1 else h.count + 1 end,
      resets_at = case when h.resets_at <= now() then excluded.resets_at else h.resets_at end
    returning count, greatest(0, ceil(extract(epoch from resets_at - now()) * 1000))::int as ttl`)) as unknown as {
    rows: { count: number; ttl: number }[];
  };
  const row = result.rows[0];
  if (!row) throw new Error("rate limit: the upsert returned no row");
  return { current: row.count, ttl: row.ttl };
}

/** Deletes counters whose window is over (a new attempt starts a new row anyway). */
export function rateLimitJobs(db: Db, { everyMs = 10 * 60_000 } = {}): Job[] {
  return [
    {
      name: "rate limit counters",
      everyMs,
      run: async () => {
        const swept = (await db.execute(sql`delete from rate_limit_hits where resets_at < now() returning 1`)) as unknown as { rows: unknown[] };
        return { rateLimitCountersSwept: swept.rows.length };
      },
    },
  ];
}
