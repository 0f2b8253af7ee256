import { DISPATCH_ROLES, type DispatchRole } from "../assistance/vocabulary.ts";
import { parseDay } from "../dates.ts";
import { type ErrorParams, type FieldError, type FieldErrorCode, invalid } from "../errors.ts";
import { isRegionCode, regionLevel } from "../regions.ts";
import type { Profession } from "../registry.ts";

/**
 * The inputs the planners read, as people type them: a staff member's planning profile (roster
 * planner), a recipient's capability needs and a supporter's capacity (pairing planner), and the
 * programme's province pairings. Each parser names every field at fault (`unavailable[2].end`,
 * `staffBySpecialty.心血管内科`) and returns the cleaned value; the server stores nothing unless
 * the whole input passes.
 */

/** A period a staff member cannot go, inclusive calendar dates `YYYY-MM-DD`. */
export interface UnavailablePeriod {
  start: string;
  end: string;
  reason?: string;
}

export interface PlanningProfile {
  /** null: planned in the default department (the specialty, else "general"). */
  department: string | null;
  roles: DispatchRole[];
  earliestStart: string | null;
  unavailable: UnavailablePeriod[];
}

export const PLANNING_LIMITS = {
  department: 60,
  roles: 5,
  unavailable: 50,
  reason: 200,
  specialty: 40,
  technique: 100,
  needs: 60,
  maxRecipients: 200,
  staffPerSpecialty: 500,
  specialties: 60,
  pairings: 500,
} as const;

/** The dates any record of the service can mean (the server's DateString bounds). */
const EARLIEST = "1900-01-01";
const LATEST = "2100-12-31";

/** The department everyone without one is counted in (also the planner's fallback). */
export const GENERAL_DEPARTMENT = "general";

/**
 * What a practitioner without a stored profile is planned as. The roles follow the profession (a
 * physician goes as a clinician; making them a discipline leader is a choice the coordinator
 * records, never a default: the pack's leader rule must not be met by accident). The department is
 * the specialty: hospitals are organised by specialty (心血管内科 is both), so "a department never
 * emptied" means "a specialty never emptied" until the coordinator says otherwise; people without a
 * specialty share one "general" department, which only makes the limit stricter for them.
 */
