import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaMonth, todayInChina } from "../src/clock.ts";
import { loadConfig } from "../src/config.ts";
import { type Database, openDatabase } from "../src/db/connection.ts";
import { RETRY_MS } from "../src/db/replica.ts";
import { parseWeights, rankSupporters } from "../src/monitoring/ranking.ts";
import { ensureRegions } from "../src/registry/regions-data.ts";
import { demoAppOn, json, type TestContext } from "./helpers/app.ts";
import { pdfText } from "./helpers/pdf-text.ts";
import { type Cluster, findBin, startCluster, startStandby } from "./helpers/postgres-setup.ts";
import { referUp } from "./helpers/referrals.ts";

/**
 * DATABASE_READ_URL against a real streaming replica this test starts (initdb, pg_basebackup -R, a
 * second pg_ctl). Replay is paused on the replica to make lag: what may lag (indicator values,
 * rankings, exports, the region report) shows the replica's older rows, what follows a write
 * (worklists, details, the compliance board) the primary's newer ones.
 */
const tools = Boolean(findBin("initdb") && findBin("pg_ctl") && findBin("pg_basebackup"));
if (!tools) console.warn("\n⚠ read-replica: initdb/pg_ctl/pg_basebackup missing, SKIPPING the streaming replica tests\n");

describe("DATABASE_READ_URL configuration", () => {
  const primary = "postgres://app@db1:5432/medbridge";
  it("is read beside DATABASE_URL, and refused alone or when not a PostgreSQL URL, without quoting it", () => {
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: "postgres://app@db2:5432/medbridge" }).databaseReadUrl).toBe(
      "postgres://app@db2:5432/medbridge",
    );
    expect(loadConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_READ_URL: "postgres://app@db2/medbridge" })).toThrow(/DATABASE_READ_URL is set but DATABASE_URL is not/);
    for (const bad of ["db2:5432", "mysql://app:s3cret@db2/medbridge", "postgres://"]) {
      expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: bad })).toThrow(/DATABASE_READ_URL must be a PostgreSQL URL/);
      expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: bad })).not.toThrow(/s3cret/);
    }
  });
  it("needs a PostgreSQL primary: embedded PGlite has no replica", async () => {
    await expect(openDatabase({ dataDir: "memory://", readUrl: "postgres://app@db2/medbridge" })).rejects.toThrow(/needs a PostgreSQL primary/);
  });
});

const PRIMARY_PORT = 19201;
const REPLICA_PORT = 19202;
const NAME = "mbr_replica";
const RENAMED = "改名医院";

