import { day } from "@medbridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/connection.ts";
import { claimDailyMarks, rebuildRollups, releaseDailyMarks } from "../src/monitoring/rollups.ts";
import { BACKENDS, type Backend, freshDatabase } from "./helpers/db.ts";

/**
 * The day's marks (new month of the register, stale verdicts) recompute thousands of county-months
 * at national scale: one process does them once a China day, not every worker at every start.
 */
describe.each(BACKENDS)("the day's rollup marks on %s", (backend: Backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(async () => {
    await database.close();
  });

  it("are claimed by the first to ask on a day, by nobody else that day, and anew the next day", async () => {
    const monday = day("2026-11-23");
    const tuesday = day("2026-11-24");
    expect(await claimDailyMarks(database.db, monday)).toBe(true);
    // A second worker, or a restart, the same day.
    expect(await Promise.all([claimDailyMarks(database.db, monday), claimDailyMarks(database.db, monday)])).toEqual([false, false]);
    expect(await claimDailyMarks(database.db, tuesday)).toBe(true);
    expect(await claimDailyMarks(database.db, tuesday)).toBe(false);
    // Marks that failed are given back and tried again.
    await releaseDailyMarks(database.db, tuesday);
    expect(await claimDailyMarks(database.db, tuesday)).toBe(true);
    // Giving back another day's claim gives back nothing.
    await releaseDailyMarks(database.db, monday);
    expect(await claimDailyMarks(database.db, tuesday)).toBe(false);
  });

  it("are taken by a full rebuild, which counts everything as of that day", async () => {
    const wednesday = day("2026-11-25");
    await rebuildRollups(database.db, wednesday);
    expect(await claimDailyMarks(database.db, wednesday)).toBe(false);
    expect(await claimDailyMarks(database.db, day("2026-11-26"))).toBe(true);
  });
});