export function defaultPlanningProfile(profession: Profession, specialty: string | null): { department: string; roles: DispatchRole[] } {
  const roles: Record<Profession, DispatchRole[]> = {
    physician: ["clinical"],
    manager: ["management"],
    nurse: ["nursing"],
    technician: ["technician"],
    pharmacist: ["technician"],
  };
  const department = specialty?.trim() ? specialty.trim() : GENERAL_DEPARTMENT;
  return { department, roles: [...roles[profession]] };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Collects field errors; `done` throws them all at once (400 naming each field). */
class Checker {
  readonly errors: FieldError[] = [];

  /** Records the error; answers undefined so that `x === undefined ? c.fail(…) : c.text(…)` types as the value or nothing. */
  fail(path: string, code: FieldErrorCode, message: string, params?: ErrorParams): undefined {
    this.errors.push({ path, code, message, ...(params && { params }) });
    return undefined;
  }

  object(raw: unknown, path: string, allowed: readonly string[]): Json | null {
    if (!isObject(raw)) {
      this.fail(path, "type", "must be an object", { type: "object" });
      return null;
    }
    for (const key of Object.keys(raw))
      if (!allowed.includes(key)) this.fail(path === "(body)" ? key : `${path}.${key}`, "unknown_field", "is not a known field");
    return raw;
  }

  /** Trimmed text of 1..max characters (PostgreSQL-storable), or undefined after an error. */
  text(raw: unknown, path: string, max: number): string | undefined {
    if (typeof raw !== "string") {
      this.fail(path, "type", "must be text", { type: "string" });
      return undefined;
    }
    if (raw.includes("\u0000") || LONE_SURROGATE.test(raw)) {
      this.fail(path, "unstorable_text", "must not contain NUL or a lone UTF-16 surrogate");
      return undefined;
    }
    const text = raw.trim();
    if (text.length === 0) this.fail(path, "too_short", "must not be empty", { limit: 1 });
    else if (text.length > max) this.fail(path, "too_long", `must be at most ${max} characters`, { limit: max });
    else return text;
    return undefined;
  }

  date(raw: unknown, path: string): string | undefined {
    if (typeof raw !== "string") {
      this.fail(path, "type", "must be a date YYYY-MM-DD", { type: "string" });
      return undefined;
    }
    if (parseDay(raw) === null) {
      // 2026-02-30 has the form of a date but is not one.
      this.fail(path, "format", "must be a real calendar date YYYY-MM-DD", { format: "date" });
      return undefined;
    }
    if (raw < EARLIEST) this.fail(path, "too_small", `must be ${EARLIEST} or later`, { limit: EARLIEST });
    else if (raw > LATEST) this.fail(path, "too_large", `must be ${LATEST} or earlier`, { limit: LATEST });
    else return raw;
    return undefined;
  }

  integer(raw: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof raw !== "number" || !Number.isInteger(raw)) {
      this.fail(path, "type", "must be a whole number", { type: "integer" });
      return undefined;
    }
    if (raw < min) this.fail(path, "too_small", `must be at least ${min}`, { limit: min });
    else if (raw > max) this.fail(path, "too_large", `must be at most ${max}`, { limit: max });
    else return raw;
    return undefined;
  }

  list(raw: unknown, path: string, max: number): unknown[] | null {
    if (!Array.isArray(raw)) {
      this.fail(path, "type", "must be a list", { type: "array" });
      return null;
    }
    if (raw.length > max) {
      this.fail(path, "too_many", `must have at most ${max} items`, { limit: max });
      return null;
    }
    return raw;
  }

  done<T>(value: T): T {
    if (this.errors.length) throw invalid(this.errors);
    return value;
  }
}

/**
 * A planning profile as PUT by a coordinator. Periods are inclusive at both ends, so a period that
 * starts the day after another ends (03-31 / 04-01) TOUCHES it and is allowed; one that starts on
 * the day another ends shares that day and OVERLAPS (`unavailable[i]`, code overlap, naming the
 * later period in start order with params.other the earlier one). A one-day period (start = end)
 * is allowed.
 */
