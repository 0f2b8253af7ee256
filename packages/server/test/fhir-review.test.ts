import type { Bundle, Patient, Subscription } from "@medplum/fhirtypes";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { fhirCall, outcomeOf, tokenFor, validResource } from "./helpers/fhir.ts";
import { idNumberFor, upReferral } from "./helpers/referrals.ts";

/**
 * The review of the FHIR door (issue 15): personal data the REST API would not give the same
 * caller, reads and searches of every demo role agreeing (a search never lists what a read hides),
 * subscriptions that stop when their creator can no longer read what they deliver.
 */
const ENV = { MEDBRIDGE_WEBHOOK_ALLOW: "127.0.0.1" };
const ROLES = ["gz.official", "zj.city.coord", "gz.county.coord", "gz.township.doctor", "yn.township.doctor", "zj.stationed.doctor", "admin"] as const;

describe.each(BACKENDS)("FHIR review on %s", (backend) => {
  let ctx: TestContext;
  let county: string;
  const tokens = {} as Record<(typeof ROLES)[number], string>;

  beforeAll(async () => {
    ctx = await demoApp(backend, undefined, ENV);
    const me = async (who: string) => json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login(who) } }));
    county = (await me("gz.county.coord")).institutionId;
    for (const role of ROLES) tokens[role] = await tokenFor(ctx, role);
  });
  afterAll(async () => {
    await ctx.close();
  });

  const rest = async (who: string, method: "GET" | "POST", url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload && { payload }) });
  /** The township refers a person up to the county hospital (submitted), with a phone; returns the referral and the person. */
  const refer = async (birth: string, serial: number, phone = "13900001234") => {
    const idNumber = idNumberFor(birth, serial);
    const response = await rest(
      "gz.township.doctor",
      "POST",
      "/api/v1/referrals",
      upReferral(county, { patient: { name: "评审患者", sex: "male", birthDate: birth, idNumber, phone } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const created = json(response);
    expect(created.patient.id).toBeTruthy();
    return { referralId: created.id as string, patientId: created.patient.id as string, idNumber };
  };
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await ctx.database.db.execute(query)) as unknown as { rows: T[] }).rows;

  it("a Patient read or found shows no phone: the REST lookup never gives the index's phone (another institution's latest)", async () => {
    const { patientId, idNumber } = await refer("1958-03-04", 611);
    const lookup = await rest("gz.county.coord", "POST", "/api/v1/patients/lookup", { idNumber });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.body).not.toContain("13900001234");
    for (const who of ["gz.county.coord", "gz.township.doctor"] as const) {
      const read = await fhirCall(ctx, tokens[who], "GET", `/Patient/${patientId}`);
      expect(read.statusCode, read.body).toBe(200);
      const patient = validResource<Patient>(read);
      expect(patient.identifier?.[0]?.value).toBe(json(lookup).idNumber);
      expect(patient.telecom).toBeUndefined();
      expect(read.body).not.toContain("13900001234");
      const found = await fhirCall(ctx, tokens[who], "POST", "/Patient/_search", `identifier=${encodeURIComponent(`urn:oid:2.16.156.10011.1.3|${idNumber}`)}`, {
        "content-type": "application/x-www-form-urlencoded",
      });
      expect(found.statusCode, found.body).toBe(200);
      const bundle = validResource<Bundle>(found);
      expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([patientId]);
      expect(found.body).not.toContain("13900001234");
      expect(found.body).not.toContain(idNumber);
    }
  });

  it("every demo role: a read out of scope is 404, and a search by _id never lists what that read hides", async () => {
    const { referralId, patientId } = await refer("1957-05-06", 612);
    const [entry] = await rows<{ id: string }>(sql`select id from chronic_patients order by id limit 1`);
    const urls: [string, string][] = [
      ["ServiceRequest", referralId],
      ["Task", referralId],
      ["Patient", patientId],
      ...(entry ? ([["Condition", entry.id]] as [string, string][]) : []),
    ];
    for (const role of ROLES) {
      for (const [type, id] of urls) {
        const read = await fhirCall(ctx, tokens[role], "GET", `/${type}/${id}`);
        expect([200, 404], `${role} GET ${type}: ${read.body.slice(0, 300)}`).toContain(read.statusCode);
        if (read.statusCode === 200) validResource(read);
        else expect(outcomeOf(read).status).toBe(404);
        const search = await fhirCall(ctx, tokens[role], "GET", `/${type}?_id=${id}`);
        if (search.statusCode === 403) continue; // the role may not search the type at all
        expect(search.statusCode, `${role} search ${type}: ${search.body.slice(0, 300)}`).toBe(200);
        const listed = (validResource<Bundle>(search).entry ?? []).map((e) => e.resource?.id);
        if (read.statusCode === 404) expect(listed, `${role} lists the ${type} its read hides`).toEqual([]);
      }
    }
    // The two institutions of the referral read it; another province's clinician, an official and the stationed doctor do not.
    for (const role of ["gz.county.coord", "gz.township.doctor"] as const)
      expect((await fhirCall(ctx, tokens[role], "GET", `/Task/${referralId}`)).statusCode).toBe(200);
    for (const role of ["yn.township.doctor", "zj.city.coord", "gz.official", "zj.stationed.doctor"] as const)
      expect((await fhirCall(ctx, tokens[role], "GET", `/Task/${referralId}`)).statusCode).toBe(404);
  });

  it("a subscription stops hearing of referrals once its creator no longer acts for its institution (disabled, other role, moved)", async () => {
    const created = await fhirCall(ctx, tokens["gz.county.coord"], "POST", "/Subscription", {
      resourceType: "Subscription",
      status: "requested",
      reason: "评审",
      criteria: `Task?owner=Organization/${county}`,
      channel: { type: "rest-hook", endpoint: "http://127.0.0.1:9/his/ping" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const subscriptionId = validResource<Subscription>(created).id as string;
    const [user] = await rows<{ id: string; role: string; institution_id: string }>(
      sql`select id, role, institution_id from users where username = 'gz.county.coord'`,
    );
    const queued = async () =>
      (await rows<{ n: number }>(sql`select count(*)::int as n from webhook_deliveries where subscription_id = ${subscriptionId}`))[0]?.n ?? 0;
    const [other] = await rows<{ id: string }>(sql`select id from institutions where id <> ${county} order by id limit 1`);

    let before = await queued();
    await refer("1956-01-02", 613);
    expect(await queued()).toBe(before + 1);

    const changes = [
      [sql`update users set active = false where id = ${user?.id}`, sql`update users set active = true where id = ${user?.id}`],
      [sql`update users set role = 'clinician' where id = ${user?.id}`, sql`update users set role = ${user?.role} where id = ${user?.id}`],
      [
        sql`update users set institution_id = ${other?.id} where id = ${user?.id}`,
        sql`update users set institution_id = ${user?.institution_id} where id = ${user?.id}`,
      ],
    ];
    let serial = 614;
    for (const [change, undo] of changes) {
      await ctx.database.db.execute(change as ReturnType<typeof sql>);
      before = await queued();
      await refer("1956-01-02", serial++);
      expect(await queued()).toBe(before);
      await ctx.database.db.execute(undo as ReturnType<typeof sql>);
    }
    before = await queued();
    await refer("1956-01-02", serial++);
    expect(await queued()).toBe(before + 1);
  });
});
