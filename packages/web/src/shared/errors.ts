import type { ApiError, ApiFieldError } from "../api.ts";
import { errorsEn, errorsZh } from "../errors-i18n.ts";
import i18n from "../i18n.ts";

/**
 * The server's errors in the user's language: every field error and problem carries a stable code
 * and params (core/errors.ts); this turns them into text with errors-i18n.ts, translating the
 * values in the params (enum values through the app's own labels, field names through the field
 * labels). No English detail, Ajv wording or identifier reaches the screen.
 */

type Dict = typeof errorsZh;
type Params = Record<string, unknown>;

function dict(): Dict {
  return i18n.language === "en" ? errorsEn : errorsZh;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
}

/** The app's enum sections (i18n.ts) an allowed value, state or action may belong to, in the order tried. */
const ENUM_SECTIONS = [
  "kind",
  "allianceKind",
  "title",
  "profession",
  "role",
  "assessment",
  "dispatchRole",
  "activity",
  "agreementMode",
  "agreementStatus",
  "dispatchStatus",
  "attendanceStatus",
  "complianceStatus",
  "referralStatus",
  "referralAction",
  "priority",
  "sessionKind",
  "sessionStatus",
  "sessionAction",
  "siteLevel",
  "period",
  "techniqueStatus",
  "visitKind",
  "htnCallResult",
  "htnOffList",
  "htnReminderKind",
  "htnReminderStatus",
  "htnGrade",
  "htnRisk",
  "htnCondition",
  "htnRiskFactor",
  "htnSymptom",
  "entity",
];

/** Sections to try first for a field, a record kind (conflict_state's entity) or a `when`. */
const PREFERRED: Record<string, string[]> = {
  role: ["dispatchRole", "role"],
  status: ["referralStatus", "sessionStatus", "agreementStatus", "dispatchStatus", "attendanceStatus"],
  referral: ["referralStatus", "referralAction"],
  session: ["sessionStatus", "sessionAction"],
  level: ["assessment"],
  kind: ["kind", "allianceKind", "sessionKind"],
  // 男 / 女 live with the referral form's words.
  sex: ["referral", "patient"],
};

function section(name: string): Record<string, unknown> | null {
  const value = i18n.getResource(i18n.language === "en" ? "en" : "zh-CN", "translation", name) as unknown;
  return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
}

/** The people's words for values of one vocabulary: the first section that names them all. */
function enumWords(values: readonly string[], hint?: string): string[] | null {
  const tried = [...(hint ? (PREFERRED[hint] ?? [hint]) : []), ...ENUM_SECTIONS];
  for (const name of tried) {
    const words = section(name);
    if (words && values.every((v) => typeof words[v] === "string")) return values.map((v) => words[v] as string);
  }
  return null;
}

/** One value of a vocabulary (a state, an action, a role), or null when the app has no word for it. */
function enumWord(value: string, hint?: string): string | null {
  return enumWords([value], hint)?.[0] ?? null;
}

/** The leaf field name of a path: `rows[3].patient.idNumber` → idNumber; `attachments[0]` → attachments. */
function leafOf(path: string): string {
  const parts = path.replace(/\[\d+\]/g, "").split(".");
  return parts[parts.length - 1] ?? path;
}

/** A field's label for people, or null (never the identifier). */
export function fieldLabel(path: string): string | null {
  const labels = dict().label;
  const leaf = leafOf(path);
  return labels[leaf] ?? labels[path] ?? null;
}

/** Where in a file or list the field sits: "第 3 行", "第 2 项" (rows[3].x, readings[1].sbp). */
function position(path: string): string | null {
  const d = dict().variant;
  const row = /^rows\[(\d+)\]/.exec(path) ?? /^row (\d+)\./.exec(path);
  if (row) return fill(d.row, { line: row[1] as string });
  const item = /\[(\d+)\][^[]*$/.exec(path);
  return item ? fill(d.item, { n: String(Number(item[1]) + 1) }) : null;
}

function list(values: readonly string[]): string {
  return values.join(dict().words.list);
}

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
}

