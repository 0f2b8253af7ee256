import type { Resource } from "@medplum/fhirtypes";
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { chinaDate } from "../clock.ts";
import { parsePairId } from "./ids.ts";
import { FhirError, issue } from "./outcome.ts";
import { anyOf, dateRange, referenceId, type SearchRequest, type SearchResult } from "./search.ts";

/**
 * Search helpers of the registry's resources (OrganizationAffiliation, PractitionerRole, Location):
 * periods of calendar days, and resources made from more than one table.
 */

type Column = PgColumn | SQL;

/** The last China day that starts before `instant`. */
const dayBefore = (instant: Date) => chinaDate(new Date(instant.getTime() - 1));

/**
 * A date parameter on a Period of China calendar days [start, end] (end inclusive; a null end is
 * open). The value `[from, to)` and the period meet as FHIR's prefixes ask of a range:
 * eq/ap the period overlaps the value, ne it does not, gt/ge some of the period is after/at the
 * value, lt/le some of it is before, sa it starts after the value, eb it ends before it.
 */
export function periodCondition(parameter: string, start: Column, end: Column, values: readonly string[]): SQL {
  return anyOf(
    values.map((text) => {
      const { prefix, start: from, end: to } = dateRange(parameter, text);
      const firstDay = chinaDate(from); // the day `from` falls in
      const lastDay = dayBefore(to); // the last day that begins before `to`
      const startsBy = (day: string) => sql`${start} <= ${day}`;
      const endsFrom = (day: string) => sql`(${end} is null or ${end} >= ${day})`;
      switch (prefix) {
        case "eq":
        case "ap":
          return sql`(${startsBy(lastDay)} and ${endsFrom(firstDay)})`;
        case "ne":
          return sql`not (${startsBy(lastDay)} and ${endsFrom(firstDay)})`;
        case "gt":
          return endsFrom(chinaDate(to));
        case "ge":
          return endsFrom(firstDay);
        case "lt":
          return startsBy(dayBefore(from));
        case "le":
          return startsBy(lastDay);
        case "sa":
          return sql`${start} > ${lastDay}`;
        case "eb":
          return sql`(${end} is not null and ${end} < ${firstDay})`;
        default:
          throw new FhirError(400, [issue("not-supported", `${parameter}: the prefix ${prefix} is not supported`, parameter)]);
      }
    }),
  );
}

/** One table a resource type is made from: how many rows match, and a page of them as resources. */
export interface Branch {
  count: () => Promise<number>;
  page: (offset: number, limit: number) => Promise<Resource[]>;
}

/**
 * A search over a type made from several tables, each branch in its own order, one after the
 * other (all of the first, then the second…): the page is cut across them by their counts.
 */
export async function searchBranches(search: SearchRequest, branches: readonly Branch[]): Promise<SearchResult> {
  const counts: number[] = [];
  for (const branch of branches) counts.push(await branch.count());
  const total = counts.reduce((a, b) => a + b, 0);
  const resources: Resource[] = [];
  let skip = search.offset;
  let want = search.count;
  for (const [k, branch] of branches.entries()) {
    const n = counts[k] as number;
    if (want <= 0) break;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const found = await branch.page(skip, Math.min(want, n - skip));
    resources.push(...found);
    want -= found.length;
    skip = 0;
  }
  return { resources, total };
}

/** `_id` of a type whose ids are pair ids: the rows of the pairs with this branch's prefix. */
export function pairIdCondition(values: readonly string[], prefix: string, first: Column, second: Column): SQL {
  return anyOf(
    values.flatMap((v) => {
      const pair = parsePairId(v);
      return pair && pair.prefix === prefix ? [sql`(${first} = ${pair.first} and ${second} = ${pair.second})`] : [];
    }),
  );
}

/** The ids a reference parameter names (`Organization/<id>`, a bare id or an absolute URL); none may match. */
export function referenceIds(values: readonly string[], type: string): string[] {
  return values.flatMap((v) => referenceId(v, type) ?? []);
}

/** Rows whose `column` is one of the referenced ids (none: no row). */
export function referenceCondition(values: readonly string[], type: string, column: Column): SQL {
  const ids = referenceIds(values, type);
  return ids.length
    ? sql`${column} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql`false`;
}
