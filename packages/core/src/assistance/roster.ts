import { type Day, formatDay, parseDay } from "../dates.ts";
import { type FieldError, invalid } from "../errors.ts";
import { TITLES, type Title } from "../registry.ts";
import { LOCATION_CLASSES, type LocationClass } from "./location-evidence.ts";
import { ACTIVITIES, type Activity, DISPATCH_ROLES, type DispatchRole } from "./vocabulary.ts";

/** A roster as the spec's JSON interface (dates as `YYYY-MM-DD`). */
export interface RosterInput {
  agreement: { id: string; pack: string; supporter?: string; recipient?: string; start: string; end: string };
  dispatches: { person: string; name?: string; role: string; title: string; start: string; end: string; batch?: string }[];
  attendance?: { person: string; date: string; activities: string[]; location?: string | null }[];
}

export interface Dispatch {
  person: string;
  name?: string | undefined;
  role: DispatchRole;
  title: Title;
  start: Day;
  end: Day;
  batch?: string | undefined;
}

export interface AttendanceDay {
  person: string;
  date: Day;
  activities: readonly Activity[];
  /** The check-in's location class; null or absent for check-ins from before location evidence (judged as before). */
  location?: LocationClass | null | undefined;
}

/** A validated roster: dates are day numbers, vocabularies are checked. */
export interface Roster {
  agreement: { id: string; pack: string; supporter?: string | undefined; recipient?: string | undefined; start: Day; end: Day };
  dispatches: Dispatch[];
  attendance: AttendanceDay[] | null;
}

const AGREEMENT_KEYS = new Set(["id", "pack", "supporter", "recipient", "start", "end"]);
const DISPATCH_KEYS = new Set(["person", "name", "role", "title", "start", "end", "batch"]);
const ATTENDANCE_KEYS = new Set(["person", "date", "activities", "location"]);

/**
 * Checks a roster and converts its dates. Every problem is reported with the record and field
 * (`dispatches[3].end`), none is silently dropped; `label` lets CSV callers name spreadsheet rows.
 */
