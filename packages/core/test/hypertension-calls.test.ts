import { describe, expect, it } from "vitest";
import { applyCall, CALL_EFFECTS, CALL_RESULTS, type CallState, callProblems, callStateAfterVisit, OFF_LIST_REASONS, onCallList } from "../src/index.ts";

const today = "2026-03-01";
const due: CallState = { nextDueOn: "2026-02-20", nextCallOn: null, unanswered: 0, offListReason: null };
const paths = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as { errors: { path: string }[] }).errors.map((e) => e.path);
  }
  return [];
};

describe("call results", () => {
  it("has an effect for every result, and every off-list reason is reachable", () => {
    expect(Object.keys(CALL_EFFECTS).sort()).toEqual([...CALL_RESULTS].sort());
    const reasons = Object.values(CALL_EFFECTS).flatMap((e) => (e.kind === "off" ? [e.reason] : e.kind === "retry" ? [e.offAs] : []));
    expect(reasons.sort()).toEqual([...OFF_LIST_REASONS].sort());
  });

  it("reached: the agreed date becomes the next due date and nobody calls before it", () => {
    const after = applyCall({ ...due, unanswered: 2 }, { result: "reached", agreedDate: "2026-03-10" }, today);
    expect(after).toEqual({ nextDueOn: "2026-03-10", nextCallOn: "2026-03-10", unanswered: 0, offListReason: null });
    expect(onCallList(after, today)).toBe(false);
    expect(onCallList(after, "2026-03-10")).toBe(true);
  });

  it("reached: the agreed date may be today or 90 days ahead, not 91 days or the past", () => {
    expect(callProblems({ result: "reached", agreedDate: today }, today)).toEqual([]);
    expect(callProblems({ result: "reached", agreedDate: "2026-05-30" }, today)).toEqual([]); // +90
    expect(callProblems({ result: "reached", agreedDate: "2026-05-31" }, today).map((p) => p.path)).toEqual(["agreedDate"]); // +91
    expect(callProblems({ result: "reached", agreedDate: "2026-02-28" }, today).map((p) => p.path)).toEqual(["agreedDate"]);
    expect(paths(() => applyCall(due, { result: "reached" }, today))).toEqual(["agreedDate"]);
  });

  it("an agreed date belongs to reached only", () => {
    expect(paths(() => applyCall(due, { result: "no_answer", agreedDate: today }, today))).toEqual(["agreedDate"]);
  });

  it("reached today keeps the patient on today's list (the visit is today)", () => {
    expect(onCallList(applyCall(due, { result: "reached", agreedDate: today }, today), today)).toBe(true);
  });

  it("no answer: again in 3 days, the due date unchanged", () => {
    const after = applyCall(due, { result: "no_answer" }, today);
    expect(after).toEqual({ nextDueOn: "2026-02-20", nextCallOn: "2026-03-04", unanswered: 1, offListReason: null });
    expect(onCallList(after, "2026-03-03")).toBe(false);
    expect(onCallList(after, "2026-03-04")).toBe(true);
  });

  it("no answer: the 2nd still retries, the 3rd in a row takes the patient off as unreachable", () => {
    const second = applyCall({ ...due, unanswered: 1 }, { result: "no_answer" }, today);
    expect(second).toMatchObject({ unanswered: 2, offListReason: null, nextCallOn: "2026-03-04" });
    const third = applyCall(second, { result: "no_answer" }, "2026-03-04");
    expect(third).toMatchObject({ unanswered: 3, offListReason: "unreachable", nextCallOn: null });
    expect(onCallList(third, "2026-12-31")).toBe(false);
    // A 4th unanswered call (someone tried anyway) leaves the patient off.
    expect(applyCall(third, { result: "no_answer" }, "2026-03-05")).toMatchObject({ unanswered: 4, offListReason: "unreachable" });
  });

  it("reached after unanswered calls starts the count again", () => {
    const two = applyCall(applyCall(due, { result: "no_answer" }, today), { result: "no_answer" }, "2026-03-04");
    const reached = applyCall(two, { result: "reached", agreedDate: "2026-03-08" }, "2026-03-07");
    const again = applyCall(reached, { result: "no_answer" }, "2026-03-09");
    expect(again).toMatchObject({ unanswered: 1, offListReason: null });
  });

  it.each(["wrong_number", "moved_away", "died", "refused"] as const)("%s: off the list with that reason", (result) => {
    const after = applyCall({ ...due, unanswered: 1 }, { result }, today);
    expect(after).toMatchObject({ offListReason: result, nextCallOn: null, nextDueOn: "2026-02-20", unanswered: 1 });
    expect(onCallList(after, today)).toBe(false);
  });

  it("a visit puts the patient back on the list and resets the unanswered count", () => {
    const off = applyCall({ ...due, unanswered: 2 }, { result: "no_answer" }, today);
    expect(off.offListReason).toBe("unreachable");
    const back = callStateAfterVisit("2026-04-01");
    expect(back).toEqual({ nextDueOn: "2026-04-01", nextCallOn: null, unanswered: 0, offListReason: null });
    expect(onCallList(back, today)).toBe(true);
  });

  it("reached puts a patient who was off the list back on it", () => {
    const off = applyCall(due, { result: "refused" }, today);
    expect(applyCall(off, { result: "reached", agreedDate: "2026-03-05" }, today).offListReason).toBeNull();
  });
});
