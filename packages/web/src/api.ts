import type { ErrorCode, FieldErrorCode } from "@medbridge/core";
import { errorText } from "./shared/errors.ts";

/** One field's problem as the server sends it: a stable code and its params; `message` is English. */
export interface ApiFieldError {
  path: string;
  code: FieldErrorCode;
  params?: Record<string, unknown>;
  message: string;
}

/**
 * A problem+json answer from the server, with the fields at fault. `message` is the problem in the
 * user's language (shared/errors.ts, read when shown, so it follows a language switch); `detail`
 * keeps the server's English.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | undefined;
  readonly params: Record<string, unknown>;
  readonly detail: string;
  readonly errors: ApiFieldError[];
  constructor(status: number, detail: string, errors: ApiFieldError[] = [], code?: ErrorCode, params: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.errors = errors;
    this.code = code;
    this.params = params;
    Object.defineProperty(this, "message", { get: () => errorText(this), enumerable: false, configurable: true });
  }
}

export type { Page } from "./types.ts";

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** JSON over HTTP to `/api/v1`; errors become ApiError with the server's message. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; query?: Query } = {}): Promise<T> {
  const response = await fetch(withQuery(`/api/v1${path}`, init.query), {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body !== undefined ? { "content-type": "application/json" } : {},
    body: init.body !== undefined ? JSON.stringify(init.body) : null,
  });
  return answer<T>(response);
}

/** Sends a CSV or XLSX file as the request body (the import endpoints), with `api`'s error handling. */
export async function uploadFile<T>(path: string, file: File, query: Query = {}): Promise<T> {
  const type = file.name.toLowerCase().endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
  const response = await fetch(withQuery(`/api/v1${path}`, query), {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": type },
    body: file,
  });
  return answer<T>(response);
}

async function answer<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(response.status, data?.detail ?? response.statusText, data?.errors ?? [], data?.code, data?.params ?? {});
  }
  return data as T;
}