export function parseRoster(raw: unknown, label: (index: number) => string = (i) => `dispatches[${i}]`): Roster {
  const errors: FieldError[] = [];
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!obj(raw)) throw invalid([{ path: "(roster)", code: "type", params: { type: "object" }, message: "must be an object with agreement and dispatches" }]);
  for (const k of Object.keys(raw))
    if (!["agreement", "dispatches", "attendance"].includes(k)) errors.push({ path: k, code: "unknown_field", message: "is not a known field" });

  const text = (o: Record<string, unknown>, key: string, path: string, required = true): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null || v === "") {
      if (required) errors.push({ path: `${path}.${key}`, code: "required", message: "is required" });
      return undefined;
    }
    if (typeof v !== "string") {
      errors.push({ path: `${path}.${key}`, code: "type", params: { type: "string" }, message: "must be a string" });
      return undefined;
    }
    return v.trim();
  };
  const date = (o: Record<string, unknown>, key: string, path: string): Day | undefined => {
    const v = text(o, key, path);
    if (v === undefined) return undefined;
    const d = parseDay(v);
    if (d === null) errors.push({ path: `${path}.${key}`, code: "format", params: { format: "date" }, message: `"${v}" is not a calendar date (YYYY-MM-DD)` });
    return d ?? undefined;
  };
  const unknownKeys = (o: Record<string, unknown>, allowed: Set<string>, path: string) => {
    for (const k of Object.keys(o)) if (!allowed.has(k)) errors.push({ path: `${path}.${k}`, code: "unknown_field", message: "is not a known field" });
  };

  const a = raw.agreement;
  let agreement: Roster["agreement"] | undefined;
  if (!obj(a)) errors.push({ path: "agreement", code: "required", message: "is required (an object)" });
  else {
    unknownKeys(a, AGREEMENT_KEYS, "agreement");
    const id = text(a, "id", "agreement");
    const pack = text(a, "pack", "agreement");
    const start = date(a, "start", "agreement");
    const end = date(a, "end", "agreement");
    if (start !== undefined && end !== undefined && end < start)
      errors.push({ path: "agreement.end", code: "before", params: { other: "start" }, message: `is before start (${formatDay(end)} < ${formatDay(start)})` });
    if (id && pack && start !== undefined && end !== undefined) {
      agreement = { id, pack, supporter: text(a, "supporter", "agreement", false), recipient: text(a, "recipient", "agreement", false), start, end };
    }
  }

  const dispatches: Dispatch[] = [];
  if (!Array.isArray(raw.dispatches)) errors.push({ path: "dispatches", code: "required", message: "is required (a list)" });
  else {
    raw.dispatches.forEach((d, i) => {
      const path = label(i);
      if (!obj(d)) {
        errors.push({ path, code: "type", params: { type: "object" }, message: "must be an object" });
        return;
      }
      unknownKeys(d, DISPATCH_KEYS, path);
      const person = text(d, "person", path);
      const role = text(d, "role", path);
      const title = text(d, "title", path);
      const start = date(d, "start", path);
      const end = date(d, "end", path);
      if (role && !DISPATCH_ROLES.includes(role as DispatchRole))
        errors.push({
          path: `${path}.role`,
          code: "enum",
          params: { allowed: DISPATCH_ROLES },
          message: `"${role}" is not one of ${DISPATCH_ROLES.join(", ")}`,
        });
      if (title && !TITLES.includes(title as Title))
        errors.push({ path: `${path}.title`, code: "enum", params: { allowed: TITLES }, message: `"${title}" is not one of ${TITLES.join(", ")}` });
      if (start !== undefined && end !== undefined) {
        if (end < start)
          errors.push({
            path: `${path}.end`,
            code: "before",
            params: { other: "start" },
            message: `is before start (${formatDay(end)} < ${formatDay(start)})`,
          });
        else if (agreement && (start < agreement.start || end > agreement.end)) {
          errors.push({
            path: `${path}.${start < agreement.start ? "start" : "end"}`,
            code: "out_of_period",
            params: { start: formatDay(agreement.start), end: formatDay(agreement.end) },
            message: `${formatDay(start)}..${formatDay(end)} lies outside the agreement's period ${formatDay(agreement.start)}..${formatDay(agreement.end)}`,
          });
        }
      }
      if (person && role && title && start !== undefined && end !== undefined) {
        dispatches.push({
          person,
          name: text(d, "name", path, false),
          role: role as DispatchRole,
          title: title as Title,
          start,
          end,
          batch: text(d, "batch", path, false),
        });
      }
    });
  }

  let attendance: AttendanceDay[] | null = null;
  if (raw.attendance !== undefined) {
    attendance = [];
    if (!Array.isArray(raw.attendance)) errors.push({ path: "attendance", code: "type", params: { type: "array" }, message: "must be a list" });
    else {
      raw.attendance.forEach((r, i) => {
        const path = `attendance[${i}]`;
        if (!obj(r)) {
          errors.push({ path, code: "type", params: { type: "object" }, message: "must be an object" });
          return;
        }
        unknownKeys(r, ATTENDANCE_KEYS, path);
        const person = text(r, "person", path);
        const d = date(r, "date", path);
        const acts = r.activities ?? [];
        if (!Array.isArray(acts)) errors.push({ path: `${path}.activities`, code: "type", params: { type: "array" }, message: "must be a list" });
        const activities = (Array.isArray(acts) ? acts : []).filter((x, k) => {
          const ok = typeof x === "string" && ACTIVITIES.includes(x as Activity);
          if (!ok)
            errors.push({
              path: `${path}.activities[${k}]`,
              code: "enum",
              params: { allowed: ACTIVITIES },
              message: `"${String(x)}" is not one of ${ACTIVITIES.join(", ")}`,
            });
          return ok;
        }) as Activity[];
        const location = r.location ?? null;
        const knownLocation = location === null || (typeof location === "string" && (LOCATION_CLASSES as readonly string[]).includes(location));
        if (!knownLocation)
          errors.push({
            path: `${path}.location`,
            code: "enum",
            params: { allowed: LOCATION_CLASSES },
            message: `"${String(location)}" is not one of ${LOCATION_CLASSES.join(", ")}`,
          });
        if (person && d !== undefined && knownLocation) attendance?.push({ person, date: d, activities, location: location as LocationClass | null });
      });
    }
  }

  if (errors.length || !agreement)
    throw invalid(errors.length ? errors : [{ path: "agreement", code: "required", message: "is incomplete" }], "The roster is invalid");
  return { agreement, dispatches, attendance };
}
