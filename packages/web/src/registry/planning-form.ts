import type { FormInstance } from "antd";
import { ApiError } from "../api.ts";
import { applyServerErrors } from "../shared/forms.ts";

/**
 * Shows a planning input's server errors on the form's fields. The server names what it was sent
 * (`unavailable[2].end`, `staffBySpecialty.心血管内科`) while the form holds rows of its own shape
 * (a period's two dates in one range picker, a specialty and its count side by side), so `toField`
 * turns each path into the form's name first. Returns what matched no field, for a message.
 */
export function showPlanningErrors(form: FormInstance, error: unknown, toField: (path: string) => string): string | null {
  if (!(error instanceof ApiError)) return applyServerErrors(form, error);
  const mapped = new ApiError(
    error.status,
    error.detail,
    error.errors.map((e) => ({ ...e, path: toField(e.path) })),
    error.code,
    error.params,
  );
  return applyServerErrors(form, mapped);
}