/** The params as words: values translated, lists joined, fields named. */
function words(code: string, params: Params, path: string): Record<string, string> {
  const d = dict();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) out[key] = list(value.map(String));
    else if (value !== undefined && value !== null) out[key] = String(value);
  }
  const leaf = leafOf(path);
  if (Array.isArray(params.allowed)) {
    const allowed = params.allowed.map(String);
    const hint = code === "conflict_state" ? String(params.entity ?? "") : leaf;
    out.allowed = allowed.length === 0 ? d.variant.none : list(enumWords(allowed, hint) ?? allowed);
  }
  if (typeof params.state === "string")
    out.state = enumWord(params.state, String(params.entity ?? "status")) ?? enumWord(params.state, "status") ?? params.state;
  if (typeof params.action === "string") out.action = enumWord(params.action, String(params.entity ?? "")) ?? params.action;
  if (typeof params.entity === "string") out.entity = d.record[params.entity as keyof Dict["record"]] ?? "";
  if (typeof params.other === "string")
    out.other = fieldLabel(params.other) ?? (/^row \d+$/.test(params.other) ? fill(d.variant.row, { line: params.other.slice(4) }) : "");
  if (typeof params.expected === "string") out.expected = d.expected[params.expected as keyof Dict["expected"]] ?? "";
  if (typeof params.type === "string")
    out.type = params.type
      .split(" or ")
      .map((t) => d.words.type[t] ?? t)
      .join(i18n.language === "en" ? " or " : "或");
  if (typeof params.format === "string") out.format = fill(d.words.format[params.format] ?? params.format.toUpperCase(), out);
  if (Array.isArray(params.fields)) out.fields = list(params.fields.map((f) => fieldLabel(String(f)) ?? String(f)));
  if (typeof params.role === "string") out.role = enumWord(params.role, "role") ?? params.role;
  if (typeof params.when === "string") out.when = d.words.when[params.when] ?? enumWord(params.when, "role") ?? enumWord(params.when, "referralAction") ?? "";
  if (params.unit === "bytes" && typeof params.limit === "number") out.limit = bytes(params.limit);
  return out;
}

/** The message of one field error, without the field's label. */
export function fieldMessage(error: ApiFieldError): string {
  const d = dict();
  const params: Params = error.params ?? {};
  const values = words(error.code, params, error.path);
  const v = d.variant;
  switch (error.code) {
    case "too_short":
      return params.limit === 1 ? v.too_short_empty : fill(d.field.too_short, values);
    case "too_small":
      return fill(params.exclusive ? v.too_small_exclusive : d.field.too_small, values);
    case "too_large":
      if (params.limit === undefined) return v.too_large_plain;
      if (params.unit === "days") return fill(v.too_large_days, values);
      return fill(params.exclusive ? v.too_large_exclusive : d.field.too_large, values);
    case "before":
    case "after":
      return params.other === undefined && params.date !== undefined ? fill(v[`${error.code}_date`], values) : fill(d.field[error.code], values);
    case "in_past":
    case "in_future":
      return params.today !== undefined ? fill(v[`${error.code}_today`], values) : d.field[error.code];
    case "conflict_state":
      return fill(params.action === undefined ? v.conflict_state_plain : d.field.conflict_state, values);
    case "required":
      return values.when ? fill(v.required_when, values) : d.field.required;
    case "one_of":
      return fill(params.atLeastOne ? v.one_of_at_least : d.field.one_of, values);
    case "duplicate":
      return d.words.scope[String(params.scope)] ?? d.field.duplicate;
    case "not_allowed":
      return fill(d.notAllowed[params.reason as keyof Dict["notAllowed"]] ?? d.field.not_allowed, values);
    case "mismatch": {
      const other = typeof params.other === "string" ? (/^row \d+$/.test(params.other) ? "row" : params.other) : "";
      const special = (v as Record<string, string>)[`mismatch_${other}`];
      return fill(special ?? d.field.mismatch, values);
    }
    case "not_ready":
      return fill(d.field.not_ready, values);
    default:
      return fill(d.field[error.code] ?? d.problem.bad_request, values);
  }
}

/** One field error as a sentence: "第 3 行 · 类别：应为以下之一：乡镇卫生院、村卫生室…". */
export function fieldErrorText(error: ApiFieldError): string {
  const d = dict();
  const label = fieldLabel(error.path);
  const where = position(error.path);
  const head = [where, label].filter(Boolean).join(" · ");
  return head ? `${head}${d.words.labelSeparator}${fieldMessage(error)}` : fieldMessage(error);
}

/** A problem answer from the server (ApiError; tested by shape: api.ts imports this file). */
export function isProblem(error: unknown): error is ApiError {
  return error instanceof Error && typeof (error as ApiError).status === "number" && Array.isArray((error as ApiError).errors);
}

/** The problem as a whole in words (for a message when no field says more). */
export function problemMessage(error: Pick<ApiError, "status" | "code" | "params">): string {
  const d = dict();
  const params = error.params ?? {};
  if (error.code === "forbidden" && typeof params.reason === "string") {
    const reason = d.forbidden[params.reason as keyof Dict["forbidden"]];
    if (reason) return fill(reason, words("forbidden", params, ""));
  }
  const template = error.code ? d.problem[error.code] : undefined;
  if (!template) return d.problem[error.status >= 500 ? "internal" : "bad_request"];
  const values = words(error.code ?? "", params, "");
  // "未找到（或您无权查看）" without an entity reads fine; keep the sentence whole.
  return fill(template, values).replace(/^\s+/, "");
}

/** Sentences joined as the language does (；or ;). */
export function joinErrorTexts(parts: readonly string[]): string {
  return parts.join(dict().words.fieldSeparator);
}

/** Any error as text for a message: the problem, then each field error. */
export function errorText(error: unknown): string {
  if (!isProblem(error)) return dict().variant.network;
  return joinErrorTexts([problemMessage(error), ...error.errors.map(fieldErrorText)]);
}
