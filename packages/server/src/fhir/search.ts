import { maskIdNumber } from "@medbridge/core";
import type { Bundle, BundleLink, Resource } from "@medplum/fhirtypes";
import { inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/connection.ts";
import { unstorableText } from "../http/storable-text.ts";
import { patientFamily } from "../patient-index.ts";
import { FhirError, issue } from "./outcome.ts";

/** The kinds of search parameter this server implements (http://hl7.org/fhir/R4/search.html). */
export type SearchParamType = "token" | "reference" | "date" | "string" | "uri";

export interface SearchParamDef {
  name: string;
  type: SearchParamType;
  documentation: string;
}

/** One occurrence of a parameter in the query: `status:not=…` is name status, modifier not. */
export interface SearchValue {
  modifier: string | null;
  /** Comma-separated alternatives (OR), each unescaped. */
  values: string[];
}

export interface SearchRequest {
  /** Every occurrence of each parameter (AND between occurrences). */
  params: Map<string, SearchValue[]>;
  count: number;
  offset: number;
  /**
   * Whether to count the matches when a page is full (`_total`): `accurate` counts them all,
   * `estimate` up to TOTAL_CAP, `none` (the default: a poll wants its page, not a count) not at all.
   * A page that is not full knows its total without counting.
   */
  total: "none" | "estimate" | "accurate";
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 200;
/** Deep offsets read every row before them: a HIS pages by a narrower `_lastUpdated` instead. */
export const MAX_OFFSET = 10_000;

/** Parameters every search takes besides its own (the CapabilityStatement lists them once). */
export const COMMON_PARAMS: readonly SearchParamDef[] = [
  { name: "_id", type: "token", documentation: "The resource's logical id" },
  { name: "_lastUpdated", type: "date", documentation: "When the resource last changed (prefixes eq, ne, gt, ge, lt, le, sa, eb)" },
];
/** Result parameters: how many, from where, in which format. */
const RESULT_PARAMS = new Set(["_count", "_offset", "_format", "_total"]);
const MODIFIERS: Record<SearchParamType, readonly string[]> = {
  token: ["not", "missing"],
  reference: ["missing"],
  date: ["missing"],
  string: ["exact", "contains", "missing"],
  uri: ["below", "missing"],
};

function refused(parameter: string, diagnostics: string): FhirError {
  return new FhirError(400, [issue("invalid", `${parameter}: ${diagnostics}`, parameter)]);
}

/** Splits on commas not escaped with a backslash, then unescapes `\,` `\|` `\$` `\\`. */
function alternatives(text: string): string[] {
  return text.split(/(?<!\\),/).map((part) => part.replace(/\\([,|$\\])/g, "$1"));
}

function integer(parameter: string, text: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(text)) throw refused(parameter, "must be a whole number");
  const n = Number(text);
  if (n < min || n > max) throw refused(parameter, `must be between ${min} and ${max}`);
  return n;
}

/**
 * Reads a search's query string against the parameters the resource supports. An unknown
 * parameter is refused (strict handling: a HIS that mistypes `onwer` learns it instead of getting
 * every Task), as is an unknown modifier or an empty value.
 */
export function parseSearch(query: Record<string, string | string[] | undefined>, defs: readonly SearchParamDef[]): SearchRequest {
  const known = new Map([...COMMON_PARAMS, ...defs].map((d) => [d.name, d]));
  const params = new Map<string, SearchValue[]>();
  let count = DEFAULT_COUNT;
  let offset = 0;
  let total: SearchRequest["total"] = "none";
  for (const [key, raw] of Object.entries(query)) {
    const texts = Array.isArray(raw) ? raw : [raw ?? ""];
    // The database cannot compare what it cannot store (NUL, lone surrogates): refused here, by name.
    if (unstorableText({ [key]: texts }).length) {
      throw refused(unstorableText(key).length ? "(a parameter's name)" : key, "must not contain NUL or a lone UTF-16 surrogate");
    }
    if (RESULT_PARAMS.has(key)) {
      const text = texts[texts.length - 1] ?? "";
      if (key === "_count") count = integer("_count", text, 0, MAX_COUNT);
      if (key === "_offset") offset = integer("_offset", text, 0, MAX_OFFSET);
      if (key === "_format" && !/^(json|application\/(fhir\+)?json)$/.test(text)) throw refused("_format", "only json is served");
      if (key === "_total") {
        if (text !== "none" && text !== "estimate" && text !== "accurate") throw refused("_total", "must be none, estimate or accurate");
        total = text;
      }
      continue;
    }
    const [name = "", modifier = null, ...rest] = key.split(":");
    const def = known.get(name);
    if (!def || rest.length) throw refused(key, "not a search parameter of this resource (see /fhir/R4/metadata)");
    if (modifier !== null && !MODIFIERS[def.type].includes(modifier)) throw refused(key, `the modifier :${modifier} is not supported here`);
    for (const text of texts) {
      if (!text) throw refused(key, "needs a value");
      if (modifier === "missing" && text !== "true" && text !== "false") throw refused(key, "must be true or false");
      const list = params.get(name) ?? [];
      list.push({ modifier, values: alternatives(text) });
      params.set(name, list);
    }
  }
  return { params, count, offset, total };
}

/** Several alternatives of one parameter (a comma list): any of them (none: nothing matches). */
export function anyOf(parts: readonly SQL[]): SQL {
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? (parts[0] as SQL) : sql`(${sql.join([...parts], sql` or `)})`;
}

/** A boolean token (`active=true`); anything else is refused naming the parameter. */
export function booleanToken(parameter: string, text: string): boolean {
  const { system, code } = token(text);
  if (system === undefined && (code === "true" || code === "false")) return code === "true";
  throw new FhirError(400, [issue("invalid", `${parameter}: must be true or false`, parameter)]);
}

/** `:missing=true|false` of an element: `present` says when the element is there. */
export function missingCondition(parameter: string, values: readonly string[], present: SQL): SQL {
  return anyOf(values.map((v) => (booleanToken(parameter, v) ? sql`not ${present}` : present)));
}

/** Rows of the records whose id is one of the values (a value that is no UUID matches nothing). */
export function idCondition(column: PgColumn, values: readonly string[]): SQL {
  const ids = values.filter(isUuid).map((v) => v.toLowerCase());
  return ids.length ? inArray(column, ids) : sql`false`;
}

/**
 * Rows of the people a patient parameter names (`Patient/<id>`, each comma alternative), with the
 * records merged into theirs: a person's history stays theirs after a merge.
 */
export async function patientCondition(db: Db, column: PgColumn, values: readonly string[]): Promise<SQL> {
  const ids = values.map((v) => referenceId(v, "Patient")).filter((id): id is string => id !== null);
  const families = (await Promise.all(ids.map((id) => patientFamily(db, id)))).flat();
  return families.length ? inArray(column, [...new Set(families)]) : sql`false`;
}

/**
 * A search's conditions, one per occurrence of a parameter (ANDed): `:missing` through `present`
 * (an element it does not name is always there), every other occurrence through `condition`
 * (undefined: the parameter puts no condition).
 */
export async function searchConditions(
  search: SearchRequest,
  present: Readonly<Record<string, SQL>>,
  condition: (name: string, values: string[], modifier: string | null) => SQL | undefined | Promise<SQL | undefined>,
): Promise<SQL[]> {
  const where: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      const part = modifier === "missing" ? missingCondition(name, values, present[name] ?? sql`true`) : await condition(name, values, modifier);
      if (part) where.push(part);
    }
  }
  return where;
}

