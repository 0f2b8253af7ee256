import { describe, expect, it } from "vitest";
import {
  dueOnPlannedToday,
  gatewayOutcome,
  inSendingHours,
  REMINDER_MAX_ATTEMPTS,
  REMINDER_RULES,
  type ReminderPatient,
  reminderSkipReason,
  remindersToPlan,
  retryAfterMinutes,
} from "../src/index.ts";

const today = "2026-03-10";
const patient = (over: Partial<ReminderPatient> = {}): ReminderPatient => ({
  smsConsent: true,
  phone: "13800000000",
  active: true,
  offListReason: null,
  nextDueOn: "2026-03-11",
  lastVisitOn: "2026-01-10",
  ...over,
});

describe("planning SMS reminders", () => {
  it("before_due: the due date is tomorrow — not today, not in two days", () => {
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-11" }), today)).toEqual([{ kind: "before_due", dueOn: "2026-03-11" }]);
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-12" }), today)).toEqual([]);
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-10" }), today)).toEqual([]);
  });

  it("missed_visit: the due date was yesterday without a visit — not today, not two days ago", () => {
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-09" }), today)).toEqual([{ kind: "missed_visit", dueOn: "2026-03-09" }]);
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-10" }), today)).toEqual([]);
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-08" }), today)).toEqual([]);
    // A visit on or after the due date (without moving it: entered late) means nothing was missed.
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-09", lastVisitOn: "2026-03-09" }), today)).toEqual([]);
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-09", lastVisitOn: "2026-03-08" }), today)).toHaveLength(1);
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-09", lastVisitOn: null }), today)).toHaveLength(1);
  });

  it("across a month and a year end", () => {
    expect(remindersToPlan(patient({ nextDueOn: "2026-03-01" }), "2026-02-28")).toEqual([{ kind: "before_due", dueOn: "2026-03-01" }]);
    expect(remindersToPlan(patient({ nextDueOn: "2025-12-31", lastVisitOn: "2025-10-01" }), "2026-01-01")).toEqual([
      { kind: "missed_visit", dueOn: "2025-12-31" },
    ]);
    expect(dueOnPlannedToday("before_due", "2026-12-31")).toBe("2027-01-01");
    expect(dueOnPlannedToday("missed_visit", "2028-03-01")).toBe("2028-02-29");
  });

  it("only with consent, a phone, active and on the call list", () => {
    expect(remindersToPlan(patient({ smsConsent: false }), today)).toEqual([]);
    expect(remindersToPlan(patient({ phone: null }), today)).toEqual([]);
    expect(remindersToPlan(patient({ phone: "" }), today)).toEqual([]);
    expect(remindersToPlan(patient({ active: false }), today)).toEqual([]);
    expect(remindersToPlan(patient({ offListReason: "refused" }), today)).toEqual([]);
    expect(remindersToPlan(patient({ nextDueOn: null }), today)).toEqual([]);
  });
});

describe("right before a send", () => {
  const before = { kind: "before_due" as const, dueOn: "2026-03-11" };
  const missed = { kind: "missed_visit" as const, dueOn: "2026-03-09" };

  it("stands while nothing changed", () => {
    expect(reminderSkipReason(before, patient(), today)).toBeNull();
    expect(reminderSkipReason(missed, patient({ nextDueOn: "2026-03-09" }), today)).toBeNull();
  });

  it("is skipped when consent was withdrawn, the phone is gone, the patient left the register or the list", () => {
    expect(reminderSkipReason(before, patient({ smsConsent: false }), today)).toBe("no_consent");
    expect(reminderSkipReason(before, patient({ phone: null }), today)).toBe("no_phone");
    expect(reminderSkipReason(before, patient({ active: false }), today)).toBe("inactive");
    expect(reminderSkipReason(before, patient({ offListReason: "died" }), today)).toBe("off_list");
  });

  it("is skipped when the due date moved (a visit, a date agreed on a call)", () => {
    expect(reminderSkipReason(before, patient({ nextDueOn: "2026-04-20" }), today)).toBe("due_moved");
    expect(reminderSkipReason(missed, patient({ nextDueOn: "2026-03-09", lastVisitOn: "2026-03-10" }), today)).toBe("due_moved");
  });

  it("is skipped when too late: before_due after its due date, missed_visit 3 days after", () => {
    expect(reminderSkipReason(before, patient(), "2026-03-11")).toBeNull();
    expect(reminderSkipReason(before, patient(), "2026-03-12")).toBe("too_late");
    expect(reminderSkipReason(missed, patient({ nextDueOn: "2026-03-09" }), "2026-03-12")).toBeNull();
    expect(reminderSkipReason(missed, patient({ nextDueOn: "2026-03-09" }), "2026-03-13")).toBe("too_late");
  });
});

describe("sending", () => {
  it("retries after 5 min, 30 min, 2 h, then gives up", () => {
    expect(REMINDER_MAX_ATTEMPTS).toBe(4);
    expect([1, 2, 3, 4].map(retryAfterMinutes)).toEqual([5, 30, 120, null]);
    expect(retryAfterMinutes(0)).toBeNull();
  });

  it("reads the gateway's answer: 2xx sent; no answer, 5xx, 408, 429 retried; other 4xx failed at once", () => {
    expect([200, 201, 202, 204].map(gatewayOutcome)).toEqual(["sent", "sent", "sent", "sent"]);
    expect([null, 500, 502, 503, 504, 408, 429].map(gatewayOutcome)).toEqual(Array(7).fill("retry"));
    expect([400, 401, 403, 404, 410, 422, 301].map(gatewayOutcome)).toEqual(Array(7).fill("failed"));
  });

  it("sends between 08:00 and 21:00 China time", () => {
    expect(REMINDER_RULES.sendHours).toEqual({ from: 8, until: 21 });
    expect([7, 8, 20, 21, 0, 23].map(inSendingHours)).toEqual([false, true, true, false, false, false]);
  });
});
