import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real server on loopback for the demo world. */
async function listening(backend: (typeof BACKENDS)[number]): Promise<{ ctx: TestContext; base: string }> {
  const ctx = await demoApp(backend);
  await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  const address = ctx.app.server.address() as { port: number };
  return { ctx, base: `http://127.0.0.1:${address.port}` };
}

describe.each(BACKENDS)("large imports on %s", (backend) => {
  let ctx: TestContext;
  let base: string;
  let cookie: string;
  let counties: string[];
  beforeAll(async () => {
    ({ ctx, base } = await listening(backend));
    cookie = await ctx.login("admin");
    counties = (
      (await ctx.database.db.execute(sql`select code from regions where leaf and code like '52%' order by code limit 40`)) as unknown as {
        rows: { code: string }[];
      }
    ).rows.map((r) => r.code);
  });
  afterAll(() => ctx.close());

  const csv = (names: string[]) => `name,kind,region_code\n${names.map((n, i) => `${n},village_clinic,${counties[i % counties.length]}`).join("\n")}\n`;
  const post = (body: string) => fetch(`${base}/api/v1/institutions/import`, { method: "POST", headers: { cookie, "content-type": "text/csv" }, body });
  const countLike = async (prefix: string) =>
    (
      (await ctx.database.db.execute(sql`select count(*)::int as n from institutions where name like ${`${prefix}%`}`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n;

  it("answers other requests while a 4,000-row file is imported", async () => {
    // On PGlite the whole import used to be one task of the event loop: nothing else was answered.
    const names = Array.from({ length: 4000 }, (_, i) => `示例大批导入卫生室${i}`);
    let done = false;
    const started = performance.now();
    const importing = post(csv(names)).then(async (response) => {
      done = true;
      return { status: response.status, body: await response.json(), seconds: (performance.now() - started) / 1000 };
    });
    const polls: { ms: number; beforeImportEnded: boolean }[] = [];
    while (!done) {
      const t0 = performance.now();
      await (await fetch(`${base}/api/v1/health`)).arrayBuffer();
      polls.push({ ms: performance.now() - t0, beforeImportEnded: !done });
      await sleep(20);
    }
    const result = await importing;
    expect(result.status, JSON.stringify(result.body).slice(0, 300)).toBe(200);
    expect(result.body).toMatchObject({ rows: 4000, imported: 4000 });
    const during = polls.filter((p) => p.beforeImportEnded);
    expect(during.length, `polls answered during a ${result.seconds.toFixed(1)} s import`).toBeGreaterThanOrEqual(5);
    expect(Math.max(...during.map((p) => p.ms))).toBeLessThan((result.seconds * 1000) / 2);
    expect(await countLike("示例大批导入卫生室")).toBe(4000);
  });

  it("stays all-or-nothing when a row fails late, in the last chunk written", async () => {
    const db = ctx.database.db;
    // A late failure the checks cannot foresee (as a concurrent insert of the same name would be).
    await db.execute(
      sql.raw(`create function import_fails_late() returns trigger language plpgsql as $$
        begin if new.name = '示例迟败卫生室1150' then raise exception 'late failure' using errcode = '23505'; end if; return new; end $$`),
    );
    await db.execute(sql.raw("create trigger import_fails_late before insert on institutions for each row execute function import_fails_late()"));
    try {
      const response = await post(csv(Array.from({ length: 1200 }, (_, i) => `示例迟败卫生室${i}`)));
      expect(response.status).toBe(409);
      expect(await countLike("示例迟败卫生室")).toBe(0);
      const audited = (await db.execute(
        sql`select count(*)::int as n from audit_log where entity = 'institution' and after->>'name' like '示例迟败卫生室%'`,
      )) as unknown as { rows: { n: number }[] };
      expect(audited.rows[0]?.n).toBe(0);
    } finally {
      await db.execute(sql.raw("drop trigger import_fails_late on institutions"));
      await db.execute(sql.raw("drop function import_fails_late()"));
    }
  });

  it("finds a name repeated far apart in the file although rows are checked in chunks", async () => {
    const names = Array.from({ length: 1500 }, (_, i) => `示例远重卫生室${i}`);
    // Same county as row 2 (counties repeat every counties.length rows).
    const last = counties.length * 37;
    names[last] = names[0] as string;
    const response = await post(csv(names));
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ path: `rows[${last + 2}].name`, message: "appears twice in this file for the same county" }]);
    expect(await countLike("示例远重卫生室")).toBe(0);
  });
});
