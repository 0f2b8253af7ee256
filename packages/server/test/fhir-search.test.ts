import { describe, expect, it } from "vitest";
import { FhirError, fhirPath } from "../src/fhir/outcome.ts";
import { dateRange, parseSearch, referenceId, referenceOf, searchBundle, token } from "../src/fhir/search.ts";

const ID = "0b0e9c1e-2f7c-4c0e-9a55-3d1b7c9e0a11";
const params = [
  { name: "status", type: "token", documentation: "" },
  { name: "owner", type: "reference", documentation: "" },
  { name: "name", type: "string", documentation: "" },
] as const;

function refusedAt(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof FhirError) return error.issues.flatMap((i) => i.expression ?? []);
    throw error;
  }
  throw new Error("not refused");
}

describe("FHIR search parameters", () => {
  it("reads repeated parameters as AND and commas as OR, with escapes", () => {
    const search = parseSearch({ status: ["requested,accepted", "accepted"], name: "a\\,b" }, params);
    expect(search.params.get("status")).toEqual([
      { modifier: null, values: ["requested", "accepted"] },
      { modifier: null, values: ["accepted"] },
    ]);
    expect(search.params.get("name")?.[0]?.values).toEqual(["a,b"]);
    expect(search).toMatchObject({ count: 20, offset: 0 });
  });

  it("refuses unknown parameters and modifiers, empty values, bad counts and offsets, naming them", () => {
    expect(refusedAt(() => parseSearch({ onwer: "x" }, params))).toEqual(["onwer"]);
    expect(refusedAt(() => parseSearch({ "status:above": "x" }, params))).toEqual(["status:above"]);
    expect(refusedAt(() => parseSearch({ "status:not:x": "x" }, params))).toEqual(["status:not:x"]);
    expect(refusedAt(() => parseSearch({ status: "" }, params))).toEqual(["status"]);
    expect(refusedAt(() => parseSearch({ "owner:missing": "maybe" }, params))).toEqual(["owner:missing"]);
    expect(refusedAt(() => parseSearch({ _count: "201" }, params))).toEqual(["_count"]);
    expect(refusedAt(() => parseSearch({ _count: "-1" }, params))).toEqual(["_count"]);
    expect(refusedAt(() => parseSearch({ _count: "1e3" }, params))).toEqual(["_count"]);
    expect(refusedAt(() => parseSearch({ _offset: "10001" }, params))).toEqual(["_offset"]);
    expect(refusedAt(() => parseSearch({ _format: "xml" }, params))).toEqual(["_format"]);
    expect(parseSearch({ _count: "200", _offset: "10000", _format: "application/fhir+json" }, params)).toMatchObject({ count: 200, offset: 10000 });
    expect(parseSearch({ _count: "0" }, params).count).toBe(0);
  });

  it("reads tokens with and without a system", () => {
    expect(token("http://loinc.org|85354-9")).toEqual({ system: "http://loinc.org", code: "85354-9" });
    expect(token("|x")).toEqual({ system: null, code: "x" });
    expect(token("x")).toEqual({ system: undefined, code: "x" });
    expect(token("http://s|")).toEqual({ system: "http://s", code: undefined });
  });

  it("reads references of the right type only", () => {
    expect(referenceId(`Organization/${ID}`, "Organization")).toBe(ID);
    expect(referenceId(ID.toUpperCase(), "Organization")).toBe(ID);
    expect(referenceId(`https://h.example/fhir/R4/Organization/${ID}`, "Organization")).toBe(ID);
    expect(referenceId(`Patient/${ID}`, "Organization")).toBeNull();
    expect(referenceId("Organization/not-a-uuid", "Organization")).toBeNull();
    expect(referenceOf(`Organization/${ID}`, "Organization")).toBe(ID);
    expect(referenceOf(`Patient/${ID}`, "Organization")).toBeNull();
    expect(referenceOf(undefined, "Organization")).toBeNull();
  });

  it("turns dates into China-time intervals, with every precision's end", () => {
    const iso = (text: string) => {
      const { prefix, start, end } = dateRange("date", text);
      return [prefix, start.toISOString(), end.toISOString()];
    };
    expect(iso("2026-03-01")).toEqual(["eq", "2026-02-28T16:00:00.000Z", "2026-03-01T16:00:00.000Z"]);
    expect(iso("ge2026-01")).toEqual(["ge", "2025-12-31T16:00:00.000Z", "2026-01-31T16:00:00.000Z"]);
    // Month ends: January has 31 days, February 28 in 2026, December rolls the year.
    expect(iso("2026-02")[2]).toBe("2026-02-28T16:00:00.000Z");
    expect(iso("2026-12")[2]).toBe("2026-12-31T16:00:00.000Z");
    expect(iso("2026")).toEqual(["eq", "2025-12-31T16:00:00.000Z", "2026-12-31T16:00:00.000Z"]);
    expect(iso("lt2026-03-01T10:00:00Z")).toEqual(["lt", "2026-03-01T10:00:00.000Z", "2026-03-01T10:00:01.000Z"]);
    expect(iso("2026-03-01T10:00:00+08:00")[1]).toBe("2026-03-01T02:00:00.000Z");
    // Milliseconds are kept: gt a stored instant excludes it and nothing after it.
    expect(iso("gt2026-03-01T10:00:00.123Z")).toEqual(["gt", "2026-03-01T10:00:00.123Z", "2026-03-01T10:00:00.124Z"]);
    expect(iso("2026-03-01T10:00:00.5Z")[1]).toBe("2026-03-01T10:00:00.500Z");
    for (const bad of ["2026-13", "2026-02-30", "20260301", "xx2026", "2026-3-1", "1899", "2101-01-01", "ge"]) {
      expect(
        refusedAt(() => dateRange("date", bad)),
        bad,
      ).toEqual(["date"]);
    }
  });

  it("pages with links that keep the filters", () => {
    const search = parseSearch({ status: "requested", _count: "2", _offset: "2" }, params);
    const bundle = searchBundle("http://h/fhir/R4", "Task", { status: "requested", _count: "2", _offset: "2" }, search, { resources: [], total: 5 });
    const links = Object.fromEntries((bundle.link ?? []).map((l) => [l.relation, l.url]));
    expect(links).toEqual({
      self: "http://h/fhir/R4/Task?status=requested&_count=2&_offset=2",
      first: "http://h/fhir/R4/Task?status=requested&_count=2",
      previous: "http://h/fhir/R4/Task?status=requested&_count=2",
      next: "http://h/fhir/R4/Task?status=requested&_count=2&_offset=4",
    });
    // More than TOTAL_CAP matches: no total, and a full page offers the next one.
    const uncounted = searchBundle("http://h/fhir/R4", "Task", {}, parseSearch({ _count: "1" }, params), {
      resources: [{ resourceType: "Task", id: "a", status: "requested", intent: "order" }],
      total: undefined,
    });
    expect(uncounted.total).toBeUndefined();
    expect(uncounted.link?.map((l) => l.relation)).toEqual(["self", "first", "next"]);
    const last = searchBundle("http://h/fhir/R4", "Task", {}, parseSearch({ _count: "2", _offset: "4" }, params), { resources: [], total: 5 });
    expect(last.link?.map((l) => l.relation)).toEqual(["self", "first", "previous"]);
  });

  it("maps REST input paths to FHIR elements by the longest prefix", () => {
    const map = [
      ["patient", "ServiceRequest.subject"],
      ["patient.birthDate", "Patient.birthDate"],
      ["reason", "ServiceRequest.reasonCode"],
    ] as const;
    expect(fhirPath(map, "patient.birthDate", "ServiceRequest")).toBe("Patient.birthDate");
    expect(fhirPath(map, "patient.name", "ServiceRequest")).toBe("ServiceRequest.subject");
    expect(fhirPath(map, "reason.icd10", "ServiceRequest")).toBe("ServiceRequest.reasonCode");
    expect(fhirPath(map, "reasonable", "ServiceRequest")).toBe("ServiceRequest");
    expect(fhirPath(map, "toInstitutionId", "ServiceRequest")).toBe("ServiceRequest");
  });
});
