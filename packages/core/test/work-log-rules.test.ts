import { describe, expect, it } from "vitest";
import { WORK_KINDS } from "../src/assistance/work-log.ts";
import {
  fieldsOfKind,
  linesFromCheckIn,
  monthOf,
  PROCEDURE_CODE_PATTERN,
  WORK_KIND_FIELDS,
  WORK_LINE_FIELDS,
  type WorkLine,
  workLineErrors,
} from "../src/assistance/work-log-rules.ts";

const TECHNIQUE = "7f1c2a9e-3b4d-4c5e-8f6a-1b2c3d4e5f60";
/** A valid line of each kind. */
const VALID: Record<(typeof WORK_KINDS)[number], WorkLine> = {
  outpatient: { kind: "outpatient", patients: 30 },
  operation: { kind: "operation", operationName: "腹腔镜胆囊切除术", procedureCode: "51.23", operationRole: "lead" },
  ward_round: { kind: "ward_round" },
  teaching: { kind: "teaching", topic: "急性胸痛的识别", attendees: 12, minutes: 45 },
  mentoring: { kind: "mentoring", mentees: 2 },
  technique: { kind: "technique", techniqueId: TECHNIQUE, patients: 1 },
};
const paths = (line: WorkLine) => workLineErrors(line).map((e) => `${e.path}:${e.code}`);

describe("a valid line of each kind", () => {
  for (const kind of WORK_KINDS) it(`${kind} passes`, () => expect(workLineErrors(VALID[kind])).toEqual([]));

  it("every kind's fields are fields of the log, and each kind asks something but ward rounds", () => {
    for (const kind of WORK_KINDS) {
      for (const field of Object.keys(WORK_KIND_FIELDS[kind])) expect(WORK_LINE_FIELDS).toContain(field);
      const required = Object.values(WORK_KIND_FIELDS[kind]).filter((r) => r === "required");
      expect(required.length > 0).toBe(kind !== "ward_round");
    }
  });
});

describe("required fields", () => {
  it("outpatient needs patients", () => expect(paths({ kind: "outpatient" })).toEqual(["patients:required"]));
  it("operation needs its name and the role, not the code", () => {
    expect(paths({ kind: "operation" })).toEqual(["operationName:required", "operationRole:required"]);
    expect(paths({ kind: "operation", operationName: "阑尾切除术", operationRole: "assistant" })).toEqual([]);
  });
  it("teaching needs topic, attendees and minutes", () =>
    expect(paths({ kind: "teaching" })).toEqual(["topic:required", "attendees:required", "minutes:required"]));
  it("mentoring needs mentees; technique needs the technique", () => {
    expect(paths({ kind: "mentoring" })).toEqual(["mentees:required"]);
    expect(paths({ kind: "technique" })).toEqual(["techniqueId:required"]);
  });
  it("null counts as not given", () => expect(paths({ kind: "outpatient", patients: null })).toEqual(["patients:required"]));
  it("names the kind the field is required for", () => {
    expect(workLineErrors({ kind: "mentoring" })[0]?.params).toEqual({ when: "mentoring" });
  });
});

describe("fields a kind does not record", () => {
  it("are not_allowed with the kind", () => {
    const errors = workLineErrors({ kind: "outpatient", patients: 3, topic: "x", techniqueId: TECHNIQUE });
    expect(errors.map((e) => e.path)).toEqual(["topic", "techniqueId"]);
    expect(errors[0]).toMatchObject({ code: "not_allowed", params: { reason: "not_for_kind", kind: "outpatient" } });
  });
  it("patients on an operation, minutes on mentoring, mentees on teaching", () => {
    expect(paths({ ...VALID.operation, patients: 1 })).toEqual(["patients:not_allowed"]);
    expect(paths({ ...VALID.mentoring, minutes: 30 })).toEqual(["minutes:not_allowed"]);
    expect(paths({ ...VALID.teaching, mentees: 1 })).toEqual(["mentees:not_allowed"]);
  });
  it("a null for a field of another kind is fine (a form that clears it)", () => expect(paths({ ...VALID.mentoring, topic: null })).toEqual([]));
  it("fieldsOfKind drops what the kind does not take and keeps the rest", () => {
    expect(fieldsOfKind("mentoring", { mentees: 2, patients: 3, topic: "x", note: "n" })).toEqual({ mentees: 2, note: "n" });
  });
});