export function parsePlanningProfile(raw: unknown): PlanningProfile {
  const c = new Checker();
  const body = c.object(raw, "(body)", ["department", "roles", "earliestStart", "unavailable"]);
  if (!body) return c.done(null as never);

  let department: string | null = null;
  if (body.department !== undefined && body.department !== null) department = c.text(body.department, "department", PLANNING_LIMITS.department) ?? null;

  const roles: DispatchRole[] = [];
  if (body.roles === undefined) c.fail("roles", "required", "give the roles this person may take (1 to 5)");
  else {
    const list = c.list(body.roles, "roles", PLANNING_LIMITS.roles);
    if (list && list.length === 0) c.fail("roles", "too_few", "give at least one role", { limit: 1 });
    list?.forEach((role, i) => {
      if (typeof role !== "string" || !(DISPATCH_ROLES as readonly string[]).includes(role))
        c.fail(`roles[${i}]`, "enum", `must be one of ${DISPATCH_ROLES.join(", ")}`, { allowed: DISPATCH_ROLES });
      else if (roles.includes(role as DispatchRole)) c.fail(`roles[${i}]`, "not_unique", "is given twice");
      else roles.push(role as DispatchRole);
    });
  }

  let earliestStart: string | null = null;
  if (body.earliestStart !== undefined && body.earliestStart !== null) earliestStart = c.date(body.earliestStart, "earliestStart") ?? null;

  const unavailable: UnavailablePeriod[] = [];
  const periods: { index: number; start: string; end: string }[] = [];
  const list = body.unavailable === undefined ? [] : c.list(body.unavailable, "unavailable", PLANNING_LIMITS.unavailable);
  list?.forEach((item, i) => {
    const path = `unavailable[${i}]`;
    const p = c.object(item, path, ["start", "end", "reason"]);
    if (!p) return;
    const start = p.start === undefined ? c.fail(`${path}.start`, "required", "is required") : c.date(p.start, `${path}.start`);
    const end = p.end === undefined ? c.fail(`${path}.end`, "required", "is required") : c.date(p.end, `${path}.end`);
    const reason = p.reason === undefined || p.reason === null ? undefined : c.text(p.reason, `${path}.reason`, PLANNING_LIMITS.reason);
    if (start === undefined || end === undefined) return;
    if (start > end) {
      c.fail(`${path}.end`, "before", "must not be before the start", { other: "start" });
      return;
    }
    periods.push({ index: i, start, end });
    unavailable.push({ start, end, ...(reason !== undefined && { reason }) });
  });
  // Sorted by start, a period overlaps one before it exactly when it starts on or before the
  // latest end seen so far (ISO dates compare as text).
  const sorted = [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));
  let latest: (typeof periods)[number] | null = null;
  for (const p of sorted) {
    if (latest && p.start <= latest.end) {
      const [first, second] = latest.index < p.index ? [latest, p] : [p, latest];
      c.fail(`unavailable[${second.index}]`, "overlap", `overlaps unavailable[${first.index}]`, { other: `unavailable[${first.index}]` });
    }
    if (!latest || p.end > latest.end) latest = p;
  }
  unavailable.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return c.done({ department, roles, earliestStart, unavailable });
}

export const NEED_SOURCES = ["assessment", "technique_request"] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

export interface CapabilityNeed {
  specialty: string;
  source: NeedSource;
  /** The technique asked for: present exactly when source is technique_request. */
  technique: string | null;
}

/**
 * A recipient's needs for a year, replacing the set: a specialty its assessment found lacking, or a
 * technique it asked for with the specialty that brings it. The registry keeps specialties as free
 * text (no vocabulary), so a specialty is any text of 1..40 characters, compared after trimming;
 * the same (specialty, source) twice is refused (`needs[i].specialty`, not_unique).
 */
export function parseCapabilityNeeds(raw: unknown): CapabilityNeed[] {
  const c = new Checker();
  const list = c.list(raw, "needs", PLANNING_LIMITS.needs);
  const needs: CapabilityNeed[] = [];
  const seen = new Set<string>();
  list?.forEach((item, i) => {
    const path = `needs[${i}]`;
    const n = c.object(item, path, ["specialty", "source", "technique"]);
    if (!n) return;
    const specialty =
      n.specialty === undefined ? c.fail(`${path}.specialty`, "required", "is required") : c.text(n.specialty, `${path}.specialty`, PLANNING_LIMITS.specialty);
    let source: NeedSource | undefined;
    if (typeof n.source !== "string" || !(NEED_SOURCES as readonly string[]).includes(n.source))
      c.fail(`${path}.source`, "enum", `must be one of ${NEED_SOURCES.join(", ")}`, { allowed: NEED_SOURCES });
    else source = n.source as NeedSource;
    let technique: string | null = null;
    const hasTechnique = n.technique !== undefined && n.technique !== null;
    if (source === "technique_request") {
      if (!hasTechnique) c.fail(`${path}.technique`, "required", "name the technique asked for", { when: "technique_request" });
      else technique = c.text(n.technique, `${path}.technique`, PLANNING_LIMITS.technique) ?? null;
    } else if (source === "assessment" && hasTechnique) {
      c.fail(`${path}.technique`, "not_allowed", "only a technique request names a technique", { reason: "technique_only_on_request" });
    }
    if (specialty === undefined || source === undefined) return;
    const key = `${source}\u0000${specialty}`;
    if (seen.has(key)) {
      c.fail(`${path}.specialty`, "not_unique", "is given twice for this source");
      return;
    }
    seen.add(key);
    needs.push({ specialty, source, technique });
  });
  return c.done(needs);
}

