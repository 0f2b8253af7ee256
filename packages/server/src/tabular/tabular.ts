import { Worker } from "node:worker_threads";
import { DomainError, type ErrorCode, type FieldError, invalid } from "@medbridge/core";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export type TableFormat = "csv" | "xlsx";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface TableRow {
  /** Spreadsheet line number (the header is line 1), so errors point where the user looks. */
  line: number;
  values: Record<string, string>;
}

/** Guesses the format from a file name or a content type. */
export function formatOf(nameOrType: string): TableFormat | null {
  const s = nameOrType.toLowerCase();
  if (s.endsWith(".xlsx") || s.includes("spreadsheetml")) return "xlsx";
  if (s.endsWith(".csv") || s.includes("text/csv")) return "csv";
  return null;
}

/**
 * Files larger than this are parsed in a worker thread: parsing is synchronous CPU work (a
 * 30,000-row XLSX takes two seconds) that would otherwise stall every other request. Smaller ones
 * are parsed here, which is quicker than starting a thread.
 */
const INLINE_BYTES = 64 * 1024;

/**
 * Reads a CSV or XLSX sheet whose first row is a header. `aliases` maps every accepted header
 * (English or Chinese, case-insensitive) to the canonical key; unknown headers are an error, so a
 * misspelt column is never silently ignored.
 */
export function readTable(data: Buffer, format: TableFormat, aliases: Record<string, string>): Promise<TableRow[]> {
  return data.length <= INLINE_BYTES ? readTableHere(data, format, aliases) : readTableInWorker(data, format, aliases);
}

type WorkerMessage = { rows: TableRow[] } | { done: true } | { error: { domain: boolean; code: ErrorCode; message: string; errors: FieldError[] } };

function readTableInWorker(data: Buffer, format: TableFormat, aliases: Record<string, string>): Promise<TableRow[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./tabular-worker.mjs", import.meta.url), { workerData: { data, format, aliases } });
    const rows: TableRow[] = [];
    worker.on("message", (message: WorkerMessage) => {
      if ("rows" in message) {
        for (const row of message.rows) rows.push(row);
        return;
      }
      if ("done" in message) resolve(rows);
      else {
        const e = message.error;
        reject(e.domain ? new DomainError(e.code, e.message, e.errors) : new Error(`reading the file failed: ${e.message}`));
      }
      void worker.terminate();
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the file reader stopped (exit code ${code})`)));
  });
}

/** The parse itself, on the calling thread (the worker runs this too). */
export async function readTableHere(data: Buffer, format: TableFormat, aliases: Record<string, string>): Promise<TableRow[]> {
  const grid = format === "csv" ? readCsv(data) : await readXlsx(data);
  const [header, ...body] = grid;
  if (!header || header.every((h) => h.trim() === "")) throw invalid([{ path: "header", code: "empty", message: "the file has no header row" }]);
  const lookup = new Map(Object.entries(aliases).map(([k, v]) => [k.toLowerCase(), v]));
  const keys = header.map((h, i) => {
    const key = lookup.get(h.trim().toLowerCase());
    if (!key && h.trim() !== "")
      throw invalid([{ path: `header[${i + 1}]`, code: "unknown_column", params: { column: h.trim() }, message: `unknown column "${h.trim()}"` }]);
    return key;
  });
  const rows: TableRow[] = [];
  body.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === "")) return;
    const values: Record<string, string> = {};
    keys.forEach((key, i) => {
      if (key) values[key] = (cells[i] ?? "").trim();
    });
    rows.push({ line: index + 2, values });
  });
  return rows;
}

function readCsv(data: Buffer): string[][] {
  try {
    return parse(data, { bom: true, relaxColumnCount: true, skipEmptyLines: false }) as string[][];
  } catch (error) {
    throw invalid([{ path: "file", code: "unreadable", params: { format: "csv" }, message: `not a readable CSV file: ${(error as Error).message}` }]);
  }
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid([{ path: "file", code: "unreadable", params: { format: "xlsx" }, message: "not a readable XLSX file" }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid([{ path: "file", code: "empty", message: "the workbook has no sheet" }]);
  const grid: string[][] = [];
  // ExcelJS recomputes columnCount over every row on each read: take it once.
  const columns = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c).value));
    grid[rowNumber - 1] = cells;
  });
  return Array.from(grid, (r) => r ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

/** Writes rows to an XLSX buffer with a bold header (used for exports and template files). */
export async function writeXlsx(sheetName: string, header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