/** A token value: `system|code`, `|code` (no system), `code` (any system), `system|` (any code). */
export function token(text: string): { system: string | null | undefined; code: string | undefined } {
  const bar = text.indexOf("|");
  if (bar === -1) return { system: undefined, code: text };
  const system = text.slice(0, bar);
  const code = text.slice(bar + 1);
  return { system: system === "" ? null : system, code: code === "" ? undefined : code };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/**
 * The id of a reference search value of `type`: `Organization/<id>`, a bare `<id>`, or an absolute
 * URL ending in `Organization/<id>`. Null when it cannot name a record of that type (no match,
 * not an error: FHIR answers an empty page).
 */
export function referenceId(text: string, type: string): string | null {
  const parts = text.split("/");
  const id = parts[parts.length - 1] ?? "";
  const given = parts.length > 1 ? parts[parts.length - 2] : undefined;
  if (given !== undefined && given !== type) return null;
  return isUuid(id) ? id.toLowerCase() : null;
}

/** The id of a literal reference in a resource (`Organization/<id>`), or null. */
export function referenceOf(reference: string | undefined, type: string): string | null {
  if (!reference) return null;
  const match = new RegExp(`^(?:.*/)?${type}/([^/]+)$`).exec(reference);
  return match?.[1] && isUuid(match[1]) ? match[1].toLowerCase() : null;
}

const PREFIXES = ["eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap"] as const;
type Prefix = (typeof PREFIXES)[number];
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A date search value as the interval it stands for: `2026-03` is all of March (China time when no zone is given). */
export function dateRange(parameter: string, text: string): { prefix: Prefix; start: Date; end: Date } {
  const given = PREFIXES.find((p) => text.startsWith(p));
  const prefix: Prefix = given ?? "eq";
  const value = given ? text.slice(2) : text;
  const m = DATE.exec(value);
  if (!m) throw refused(parameter, "must be a FHIR date or dateTime, optionally after a prefix (eq, ne, gt, ge, lt, le, sa, eb)");
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const tz = zone ?? "+08:00";
  const start = new Date(
    `${y}-${mo ?? "01"}-${d ?? "01"}T${h ?? "00"}:${mi ?? "00"}:${s ?? "00"}${fraction ? `.${fraction.slice(0, 3).padEnd(3, "0")}` : ""}${tz === "Z" ? "Z" : tz}`,
  );
  if (Number.isNaN(start.getTime()) || Number(y) < 1900 || Number(y) > 2100) throw refused(parameter, "is not a real date between 1900 and 2100");
  // The end is the next unit in the same zone, built from the parts (adding a UTC month to a
  // China-time midnight would land on the wrong day at month ends).
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const at = (yy: number, mm: number, dd: number) => {
    const next = new Date(Date.UTC(yy, mm - 1, dd));
    return new Date(`${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}T00:00:00${tz}`);
  };
  let end: Date;
  if (h !== undefined) {
    end = new Date(start);
    // A time with milliseconds stands for that millisecond (the finest this server stores and compares).
    if (fraction !== undefined) end.setUTCMilliseconds(end.getUTCMilliseconds() + 1);
    else if (s !== undefined) end.setUTCSeconds(end.getUTCSeconds() + 1);
    else end.setUTCMinutes(end.getUTCMinutes() + 1);
  } else if (d !== undefined) end = at(Number(y), Number(mo), Number(d) + 1);
  else if (mo !== undefined) end = at(Number(y), Number(mo) + 1, 1);
  else end = at(Number(y) + 1, 1, 1);
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo ?? 1), 0)).getUTCDate();
  if ((mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) || (d !== undefined && (Number(d) < 1 || Number(d) > daysInMonth))) {
    throw refused(parameter, "is not a real date");
  }
  return { prefix, start, end };
}

