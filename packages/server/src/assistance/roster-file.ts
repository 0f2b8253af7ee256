import { readFileSync } from "node:fs";
import { enumCell, type FieldError, invalid, type RosterInput, VOCABULARIES } from "@medbridge/core";
import { formatOf, readTable, type TableRow } from "../tabular/tabular.ts";

/** Roster spreadsheet columns: English or Chinese headers (paired-assistance.md). */
export const ROSTER_COLUMNS: Record<string, string> = {
  agreement: "agreement",
  协议编号: "agreement",
  pack: "pack",
  规则包: "pack",
  supporter: "supporter",
  支援医院: "supporter",
  recipient: "recipient",
  受援医院: "recipient",
  agreement_start: "agreementStart",
  协议开始: "agreementStart",
  agreement_end: "agreementEnd",
  协议结束: "agreementEnd",
  person: "person",
  人员编号: "person",
  name: "name",
  姓名: "name",
  role: "role",
  角色: "role",
  title: "title",
  职称: "title",
  start: "start",
  开始日期: "start",
  end: "end",
  结束日期: "end",
  batch: "batch",
  批次: "batch",
};

/**
 * Turns spreadsheet rows (one per dispatch) into the roster JSON shape. The agreement columns must
 * agree on every row; a row that disagrees is named by its line.
 */
export function rosterFromRows(rows: TableRow[]): { roster: RosterInput; lines: number[] } {
  if (rows.length === 0) throw invalid([{ path: "file", code: "empty", message: "has no dispatch rows" }]);
  const first = rows[0] as TableRow;
  const agreementKeys = ["agreement", "pack", "supporter", "recipient", "agreementStart", "agreementEnd"] as const;
  const errors: FieldError[] = [];
  for (const key of ["agreement", "pack", "agreementStart", "agreementEnd"] as const) {
    if (!first.values[key]) errors.push({ path: `row ${first.line}.${key}`, code: "required", message: "is required" });
  }
  for (const row of rows.slice(1)) {
    for (const key of agreementKeys) {
      const value = row.values[key] ?? "";
      if (value !== "" && value !== (first.values[key] ?? "")) {
        errors.push({
          path: `row ${row.line}.${key}`,
          code: "mismatch",
          params: { other: `row ${first.line}` },
          message: `"${value}" differs from row ${first.line} ("${first.values[key] ?? ""}"); one file holds one agreement`,
        });
      }
    }
  }
  if (errors.length) throw invalid(errors, "The roster file is invalid");
  const v = first.values;
  const optional = (value: string | undefined) => (value ? value : undefined);
  return {
    roster: {
      agreement: {
        id: v.agreement as string,
        pack: v.pack as string,
        ...(v.supporter && { supporter: v.supporter }),
        ...(v.recipient && { recipient: v.recipient }),
        start: v.agreementStart as string,
        end: v.agreementEnd as string,
      },
      dispatches: rows.map((r) => {
        const x = r.values;
        return Object.fromEntries(
          Object.entries({
            person: x.person ?? "",
            name: optional(x.name),
            role: enumCell(VOCABULARIES.dispatchRole, x.role ?? ""),
            title: enumCell(VOCABULARIES.title, x.title ?? ""),
            start: x.start ?? "",
            end: x.end ?? "",
            batch: optional(x.batch),
          }).filter(([, value]) => value !== undefined),
        ) as RosterInput["dispatches"][number];
      }),
    },
    lines: rows.map((r) => r.line),
  };
}

/** Reads a roster from a .json, .csv or .xlsx file; `lines` maps dispatch index → spreadsheet line. */
export async function readRosterFile(path: string): Promise<{ raw: unknown; lines: number[] | null }> {
  const data = readFileSync(path);
  if (path.toLowerCase().endsWith(".json")) {
    try {
      return { raw: JSON.parse(data.toString("utf8")), lines: null };
    } catch (error) {
      throw invalid([{ path: "file", code: "unreadable", params: { format: "json" }, message: `is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const format = formatOf(path);
  if (!format) throw invalid([{ path: "file", code: "wrong_kind", params: { expected: "json_csv_xlsx" }, message: "must end in .json, .csv or .xlsx" }]);
  const { roster, lines } = rosterFromRows(await readTable(data, format, ROSTER_COLUMNS));
  return { raw: roster, lines };
}
