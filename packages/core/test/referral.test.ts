import { describe, expect, it } from "vitest";
import { DomainError } from "../src/errors.ts";
import { idCheckCharacter, idNumberProblem, maskIdNumber } from "../src/referral/id-number.ts";
import {
  allowedActions,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  type ReferralAction,
  type ReferralStatus,
  type Side,
  slaDeadline,
  transition,
  worklistOrder,
} from "../src/referral/state-machine.ts";

/** The spec's diagram, written out independently of the implementation's table. */
const ALLOWED: [ReferralStatus, ReferralAction, Side, ReferralStatus][] = [
  ["draft", "submit", "sender", "submitted"],
  ["submitted", "accept", "receiver", "accepted"],
  ["submitted", "reject", "receiver", "rejected"],
  ["accepted", "schedule", "receiver", "scheduled"],
  ["scheduled", "arrive", "receiver", "arrived"],
  ["arrived", "complete", "receiver", "completed"],
  ["draft", "cancel", "sender", "cancelled"],
  ["submitted", "cancel", "sender", "cancelled"],
  ["accepted", "cancel", "sender", "cancelled"],
  ["scheduled", "cancel", "sender", "cancelled"],
  ["submitted", "expire", "system", "expired"],
];
const OWNER: Record<ReferralAction, Side> = {
  submit: "sender",
  cancel: "sender",
  accept: "receiver",
  reject: "receiver",
  schedule: "receiver",
  arrive: "receiver",
  complete: "receiver",
  expire: "system",
};
const SIDES: Side[] = ["sender", "receiver", "system"];
const input = { note: "原因 reason", slotId: "slot-1" };

describe("referral state machine: every (state, action, side) cell", () => {
  const cells = REFERRAL_STATUSES.flatMap((s) => REFERRAL_ACTIONS.flatMap((a) => SIDES.map((side) => [s, a, side] as const)));
  it("covers 9 states × 8 actions × 3 sides", () => expect(cells).toHaveLength(216));

  it.each(cells)("%s --%s by %s", (status, action, side) => {
    const allowed = ALLOWED.find(([s, a, by]) => s === status && a === action && by === side);
    if (allowed) {
      expect(transition(status, action, side, input)).toBe(allowed[3]);
      return;
    }
    try {
      transition(status, action, side, input);
      expect.unreachable(`${status} --${action} by ${side} should be refused`);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(OWNER[action] === side ? "conflict" : "forbidden");
      if (OWNER[action] === side) expect((error as DomainError).message).toContain(status);
    }
  });
});

describe("referral transitions need their inputs", () => {
  it("asks for a reason to reject or cancel", () => {
    for (const [status, action, side] of [
      ["submitted", "reject", "receiver"],
      ["draft", "cancel", "sender"],
    ] as const) {
      expect(() => transition(status, action, side, { note: "  " })).toThrow(
        expect.objectContaining({ code: "validation", errors: [expect.objectContaining({ path: "note" })] }),
      );
    }
  });

  it("asks for exactly one booking to schedule", () => {
    expect(() => transition("accepted", "schedule", "receiver", {})).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: "slotId" })] }),
    );
    expect(() => transition("accepted", "schedule", "receiver", { slotId: "s", bedId: "b" })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: "bedId" })] }),
    );
    expect(transition("accepted", "schedule", "receiver", { bedId: "b" })).toBe("scheduled");
  });

  it("names what is allowed now in a 409", () => {
    expect(allowedActions("submitted", "receiver")).toEqual(["accept", "reject"]);
    expect(allowedActions("submitted", "sender")).toEqual(["cancel"]);
    expect(allowedActions("completed", "receiver")).toEqual([]);
    expect(() => transition("scheduled", "accept", "receiver")).toThrow(/allowed now: arrive/);
  });
});

describe("SLA and worklist order", () => {
  const t0 = new Date("2026-03-01T08:00:00Z");
  it("expires green channel after 30 min, urgent after 2 h, routine after 48 h", () => {
    expect(slaDeadline(t0, "green_channel").toISOString()).toBe("2026-03-01T08:30:00.000Z");
    expect(slaDeadline(t0, "urgent").toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(slaDeadline(t0, "routine").toISOString()).toBe("2026-03-03T08:00:00.000Z");
    expect(slaDeadline(t0, "urgent", { green_channel: 10, urgent: 60, routine: 600 }).toISOString()).toBe("2026-03-01T09:00:00.000Z");
  });

  it("puts green channel first, then urgent, then the oldest", () => {
    const later = new Date("2026-03-01T09:00:00Z");
    const list = [
      { id: "r-old", priority: "routine" as const, submittedAt: t0 },
      { id: "u", priority: "urgent" as const, submittedAt: later },
      { id: "g", priority: "green_channel" as const, submittedAt: later },
      { id: "r-new", priority: "routine" as const, submittedAt: later },
    ];
    expect(list.sort(worklistOrder).map((r) => r.id)).toEqual(["g", "u", "r-old", "r-new"]);
  });
});

describe("national ID numbers (GB 11643)", () => {
  it("accepts valid numbers, including an X check character", () => {
    expect(idNumberProblem("11010519491231002X")).toBeNull();
    expect(idCheckCharacter("11010519491231002")).toBe("X");
  });

  it("names what is wrong", () => {
    expect(idNumberProblem("110105194912310021")).toBe("has a wrong check digit");
    expect(idNumberProblem("11010519490231002X")).toContain("impossible birth date 1949-02-31");
    expect(idNumberProblem("1101051949123100")).toContain("17 digits");
    expect(idNumberProblem("11010519491231002x")).toContain("17 digits");
  });

  it("masks all but the first and last four characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("****************2X");
  });
});
