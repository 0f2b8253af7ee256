import type { Bundle, CapabilityStatement, Patient, Resource, ServiceRequest, Task } from "@medplum/fhirtypes";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { expectValidFhir, fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";
import { idNumberFor } from "./helpers/referrals.ts";

const RESIDENT_ID = "urn:oid:2.16.156.10011.1.3";
const ICD10 = "http://hl7.org/fhir/sid/icd-10";
const REGION_CODE = "https://medbridge.org.cn/fhir/StructureDefinition/region-code";
const DIRECTION = "https://medbridge.org.cn/fhir/CodeSystem/referral-direction";

describe.each(BACKENDS)("FHIR door: Patient, ServiceRequest and the referral transaction on %s", (backend) => {
  let ctx: TestContext;
  let county: string;
  let township: string;
  let townshipToken: string;
  let countyToken: string;
  let yunnanToken: string;
  let officialToken: string;

  beforeAll(async () => {
    ctx = await demoApp(backend);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    township = (await me("gz.township.doctor")).institutionId;
    townshipToken = await tokenFor(ctx, "gz.township.doctor");
    countyToken = await tokenFor(ctx, "gz.county.coord");
    yunnanToken = await tokenFor(ctx, "yn.township.doctor");
    officialToken = await tokenFor(ctx, "gz.official");
  });
  afterAll(() => ctx.close());

  const rows = async <T>(query: ReturnType<typeof sql>) => ((await ctx.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const count = async (table: string) => (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? 0;
  const audited = async (action: string, entity: string, entityId: string, actor: string) =>
    (
      await rows<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = ${action} and entity = ${entity} and entity_id = ${entityId} and actor_name = ${actor}`,
      )
    )[0]?.n ?? 0;

  const patientBody = (birth: string, serial: number, overrides: Record<string, unknown> = {}) => ({
    resourceType: "Patient",
    identifier: [{ system: RESIDENT_ID, value: idNumberFor(birth, serial) }],
    name: [{ text: "张秀英" }],
    gender: "female",
    birthDate: birth,
    telecom: [{ system: "phone", value: "13800001111" }],
    address: [{ use: "home", extension: [{ url: REGION_CODE, valueCode: "522622" }] }],
    ...overrides,
  });
  const serviceRequestBody = (subject: string, overrides: Record<string, unknown> = {}) => ({
    resourceType: "ServiceRequest",
    status: "draft",
    intent: "order",
    priority: "stat",
    category: [{ coding: [{ system: DIRECTION, code: "up" }] }],
    subject: { reference: subject },
    requester: { reference: `Organization/${township}` },
    performer: [{ reference: `Organization/${county}` }],
    performerType: { text: "心血管内科" },
    reasonCode: [{ coding: [{ system: ICD10, code: "I10" }], text: "原发性高血压，控制不佳" }],
    note: [{ text: "血压 182/112 mmHg，头痛。" }],
    ...overrides,
  });
  const taskBody = (focus: string, patient: string, overrides: Record<string, unknown> = {}) => ({
    resourceType: "Task",
    status: "requested",
    intent: "order",
    focus: { reference: focus },
    for: { reference: patient },
    owner: { reference: `Organization/${county}` },
    ...overrides,
  });
  const referralBundle = (birth: string, serial: number, task: Record<string, unknown> = {}) => ({
    resourceType: "Bundle",
    type: "transaction",
    entry: [
      { fullUrl: "urn:uuid:6f1c1b52-0d8e-4a53-9d4b-3b1e6f0f0a01", resource: patientBody(birth, serial), request: { method: "POST", url: "Patient" } },
      {
        fullUrl: "urn:uuid:6f1c1b52-0d8e-4a53-9d4b-3b1e6f0f0a02",
        resource: serviceRequestBody("urn:uuid:6f1c1b52-0d8e-4a53-9d4b-3b1e6f0f0a01"),
        request: { method: "POST", url: "ServiceRequest" },
      },
      {
        fullUrl: "urn:uuid:6f1c1b52-0d8e-4a53-9d4b-3b1e6f0f0a03",
        resource: taskBody("urn:uuid:6f1c1b52-0d8e-4a53-9d4b-3b1e6f0f0a02", "urn:uuid:6f1c1b52-0d8e-4a53-9d4b-3b1e6f0f0a01", task),
        request: { method: "POST", url: "Task" },
      },
    ],
  });

  /** A submitted referral made through one transaction: its Patient, ServiceRequest and Task as answered. */
  const referViaBundle = async (birth: string, serial: number) => {
    const response = await fhirCall(ctx, townshipToken, "POST", "/", referralBundle(birth, serial));
    expect(response.statusCode, response.body).toBe(200);
    const bundle = validResource<Bundle>(response);
    for (const entry of bundle.entry ?? []) expectValidFhir(entry.resource as Resource);
    const [patient, request, task] = (bundle.entry ?? []).map((e) => e.resource);
    return { bundle, patient: patient as Patient, request: request as ServiceRequest, task: task as Task };
  };

  it("names Patient, ServiceRequest and Task in the CapabilityStatement with their interactions and parameters", async () => {
    const statement = validResource<CapabilityStatement>(await fhirCall(ctx, null, "GET", "/metadata"));
    const of = (type: string) => statement.rest?.[0]?.resource?.find((r) => r.type === type);
    expect(of("Patient")?.interaction?.map((i) => i.code)).toEqual(["read", "search-type", "create"]);
    expect(of("Patient")?.searchParam?.map((p) => p.name)).toEqual(expect.arrayContaining(["identifier", "_id", "_lastUpdated"]));
    expect(of("ServiceRequest")?.interaction?.map((i) => i.code)).toEqual(["read", "search-type", "create"]);
    expect(of("ServiceRequest")?.searchParam?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["requester", "performer", "patient", "subject", "status", "priority", "_id", "_lastUpdated"]),
    );
    expect(of("Task")?.interaction?.map((i) => i.code)).toEqual(["read", "search-type", "create", "update"]);
  });

  it("creates a submitted referral from one transaction Bundle, in the receiver's REST worklist", async () => {
    const before = { referrals: await count("referrals"), patients: await count("patients") };
    const { bundle, patient, request, task } = await referViaBundle("1958-04-12", 401);
    expect(bundle.type).toBe("transaction-response");
    expect(bundle.entry?.map((e) => e.response?.status)).toEqual(["201 Created", "201 Created", "201 Created"]);
    expect(patient.identifier?.[0]).toMatchObject({ system: RESIDENT_ID, value: `****************${idNumberFor("1958-04-12", 401).slice(-2)}` });
    // The Bundle's Task submits its ServiceRequest: created submitted at once, as the REST create with submit: true.
    expect(request).toMatchObject({ status: "active", intent: "order", priority: "stat", subject: { reference: `Patient/${patient.id}` } });
    expect(task).toMatchObject({
      id: request.id,
      status: "requested",
      businessStatus: { coding: [{ code: "submitted" }] },
      focus: { reference: `ServiceRequest/${request.id}` },
      for: { reference: `Patient/${patient.id}` },
      owner: { reference: `Organization/${county}` },
      requester: { reference: `Organization/${township}` },
    });
    // Green channel: 30 minutes from submission.
    const deadline = new Date(task.restriction?.period?.end as string).getTime() - new Date(task.lastModified as string).getTime();
    expect(deadline).toBe(30 * 60_000);
    expect({ referrals: await count("referrals"), patients: await count("patients") }).toEqual({
      referrals: before.referrals + 1,
      patients: before.patients + 1,
    });

    const incoming = json(
      await ctx.app.inject({ url: "/api/v1/referrals?role=incoming&status=submitted&pageSize=100", headers: { cookie: await ctx.login("gz.county.coord") } }),
    );
    const listed = incoming.items.find((r: { id: string }) => r.id === request.id);
    expect(listed).toMatchObject({
      status: "submitted",
      priority: "green_channel",
      direction: "up",
      department: "心血管内科",
      fromInstitutionId: township,
      reason: { icd10: "I10", text: "原发性高血压，控制不佳" },
      summary: "血压 182/112 mmHg，头痛。",
      patient: { id: patient.id, name: "张秀英", sex: "female", birthDate: "1958-04-12", phone: "13800001111", homeCounty: "522622" },
    });
  });

  it("writes nothing when the Bundle's Task is bad, and names Bundle.entry[2].resource.status", async () => {
    const tables = ["referrals", "patients", "referral_events", "audit_log"];
    const before = await Promise.all(tables.map(count));
    const response = await fhirCall(ctx, townshipToken, "POST", "/", referralBundle("1960-02-02", 402, { status: "accepted-ish" }));
    expect(outcomeOf(response)).toMatchObject({ status: 400, expressions: ["Bundle.entry[2].resource.status"] });
    expect(await Promise.all(tables.map(count))).toEqual(before);
    // A Task whose owner is not the ServiceRequest's performer fails after the Patient and the draft were written: both are undone.
    const wrongOwner = await fhirCall(ctx, townshipToken, "POST", "/", referralBundle("1960-02-02", 403, { owner: { reference: `Organization/${township}` } }));
    expect(outcomeOf(wrongOwner)).toMatchObject({ status: 400, expressions: ["Bundle.entry[2].resource.owner"] });
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it("reads a Patient for an institution that treated the person, masked, and audits it as a lookup", async () => {
    const { patient } = await referViaBundle("1962-07-08", 404);
    for (const [token, actor] of [
      [townshipToken, "gz.township.doctor"],
      [countyToken, "gz.county.coord"],
    ] as const) {
      const response = await fhirCall(ctx, token, "GET", `/Patient/${patient.id}`);
      expect(response.statusCode, response.body).toBe(200);
      const read = validResource<Patient>(response);
      expect(read).toMatchObject({
        id: patient.id,
        gender: "female",
        birthDate: "1962-07-08",
        name: [{ text: "张秀英" }],
        active: true,
      });
      // No phone: the REST lookup never shows the index's (the latest any institution gave).
      expect(read.telecom).toBeUndefined();
      expect(read.identifier).toEqual([{ use: "official", system: RESIDENT_ID, value: `****************${idNumberFor("1962-07-08", 404).slice(-2)}` }]);
      expect(read.address?.[0]?.extension).toEqual([{ url: REGION_CODE, valueCode: "522622" }]);
      expect(read.address?.[0]?.district).toBe("黄平县");
      expect(response.body).not.toContain(idNumberFor("1962-07-08", 404));
      expect(response.headers.etag).toBe(`W/"${read.meta?.versionId}"`);
      expect(await audited("lookup", "patient", patient.id as string, actor)).toBe(1);
    }
  });

  it("finds a Patient by resident ID through the keyed hash, never showing the number, and audits the find", async () => {
    const idNumber = idNumberFor("1963-09-10", 405);
    const { patient } = await referViaBundle("1963-09-10", 405);
    const before = await audited("lookup", "patient", patient.id as string, "gz.township.doctor");
    const response = await fhirCall(ctx, townshipToken, "GET", `/Patient?identifier=${encodeURIComponent(`${RESIDENT_ID}|${idNumber}`)}`);
    expect(response.statusCode, response.body).toBe(200);
    const found = validResource<Bundle>(response);
    expect(found.total).toBe(1);
    expect(found.entry?.[0]?.resource?.id).toBe(patient.id);
    // Neither the entries nor the links repeat the number in clear.
    expect(response.body).not.toContain(idNumber);
    expect(decodeURIComponent(response.body)).not.toContain(idNumber);
    expect(decodeURIComponent(found.link?.[0]?.url ?? "")).toContain(`${RESIDENT_ID}|****************${idNumber.slice(-2)}`);
    expect(await audited("lookup", "patient", patient.id as string, "gz.township.doctor")).toBe(before + 1);
    // The same search with the number in a form body (POST _search): never in a URL at all.
    const posted = await ctx.app.inject({
      method: "POST",
      url: "/fhir/R4/Patient/_search",
      headers: { authorization: townshipToken, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ identifier: `${RESIDENT_ID}|${idNumber}` }).toString(),
    });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(validResource<Bundle>(posted).entry?.map((e) => e.resource?.id)).toEqual([patient.id]);
    expect(posted.body).not.toContain(idNumber);
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "POST", "/Patient/_search", "[1]")).status).toBe(400);
    // Without the system the number is still an ID number; _id and _lastUpdated narrow.
    const bare = validResource<Bundle>(
      await fhirCall(ctx, townshipToken, "GET", `/Patient?identifier=${idNumber}&_id=${patient.id}&_lastUpdated=ge2000-01-01`),
    );
    expect(bare.total).toBe(1);
    const none = validResource<Bundle>(await fhirCall(ctx, townshipToken, "GET", `/Patient?identifier=${idNumber}&_lastUpdated=gt2099-01-01`));
    expect(none.total).toBe(0);
    const unknown = validResource<Bundle>(await fhirCall(ctx, townshipToken, "GET", `/Patient?identifier=${RESIDENT_ID}|${idNumberFor("1963-09-10", 999)}`));
    expect(unknown.total).toBe(0);
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", `/Patient?identifier=${RESIDENT_ID}|12345`))).toMatchObject({
      status: 400,
      expressions: ["identifier"],
    });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "GET", "/Patient?_lastUpdated=ge2000-01-01"))).toMatchObject({
      status: 400,
      expressions: ["identifier"],
    });
  });

  it("keeps a Yunnan township out of Guizhou patients and referrals (404, nothing found), and officials out of patients", async () => {
    const idNumber = idNumberFor("1964-11-12", 406);
    const { patient, request } = await referViaBundle("1964-11-12", 406);
    const auditBefore = await count("audit_log");
    for (const url of [`/Patient/${patient.id}`, `/ServiceRequest/${request.id}`, `/Task/${request.id}`]) {
      expect(outcomeOf(await fhirCall(ctx, yunnanToken, "GET", url))).toMatchObject({ status: 404, codes: ["not-found"] });
    }
    const byId = validResource<Bundle>(await fhirCall(ctx, yunnanToken, "GET", `/Patient?identifier=${RESIDENT_ID}|${idNumber}`));
    expect(byId.total).toBe(0);
    expect(byId.entry ?? []).toEqual([]);
    const byPatient = validResource<Bundle>(await fhirCall(ctx, yunnanToken, "GET", `/ServiceRequest?patient=Patient/${patient.id}`));
    expect(byPatient.total).toBe(0);
    const tasks = validResource<Bundle>(await fhirCall(ctx, yunnanToken, "GET", `/Task?owner=Organization/${county}`));
    expect(tasks.total).toBe(0);
    // Nothing was read, so nothing was audited.
    expect(await count("audit_log")).toBe(auditBefore);
    expect(outcomeOf(await fhirCall(ctx, officialToken, "GET", `/Patient/${patient.id}`)).status).toBe(404);
    expect(outcomeOf(await fhirCall(ctx, officialToken, "POST", "/Patient", patientBody("1964-11-12", 407))).status).toBe(403);
    expect(outcomeOf(await fhirCall(ctx, officialToken, "GET", `/ServiceRequest/${request.id}`)).status).toBe(404);
  });

  it("reads a ServiceRequest with the referral's mapping, audited as the REST read", async () => {
    const { patient, request } = await referViaBundle("1966-01-20", 408);
    const response = await fhirCall(ctx, countyToken, "GET", `/ServiceRequest/${request.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const read = validResource<ServiceRequest>(response);
    expect(read).toMatchObject({
      id: request.id,
      // One event, submit: the Bundle creates the referral submitted, as REST's create with submit: true.
      meta: { versionId: "1" },
      status: "active",
      intent: "order",
      priority: "stat",
      category: [{ coding: [{ system: DIRECTION, code: "up", display: "上转" }] }],
      subject: { reference: `Patient/${patient.id}` },
      requester: { reference: `Organization/${township}` },
      performer: [{ reference: `Organization/${county}` }],
      performerType: { text: "心血管内科" },
      reasonCode: [{ coding: [{ system: ICD10, code: "I10" }], text: "原发性高血压，控制不佳" }],
      note: [{ text: "血压 182/112 mmHg，头痛。" }],
    });
    expect(read.occurrenceDateTime).toBeUndefined();
    expect(response.headers.etag).toBe('W/"1"');
    expect(await audited("read_patient", "referral", request.id as string, "gz.county.coord")).toBe(1);
  });

  it("searches ServiceRequests by requester, performer, patient, status, priority, _id and _lastUpdated within the caller's referrals", async () => {
    const { patient, request } = await referViaBundle("1967-03-03", 409);
    const search = async (token: string, query: string) => {
      const response = await fhirCall(ctx, token, "GET", `/ServiceRequest?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return validResource<Bundle>(response);
    };
    const ids = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource?.id);
    expect(ids(await search(townshipToken, `patient=Patient/${patient.id}`))).toEqual([request.id]);
    expect(ids(await search(countyToken, `subject=${patient.id}`))).toEqual([request.id]);
    expect(ids(await search(countyToken, `requester=Organization/${township}&performer=${county}&_count=200`))).toContain(request.id);
    expect(ids(await search(countyToken, `_id=${request.id}&status=active&priority=stat`))).toEqual([request.id]);
    expect(ids(await search(countyToken, `_id=${request.id}&status=completed,revoked`))).toEqual([]);
    expect(ids(await search(countyToken, `_id=${request.id}&status:not=active`))).toEqual([]);
    expect(ids(await search(countyToken, `_id=${request.id}&priority=routine`))).toEqual([]);
    expect(ids(await search(countyToken, `_id=${request.id}&category=${DIRECTION}|up&_lastUpdated=ge2000-01-01`))).toEqual([request.id]);
    expect(ids(await search(countyToken, `_id=${request.id}&_lastUpdated=lt2000-01-01`))).toEqual([]);
    // Every entry is one of the caller's referrals (either side).
    const all = await search(townshipToken, "_count=200");
    for (const entry of all.entry ?? []) {
      const r = entry.resource as ServiceRequest;
      expect([r.requester?.reference, r.performer?.[0]?.reference]).toContain(`Organization/${township}`);
    }
    expect(outcomeOf(await fhirCall(ctx, countyToken, "GET", "/ServiceRequest?onwer=x"))).toMatchObject({ status: 400, expressions: ["onwer"] });
  });

  it("creates a Patient without an ID card under a local identifier, and refuses bad persons naming the element", async () => {
    const created = await fhirCall(ctx, townshipToken, "POST", "/Patient", patientBody("2019-05-05", 0, { identifier: undefined, telecom: undefined }));
    expect(created.statusCode, created.body).toBe(201);
    const local = validResource<Patient>(created);
    expect(local.identifier?.[0]?.system).toBe("https://medbridge.org.cn/fhir/sid/local-patient-id");
    expect(local.identifier?.[0]?.value).toMatch(/^MB-[0-9A-Z]{10}$/);
    expect(created.headers.location).toContain(`/Patient/${local.id}`);
    expect(await audited("create", "patient", local.id as string, "gz.township.doctor")).toBe(1);
    // The same local identifier sent back finds the same record; an unknown one is refused.
    const again = validResource<Patient>(
      await fhirCall(ctx, townshipToken, "POST", "/Patient", { ...patientBody("2019-05-05", 0), identifier: local.identifier }),
    );
    expect(again.id).toBe(local.id);
    expect(
      outcomeOf(
        await fhirCall(ctx, townshipToken, "POST", "/Patient", {
          ...patientBody("2019-05-05", 0),
          identifier: [{ system: "https://medbridge.org.cn/fhir/sid/local-patient-id", value: "MB-0000000000" }],
        }),
      ),
    ).toMatchObject({ status: 400, expressions: ["Patient.identifier"] });
    // The same ID number is the same person.
    const first = validResource<Patient>(await fhirCall(ctx, townshipToken, "POST", "/Patient", patientBody("1970-06-06", 410)));
    const second = validResource<Patient>(
      await fhirCall(ctx, townshipToken, "POST", "/Patient", patientBody("1970-06-06", 410, { name: [{ family: "张", given: ["秀英"] }] })),
    );
    expect(second.id).toBe(first.id);
    expect(second.name?.[0]?.text).toBe("张秀英");

    const bad = async (body: unknown, expression: string, status = 400) => {
      const response = await fhirCall(ctx, townshipToken, "POST", "/Patient", body);
      expect(outcomeOf(response), response.body).toMatchObject({ status, expressions: [expression] });
      expect(response.body).not.toMatch(/\d{17}[\dX]/);
    };
    const wrongCheck = idNumberFor("1971-01-01", 411).slice(0, 17) + (idNumberFor("1971-01-01", 411).endsWith("0") ? "1" : "0");
    await bad(
      patientBody("1971-01-01", 411, {
        identifier: [
          { system: "urn:local", value: "x" },
          { system: RESIDENT_ID, value: wrongCheck },
        ],
      }),
      "Patient.identifier[1].value",
    );
    await bad({ ...patientBody("1971-01-01", 411), birthDate: "1971-01-02" }, "Patient.birthDate");
    await bad({ ...patientBody("1971-01-01", 411), birthDate: "1971/01/01" }, "Patient.birthDate");
    await bad(patientBody("1971-01-01", 411, { gender: "other" }), "Patient.gender");
    await bad(patientBody("1971-01-01", 411, { name: [{ text: "" }] }), "Patient.name");
    await bad(patientBody("1971-01-01", 411, { name: [{ text: "名".repeat(41) }] }), "Patient.name[0]");
    await bad(
      patientBody("1971-01-01", 411, {
        telecom: [
          { system: "email", value: "a@b.cn" },
          { system: "phone", value: "12345" },
        ],
      }),
      "Patient.telecom[1].value",
    );
    await bad(
      patientBody("1971-01-01", 411, { address: [{ extension: [{ url: REGION_CODE, valueCode: "520000" }] }] }),
      "Patient.address[0].extension[0].valueCode",
    );
    await bad(patientBody("1971-01-01", 411, { telecom: "13800001111" }), "Patient.telecom");
  });

  it("refuses a bad ServiceRequest naming the element, and creates a draft from a good one", async () => {
    const patient = validResource<Patient>(await fhirCall(ctx, townshipToken, "POST", "/Patient", patientBody("1972-08-08", 412)));
    const subject = `Patient/${patient.id}`;
    const bad = async (body: unknown, expression: string, status = 400) => {
      const response = await fhirCall(ctx, townshipToken, "POST", "/ServiceRequest", body);
      expect(outcomeOf(response), response.body).toMatchObject({ status, expressions: [expression] });
    };
    const before = await count("referrals");
    await bad(serviceRequestBody(subject, { performerType: undefined }), "ServiceRequest.performerType.text");
    await bad(serviceRequestBody(subject, { performerType: { text: "科".repeat(41) } }), "ServiceRequest.performerType.text");
    await bad(
      serviceRequestBody(subject, { reasonCode: [{ text: "高血压" }, { coding: [{ system: ICD10, code: "hypertension" }], text: "高血压" }] }),
      "ServiceRequest.reasonCode[1].coding[0].code",
    );
    await bad(serviceRequestBody(subject, { reasonCode: [{ coding: [{ system: "http://snomed.info/sct", code: "38341003" }] }] }), "ServiceRequest.reasonCode");
    await bad(serviceRequestBody(subject, { reasonCode: [{ coding: [{ system: ICD10, code: "I10" }], text: "" }] }), "ServiceRequest.reasonCode[0].text");
    const own = await fhirCall(
      ctx,
      townshipToken,
      "POST",
      "/ServiceRequest",
      serviceRequestBody(subject, { performer: [{ reference: `Organization/${township}` }] }),
    );
    expect(outcomeOf(own)).toMatchObject({ status: 400, expressions: ["ServiceRequest.performer[0]", "ServiceRequest.category"] });
    await bad(serviceRequestBody(subject, { performer: [{ reference: "Organization/00000000-0000-4000-8000-000000000000" }] }), "ServiceRequest.performer[0]");
    await bad(serviceRequestBody(subject, { performer: [] }), "ServiceRequest.performer");
    await bad(serviceRequestBody(subject, { category: [{ coding: [{ system: DIRECTION, code: "down" }] }] }), "ServiceRequest.category");
    await bad(serviceRequestBody(subject, { priority: "asap" }), "ServiceRequest.priority");
    await bad(serviceRequestBody(subject, { status: "active" }), "ServiceRequest.status");
    await bad(serviceRequestBody(subject, { intent: "plan" }), "ServiceRequest.intent");
    await bad(serviceRequestBody(subject, { requester: { reference: `Organization/${county}` } }), "ServiceRequest.requester");
    await bad(serviceRequestBody("Patient/00000000-0000-4000-8000-000000000000"), "ServiceRequest.subject");
    await bad(serviceRequestBody("Practitioner/00000000-0000-4000-8000-000000000000"), "ServiceRequest.subject.reference");
    await bad(serviceRequestBody(subject, { note: [{ text: "x".repeat(5001) }] }), "ServiceRequest.note");
    expect(await count("referrals")).toBe(before);

    // Without a category the direction follows the two institutions' levels; without priority it is routine.
    const response = await fhirCall(ctx, townshipToken, "POST", "/ServiceRequest", serviceRequestBody(subject, { category: undefined, priority: undefined }));
    expect(response.statusCode, response.body).toBe(201);
    const created = validResource<ServiceRequest>(response);
    expect(created).toMatchObject({ status: "draft", priority: "routine", category: [{ coding: [{ code: "up" }] }], meta: { versionId: "1" } });
    expect(response.headers.location).toContain(`/ServiceRequest/${created.id}/_history/1`);
    const rest = json(await ctx.app.inject({ url: `/api/v1/referrals/${created.id}`, headers: { cookie: await ctx.login("gz.township.doctor") } }));
    expect(rest).toMatchObject({ status: "draft", direction: "up", priority: "routine", patient: { id: patient.id } });
  });

  it("keeps a patient without an ID card on their own record when referred by reference", async () => {
    const local = validResource<Patient>(await fhirCall(ctx, townshipToken, "POST", "/Patient", patientBody("2020-02-20", 0, { identifier: [] })));
    const before = await count("patients");
    const created = validResource<ServiceRequest>(await fhirCall(ctx, townshipToken, "POST", "/ServiceRequest", serviceRequestBody(`Patient/${local.id}`)));
    expect(created.subject?.reference).toBe(`Patient/${local.id}`);
    expect(await count("patients")).toBe(before);
    const read = validResource<Patient>(await fhirCall(ctx, countyToken, "GET", `/Patient/${local.id}`));
    expect(read.identifier?.[0]?.value).toBe(local.identifier?.[0]?.value);

    // Merged into the record with an ID number: the local record points to it, and a search by that
    // patient finds the referrals of both.
    const { patient: known, request: knownRequest } = await referViaBundle("2020-02-20", 413);
    const merged = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/patients/${local.id}/merge`,
      headers: { cookie: await ctx.login("gz.county.coord") },
      payload: { targetId: known.id, reason: "同一人" },
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const source = validResource<Patient>(await fhirCall(ctx, countyToken, "GET", `/Patient/${local.id}`));
    expect(source).toMatchObject({ active: false, link: [{ other: { reference: `Patient/${known.id}` }, type: "replaced-by" }] });
    // (The sender's search: the local record's referral is still its draft, which the receiver does not list.)
    const both = validResource<Bundle>(await fhirCall(ctx, townshipToken, "GET", `/ServiceRequest?patient=${known.id}`));
    expect((both.entry ?? []).map((e) => e.resource?.id).sort()).toEqual([created.id, knownRequest.id].sort());
  });
});