export interface SupportCapacity {
  maxRecipients: number;
  staffBySpecialty: Record<string, number>;
}

/**
 * A supporter's capacity: how many recipients it can serve, and how many staff of each specialty
 * it can send in a year. Specialty keys are free text like the registry's (1..40 characters);
 * an error on a count names it by its key (`staffBySpecialty.心血管内科`).
 */
export function parseSupportCapacity(raw: unknown): SupportCapacity {
  const c = new Checker();
  const body = c.object(raw, "(body)", ["maxRecipients", "staffBySpecialty"]);
  if (!body) return c.done(null as never);
  const maxRecipients =
    body.maxRecipients === undefined
      ? c.fail("maxRecipients", "required", "is required")
      : c.integer(body.maxRecipients, "maxRecipients", 0, PLANNING_LIMITS.maxRecipients);
  const staffBySpecialty: Record<string, number> = {};
  const staff = body.staffBySpecialty === undefined ? {} : body.staffBySpecialty;
  if (!isObject(staff)) c.fail("staffBySpecialty", "type", "must be an object of specialty: staff", { type: "object" });
  else {
    const entries = Object.entries(staff);
    if (entries.length > PLANNING_LIMITS.specialties)
      c.fail("staffBySpecialty", "too_many", `must have at most ${PLANNING_LIMITS.specialties} specialties`, { limit: PLANNING_LIMITS.specialties });
    else
      for (const [key, value] of entries) {
        const path = `staffBySpecialty.${key}`;
        const specialty = c.text(key, path, PLANNING_LIMITS.specialty);
        const n = c.integer(value, path, 0, PLANNING_LIMITS.staffPerSpecialty);
        if (specialty === undefined || n === undefined) continue;
        // " 儿科" and "儿科" are the same specialty once trimmed.
        if (specialty in staffBySpecialty) c.fail(path, "not_unique", "is given twice");
        else staffBySpecialty[specialty] = n;
      }
  }
  return c.done({ maxRecipients: maxRecipients as number, staffBySpecialty });
}

export interface ProvincePairing {
  supporterProvince: string;
  recipientProvince: string;
}

/** The programme's province pairings (东西部协作), replacing the set: province codes, no pair twice, no province with itself. */
export function parseProvincePairings(raw: unknown): ProvincePairing[] {
  const c = new Checker();
  const list = c.list(raw, "pairings", PLANNING_LIMITS.pairings);
  const pairings: ProvincePairing[] = [];
  const seen = new Set<string>();
  list?.forEach((item, i) => {
    const path = `pairings[${i}]`;
    const p = c.object(item, path, ["supporterProvince", "recipientProvince"]);
    if (!p) return;
    const province = (value: unknown, field: string): string | undefined => {
      if (typeof value === "string" && isRegionCode(value) && regionLevel(value) === "province") return value;
      c.fail(`${path}.${field}`, "format", "must be a province code (6 digits ending 0000)", { format: "region_code" });
      return undefined;
    };
    const supporterProvince = province(p.supporterProvince, "supporterProvince");
    const recipientProvince = province(p.recipientProvince, "recipientProvince");
    if (!supporterProvince || !recipientProvince) return;
    if (supporterProvince === recipientProvince) {
      c.fail(`${path}.recipientProvince`, "same_as", "must differ from the supporter province", { other: "supporterProvince" });
      return;
    }
    const key = `${supporterProvince}>${recipientProvince}`;
    if (seen.has(key)) {
      c.fail(path, "duplicate", "is given twice", { scope: "list" });
      return;
    }
    seen.add(key);
    pairings.push({ supporterProvince, recipientProvince });
  });
  return c.done(pairings);
}