describe.skipIf(!tools)("a read replica (DATABASE_READ_URL) with lag and outage", () => {
  let primary: Cluster;
  let replica: Cluster;
  let ctx: TestContext;
  let database: Database;
  const warnings: string[] = [];
  const at = (cluster: Cluster) => cluster.url.replace(/\/postgres$/, `/${NAME}`);
  const month = chinaMonth(new Date());
  const year = Number(month.slice(0, 4));
  let supporter: { id: string; name: string };

  /** One statement on one cluster's test database, on a connection of its own. */
  const query = async <T extends pg.QueryResultRow>(cluster: Cluster, text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: at(cluster) });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const onReplica = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => query<T>(replica, text, values);
  const onPrimary = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => query<T>(primary, text, values);
  /** Waits until the replica has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const [{ lsn } = { lsn: "" }] = await onPrimary<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn");
    for (const started = Date.now(); Date.now() - started < 30_000; ) {
      const [row] = await onReplica<{ done: boolean }>("select pg_last_wal_replay_lsn() >= $1::pg_lsn as done", [lsn]);
      if (row?.done) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the replica did not catch up within 30 s");
  };
  const get = async (who: string, url: string) => ctx.app.inject({ url, headers: { cookie: await ctx.login(who) } });
  /** This month's up-referrals in Guizhou as the values API answers them (0 when no row: the indicator counts). */
  const referralsUp = async () => {
    const response = await get("gz.official", `/api/v1/indicators/referrals_up/values?regionCode=520000&level=province&from=${month}&to=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    return (json(response).items[0]?.numerator as number | undefined) ?? 0;
  };
  const referralsUpXlsx = async () => {
    const response = await get("gz.official", `/api/v1/indicators/referrals_up/values.xlsx?regionCode=520000&level=province&from=${month}&to=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return Number(rows.find((r) => r[0] === "520000")?.[3] ?? 0);
  };
  const rankedNames = async () => {
    const response = await get("gz.official", `/api/v1/rankings/supporters?regionCode=520000&year=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    return (json(response).items as { supporterId: string; name: string }[]).map((i) => i.name);
  };
  const boardNames = async () => {
    const response = await get("gz.official", `/api/v1/compliance?year=${year}&pageSize=200`);
    expect(response.statusCode, response.body).toBe(200);
    return json(response).items.flatMap((i: { agreement: { supporters: { name: string }[] } }) => i.agreement.supporters.map((s) => s.name));
  };
  const reportText = async () => {
    const response = await get("gz.official", `/api/v1/reports/520000?period=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    return (await pdfText(new Uint8Array(response.rawPayload))).replace(/\s+/g, "");
  };
  /** The compliance board's XLSX as text of its cells. */
  const exportText = async () => {
    const response = await get("gz.official", `/api/v1/compliance/export?year=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]?.eachRow((row) => cells.push(...(row.values as unknown[]).slice(1).map(String)));
    return cells.join("|");
  };

  beforeAll(async () => {
    primary = (await startCluster({ port: PRIMARY_PORT, dirPrefix: "mbr-primary-" })) as Cluster;
    const admin = new pg.Client({ connectionString: primary.url });
    await admin.connect();
    await admin.query(`create database ${NAME}`);
    await admin.end();
    replica = (await startStandby(primary, { port: REPLICA_PORT, dirPrefix: "mbr-replica-" })) as Cluster;
    database = await openDatabase({ url: at(primary), readUrl: at(replica), poolSize: 10, warn: (line) => warnings.push(line) });
    // Migrations, regions and the demo world are written to the primary and stream to the replica.
    await database.migrate();
    await ensureRegions(database.db);
    ctx = await demoAppOn(database);
    await referralsUp(); // the first refresh of the rollups, on the primary
    await caughtUp();
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    replica?.stop();
    primary?.stop();
  });

  it("reads dashboards from the replica: its own connections, named medbridge-read, none on the primary", async () => {
    expect(await referralsUp()).toBe(await referralsUpXlsx());
    const reads = await onReplica<{ n: number }>("select count(*)::int as n from pg_stat_activity where application_name = 'medbridge-read' and datname = $1", [
      NAME,
    ]);
    expect(reads[0]?.n).toBeGreaterThan(0);
    const [standby] = await onReplica<{ standby: boolean }>("select pg_is_in_recovery() as standby");
    expect(standby?.standby).toBe(true);
    const primaryReads = await onPrimary<{ n: number }>("select count(*)::int as n from pg_stat_activity where application_name = 'medbridge-read'");
    expect(primaryReads[0]?.n).toBe(0);
    expect(warnings).toEqual([]);
  });

  it("under lag: figures, rankings, exports and the report are the replica's; worklists, details and the board the primary's", async () => {
    const before = await referralsUp();
    const ranked = (await rankSupporters(database.db, "520000", year, parseWeights(undefined), todayInChina())).items[0];
    expect(ranked).toBeDefined();
    supporter = { id: ranked?.supporterId as string, name: ranked?.name as string };
    await onReplica("select pg_wal_replay_pause()");

    // A write under DATABASE_READ_URL goes to the primary (the replica would refuse it: read-only).
    const county = json(await get("gz.county.coord", "/api/v1/me")).institutionId as string;
    const created = await referUp(ctx, county);
    expect(created.statusCode, created.body).toBe(201);
    const referral = json(created).id as string;
    await onPrimary("update institutions set name = $1 where id = $2", [RENAMED, supporter.id]);

    // The values request refreshes the rollups (a write: on the primary), then reads the replica.
    expect(await referralsUp()).toBe(before);
    expect(await referralsUpXlsx()).toBe(before);
    const [dirty] = await onPrimary<{ n: number }>("select count(*)::int as n from rollup_dirty");
    expect(dirty?.n).toBe(0);
    const [counted] = await onPrimary<{ n: number }>(
      "select coalesce(sum(numerator), 0)::int as n from indicator_rollups where indicator_id = 'referrals_up' and month = $1 and region_code like '52%'",
      [month],
    );
    expect(counted?.n).toBe(before + 1);

    expect(await rankedNames()).toContain(supporter.name);
    expect(await rankedNames()).not.toContain(RENAMED);
    expect(await exportText()).not.toContain(RENAMED);
    expect(await exportText()).toContain(supporter.name);
    expect(await reportText()).not.toContain(RENAMED);
    // The board itself is read after writes (a dispatch recorded, its status checked): the primary.
    expect(await boardNames()).toContain(RENAMED);

    // The referral just made is on both worklists and opens for both sides.
    const outgoing = json(await get("gz.township.doctor", "/api/v1/referrals?role=outgoing&pageSize=200"));
    expect(outgoing.items.map((r: { id: string }) => r.id)).toContain(referral);
    const incoming = json(await get("gz.county.coord", "/api/v1/referrals?role=incoming&pageSize=200"));
    expect(incoming.items.map((r: { id: string }) => r.id)).toContain(referral);
    for (const who of ["gz.township.doctor", "gz.county.coord"]) expect((await get(who, `/api/v1/referrals/${referral}`)).statusCode).toBe(200);

    // Replay resumed: the replica catches up and the dashboards with it.
    await onReplica("select pg_wal_replay_resume()");
    await caughtUp();
    expect(await referralsUp()).toBe(before + 1);
    expect(await referralsUpXlsx()).toBe(before + 1);
    expect(await rankedNames()).toContain(RENAMED);
    expect(await exportText()).toContain(RENAMED);
    expect(await reportText()).toContain(RENAMED);
    expect(warnings).toEqual([]);
  }, 120_000);

  it("starts with the replica away (reads from the primary, said once) but not with one that refuses the server", async () => {
    const said: string[] = [];
    const away = await openDatabase({ url: at(primary), readUrl: at(primary).replace(String(PRIMARY_PORT), "19203"), warn: (line) => said.push(line) });
    try {
      const rows = (await away.read.execute(sql`select pg_is_in_recovery() as standby`)) as unknown as { rows: { standby: boolean }[] };
      expect(rows.rows[0]?.standby).toBe(false); // answered by the primary
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/127\.0\.0\.1:19203\/mbr_replica is unavailable/);
    } finally {
      await away.close();
    }
    const notStandby: string[] = [];
    await (await openDatabase({ url: at(primary), readUrl: at(primary), warn: (line) => notStandby.push(line) })).close();
    expect(notStandby).toEqual([expect.stringMatching(/DATABASE_READ_URL 127\.0\.0\.1:19201\/mbr_replica is not a standby/)]);
    await expect(openDatabase({ url: at(primary), readUrl: at(replica).replace(NAME, "mbr_missing") })).rejects.toThrow(
      /Cannot use the read replica at 127\.0\.0\.1:19202\/mbr_missing \(DATABASE_READ_URL\): database "mbr_missing" does not exist/,
    );
  });

  it("replica stopped: dashboards answer from the primary, said once; it is used again once it answers", async () => {
    const now = await referralsUp();
    replica.halt();
    for (let i = 0; i < 3; i++) expect(await referralsUp()).toBe(now);
    expect(await rankedNames()).toContain(RENAMED);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Read replica 127\.0\.0\.1:19202\/mbr_replica is unavailable .*read from the primary/);

    replica.start();
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS + 500));
    expect(await referralsUp()).toBe(now);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/answers again/);
    const reads = await onReplica<{ n: number }>("select count(*)::int as n from pg_stat_activity where application_name = 'medbridge-read' and datname = $1", [
      NAME,
    ]);
    expect(reads[0]?.n).toBeGreaterThan(0);
  }, 60_000);
});
