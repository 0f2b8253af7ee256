import type { FormInstance } from "antd";
import { errorText, fieldErrorText, fieldMessage, isProblem, joinErrorTexts, problemMessage } from "./errors.ts";

/** `patient.idNumber` → ["patient", "idNumber"]; `medications[0].name` → ["medications", 0, "name"]. */
function namePath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The longest prefix of the path that is a field of the form (its values hold the key). */
function formField(values: unknown, path: (string | number)[]): (string | number)[] | null {
  let found: (string | number)[] | null = null;
  let here = values;
  for (let i = 0; i < path.length; i++) {
    if (here === null || typeof here !== "object" || !(String(path[i]) in (here as object))) break;
    here = (here as Record<string, unknown>)[String(path[i])];
    found = path.slice(0, i + 1);
  }
  return found;
}

/**
 * Shows the server's field errors on the form's own fields, in the user's language; returns the
 * text of what matched no field (the problem and the other fields' errors, labelled), so the
 * caller can show it in a message — or null when every error sits on a field.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string | null {
  if (!isProblem(error)) return errorText(error);
  const values = form.getFieldsValue(true);
  const unmatched: string[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of error.errors) {
    const path = namePath(e.path);
    const field = formField(values, path);
    if (!field) {
      unmatched.push(fieldErrorText(e));
      continue;
    }
    // Under the field itself the label is already there; deeper paths say which item.
    const text = field.length === path.length ? fieldMessage(e) : fieldErrorText(e);
    const key = JSON.stringify(field);
    const entry = byField.get(key) ?? { name: field, errors: [] };
    entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return byField.size === 0 || unmatched.length ? joinErrorTexts([problemMessage(error), ...unmatched]) : null;
}
