import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** `%text%` with the user's own %, _ and \ taken literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Substring search on a name. From two characters on, the GIN index of character bigrams
 * (migration 0002) narrows the rows and LIKE checks them. Chinese has no letter case and ILIKE
 * costs about five times more per row, so it is used only when the text has Latin letters.
 */
export function nameContains(column: PgColumn, text: string): SQL {
  const pattern = likeContains(text);
  const match = /[A-Za-z]/.test(text) ? sql`${column} ilike ${pattern}` : sql`${column} like ${pattern}`;
  return [...text].length >= 2 ? sql`(name_bigrams(${column}) @> name_bigrams(${text}) and ${match})` : match;
}