describe("bounds", () => {
  it("patients 0..500 (0 and 500 pass, -1 and 501 fail)", () => {
    expect(paths({ kind: "outpatient", patients: 0 })).toEqual([]);
    expect(paths({ kind: "outpatient", patients: 500 })).toEqual([]);
    expect(paths({ kind: "outpatient", patients: -1 })).toEqual(["patients:too_small"]);
    expect(paths({ kind: "outpatient", patients: 501 })).toEqual(["patients:too_large"]);
    expect(paths({ kind: "ward_round", patients: 501 })).toEqual(["patients:too_large"]);
  });
  it("counts are whole numbers", () => {
    expect(paths({ kind: "outpatient", patients: 2.5 })).toEqual(["patients:type"]);
    expect(paths({ kind: "outpatient", patients: "3" as unknown as number })).toEqual(["patients:type"]);
    expect(paths({ kind: "outpatient", patients: Number.NaN })).toEqual(["patients:type"]);
  });
  it("minutes 10..600", () => {
    const at = (minutes: number) => paths({ ...VALID.teaching, minutes });
    expect(at(10)).toEqual([]);
    expect(at(600)).toEqual([]);
    expect(at(9)).toEqual(["minutes:too_small"]);
    expect(at(601)).toEqual(["minutes:too_large"]);
  });
  it("attendees and mentees at least 1", () => {
    expect(paths({ ...VALID.teaching, attendees: 0 })).toEqual(["attendees:too_small"]);
    expect(paths({ ...VALID.teaching, attendees: 1 })).toEqual([]);
    expect(paths({ kind: "mentoring", mentees: 0 })).toEqual(["mentees:too_small"]);
    expect(paths({ kind: "mentoring", mentees: 1 })).toEqual([]);
    expect(paths({ kind: "mentoring", mentees: 101 })).toEqual(["mentees:too_large"]);
  });
  it("operation name: 100 characters pass, 101 fail, blank is empty", () => {
    expect(paths({ ...VALID.operation, operationName: "术".repeat(100) })).toEqual([]);
    expect(workLineErrors({ ...VALID.operation, operationName: "术".repeat(101) })).toMatchObject([
      { path: "operationName", code: "too_long", params: { limit: 100 } },
    ]);
    expect(paths({ ...VALID.operation, operationName: "   " })).toEqual(["operationName:too_short"]);
  });
  it("a topic is not blank", () => expect(paths({ ...VALID.teaching, topic: "" })).toEqual(["topic:too_short"]));
  it("the role is lead or assistant", () => {
    expect(paths({ ...VALID.operation, operationRole: "assistant" })).toEqual([]);
    expect(paths({ ...VALID.operation, operationRole: "observer" })).toEqual(["operationRole:enum"]);
  });
  it("the technique is an id", () => expect(paths({ kind: "technique", techniqueId: "PCI" })).toEqual(["techniqueId:format"]));
  it("a note of 500 characters passes, 501 fail", () => {
    expect(paths({ ...VALID.ward_round, note: "x".repeat(500) })).toEqual([]);
    expect(paths({ ...VALID.ward_round, note: "x".repeat(501) })).toEqual(["note:too_long"]);
  });
  it("an unknown kind is an enum error on the kind alone", () => {
    expect(paths({ kind: "surgery" as "operation", patients: -5 })).toEqual(["kind:enum"]);
  });
});

describe("ICD-9-CM-3 procedure codes (format only)", () => {
  it.each(["47.09", "81.54", "36.1", "38", "00.66", "99.9"])("%s passes", (code) => {
    expect(PROCEDURE_CODE_PATTERN.test(code)).toBe(true);
    expect(paths({ ...VALID.operation, procedureCode: code })).toEqual([]);
  });
  it.each(["4.09", "470.9", "47.", "47.099", "47,09", "K35", "47.0a", " 47.09", ""])("%j fails", (code) => {
    expect(paths({ ...VALID.operation, procedureCode: code })).toEqual(["procedureCode:format"]);
  });
});

describe("lines from a check-in (as migration 0031)", () => {
  it("clinic → outpatient with the patients; teaching → teaching with the trainees", () => {
    expect(linesFromCheckIn(["clinic", "teaching"], 30, 8)).toEqual([
      { kind: "outpatient", patients: 30, attendees: null },
      { kind: "teaching", patients: null, attendees: 8 },
    ]);
  });
  it("ward round and surgery carry no counts; training is teaching; both give one line", () => {
    expect(linesFromCheckIn(["ward_round", "surgery", "teaching", "training"], 12, 4)).toEqual([
      { kind: "ward_round", patients: null, attendees: null },
      { kind: "operation", patients: null, attendees: null },
      { kind: "teaching", patients: null, attendees: 4 },
    ]);
  });
  it("consultation and management make no line", () => expect(linesFromCheckIn(["consultation", "management"], 5, 5)).toEqual([]));
  it("the month of a day", () => expect(monthOf("2026-11-28")).toBe("2026-11"));
});
