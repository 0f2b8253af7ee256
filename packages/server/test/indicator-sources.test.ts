import { INDICATORS } from "@medbridge/core";
import { getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { PgDialect, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/connection.ts";
import * as schema from "../src/db/schema.ts";
import { dirtiedBy, histogramQuery, INDICATOR_SOURCES, ROLLUP_SOURCE_TABLES, SOURCE_ENTRIES, sumsQuery } from "../src/monitoring/indicator-sources.ts";
import { BACKENDS, freshDatabase } from "./helpers/db.ts";

/**
 * The registry (monitoring/indicator-sources.ts) against what it must agree with and the compiler
 * cannot see: the SQL of each fact query and the triggers the migrations installed.
 */

const TABLES = new Set<string>((Object.values(schema) as unknown[]).flatMap((x) => (is(x, PgTable) ? [getTableName(x)] : [])));
/** The tables a query names after `from` or `join`. */
const tablesRead = (query: string) => new Set([...query.matchAll(/\b(?:from|join)\s+([a-z_]+)/gi)].map((m) => m[1] as string).filter((t) => TABLES.has(t)));
const text = (query: ReturnType<typeof sql>) => new PgDialect().sqlToQuery(query).sql;

describe("indicator sources", () => {
  it("give each catalogue indicator exactly one entry, with a source table, a median its histogram", () => {
    const ids = INDICATORS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SOURCE_ENTRIES.map(([id]) => id)).toEqual(ids);
    for (const indicator of INDICATORS) {
      const source = INDICATOR_SOURCES[indicator.id];
      expect(source.dirtiedBy.length, indicator.id).toBeGreaterThan(0);
      expect("histogram" in source || "buckets" in source, indicator.id).toBe(indicator.median === true);
      if ("judge" in source) expect(indicator.yearly, indicator.id).toBe(true);
    }
  });

  it("name as sources exactly the tables each fact query reads (an institution's county included)", () => {
    const all = () => sql`true`;
    for (const [id, source] of SOURCE_ENTRIES) {
      const query = sumsQuery(source, all) ?? histogramQuery(source, all) ?? ("counties" in source ? source.counties : sql``);
      const read = [...tablesRead(text(query))].sort();
      // An engine reads more than its county query shows (the outreach engines); its counties come from a source.
      if ("judge" in source) expect(dirtiedBy(id), id).toEqual(expect.arrayContaining(read));
      else expect(read, id).toEqual([...dirtiedBy(id)].sort());
    }
  });

  it("compare, in the referrals trigger, every referral column the indicators read (an update of others is skipped)", async () => {
    const database = await freshDatabase("pglite");
    try {
      const [fn] = (
        (await database.db.execute(sql`select prosrc as body from pg_proc where proname = 'rollup_dirty_referrals'`)) as unknown as { rows: { body: string }[] }
      ).rows;
      const compared = /IF TG_OP = 'UPDATE' AND \(([^)]*)\)/.exec(fn?.body ?? "")?.[1] ?? "";
      const all = () => sql`true`;
      // `id` never changes; `submitted_month` is generated from `submitted_at`.
      const columns = Object.values(getTableColumns(schema.referrals))
        .map((c) => c.name)
        .filter((c) => c !== "id" && c !== "submitted_month");
      for (const [id, source] of SOURCE_ENTRIES) {
        if (!dirtiedBy(id).includes("referrals")) continue;
        const query = text(sumsQuery(source, all) ?? histogramQuery(source, all) ?? sql``);
        for (const column of columns) if (new RegExp(`\\b${column}\\b`).test(query)) expect(compared, `${id} reads ${column}`).toContain(`OLD.${column}`);
      }
    } finally {
      await database.close();
    }
  }, 60_000);

  it("list the register as a source of the control rate, which the new month marks under its name", () => {
    expect(dirtiedBy("htn_control_rate")).toContain("chronic_patients");
  });
});

type TriggerRow = { table: string; trigger: string; fn: string; body: string; type: number; enabled: string };

describe.each(BACKENDS)("rollup triggers on %s", (backend) => {
  let database: Database;
  let triggers: TriggerRow[];
  beforeAll(async () => {
    database = await freshDatabase(backend);
    // The triggers whose function marks rollups dirty (through rollup_mark or rollup_mark_range).
    triggers = (
      (await database.db.execute(sql`
        select c.relname as table, t.tgname as trigger, p.proname as fn, p.prosrc as body, t.tgtype::int as type, t.tgenabled::text as enabled
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace join pg_proc p on p.oid = t.tgfoid
        where not t.tgisinternal and n.nspname = 'public' and p.prosrc like '%rollup_mark%'
        order by 1, 2`)) as unknown as { rows: TriggerRow[] }
    ).rows;
  }, 60_000);
  afterAll(async () => database?.close());

  it("sit on exactly the tables the registry names as sources, one each", () => {
    expect(triggers.map((t) => t.table)).toEqual(ROLLUP_SOURCE_TABLES);
  });

  it("fire after every insert, update and delete of a row, and are enabled", () => {
    // pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update.
    for (const t of triggers) {
      expect(t.type & 0b11111, t.trigger).toBe(0b11101);
      expect(t.enabled, t.trigger).toBe("O");
    }
  });

  it("mark each change under the table's own name, so a refresh recomputes exactly the indicators it dirties", () => {
    for (const t of triggers) {
      const marks = t.body.split("\n").filter((line) => /rollup_mark/.test(line));
      expect(marks.length, t.fn).toBeGreaterThan(0);
      // The last argument is the source: TG_TABLE_NAME, never '*' (everything) nor another table's name.
      for (const line of marks) expect(line, t.fn).toMatch(/rollup_mark(_range)?\(.*, TG_TABLE_NAME\);/);
    }
  });
});
