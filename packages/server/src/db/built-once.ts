import type { Query, SQLWrapper } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./connection.ts";

const dialect = new PgDialect();

/**
 * A statement of a hot path, turned into text by Drizzle once and run many times. Drizzle builds
 * the text of a query again on every call, walking every column and parameter: for the referral
 * create (a 30-column insert with its event, audit entry and notifications) that cost more of the
 * server's CPU than PostgreSQL spent on the statement. Here `build` is called once, with
 * `sql.placeholder("name")` wherever a value goes; each run fills the placeholders from `values`
 * and sends the kept text on `db` — the pool, or the transaction it is given (unlike Drizzle's
 * `prepare`, which binds a statement to one handle). Rows come back as PostgreSQL names them
 * (`snake_case`), without Drizzle's mapping of values: select plain columns, cast what you read.
 */
export function builtOnce<Row = Record<string, unknown>>(build: () => SQLWrapper): (db: Db, values: Record<string, unknown>) => Promise<Row[]> {
  let query: Query | undefined;
  return async (db, values) => {
    query ??= dialect.sqlToQuery(build().getSQL());
    const result = (await db._.session.prepareQuery(query, undefined, undefined, false).execute(values)) as { rows: Row[] };
    return result.rows;
  };
}
