import { type FieldError, invalid, type Principal } from "@medbridge/core";
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
  /** Checks against the database (regions exist, institutions exist…), errors per input index. */
  check(db: Db, inputs: T[]): Promise<Map<number, FieldError[]>>;
  insert(db: Db, actor: Actor, inputs: T[]): Promise<unknown>;
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
  errors: ImportError[];
}

/**
 * Validates every row, then writes the valid ones in one transaction. With any invalid row nothing
 * is written unless `skipInvalid`; the report lists each bad row by its spreadsheet line and field.
 */
export async function runImport<T>(db: Db, spec: ImportSpec<T>, rows: TableRow[], actor: Actor, options: ImportOptions): Promise<ImportReport> {
  if (rows.length === 0) throw invalid([{ path: "file", message: "the file has no data rows" }]);
  const validate = bodyAjv.compile(spec.schema);
  const errors: ImportError[] = [];
  const candidates: { line: number; input: T }[] = [];
  for (const row of rows) {
    const input = spec.toInput(row.values);
    if (validate(input)) candidates.push({ line: row.line, input: input as T });
    else errors.push(...toFieldErrors(validate.errors ?? []).map((e) => ({ ...e, line: row.line })));
  }
  const checks = await spec.check(
    db,
    candidates.map((c) => c.input),
  );
  const valid = candidates.filter((c, index) => {
    const found = checks.get(index);
    if (found) errors.push(...found.map((e) => ({ ...e, line: c.line })));
    return !found;
  });
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 && !options.skipInvalid) {
    throw invalid(
      errors.map((e) => ({ path: `rows[${e.line}].${e.path}`, message: e.message })),
      `${new Set(errors.map((e) => e.line)).size} of ${rows.length} rows are invalid; nothing was imported`,
    );
  }
  if (options.authorize && options.principal) options.authorize(options.principal, valid.map((v) => v.input) as never[]);
  if (!options.dryRun && valid.length > 0) {
    await inTransaction(db, async (tx) => {
      const chunk = 500;
      for (let i = 0; i < valid.length; i += chunk) {
        await spec.insert(
          tx,
          actor,
          valid.slice(i, i + chunk).map((v) => v.input),
        );
        options.onProgress?.(Math.min(i + chunk, valid.length), valid.length);
      }
    });
  }
  return { rows: rows.length, imported: options.dryRun ? 0 : valid.length, skipped: rows.length - valid.length, dryRun: options.dryRun, errors };
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
