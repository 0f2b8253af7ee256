import type { Bundle, Task } from "@medplum/fhirtypes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOverdue } from "../src/referral/referrals.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";
import { idNumberFor, upReferral } from "./helpers/referrals.ts";

const STATUS_SYSTEM = "https://medbridge.org.cn/fhir/CodeSystem/referral-status";

describe.each(BACKENDS)("FHIR door: a referral's Task and its state machine on %s", (backend) => {
  let ctx: TestContext;
  const clock = { now: new Date("2026-03-02T01:00:00Z") };
  let county: string;
  let township: string;
  let townshipToken: string;
  let countyToken: string;
  let yunnanToken: string;
  let serial = 500;

  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock.now);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    township = (await me("gz.township.doctor")).institutionId;
    townshipToken = await tokenFor(ctx, "gz.township.doctor");
    countyToken = await tokenFor(ctx, "gz.county.coord");
    yunnanToken = await tokenFor(ctx, "yn.township.doctor");
  });
  afterAll(() => ctx.close());

  /** A referral from the township to the county hospital through the REST API (submitted unless `submit: false`). */
  const refer = async (overrides: Record<string, unknown> = {}) => {
    serial++;
    const body = upReferral(county, {
      patient: { name: "示例患者", sex: "male", birthDate: "1970-01-01", idNumber: idNumberFor("1970-01-01", serial) },
      ...overrides,
    });
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/referrals",
      headers: { cookie: await ctx.login("gz.township.doctor") },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return json(response) as { id: string; patient: { id: string }; slaDeadline: string | null };
  };
  const read = async (id: string, token = countyToken) => {
    const response = await fhirCall(ctx, token, "GET", `/Task/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toMatch(/^W\/"\d+"$/);
    return validResource<Task>(response);
  };
  /** PUT the Task as read with `changes`, If-Match its version unless `ifMatch` says otherwise. */
  const put = async (token: string, task: Task, changes: Partial<Task>, ifMatch: string | null = `W/"${task.meta?.versionId}"`) =>
    fhirCall(ctx, token, "PUT", `/Task/${task.id}`, { ...task, ...changes }, ifMatch === null ? {} : { "if-match": ifMatch });
  const changed = async (token: string, task: Task, changes: Partial<Task>) => {
    const response = await put(token, task, changes);
    expect(response.statusCode, response.body).toBe(200);
    const next = validResource<Task>(response);
    expect(response.headers.etag).toBe(`W/"${next.meta?.versionId}"`);
    return next;
  };
  const restStatus = async (id: string) =>
    json(await ctx.app.inject({ url: `/api/v1/referrals/${id}`, headers: { cookie: await ctx.login("gz.county.coord") } })).status as string;
  const publishSlot = async (department: string, reserved = 2) => {
    const date = new Date(clock.now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/slots",
      headers: { cookie: await ctx.login("gz.county.coord") },
      payload: { institutionId: county, department, date, reserved },
    });
    expect(response.statusCode, response.body).toBe(201);
    return { id: json(response).id as string, date };
  };

  it("shows a submitted referral as a requested Task: owner, requester, focus, SLA deadline, businessStatus", async () => {
    const r = await refer();
    const task = await read(r.id);
    expect(task).toMatchObject({
      id: r.id,
      meta: { versionId: "1" },
      status: "requested",
      intent: "order",
      priority: "urgent",
      businessStatus: { coding: [{ system: STATUS_SYSTEM, code: "submitted" }] },
      focus: { reference: `ServiceRequest/${r.id}` },
      for: { reference: `Patient/${r.patient.id}` },
      owner: { reference: `Organization/${county}` },
      requester: { reference: `Organization/${township}` },
      restriction: { period: { end: r.slaDeadline as string } },
    });
    expect(task.restriction?.period?.end).toBe("2026-03-02T03:00:00.000Z");
    expect(task.lastModified).toBeDefined();
    expect(task.authoredOn).toBeDefined();
  });

  it("searches Tasks by owner and status (the HIS's poll), requester, focus, patient, business-status, _id, _lastUpdated", async () => {
    const r = await refer({ priority: "green_channel" });
    const search = async (query: string, token = countyToken) => {
      const response = await fhirCall(ctx, token, "GET", `/Task?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return validResource<Bundle>(response);
    };
    const ids = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource?.id);
    const poll = await search(`owner=Organization/${county}&status=requested&_count=200`);
    expect(ids(poll)).toContain(r.id);
    expect(poll.entry?.every((e) => (e.resource as Task).status === "requested" && (e.resource as Task).owner?.reference === `Organization/${county}`)).toBe(
      true,
    );
    // The receiver's order: green channel first.
    const priorities = (poll.entry ?? []).map((e) => (e.resource as Task).priority);
    expect(priorities.indexOf("stat")).toBe(0);
    expect(ids(await search(`requester=${township}&focus=ServiceRequest/${r.id}`))).toEqual([r.id]);
    expect(ids(await search(`patient=Patient/${r.patient.id}`, townshipToken))).toEqual([r.id]);
    expect(ids(await search(`_id=${r.id}&business-status=${STATUS_SYSTEM}|submitted`))).toEqual([r.id]);
    expect(ids(await search(`_id=${r.id}&business-status=accepted`))).toEqual([]);
    expect(ids(await search(`_id=${r.id}&status=accepted,in-progress`))).toEqual([]);
    expect(ids(await search(`_id=${r.id}&status=http://hl7.org/fhir/task-status|requested&priority=stat`))).toEqual([r.id]);
    expect(ids(await search(`_id=${r.id}&_lastUpdated=gt2099-01-01`))).toEqual([]);
    expect(ids(await search(`owner=Organization/${county}`, yunnanToken))).toEqual([]);
    // An owner list that is not only the caller's own keeps the caller's scope: the county sees only its referrals (either side).
    const mixed = await search(`owner=Organization/${county},Organization/${township}&_count=200`);
    expect(ids(mixed)).toContain(r.id);
    for (const entry of mixed.entry ?? []) {
      const t = entry.resource as Task;
      expect([t.owner?.reference, t.requester?.reference]).toContain(`Organization/${county}`);
    }
    expect(outcomeOf(await fhirCall(ctx, countyToken, "GET", "/Task?status=requested&owner:exact=x"))).toMatchObject({
      status: 400,
      expressions: ["owner:exact"],
    });
  });

  it("runs the receiver's path through PUT: accept, schedule into a Slot, arrive, complete — each a new version", async () => {
    const slot = await publishSlot("心血管内科");
    const r = await refer();
    let task = await read(r.id);
    task = await changed(countyToken, task, { status: "accepted" });
    expect(task).toMatchObject({ status: "accepted", businessStatus: { coding: [{ code: "accepted" }] }, meta: { versionId: "2" } });
    expect(await restStatus(r.id)).toBe("accepted");
    // In-progress from accepted schedules: into the Slot named in input.
    task = await changed(countyToken, task, {
      status: "in-progress",
      input: [{ type: { text: "slot" }, valueReference: { reference: `Slot/${slot.id}` } }],
    });
    expect(task).toMatchObject({ status: "in-progress", businessStatus: { coding: [{ code: "scheduled" }] }, meta: { versionId: "3" } });
    const request = validResource(await fhirCall(ctx, townshipToken, "GET", `/ServiceRequest/${r.id}`));
    expect(request).toMatchObject({ status: "active", occurrenceDateTime: slot.date });
    // The same status again (in-progress, businessStatus scheduled as read) changes nothing.
    const same = await changed(countyToken, task, {});
    expect(same.meta?.versionId).toBe("3");
    // In-progress on a scheduled referral is the arrival.
    task = await changed(countyToken, task, { status: "in-progress", businessStatus: undefined });
    expect(task).toMatchObject({ status: "in-progress", businessStatus: { coding: [{ code: "arrived" }] } });
    task = await changed(countyToken, task, { status: "completed", note: [{ text: "血压控制，出院" }] });
    expect(task).toMatchObject({ status: "completed", businessStatus: { coding: [{ code: "completed" }] }, meta: { versionId: "5" } });
    expect(await restStatus(r.id)).toBe("completed");
  });

  it("schedules by businessStatus with the slot the sender booked, and refuses a schedule without one", async () => {
    const slot = await publishSlot("内分泌科");
    const held = await refer({ department: "内分泌科", slotId: slot.id });
    let task = await changed(countyToken, await read(held.id), { status: "accepted" });
    task = await changed(countyToken, task, { status: "in-progress", businessStatus: { coding: [{ system: STATUS_SYSTEM, code: "scheduled" }] } });
    expect(task.businessStatus?.coding?.[0]?.code).toBe("scheduled");
    const bare = await refer();
    const accepted = await changed(countyToken, await read(bare.id), { status: "accepted" });
    expect(outcomeOf(await put(countyToken, accepted, { status: "in-progress" }))).toMatchObject({ status: 400, expressions: ["Task.input"] });
    expect(
      outcomeOf(
        await put(countyToken, accepted, { status: "in-progress", input: [{ type: { text: "slot" }, valueReference: { reference: `Slot/${bare.id}` } }] }),
      ),
    ).toMatchObject({ status: 400, expressions: ["Task.input[0].valueReference"] });
    expect(
      outcomeOf(await put(countyToken, accepted, { status: "completed", businessStatus: { coding: [{ system: STATUS_SYSTEM, code: "arrived" }] } })),
    ).toMatchObject({
      status: 400,
      expressions: ["Task.businessStatus"],
    });
    expect(await restStatus(bare.id)).toBe("accepted");
    // A full slot: the booking's 409 names the input.
    const full = await publishSlot("神经内科", 1);
    await refer({ department: "神经内科", slotId: full.id });
    const response = await put(countyToken, accepted, {
      status: "in-progress",
      input: [{ type: { text: "slot" }, valueReference: { reference: `Slot/${full.id}` } }],
    });
    expect(outcomeOf(response)).toMatchObject({ status: 409, expressions: ["Task.input"] });
    expect(await restStatus(bare.id)).toBe("accepted");
  });

  it("rejects with statusReason as the reason, and refuses a rejection without one", async () => {
    const r = await refer();
    const task = await read(r.id);
    expect(outcomeOf(await put(countyToken, task, { status: "rejected" }))).toMatchObject({ status: 400, expressions: ["Task.statusReason.text"] });
    const rejected = await changed(countyToken, task, { status: "rejected", statusReason: { text: "本院无床位" } });
    expect(rejected).toMatchObject({ status: "rejected", statusReason: { text: "本院无床位" }, businessStatus: { coding: [{ code: "rejected" }] } });
    const history = json(await ctx.app.inject({ url: `/api/v1/referrals/${r.id}/history`, headers: { cookie: await ctx.login("gz.township.doctor") } }));
    expect(history.items.at(-1)).toMatchObject({ action: "reject", note: "本院无床位", actor: "gz.county.coord" });
  });

  it("lets the sender cancel (with a reason) and submit, and no one else", async () => {
    const r = await refer();
    const task = await read(r.id, townshipToken);
    const wrongSide = outcomeOf(await put(countyToken, task, { status: "cancelled", statusReason: { text: "x" } }));
    expect(wrongSide).toMatchObject({ status: 403, codes: ["forbidden"], expressions: ["Task.status"] });
    const cancelled = await changed(townshipToken, task, { status: "cancelled", statusReason: { text: "患者改去省医院" } });
    expect(cancelled).toMatchObject({ status: "cancelled", statusReason: { text: "患者改去省医院" } });
    // The sender may not accept, whatever the state: 403 like REST.
    const other = await read((await refer()).id, townshipToken);
    expect(outcomeOf(await put(townshipToken, other, { status: "accepted" }))).toMatchObject({ status: 403, expressions: ["Task.status"] });
  });

  it("refuses a change the state allows not (409), a status no one sets (400), stale (412) or missing (428) If-Match, and outsiders (404)", async () => {
    const r = await refer();
    const task = await read(r.id);
    const early = outcomeOf(await put(countyToken, task, { status: "completed" }));
    expect(early).toMatchObject({ status: 409, expressions: ["Task.status"] });
    const body = (await put(countyToken, task, { status: "completed" })).json();
    expect(body.issue[0].diagnostics).toContain("allowed now");
    for (const status of ["on-hold", "ready", "draft", "failed", "entered-in-error"] as const) {
      expect(outcomeOf(await put(countyToken, task, { status })), status).toMatchObject({ status: 400, expressions: ["Task.status"] });
    }
    expect(outcomeOf(await put(countyToken, task, { status: "accepted", owner: { reference: `Organization/${township}` } }))).toMatchObject({
      status: 400,
      expressions: ["Task.owner"],
    });
    const missing = await put(countyToken, task, { status: "accepted" }, null);
    expect(outcomeOf(missing).status).toBe(428);
    expect(outcomeOf(await put(countyToken, task, { status: "accepted" }, 'W/"7"'))).toMatchObject({ status: 412 });
    expect(outcomeOf(await put(countyToken, task, { status: "accepted" }, "7")).status).toBe(400);
    expect(outcomeOf(await put(yunnanToken, task, { status: "accepted" })).status).toBe(404);
    expect(await restStatus(r.id)).toBe("submitted");
    // Two systems read version 1: the first acceptance wins, the second is stale.
    await changed(countyToken, task, { status: "accepted" });
    expect(outcomeOf(await put(countyToken, task, { status: "rejected", statusReason: { text: "迟到的拒绝" } }))).toMatchObject({ status: 412 });
    expect(await restStatus(r.id)).toBe("accepted");
  });

  it("submits a draft through POST Task, once, and only by the sender", async () => {
    const draft = await refer({ submit: false });
    // A draft is the sender's alone: the receiver's lists never hold it (as the REST incoming worklist).
    const found = async (token: string, query: string) =>
      (validResource<Bundle>(await fhirCall(ctx, token, "GET", query)).entry ?? []).map((e) => e.resource?.id);
    expect(await found(countyToken, `/Task?owner=Organization/${county}&_id=${draft.id}`)).toEqual([]);
    expect(await found(countyToken, `/Task?_id=${draft.id}`)).toEqual([]);
    expect(await found(countyToken, `/ServiceRequest?_id=${draft.id}`)).toEqual([]);
    expect(await found(townshipToken, `/Task?requester=Organization/${township}&_id=${draft.id}`)).toEqual([draft.id]);
    expect(await found(townshipToken, `/ServiceRequest?_id=${draft.id}&status=draft`)).toEqual([draft.id]);
    const task = { resourceType: "Task", status: "requested", intent: "order", focus: { reference: `ServiceRequest/${draft.id}` } };
    expect(outcomeOf(await fhirCall(ctx, countyToken, "POST", "/Task", task))).toMatchObject({ status: 403, expressions: ["Task.status"] });
    expect(outcomeOf(await fhirCall(ctx, yunnanToken, "POST", "/Task", task))).toMatchObject({ status: 404, expressions: ["Task.focus"] });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "POST", "/Task", { ...task, status: "accepted" }))).toMatchObject({
      status: 400,
      expressions: ["Task.status"],
    });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "POST", "/Task", { ...task, focus: undefined }))).toMatchObject({
      status: 400,
      expressions: ["Task.focus"],
    });
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "POST", "/Task", { ...task, intent: "proposal" }))).toMatchObject({
      status: 400,
      expressions: ["Task.intent"],
    });
    const leftAsDraft = await fhirCall(ctx, townshipToken, "POST", "/Task", { ...task, status: "draft" });
    expect(validResource<Task>(leftAsDraft)).toMatchObject({ status: "draft", meta: { versionId: "1" } });
    const created = await fhirCall(ctx, townshipToken, "POST", "/Task", task);
    expect(created.statusCode, created.body).toBe(201);
    expect(validResource<Task>(created)).toMatchObject({ id: draft.id, status: "requested", meta: { versionId: "2" } });
    expect(created.headers.location).toContain(`/Task/${draft.id}/_history/2`);
    expect(outcomeOf(await fhirCall(ctx, townshipToken, "POST", "/Task", task))).toMatchObject({ status: 409, expressions: ["Task.status"] });
    expect(await restStatus(draft.id)).toBe("submitted");
    expect(await found(countyToken, `/Task?owner=Organization/${county}&_id=${draft.id}`)).toEqual([draft.id]);
  });

  it("shows an expired referral as a failed Task with the expiry's reason", async () => {
    const r = await refer({ priority: "green_channel" });
    await expireOverdue(ctx.database.db, new Date(clock.now.getTime() + 31 * 60_000));
    const task = await read(r.id);
    expect(task).toMatchObject({ status: "failed", businessStatus: { coding: [{ code: "expired" }] }, statusReason: { text: "no answer within the SLA" } });
    expect(outcomeOf(await put(countyToken, task, { status: "accepted" }))).toMatchObject({ status: 409, expressions: ["Task.status"] });
  });

  it("changes the status inside a transaction Bundle, with the entry's If-Match", async () => {
    const r = await refer();
    const task = await read(r.id);
    const bundle = (ifMatch?: string) => ({
      resourceType: "Bundle",
      type: "transaction",
      entry: [{ resource: { ...task, status: "accepted" }, request: { method: "PUT", url: `Task/${r.id}`, ...(ifMatch && { ifMatch }) } }],
    });
    expect(outcomeOf(await fhirCall(ctx, countyToken, "POST", "/", bundle()))).toMatchObject({ status: 428 });
    expect(outcomeOf(await fhirCall(ctx, countyToken, "POST", "/", bundle('W/"9"')))).toMatchObject({ status: 412 });
    const response = await fhirCall(ctx, countyToken, "POST", "/", bundle(`W/"${task.meta?.versionId}"`));
    expect(response.statusCode, response.body).toBe(200);
    const answer = validResource<Bundle>(response);
    expect(answer.entry?.[0]?.response).toMatchObject({ status: "200 OK", etag: 'W/"2"' });
    expect(await restStatus(r.id)).toBe("accepted");
  });
});
