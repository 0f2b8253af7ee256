import type { Db } from "../db/connection.ts";
import type { Job } from "../jobs.ts";
import { forgetPositions } from "./attendance.ts";

/**
 * Paired assistance's scheduled work, for the one scheduler (`jobs.ts`): check-in positions older
 * than POSITION_RETENTION_DAYS are deleted (the classification and distance stay). Hourly is
 * enough: the rule goes by China date.
 */
export function assistanceJobs(db: Db, { everyMs = 3_600_000 } = {}): Job[] {
  return [{ name: "check-in positions", everyMs, run: async (at) => ({ positionsForgotten: await forgetPositions(db, at) }) }];
}
