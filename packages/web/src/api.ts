/** A problem+json answer from the server, with the fields at fault. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: { path: string; message: string }[];
  constructor(status: number, detail: string, errors: { path: string; message: string }[] = []) {
    super(detail);
    this.status = status;
    this.errors = errors;
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
    throw new ApiError(response.status, data?.detail ?? response.statusText, data?.errors ?? []);
  }
  return data as T;
}
