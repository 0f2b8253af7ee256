import type { Appointment, Bundle, CapabilityStatement, DocumentReference, Encounter, Schedule, Slot } from "@medplum/fhirtypes";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locationIdOf } from "../src/fhir/location.ts";
import { RESERVED_UNITS_EXTENSION } from "../src/fhir/schedule.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";
import { idNumberFor } from "./helpers/referrals.ts";

/** A one-page PDF's first bytes: enough for the attachment check (the signature). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe.each(BACKENDS)("FHIR door: reserved pool, booking, arrival, attachments on %s", (backend) => {
  let ctx: TestContext;
  const clock = new Date("2026-03-02T01:00:00Z");
  const DAY = "2026-03-05";
  let county: string;
  let city: string;
  const tokens: Record<string, string> = {};
  let serial = 300;

  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    city = (await me("zj.city.coord")).institutionId;
    for (const who of ["gz.county.coord", "gz.township.doctor", "zj.city.coord", "yn.township.doctor", "gz.official"]) tokens[who] = await tokenFor(ctx, who);
  });
  afterAll(() => ctx.close());

  const rest = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const fhir = (who: string, method: "GET" | "POST", url: string, body?: unknown) => fhirCall(ctx, tokens[who] as string, method, url, body);
  const scalar = async (query: ReturnType<typeof sql>) => ((await ctx.database.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]?.n;
  const audits = (referralId: string) =>
    scalar(sql`select count(*)::int as n from audit_log where action = 'read_patient' and entity = 'referral' and entity_id = ${referralId}`);

  const publish = async (kind: "slots" | "beds", unit: string, reserved: number, who = "gz.county.coord", institutionId = county) => {
    const body = { institutionId, [kind === "slots" ? "department" : "ward"]: unit, date: DAY, reserved };
    const response = await rest(who, "POST", `/api/v1/${kind}`, body);
    expect(response.statusCode, response.body).toBe(201);
    return json(response).id as string;
  };
  const restSlot = async (department: string) =>
    json(await rest("gz.township.doctor", "GET", `/api/v1/slots?institutionId=${county}&department=${encodeURIComponent(department)}`)).items[0];
  /** A referral from the demo township to the county hospital (REST), submitted, and accepted when asked. */
  const referral = async (department: string, options: { accept?: boolean; submit?: boolean; extra?: Record<string, unknown> } = {}) => {
    const birth = "1962-04-03";
    const created = await rest("gz.township.doctor", "POST", "/api/v1/referrals", {
      direction: "up",
      priority: "urgent",
      toInstitutionId: county,
      department,
      patient: { name: "池患者", sex: "female", birthDate: birth, idNumber: idNumberFor(birth, serial++) },
      reason: { icd10: "I10", text: "高血压控制不佳" },
      submit: options.submit ?? true,
      ...options.extra,
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = json(created) as { id: string; patient: { id: string } };
    if (options.accept) expect((await rest("gz.county.coord", "POST", `/api/v1/referrals/${r.id}/transitions`, { action: "accept" })).statusCode).toBe(200);
    return r;
  };
  const appointment = (referralId: string, slot: string, patientId?: string, extra: Record<string, unknown> = {}) => ({
    resourceType: "Appointment",
    status: "booked",
    slot: [{ reference: `Slot/${slot}` }],
    basedOn: [{ reference: `ServiceRequest/${referralId}` }],
    participant: [{ actor: { reference: `Patient/${patientId ?? "00000000-0000-4000-8000-000000000000"}` }, status: "accepted" }],
    ...extra,
  });
  const entries = <T>(bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource as T);

  it("lists every type in the CapabilityStatement with its interactions", async () => {
    const statement = validResource<CapabilityStatement>(await fhirCall(ctx, null, "GET", "/metadata"));
    const resource = (type: string) => statement.rest?.[0]?.resource?.find((r) => r.type === type);
    expect(resource("Appointment")?.interaction?.map((i) => i.code)).toEqual(["read", "search-type", "create"]);
    for (const type of ["Schedule", "Slot", "Encounter", "DocumentReference"])
      expect(resource(type)?.interaction?.map((i) => i.code)).toEqual(["read", "search-type"]);
    expect(resource("Slot")?.searchParam?.map((p) => p.name)).toEqual(expect.arrayContaining(["schedule", "start", "status", "_id", "_lastUpdated"]));
  });

  it("publishes the pool as a Schedule per department or ward and a Slot per day, with counts", async () => {
    const slotId = await publish("slots", "池心内科", 3);
    const bedId = await publish("beds", "池内科病区", 2);
    const department = locationIdOf(county, "department", "池心内科");
    const ward = locationIdOf(county, "ward", "池内科病区");

    const schedules = entries<Schedule>(validResource<Bundle>(await fhir("yn.township.doctor", "GET", `/Schedule?actor=Organization/${county}&_count=200`)));
    const outpatient = schedules.find((s) => s.actor?.[0]?.reference === `Location/${department}`) as Schedule;
    const beds = schedules.find((s) => s.actor?.[0]?.reference === `Location/${ward}`) as Schedule;
    expect(outpatient).toMatchObject({
      active: true,
      serviceType: [{ text: "池心内科" }],
      planningHorizon: { start: `${DAY}T08:00:00+08:00`, end: `${DAY}T17:30:00+08:00` },
    });
    expect(beds.serviceType?.[0]?.text).toBe("池内科病区");
    // The demo county's own published departments are there too; none of another institution.
    expect(schedules.length).toBeGreaterThan(2);
    expect(schedules.every((s) => s.id?.startsWith(`${county}.`))).toBe(true);

    const read = validResource<Schedule>(await fhir("gz.official", "GET", `/Schedule/${outpatient.id}`));
    expect(read).toEqual(outpatient);
    const byLocation = validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Schedule?actor=Location/${ward}`));
    expect(entries<Schedule>(byLocation).map((s) => s.id)).toEqual([beds.id]);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Schedule?_id=${beds.id}`)).total).toBe(1);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Schedule?_id=${beds.id}&_lastUpdated=ge2020-01-01&active=true`)).total).toBe(1);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Schedule?_id=${beds.id}&_lastUpdated=lt2020-01-01`)).total).toBe(0);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Schedule?_id=${beds.id}&active=false`)).total).toBe(0);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Schedule?actor=Organization/${city}&_id=${beds.id}`)).total).toBe(0);

    const free = validResource<Bundle>(
      await fhir("gz.township.doctor", "GET", `/Slot?schedule=Schedule/${outpatient.id}&start=ge${DAY}&start=le${DAY}&status=free`),
    );
    expect(free.total).toBe(1);
    const [slot] = entries<Slot>(free) as [Slot];
    expect(slot).toMatchObject({
      id: slotId,
      schedule: { reference: `Schedule/${outpatient.id}` },
      status: "free",
      start: `${DAY}T08:00:00+08:00`,
      end: `${DAY}T17:30:00+08:00`,
      overbooked: false,
      comment: expect.stringContaining("reserved 3, booked 0, available 3"),
    });
    expect(slot.extension?.find((e) => e.url === RESERVED_UNITS_EXTENSION)?.extension).toEqual([
      { url: "reserved", valueUnsignedInt: 3 },
      { url: "booked", valueUnsignedInt: 0 },
      { url: "available", valueUnsignedInt: 3 },
    ]);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?schedule=${outpatient.id}&start=lt${DAY}`)).total).toBe(0);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?schedule=${outpatient.id}&start=2026-03`)).total).toBe(1);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?schedule=${outpatient.id}&status=busy`)).total).toBe(0);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?schedule=Location/${outpatient.id}`)).total).toBe(0);

    // Beds: bed.<id>, found by their own read; the bare bed id is no Slot.
    const bedSlot = validResource<Slot>(await fhir("gz.township.doctor", "GET", `/Slot/bed.${bedId}`));
    expect(bedSlot).toMatchObject({ id: `bed.${bedId}`, schedule: { reference: `Schedule/${beds.id}` }, status: "free" });
    expect(outcomeOf(await fhir("gz.township.doctor", "GET", `/Slot/${bedId}`)).status).toBe(404);
    expect(validResource<Slot>(await fhir("gz.township.doctor", "GET", `/Slot/${slotId}`)).id).toBe(slotId);
    const both = validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?_id=${slotId},bed.${bedId}`));
    expect(entries<Slot>(both).map((s) => s.id)).toEqual([slotId, `bed.${bedId}`]);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?_id=${slotId}&_lastUpdated=lt2020-01-01`)).total).toBe(0);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?_id=${slotId}&_lastUpdated=ge2020-01-01`)).total).toBe(1);
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?_id=${slotId}&schedule:missing=true`)).total).toBe(0);

    // Released: nothing left to book.
    expect((await rest("gz.county.coord", "POST", `/api/v1/slots/${slotId}/release`)).statusCode).toBe(204);
    const released = validResource<Slot>(await fhir("gz.township.doctor", "GET", `/Slot/${slotId}`));
    expect(released.status).toBe("busy-unavailable");
    expect(released.extension?.[0]?.extension?.[2]).toEqual({ url: "available", valueUnsignedInt: 0 });
    expect(validResource<Bundle>(await fhir("gz.township.doctor", "GET", `/Slot?schedule=${outpatient.id}&status=free`)).total).toBe(0);
  });

  it("books through Appointment as the receiver: REST's booked count and the referral's status follow", async () => {
    const slotId = await publish("slots", "预约心内科", 3);
    const r = await referral("预约心内科", { accept: true });
    const location = locationIdOf(county, "department", "预约心内科");
    const body = appointment(r.id, slotId, r.patient.id, {
      participant: [
        { actor: { reference: `Patient/${r.patient.id}` }, status: "accepted" },
        { actor: { reference: `Location/${location}` }, status: "accepted" },
      ],
    });
    const created = await fhir("gz.county.coord", "POST", "/Appointment", body);
    expect(created.statusCode, created.body).toBe(201);
    const booked = validResource<Appointment>(created);
    expect(booked).toMatchObject({
      id: r.id,
      status: "booked",
      slot: [{ reference: `Slot/${slotId}` }],
      basedOn: [{ reference: `ServiceRequest/${r.id}` }],
      start: `${DAY}T08:00:00+08:00`,
    });
    expect(booked.participant?.map((p) => [p.actor?.reference, p.status])).toEqual([
      [`Patient/${r.patient.id}`, "accepted"],
      [`Location/${location}`, "accepted"],
    ]);
    expect(created.headers.location).toMatch(new RegExp(`/fhir/R4/Appointment/${r.id}/_history/`));

    expect(await restSlot("预约心内科")).toMatchObject({ reserved: 3, booked: 1, available: 2 });
    const after = json(await rest("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}`));
    expect(after).toMatchObject({ status: "scheduled", slotId, booking: { kind: "slot", unit: "预约心内科", date: DAY } });
    const slot = validResource<Slot>(await fhir("gz.township.doctor", "GET", `/Slot/${slotId}`));
    expect(slot.comment).toContain("reserved 3, booked 1, available 2");

    // The read is audited like the REST read; the answer to the POST was not.
    const before = await audits(r.id);
    expect(validResource<Appointment>(await fhir("gz.township.doctor", "GET", `/Appointment/${r.id}`))).toEqual(booked);
    expect(await audits(r.id)).toBe((before ?? 0) + 1);

    for (const query of [
      `based-on=ServiceRequest/${r.id}`,
      `slot=Slot/${slotId}`,
      `patient=Patient/${r.patient.id}`,
      `actor=Location/${location}`,
      `actor=Patient/${r.patient.id}`,
      `date=${DAY}&status=booked`,
      `_id=${r.id}`,
    ]) {
      const found = validResource<Bundle>(await fhir("gz.county.coord", "GET", `/Appointment?${query}`));
      expect(
        entries<Appointment>(found).map((a) => a.id),
        query,
      ).toEqual([r.id]);
    }
    expect(validResource<Bundle>(await fhir("gz.county.coord", "GET", `/Appointment?_id=${r.id}&status=cancelled`)).total).toBe(0);
    expect(validResource<Bundle>(await fhir("gz.county.coord", "GET", `/Appointment?_id=${r.id}&date=lt${DAY}`)).total).toBe(0);

    // Booking again: the referral is scheduled — REST's 409, naming the ServiceRequest.
    const again = outcomeOf(await fhir("gz.county.coord", "POST", "/Appointment", body));
    expect(again).toMatchObject({ status: 409, expressions: ["Appointment.basedOn[0]"] });
    expect(await restSlot("预约心内科")).toMatchObject({ booked: 1 });
  });

  it("lets the sender hold a unit for its draft or submitted referral; the receiver's Appointment confirms it; a rejection cancels it", async () => {
    const slotId = await publish("slots", "持有内分泌科", 2);
    const r = await referral("持有内分泌科");
    const held = await fhir("gz.township.doctor", "POST", "/Appointment", appointment(r.id, slotId, r.patient.id));
    expect(held.statusCode, held.body).toBe(201);
    expect(validResource<Appointment>(held)).toMatchObject({ status: "pending", participant: [{ status: "accepted" }, { status: "needs-action" }] });
    expect(await restSlot("持有内分泌科")).toMatchObject({ booked: 1, available: 1 });
    expect(json(await rest("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}`))).toMatchObject({ status: "submitted", slotId });

    // The sender books once; another slot for the same referral is a conflict, too.
    expect(outcomeOf(await fhir("gz.township.doctor", "POST", "/Appointment", appointment(r.id, slotId, r.patient.id)))).toMatchObject({
      status: 409,
      codes: ["duplicate"],
    });
    const other = await publish("slots", "持有神经内科", 2);
    expect(outcomeOf(await fhir("gz.county.coord", "POST", "/Appointment", appointment(r.id, other, r.patient.id)))).toMatchObject({
      status: 409,
      expressions: ["Appointment.slot[0]"],
    });

    // The receiver accepts (REST) and confirms the held unit: scheduled, no second unit taken.
    await rest("gz.county.coord", "POST", `/api/v1/referrals/${r.id}/transitions`, { action: "accept" });
    const confirmed = await fhir("gz.county.coord", "POST", "/Appointment", appointment(r.id, slotId, r.patient.id));
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(validResource<Appointment>(confirmed).status).toBe("booked");
    expect(await restSlot("持有内分泌科")).toMatchObject({ booked: 1 });
    expect(json(await rest("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}`)).status).toBe("scheduled");
    const history = json(await rest("gz.township.doctor", "GET", `/api/v1/referrals/${r.id}/history`)).items;
    expect(history.map((h: { action: string; to: string }) => [h.action, h.to])).toEqual([
      ["submit", "submitted"],
      ["book", "submitted"],
      ["accept", "accepted"],
      ["schedule", "scheduled"],
    ]);

    // A held unit of a referral the receiver rejects goes back; the Appointment says cancelled.
    const rejected = await referral("持有内分泌科");
    expect((await fhir("gz.township.doctor", "POST", "/Appointment", appointment(rejected.id, slotId, rejected.patient.id))).statusCode).toBe(201);
    expect(await restSlot("持有内分泌科")).toMatchObject({ booked: 2, available: 0 });
    await rest("gz.county.coord", "POST", `/api/v1/referrals/${rejected.id}/transitions`, { action: "reject", note: "本院无床位" });
    expect(await restSlot("持有内分泌科")).toMatchObject({ booked: 1, available: 1 });
    const cancelled = validResource<Appointment>(await fhir("gz.township.doctor", "GET", `/Appointment/${rejected.id}`));
    expect(cancelled).toMatchObject({ status: "cancelled", cancelationReason: { coding: [{ code: "rejected" }] } });
    expect(cancelled.participant?.[1]?.status).toBe("declined");

    // A draft holds too (the FHIR transaction's case: ServiceRequest, then its Appointment).
    const draft = await referral("持有内分泌科", { submit: false });
    expect((await fhir("gz.township.doctor", "POST", "/Appointment", appointment(draft.id, slotId, draft.patient.id))).statusCode).toBe(201);
    expect(json(await rest("gz.township.doctor", "GET", `/api/v1/referrals/${draft.id}`))).toMatchObject({ status: "draft", slotId });
  });

  it("books in one transaction Bundle with its ServiceRequest, all or nothing", async () => {
    const slotId = await publish("slots", "事务心内科", 1);
    const someone = await referral("事务心内科", { submit: false });
    const bundle = (slot: string) => ({
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        {
          fullUrl: "urn:uuid:7d1c4f7e-1d7b-4b52-9c43-0a4b1c7f0001",
          request: { method: "POST", url: "ServiceRequest" },
          resource: {
            resourceType: "ServiceRequest",
            status: "draft",
            intent: "order",
            priority: "urgent",
            subject: { reference: `Patient/${someone.patient.id}` },
            performer: [{ reference: `Organization/${county}` }],
            performerType: { text: "事务心内科" },
            reasonCode: [{ coding: [{ system: "http://hl7.org/fhir/sid/icd-10", code: "I10" }], text: "高血压" }],
          },
        },
        {
          request: { method: "POST", url: "Appointment" },
          resource: {
            resourceType: "Appointment",
            status: "booked",
            slot: [{ reference: `Slot/${slot}` }],
            basedOn: [{ reference: "urn:uuid:7d1c4f7e-1d7b-4b52-9c43-0a4b1c7f0001" }],
            participant: [{ actor: { reference: `Patient/${someone.patient.id}` }, status: "accepted" }],
          },
        },
      ],
    });
    const referralsBefore = await scalar(sql`select count(*)::int as n from referrals`);
    const done = await fhir("gz.township.doctor", "POST", "/", bundle(slotId));
    expect(done.statusCode, done.body).toBe(200);
    const response = validResource<Bundle>(done);
    const booked = response.entry?.[1]?.resource as Appointment;
    expect(booked).toMatchObject({ resourceType: "Appointment", status: "pending", id: response.entry?.[0]?.resource?.id });
    expect(await restSlot("事务心内科")).toMatchObject({ booked: 1, available: 0 });

    // The slot is full now: the second Bundle's Appointment loses, and its ServiceRequest is not kept.
    const refused = outcomeOf(await fhir("gz.township.doctor", "POST", "/", bundle(slotId)));
    expect(refused).toMatchObject({ status: 409, expressions: ["Bundle.entry[1].resource.slot[0]"] });
    expect(await scalar(sql`select count(*)::int as n from referrals`)).toBe((referralsBefore ?? 0) + 1);
  });

  it("never overbooks: of many concurrent Appointments for the last unit exactly one is created", async () => {
    const slotId = await publish("slots", "并发心内科", 1);
    const accepted = await Promise.all([0, 1, 2, 3].map(() => referral("并发心内科", { accept: true })));
    const submitted = await Promise.all([0, 1, 2, 3].map(() => referral("并发心内科")));
    const results = await Promise.all([
      ...accepted.map((r) => fhir("gz.county.coord", "POST", "/Appointment", appointment(r.id, slotId, r.patient.id))),
      ...submitted.map((r) => fhir("gz.township.doctor", "POST", "/Appointment", appointment(r.id, slotId, r.patient.id))),
    ]);
    const statuses = results.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s === 201),
      results.map((r) => r.body).join("\n"),
    ).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    for (const lost of results.filter((r) => r.statusCode === 409)) expect(outcomeOf(lost).expressions).toEqual(["Appointment.slot[0]"]);
    validResource<Appointment>(results.find((r) => r.statusCode === 201) as (typeof results)[number]);
    expect(await restSlot("并发心内科")).toMatchObject({ reserved: 1, booked: 1, available: 0 });
    expect(await scalar(sql`select count(*)::int as n from referrals where slot_id = ${slotId}`)).toBe(1);
    expect(validResource<Slot>(await fhir("gz.township.doctor", "GET", `/Slot/${slotId}`)).status).toBe("busy");
  });

  it("refuses bookings out of scope exactly as REST does", async () => {
    const slotId = await publish("slots", "范围心内科", 2);
    const r = await referral("范围心内科", { accept: true });
    const body = appointment(r.id, slotId, r.patient.id);
    const restSchedule = (who: string) => rest(who, "POST", `/api/v1/referrals/${r.id}/transitions`, { action: "schedule", slotId });
    // Another institution's coordinator: the referral is not theirs to see.
    const stranger = outcomeOf(await fhir("zj.city.coord", "POST", "/Appointment", body));
    expect(stranger).toMatchObject({ status: 404, expressions: ["Appointment.basedOn[0]"] });
    expect((await restSchedule("zj.city.coord")).statusCode).toBe(404);
    // The sender may not schedule an accepted referral: the receiver does.
    expect(outcomeOf(await fhir("gz.township.doctor", "POST", "/Appointment", body))).toMatchObject({ status: 403, codes: ["forbidden"] });
    expect((await restSchedule("gz.township.doctor")).statusCode).toBe(403);
    // An official may not write referrals at all.
    expect(outcomeOf(await fhir("gz.official", "POST", "/Appointment", body)).status).toBe(403);
    expect(await restSlot("范围心内科")).toMatchObject({ booked: 0 });
    // A receiver may not book a submitted referral before accepting it (409, as REST).
    const early = await referral("范围心内科");
    expect(outcomeOf(await fhir("gz.county.coord", "POST", "/Appointment", appointment(early.id, slotId, early.patient.id)))).toMatchObject({
      status: 409,
      expressions: ["Appointment.basedOn[0]"],
    });
    expect((await rest("gz.county.coord", "POST", `/api/v1/referrals/${early.id}/transitions`, { action: "schedule", slotId })).statusCode).toBe(409);

    // Reads: a Yunnan clinician sees no Guizhou Appointment; an official no referral at all.
    expect((await fhir("gz.county.coord", "POST", "/Appointment", body)).statusCode).toBe(201);
    expect(outcomeOf(await fhir("yn.township.doctor", "GET", `/Appointment/${r.id}`)).status).toBe(404);
    expect(validResource<Bundle>(await fhir("yn.township.doctor", "GET", `/Appointment?_id=${r.id}`)).total).toBe(0);
    expect(validResource<Bundle>(await fhir("yn.township.doctor", "GET", `/Appointment?slot=Slot/${slotId}`)).total).toBe(0);
    expect(outcomeOf(await fhir("gz.official", "GET", `/Appointment/${r.id}`)).status).toBe(404);
  });

  it("refuses bad Appointments with an OperationOutcome naming the element", async () => {
    const slotId = await publish("slots", "校验心内科", 2);
    const r = await referral("校验心内科", { accept: true });
    const other = await referral("校验心内科");
    const cityUnit = await publish("slots", "城市心内科", 2, "zj.city.coord", city);
    const post = async (body: unknown) => outcomeOf(await fhir("gz.county.coord", "POST", "/Appointment", body));
    const good = appointment(r.id, slotId, r.patient.id);
    const { slot: _slot, ...noSlot } = good;
    const { basedOn: _basedOn, ...noBasedOn } = good;
    expect(await post(noSlot)).toMatchObject({ status: 400, expressions: ["Appointment.slot"] });
    expect(await post(noBasedOn)).toMatchObject({ status: 400, expressions: ["Appointment.basedOn"] });
    expect(await post({ ...good, slot: [{ reference: "Slot/nope" }] })).toMatchObject({ status: 400, expressions: ["Appointment.slot[0]"] });
    expect(await post({ ...good, slot: [{ reference: `Slot/${slotId}` }, { reference: `Slot/${slotId}` }] })).toMatchObject({
      status: 400,
      expressions: ["Appointment.slot[1]"],
    });
    expect(await post({ ...good, status: "proposed" })).toMatchObject({ status: 400, expressions: ["Appointment.status"] });
    expect(await post({ ...good, participant: [] })).toMatchObject({ status: 400, expressions: ["Appointment.participant"] });
    expect(
      await post({ ...good, participant: [{ actor: { reference: `Patient/${r.patient.id}` } }, { actor: { reference: `Practitioner/${r.id}` } }] }),
    ).toMatchObject({ status: 400, expressions: ["Appointment.participant[1].actor"] });
    expect(await post(appointment(r.id, slotId, other.patient.id))).toMatchObject({ status: 400, expressions: ["Appointment.participant[0].actor"] });
    expect(
      await post({ ...good, participant: [{ actor: { reference: `Location/${locationIdOf(county, "department", "别的科")}` }, status: "accepted" }] }),
    ).toMatchObject({ status: 400, expressions: ["Appointment.participant[0].actor"] });
    expect(await post({ ...good, start: "2026-03-06T08:00:00+08:00" })).toMatchObject({ status: 400, expressions: ["Appointment.start"] });
    expect(await post(appointment(r.id, cityUnit, r.patient.id))).toMatchObject({ status: 400, expressions: ["Appointment.slot[0]"] });
    expect(await post(appointment(r.id, "7d1c4f7e-1d7b-4b52-9c43-0a4b1c7f0999", r.patient.id))).toMatchObject({
      status: 400,
      expressions: ["Appointment.slot[0]"],
    });
    expect(await post(appointment("7d1c4f7e-1d7b-4b52-9c43-0a4b1c7f0999", slotId, r.patient.id))).toMatchObject({
      status: 404,
      expressions: ["Appointment.basedOn[0]"],
    });
    expect(await post({ ...good, resourceType: "Slot" })).toMatchObject({ status: 400, expressions: ["Appointment.resourceType"] });
    expect(await restSlot("校验心内科")).toMatchObject({ booked: 0 });
    // Searches refuse what they do not know.
    expect(outcomeOf(await fhir("gz.county.coord", "GET", "/Slot?start=ge2026-13-01"))).toMatchObject({ status: 400, expressions: ["start"] });
    expect(outcomeOf(await fhir("gz.county.coord", "GET", "/Slot?schedul=x"))).toMatchObject({ status: 400, expressions: ["schedul"] });
    expect(outcomeOf(await fhir("gz.county.coord", "GET", "/Appointment?date=soon"))).toMatchObject({ status: 400, expressions: ["date"] });
    expect(outcomeOf(await fhir("gz.county.coord", "GET", "/Schedule/not-a-schedule")).status).toBe(404);
    expect(outcomeOf(await fhir("gz.county.coord", "GET", `/Schedule/${county}.d.0123456789abcdef`)).status).toBe(404);
    expect(outcomeOf(await fhir("gz.county.coord", "GET", `/Appointment/${other.id}`)).status).toBe(404);
  });

  it("shows arrival as an Encounter: in-progress, then finished, AMB for a slot and IMP for a bed", async () => {
    const slotId = await publish("slots", "到院心内科", 2);
    const bedId = await publish("beds", "到院病区", 2);
    const r = await referral("到院心内科", { accept: true });
    const step = async (id: string, body: object) =>
      expect((await rest("gz.county.coord", "POST", `/api/v1/referrals/${id}/transitions`, body)).statusCode).toBe(200);
    await step(r.id, { action: "schedule", slotId });
    expect(outcomeOf(await fhir("gz.county.coord", "GET", `/Encounter/${r.id}`)).status).toBe(404);
    await step(r.id, { action: "arrive" });
    const before = await audits(r.id);
    const arrived = validResource<Encounter>(await fhir("gz.township.doctor", "GET", `/Encounter/${r.id}`));
    expect(await audits(r.id)).toBe((before ?? 0) + 1);
    expect(arrived).toMatchObject({
      id: r.id,
      status: "in-progress",
      class: { code: "AMB" },
      subject: { reference: `Patient/${r.patient.id}` },
      serviceProvider: { reference: `Organization/${county}` },
      basedOn: [{ reference: `ServiceRequest/${r.id}` }],
      appointment: [{ reference: `Appointment/${r.id}` }],
      period: { start: clock.toISOString() },
      location: [{ location: { reference: `Location/${locationIdOf(county, "department", "到院心内科")}` }, status: "active" }],
    });
    expect(arrived.period?.end).toBeUndefined();
    await step(r.id, { action: "complete", note: "好转" });
    const finished = validResource<Encounter>(await fhir("gz.county.coord", "GET", `/Encounter/${r.id}`));
    expect(finished).toMatchObject({ status: "finished", period: { start: clock.toISOString(), end: clock.toISOString() } });

    const stay = await referral("到院心内科", { accept: true });
    await step(stay.id, { action: "schedule", bedId });
    await step(stay.id, { action: "arrive" });
    const inpatient = validResource<Encounter>(await fhir("gz.county.coord", "GET", `/Encounter/${stay.id}`));
    expect(inpatient).toMatchObject({ class: { code: "IMP" }, status: "in-progress" });

    const search = async (who: string, query: string) =>
      entries<Encounter>(validResource<Bundle>(await fhir(who, "GET", `/Encounter?${query}&_count=200`))).map((e) => e.id);
    expect(await search("gz.county.coord", `patient=Patient/${r.patient.id}`)).toEqual([r.id]);
    expect(await search("gz.county.coord", `based-on=ServiceRequest/${stay.id}`)).toEqual([stay.id]);
    expect(await search("gz.county.coord", `service-provider=Organization/${county}&status=finished&_id=${r.id},${stay.id}`)).toEqual([r.id]);
    expect(await search("gz.county.coord", `status=in-progress&_id=${r.id},${stay.id}`)).toEqual([stay.id]);
    expect(await search("gz.county.coord", `class=IMP&_id=${r.id},${stay.id}`)).toEqual([stay.id]);
    expect((await search("gz.county.coord", `date=2026-03-02&_id=${r.id},${stay.id}`)).sort()).toEqual([r.id, stay.id].sort());
    expect(await search("gz.county.coord", `date=lt2026-03-01&_id=${r.id},${stay.id}`)).toEqual([]);
    expect((await search("gz.county.coord", `date:missing=false&_id=${r.id},${stay.id}`)).length).toBe(2);
    expect(await search("gz.county.coord", `patient:missing=true&_id=${r.id},${stay.id}`)).toEqual([]);
    expect(await search("gz.county.coord", `service-provider=Organization/${city}&_id=${r.id}`)).toEqual([]);
    // Scope: a Yunnan clinician sees no Guizhou Encounter.
    expect(outcomeOf(await fhir("yn.township.doctor", "GET", `/Encounter/${r.id}`)).status).toBe(404);
    expect(await search("yn.township.doctor", `_id=${r.id},${stay.id}`)).toEqual([]);
    expect(await search("yn.township.doctor", "status=finished")).toEqual([]);
  });

  it("describes attachments as DocumentReferences pointing at the audited REST download", async () => {
    const r = await referral("附件心内科", {
      extra: { attachments: [{ filename: "心电图.pdf", contentType: "application/pdf", data: PDF.toString("base64") }] },
    });
    const listed = validResource<Bundle>(await fhir("gz.county.coord", "GET", `/DocumentReference?related=ServiceRequest/${r.id}`));
    expect(listed.total).toBe(1);
    const [doc] = entries<DocumentReference>(listed) as [DocumentReference];
    const attachment = doc.content[0]?.attachment;
    expect(doc).toMatchObject({
      status: "current",
      subject: { reference: `Patient/${r.patient.id}` },
      context: { related: [{ reference: `ServiceRequest/${r.id}` }] },
    });
    expect(attachment).toMatchObject({ contentType: "application/pdf", size: PDF.length, title: "心电图.pdf" });
    expect(attachment?.data).toBeUndefined();
    expect(attachment?.url).toMatch(new RegExp(`^http://localhost(:\\d+)?/api/v1/referrals/${r.id}/attachments/${doc.id}$`));

    const before = await audits(r.id);
    expect(validResource<DocumentReference>(await fhir("gz.township.doctor", "GET", `/DocumentReference/${doc.id}`))).toEqual(doc);
    expect(await audits(r.id)).toBe((before ?? 0) + 1);
    // The url is the REST download with the same token, itself audited.
    const download = await ctx.app.inject({
      url: new URL(attachment?.url as string).pathname,
      headers: { authorization: tokens["gz.county.coord"] as string },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(await audits(r.id)).toBe((before ?? 0) + 2);

    const search = async (who: string, query: string) =>
      entries<DocumentReference>(validResource<Bundle>(await fhir(who, "GET", `/DocumentReference?${query}`))).map((d) => d.id);
    expect(await search("gz.township.doctor", `patient=Patient/${r.patient.id}`)).toEqual([doc.id]);
    expect(await search("gz.township.doctor", `_id=${doc.id}&status=current&contenttype=application/pdf`)).toEqual([doc.id]);
    expect(await search("gz.township.doctor", `_id=${doc.id}&contenttype=image/png`)).toEqual([]);
    // Scope: a Yunnan clinician sees no Guizhou DocumentReference; another hospital's coordinator neither.
    expect(outcomeOf(await fhir("yn.township.doctor", "GET", `/DocumentReference/${doc.id}`)).status).toBe(404);
    expect(await search("yn.township.doctor", `related=ServiceRequest/${r.id}`)).toEqual([]);
    expect(await search("zj.city.coord", `_id=${doc.id}`)).toEqual([]);
    expect(outcomeOf(await fhir("zj.city.coord", "GET", `/DocumentReference/${doc.id}`)).status).toBe(404);
  });
});
