import type { FormInstance } from "antd";
import { ApiError } from "../api.ts";

/**
 * Shows the server's field errors on the form's own fields; returns the errors that matched no
 * field, so the caller can show them in a message.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string | null {
  if (!(error instanceof ApiError)) return (error as Error).message;
  const fields = new Set(Object.keys(form.getFieldsValue(true)));
  const unmatched: string[] = [];
  const byField = new Map<string, string[]>();
  for (const e of error.errors) {
    const root = e.path.split(/[.[]/)[0] ?? "";
    if (fields.has(root)) byField.set(root, [...(byField.get(root) ?? []), e.message]);
    else unmatched.push(`${e.path} ${e.message}`);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size === 0 || unmatched.length ? [error.message, ...unmatched].join("; ") : null;
}
