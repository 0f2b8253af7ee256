import { setImmediate } from "node:timers/promises";
import { type ErrorParams, type FieldError, invalid, type Principal } from "@medbridge/core";
import { inArray, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { TSchema } from "typebox";
import type { Actor } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { bodyAjv, toFieldErrors } from "../http/validation.ts";
import type { TableRow } from "./tabular.ts";

export interface ImportSpec<T> {
  entity: string;
  /** Accepted column headers (English and Chinese) → canonical field. */
  aliases: Record<string, string>;
  /** The same schema the create endpoint validates with: one source of truth. */
  schema: TSchema;
  /** Spreadsheet cells (strings) → the typed input; empty cells are left out. */
  toInput(values: Record<string, string>): Record<string, unknown>;
  /**
   * What may appear only once in a file (a name per county, a licence…): checked here over the
   * whole file, so that `check` can look at one chunk of rows at a time.
   */
  unique?: UniqueRule<T>[];
  /** Checks one chunk of rows against the database (regions exist, institutions exist…), errors per input index. */
  check(db: Db, inputs: T[]): Promise<Map<number, FieldError[]>>;
  insert(db: Db, actor: Actor, inputs: T[]): Promise<unknown>;
}

export interface UniqueRule<T> extends FieldError {
  /** `path`: the field blamed on the second and later rows with the same key. */
  /** The key that must not repeat; undefined when the row has none (an optional field left empty). */
  key(input: T): string | undefined;
}

export interface ImportOptions {
  skipInvalid: boolean;
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Throws when the caller may not write one of the (valid) rows. */
  authorize?: (principal: Principal, inputs: never[]) => void;
  principal?: Principal;
}

export interface ImportError extends FieldError {
  line: number;
}

export interface ImportReport {
  rows: number;
  imported: number;
  skipped: number;
  dryRun: boolean;
  errors: (ImportError & { params: ErrorParams })[];
}

/**
 * Rows per step. On PGlite every query runs on the server's own thread and an `await` on it never
 * reaches the event loop, so a 30,000-row import was one 7-second task that no other request
 * could interrupt. Each step is bounded (~25 ms of CPU for 100 institutions with their search
 * indexes and audit entries; 250 made the worst pause on a busy machine twice as long) and is
 * followed by a turn of the event loop, so requests keep being answered while a file is imported.
 */
const VALIDATE_CHUNK = 500;
const CHECK_CHUNK = 500;
const WRITE_CHUNK = 100;

/** Lets pending I/O (other requests) run before the next step. */
export const breathe = () => setImmediate();

/**
 * Validates every row (schema, duplicates within the file, then the database in chunks), then
 * writes the valid ones in one transaction, in chunks. With any invalid row nothing is written
 * unless `skipInvalid`; the report lists each bad row by its spreadsheet line and field.
 *
 * The write stays one transaction so that an import is all or nothing, also when the process is
 * killed halfway. On PostgreSQL other requests go on meanwhile; on PGlite, which has one session,
 * requests that need the database wait for the commit (their other work, and requests that do not
 * touch the database, go on). That is why everything that can be done before the transaction is.
 */
export async function runImport<T>(db: Db, spec: ImportSpec<T>, rows: TableRow[], actor: Actor, options: ImportOptions): Promise<ImportReport> {
  if (rows.length === 0) throw invalid([{ path: "file", code: "empty", message: "the file has no data rows" }]);
  const validate = bodyAjv.compile(spec.schema);
  const errors: ImportError[] = [];
  const candidates: { line: number; input: T }[] = [];
  for (let start = 0; start < rows.length; start += VALIDATE_CHUNK) {
    for (const row of rows.slice(start, start + VALIDATE_CHUNK)) {
      const input = spec.toInput(row.values);
      if (validate(input)) candidates.push({ line: row.line, input: input as T });
      else errors.push(...toFieldErrors(validate.errors ?? []).map((e) => ({ ...e, line: row.line })));
    }
    await breathe();
  }
  const failed = new Set<number>();
  for (const rule of spec.unique ?? []) {
    const seen = new Set<string>();
    candidates.forEach((c, index) => {
      const key = rule.key(c.input);
      if (key === undefined) return;
      if (seen.has(key)) {
        failed.add(index);
        errors.push({ path: rule.path, code: rule.code, params: rule.params ?? {}, message: rule.message, line: c.line });
      }
      seen.add(key);
    });
  }
  for (let start = 0; start < candidates.length; start += CHECK_CHUNK) {
    const chunk = candidates.slice(start, start + CHECK_CHUNK);
    const checks = await spec.check(
      db,
      chunk.map((c) => c.input),
    );
    for (const [index, found] of checks) {
      failed.add(start + index);
      errors.push(...found.map((e) => ({ ...e, line: (chunk[index] as { line: number }).line })));
    }
    await breathe();
  }
  const valid = candidates.filter((_, index) => !failed.has(index));
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 && !options.skipInvalid) {
    throw invalid(
      errors.map((e) => ({ path: `rows[${e.line}].${e.path}`, code: e.code, params: e.params ?? {}, message: e.message })),
      `${new Set(errors.map((e) => e.line)).size} of ${rows.length} rows are invalid; nothing was imported`,
    );
  }
  if (options.authorize && options.principal) options.authorize(options.principal, valid.map((v) => v.input) as never[]);
  if (!options.dryRun && valid.length > 0) {
    await inTransaction(db, async (tx) => {
      for (let i = 0; i < valid.length; i += WRITE_CHUNK) {
        await spec.insert(
          tx,
          actor,
          valid.slice(i, i + WRITE_CHUNK).map((v) => v.input),
        );
        options.onProgress?.(Math.min(i + WRITE_CHUNK, valid.length), valid.length);
        await breathe();
      }
    });
  }
  return {
    rows: rows.length,
    imported: options.dryRun ? 0 : valid.length,
    skipped: rows.length - valid.length,
    dryRun: options.dryRun,
    errors: errors.map((e) => ({ ...e, params: e.params ?? {} })),
  };
}

/** Cell → integer when it looks like one, else the raw text so validation names the field. */
export function cellNumber(text: string): number | string {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/** `a; b；c、d` → list (Chinese and ASCII separators). */
export function cellList(text: string): string[] {
  return text
    .split(/[;；、,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Drops empty cells so optional fields stay absent rather than "". */
export function withoutEmpty(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "" && v !== undefined));
}

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * Spreadsheets name a record by its name or by its id: the condition that finds every candidate
 * for a set of such references (ids are only compared when a reference looks like one).
 */
export function byNameOrId(name: PgColumn, id: PgColumn, refs: string[]): SQL {
  const ids = refs.filter((r) => UUID.test(r));
  return (ids.length ? or(inArray(name, refs), inArray(id, ids)) : inArray(name, refs)) as SQL;
}