type Column = PgColumn | SQL;
/** What each prefix asks of a point in time, given the value's interval [from, to). */
const DATE_PREFIX_CONDITION: Record<Prefix, (column: Column, from: string, to: string) => SQL> = {
  eq: (c, from, to) => sql`(${c} >= ${from} and ${c} < ${to})`,
  ap: (c, from, to) => sql`(${c} >= ${from} and ${c} < ${to})`,
  ne: (c, from, to) => sql`(${c} < ${from} or ${c} >= ${to})`,
  gt: (c, _from, to) => sql`${c} >= ${to}`,
  sa: (c, _from, to) => sql`${c} >= ${to}`,
  ge: (c, from) => sql`${c} >= ${from}`,
  lt: (c, from) => sql`${c} < ${from}`,
  eb: (c, from) => sql`${c} < ${from}`,
  le: (c, _from, to) => sql`${c} < ${to}`,
};

/**
 * The condition a date parameter puts on a timestamp column (each comma alternative ORed). The
 * column is a point in time, so `eq` means within the value's interval.
 */
export function dateCondition(parameter: string, column: PgColumn | SQL, values: readonly string[]): SQL {
  const parts = values.map((text) => {
    const { prefix, start, end } = dateRange(parameter, text);
    return DATE_PREFIX_CONDITION[prefix](column, start.toISOString(), end.toISOString());
  });
  return parts.length === 1 ? (parts[0] as SQL) : sql`(${sql.join(parts, sql` or `)})`;
}

