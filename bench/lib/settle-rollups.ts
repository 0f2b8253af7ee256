import { todayInChina } from "../../packages/server/src/clock.ts";
import type { Db } from "../../packages/server/src/db/connection.ts";
import { refreshRollups } from "../../packages/server/src/monitoring/rollups.ts";

/**
 * Folds what loading the history left for the indicator rollups (a million referrals' marks), as
 * the server's rollup job would in its first minute, so that a benchmark's first phase does not
 * share the machine with that job: it showed as a pgbench run 16–23 % below the next one, and as
 * creates waiting seconds for the rows the refresh holds.
 */
export async function settleRollups(db: Db, say: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  await refreshRollups(db, todayInChina());
  say(`rollups settled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