/** What a search found: one page of resources and how many there are in all. */
export interface SearchResult {
  resources: Resource[];
  /** Left out when not counted (more than TOTAL_CAP matches). */
  total: number | undefined;
}

/**
 * A search value as a link may repeat it: a resident ID number (`Patient?identifier=…|<18 characters>`)
 * is masked as the REST API masks it, so no search result carries one in clear.
 */
function withoutIdNumbers(text: string): string {
  return text.replace(/\d{17}[\dXx]/g, (id) => maskIdNumber(id.toUpperCase()));
}

/**
 * The searchset Bundle of a page, with self/first/previous/next links that repeat the query's own
 * parameters (so following `next` keeps every filter).
 */
export function searchBundle(
  base: string,
  type: string,
  query: Record<string, string | string[] | undefined>,
  search: SearchRequest,
  result: SearchResult,
): Bundle {
  const link = (relation: string, offset: number): BundleLink => {
    const params = new URLSearchParams();
    for (const [key, raw] of Object.entries(query)) {
      if (key === "_offset" || key === "_count") continue;
      for (const text of Array.isArray(raw) ? raw : [raw ?? ""]) params.append(key, withoutIdNumbers(text));
    }
    params.set("_count", String(search.count));
    if (offset > 0) params.set("_offset", String(offset));
    return { relation, url: `${base}/${type}?${params.toString()}` };
  };
  const links = [link("self", search.offset), link("first", 0)];
  if (search.offset > 0) links.push(link("previous", Math.max(0, search.offset - search.count)));
  const more = result.total === undefined ? result.resources.length >= search.count : search.offset + search.count < result.total;
  if (search.count > 0 && more && search.offset + search.count <= MAX_OFFSET) {
    links.push(link("next", search.offset + search.count));
  }
  return {
    resourceType: "Bundle",
    type: "searchset",
    ...(result.total !== undefined && { total: result.total }),
    link: links,
    entry: result.resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: "match" } })),
  };
}

/** With `_total=estimate`, matches are counted up to this many (more: Bundle.total is left out). */
export const TOTAL_CAP = 1000;

/**
 * Runs a page query and its total. A page that is not full knows its total without counting (like
 * the REST lists' `paged`). A full page is counted only when `_total` asks (`matching`: the rows the
 * search matches, any columns): a county hospital polling `Task?status=requested` through a backlog
 * wants its page, not every waiting row read for a number — its `next` link is there either way.
 */
export async function pageOf<T>(
  db: Db,
  search: SearchRequest,
  rows: () => PromiseLike<T[]>,
  matching: () => SQLWrapper,
): Promise<{ rows: T[]; total: number | undefined }> {
  // `_count=0` asks for nothing but the total: counted unless an estimate is asked for.
  const mode = search.count === 0 && search.total === "none" ? "accurate" : search.total;
  const counted = async () => {
    if (mode === "none") return undefined;
    const cap = mode === "estimate" ? sql` limit ${TOTAL_CAP + 1}` : sql``;
    const result = (await db.execute(sql`select count(*)::int as total from (${matching()}${cap}) as matching`)) as unknown as { rows: { total: number }[] };
    const total = result.rows[0]?.total ?? 0;
    return mode === "estimate" && total > TOTAL_CAP ? undefined : total;
  };
  if (search.count === 0) return { rows: [] as T[], total: await counted() };
  const found = await rows();
  if (found.length < search.count && (found.length > 0 || search.offset === 0)) return { rows: found, total: search.offset + found.length };
  return { rows: found, total: await counted() };
}
