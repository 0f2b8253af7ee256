import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { lookupHash } from "../src/crypto.ts";
import { findPatientByIdNumber, indexPatient } from "../src/patient-index.ts";
import { linkPatients } from "../src/patient-linking.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS, freshDatabase } from "./helpers/db.ts";
import { idNumberFor, upReferral } from "./helpers/referrals.ts";

const keys = loadConfig({});

describe("the index key", () => {
  const data = Buffer.alloc(32, 1).toString("base64");
  it("is required in production, 32 bytes, and never the data key", () => {
    expect(() => loadConfig({ NODE_ENV: "production", MEDBRIDGE_DATA_KEY: data })).toThrow(/MEDBRIDGE_INDEX_KEY is required in production/);
    expect(() => loadConfig({ NODE_ENV: "production", MEDBRIDGE_DATA_KEY: data, MEDBRIDGE_INDEX_KEY: Buffer.alloc(16, 2).toString("base64") })).toThrow(
      /MEDBRIDGE_INDEX_KEY must be 32 bytes/,
    );
    expect(() => loadConfig({ NODE_ENV: "production", MEDBRIDGE_DATA_KEY: data, MEDBRIDGE_INDEX_KEY: data })).toThrow(/must differ from MEDBRIDGE_DATA_KEY/);
    const config = loadConfig({ NODE_ENV: "production", MEDBRIDGE_DATA_KEY: data, MEDBRIDGE_INDEX_KEY: Buffer.alloc(32, 2).toString("base64") });
    expect(config.indexKey.equals(Buffer.alloc(32, 2))).toBe(true);
    // Development has a fixed key of its own, apart from the development data key.
    expect(loadConfig({}).indexKey.equals(loadConfig({}).dataKey)).toBe(false);
  });
});

/** Valid GB 11643 numbers: county, birth day, sequence — the check character computed. */
const arbitraryIdNumber = fc
  .record({
    county: fc.constantFrom("522622", "530702", "110105", "330106"),
    day: fc.integer({ min: 0, max: 30_000 }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ county, day, sequence }) => {
    const birth = new Date(Date.UTC(1930, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const first17 = `${county}${birth.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
    return { idNumber: first17 + idCheckCharacter(first17), birth };
  });

describe("the index on PGlite (property)", () => {
  it("gives one record per ID number: the same number twice is one patient, different numbers never meet", async () => {
    const database = await freshDatabase("pglite");
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryIdNumber, { minLength: 1, maxLength: 12 }), async (people) => {
          const ids = new Map<string, string>();
          for (const person of [...people, ...people]) {
            const id = await indexPatient(database.db, keys, { name: "测试", sex: "female", birthDate: person.birth, idNumber: person.idNumber });
            const seen = ids.get(person.idNumber);
            if (seen) expect(id).toBe(seen);
            ids.set(person.idNumber, id);
          }
          // As many records as distinct numbers, each found again by its number.
          expect(new Set(ids.values()).size).toBe(ids.size);
          for (const [number, id] of ids) expect(await findPatientByIdNumber(database.db, keys.indexKey, number)).toBe(id);
        }),
        { numRuns: 40 },
      );
      // Nothing stored rebuilds a number: the hash is under the index key (not the data key), no column holds the number.
      const [row] = (
        (await database.db.execute(sql`select id_hash, id_cipher, id_masked, local_id from patients limit 1`)) as unknown as {
          rows: { id_hash: string; id_cipher: string; id_masked: string }[];
        }
      ).rows;
      expect(row?.id_cipher.startsWith("v1:")).toBe(true);
      expect(row?.id_masked).toMatch(/^\*{16}[0-9X]{2}$/);
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe.each(BACKENDS)("patient index API on %s", (backend) => {
  let ctx: TestContext;
  let county: string;
  const clock = new Date("2026-03-02T01:00:00Z");
  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
    county = json(await ctx.app.inject({ url: "/api/v1/me", headers: { cookie: await ctx.login("gz.county.coord") } })).institutionId;
  });
  afterAll(() => ctx.close());
  const call = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const rows = async <T>(q: ReturnType<typeof sql>) => ((await ctx.database.db.execute(q)) as unknown as { rows: T[] }).rows;
  const refer = async (patient: Record<string, unknown>) => {
    const response = await call("gz.township.doctor", "POST", "/api/v1/referrals", upReferral(county, { patient }));
    expect(response.statusCode, response.body).toBe(201);
    return json(response);
  };

  it("keeps one patient for one ID number at two institutions, in two provinces, and finds it by the number", async () => {
    const idNumber = idNumberFor("1958-04-09", "601");
    const person = { name: "索引患者", sex: "female", birthDate: "1958-04-09", idNumber, phone: "13900000001" };
    const referral = await refer(person);
    expect(referral.patient.id).toMatch(/^[0-9a-f-]{36}$/);
    const enrolled = await call("yn.township.doctor", "POST", "/api/v1/htn/patients", { patient: { ...person, phone: "13900000002" } });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(json(enrolled).patientId).toBe(referral.patient.id);
    // The newer phone is kept on the person; the name stays as first given.
    const [stored] = await rows<{ phone: string; n: number }>(
      sql`select phone, (select count(*)::int from patients where id_hash = ${lookupHash(keys.indexKey, idNumber)}) as n from patients where id = ${referral.patient.id}`,
    );
    expect(stored).toEqual({ phone: "13900000002", n: 1 });

    const found = await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", { idNumber });
    expect(found.statusCode, found.body).toBe(200);
    expect(json(found)).toMatchObject({ id: referral.patient.id, name: "索引患者", institutions: 3 });
    expect(json(found).idNumber).toMatch(/^\*+/);
    // The number travels in the body only; the audit entry names the record, not the person.
    const [entry] = await rows<{ after: unknown; entity_id: string }>(
      sql`select after, entity_id from audit_log where action = 'lookup' order by id desc limit 1`,
    );
    expect(entry?.entity_id).toBe(referral.patient.id);
    expect(JSON.stringify(entry)).not.toContain(idNumber);
    expect(JSON.stringify(entry)).not.toContain("索引患者");
  });

  it("finds nobody the caller's institution has not treated, and refuses bad lookups naming the field", async () => {
    const guizhouOnly = idNumberFor("1949-10-01", "602");
    await refer({ name: "贵州患者", sex: "male", birthDate: "1949-10-01", idNumber: guizhouOnly });
    expect((await call("yn.township.doctor", "POST", "/api/v1/patients/lookup", { idNumber: guizhouOnly })).statusCode).toBe(404);
    expect((await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", { idNumber: idNumberFor("1949-10-02", "603") })).statusCode).toBe(404);
    const neither = await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", {});
    expect(neither.statusCode).toBe(400);
    expect(json(neither).errors[0].path).toBe("idNumber");
    const both = await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", { idNumber: guizhouOnly, localId: "MB-0123456789" });
    expect(both.statusCode).toBe(400);
    expect((await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", { localId: "MB-01234" })).statusCode).toBe(400);
    expect((await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", { idNumber: "5".repeat(17), extra: 1 })).statusCode).toBe(400);
    // Officials and stationed doctors have no lookup at all.
    expect((await call("gz.official", "POST", "/api/v1/patients/lookup", { idNumber: guizhouOnly })).statusCode).toBe(403);
    expect((await call("zj.stationed.doctor", "POST", "/api/v1/patients/lookup", { idNumber: guizhouOnly })).statusCode).toBe(403);
  });

  it("shows the path across institutions to their clinicians only, audits every read, and gives officials counts without names", async () => {
    const idNumber = idNumberFor("1962-02-03", "604");
    const referral = await refer({ name: "路径患者", sex: "male", birthDate: "1962-02-03", idNumber });
    const enrolled = await call("gz.township.doctor", "POST", "/api/v1/htn/patients", {
      patient: { name: "路径患者", sex: "male", birthDate: "1962-02-03", idNumber },
    });
    expect(json(enrolled).patientId).toBe(referral.patient.id);
    const visit = await call("gz.township.doctor", "POST", `/api/v1/htn/patients/${json(enrolled).id}/visits`, {
      visitOn: "2026-03-01",
      readings: [{ sbp: 150, dbp: 95 }],
    });
    expect(visit.statusCode, visit.body).toBe(201);

    // The county hospital asks its supporter for a consultation about the referral: it joins the path.
    const city = json(await call("zj.city.coord", "GET", "/api/v1/me")).institutionId;
    const consultation = await call("gz.county.coord", "POST", "/api/v1/telemedicine", {
      kind: "consultation",
      supporterId: city,
      title: "远程会诊",
      referralId: referral.id,
    });
    expect(consultation.statusCode, consultation.body).toBe(201);

    const auditsBefore = (await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'read_path'`))[0]?.n ?? 0;
    const path = await call("gz.township.doctor", "GET", `/api/v1/patients/${referral.patient.id}/path`);
    expect(path.statusCode, path.body).toBe(200);
    const body = json(path);
    expect(body.patient).toMatchObject({ id: referral.patient.id, name: "路径患者", localId: null });
    expect(body.events.map((e: { kind: string }) => e.kind).sort()).toEqual(["consultation", "enrolment", "referral", "visit"]);
    expect(body.events.find((e: { kind: string }) => e.kind === "consultation")).toMatchObject({
      detail: "consultation",
      status: "requested",
      institution: { id: county },
      other: { id: city },
    });
    expect(body.events.find((e: { kind: string }) => e.kind === "visit")).toMatchObject({ code: "150/95", detail: "follow_up", status: "not_controlled" });
    expect(body.events.find((e: { kind: string }) => e.kind === "referral")).toMatchObject({ detail: "up", code: "I10", other: { id: county } });
    expect(body.institutions.map((i: { id: string }) => i.id)).toContain(county);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'read_path'`))[0]?.n).toBe(auditsBefore + 1);

    // A Yunnan clinician never sees this Guizhou patient's path; nor does the county's coordinator
    // (purpose-limited to clinicians), an official or a stationed doctor.
    expect((await call("yn.township.doctor", "GET", `/api/v1/patients/${referral.patient.id}/path`)).statusCode).toBe(404);
    expect((await call("gz.county.coord", "GET", `/api/v1/patients/${referral.patient.id}/path`)).statusCode).toBe(404);
    expect((await call("gz.official", "GET", `/api/v1/patients/${referral.patient.id}/path`)).statusCode).toBe(404);
    expect((await call("zj.stationed.doctor", "GET", `/api/v1/patients/${referral.patient.id}/path`)).statusCode).toBe(404);
    expect((await call("gz.township.doctor", "GET", "/api/v1/patients/00000000-0000-4000-8000-000000000000/path")).statusCode).toBe(404);
    expect((await call("gz.township.doctor", "GET", "/api/v1/patients/not-a-uuid/path")).statusCode).toBe(400);

    const counts = await call("gz.official", "GET", "/api/v1/patients/counts");
    expect(counts.statusCode, counts.body).toBe(200);
    expect(json(counts)).toMatchObject({ regionCode: "520000" });
    expect(json(counts).patients).toBeGreaterThan(0);
    expect(json(counts).acrossInstitutions).toBeGreaterThan(0);
    expect(counts.body).not.toContain("路径患者");
    expect((await call("gz.official", "GET", "/api/v1/patients/counts?regionCode=530000")).statusCode).toBe(403);
  });

  it("shows a hospital stay and the discharge that landed in the register (without a BP: no control status)", async () => {
    const idNumber = idNumberFor("1957-07-07", "609");
    const tomorrow = new Date(clock.getTime() + 86_400_000).toISOString().slice(0, 10);
    const bed = await call("gz.county.coord", "POST", "/api/v1/beds", { institutionId: county, ward: "心内科病区", date: tomorrow, reserved: 1 });
    expect(bed.statusCode, bed.body).toBe(201);
    const created = await call(
      "gz.township.doctor",
      "POST",
      "/api/v1/referrals",
      upReferral(county, { patient: { name: "住院患者", sex: "male", birthDate: "1957-07-07", idNumber }, bedId: json(bed).id }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const up = json(created);
    for (const action of [{ action: "accept" }, { action: "schedule" }, { action: "arrive" }, { action: "complete", downReferral: { summary: "出院小结" } }]) {
      const step = await call("gz.county.coord", "POST", `/api/v1/referrals/${up.id}/transitions`, action);
      expect(step.statusCode, step.body).toBe(200);
    }
    const path = json(await call("gz.township.doctor", "GET", `/api/v1/patients/${up.patient.id}/path`));
    const kinds = path.events.map((e: { kind: string }) => e.kind).sort();
    expect(kinds).toEqual(["enrolment", "referral", "referral", "stay", "visit"]);
    expect(path.events.find((e: { kind: string }) => e.kind === "stay")).toMatchObject({
      at: tomorrow,
      until: tomorrow,
      detail: "心内科病区",
      institution: { id: county },
    });
    expect(path.events.find((e: { kind: string }) => e.kind === "visit")).toMatchObject({ detail: "discharge", status: null, code: null });
    expect(
      path.events
        .filter((e: { kind: string; detail: string }) => e.kind === "referral")
        .map((e: { detail: string }) => e.detail)
        .sort(),
    ).toEqual(["down", "up"]);
  });

  it("lets a coordinator merge a record without ID card into the person's record, and undo it, both audited", async () => {
    const child = await refer({ name: "无证儿童", sex: "female", birthDate: "2024-05-06", noIdCard: true });
    expect(child.patient.idNumber).toBeNull();
    const [local] = await rows<{ local_id: string }>(sql`select local_id from patients where id = ${child.patient.id}`);
    expect(local?.local_id).toMatch(/^MB-[0-9A-HJKMNP-TV-Z]{10}$/);
    const idNumber = idNumberFor("2024-05-06", "606");
    const later = await refer({ name: "无证儿童", sex: "female", birthDate: "2024-05-06", idNumber });
    expect(later.patient.id).not.toBe(child.patient.id);
    // Found by the local identifier too.
    const byLocal = await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", { localId: local?.local_id });
    expect(json(byLocal).id).toBe(child.patient.id);

    // A clinician may not merge; an institution that did not treat both may not either.
    const body = { targetId: later.patient.id, reason: "同一儿童，后办身份证" };
    expect((await call("gz.township.doctor", "POST", `/api/v1/patients/${child.patient.id}/merge`, body)).statusCode).toBe(403);
    expect((await call("zj.city.coord", "POST", `/api/v1/patients/${child.patient.id}/merge`, body)).statusCode).toBe(403);
    expect((await call("gz.county.coord", "POST", `/api/v1/patients/${child.patient.id}/merge`, { targetId: later.patient.id })).statusCode).toBe(400);

    const merged = await call("gz.county.coord", "POST", `/api/v1/patients/${child.patient.id}/merge`, body);
    expect(merged.statusCode, merged.body).toBe(201);
    const merge = json(merged);
    expect(merge).toMatchObject({ sourceId: child.patient.id, targetId: later.patient.id, unmergedAt: null });
    // The path of the person now spans both records; the local identifier leads to the person.
    const path = json(await call("gz.township.doctor", "GET", `/api/v1/patients/${later.patient.id}/path`));
    expect(path.merged).toEqual([{ id: child.patient.id, localId: local?.local_id }]);
    expect(path.events.filter((e: { kind: string }) => e.kind === "referral")).toHaveLength(2);
    expect(json(await call("gz.township.doctor", "POST", "/api/v1/patients/lookup", { localId: local?.local_id })).id).toBe(later.patient.id);
    // Twice is refused, and so is merging two people who both have ID numbers.
    expect((await call("gz.county.coord", "POST", `/api/v1/patients/${child.patient.id}/merge`, body)).statusCode).toBe(409);
    const other = await refer({ name: "另一人", sex: "male", birthDate: "1980-01-01", idNumber: idNumberFor("1980-01-01", "607") });
    const twoPeople = await call("gz.county.coord", "POST", `/api/v1/patients/${other.patient.id}/merge`, body);
    expect(twoPeople.statusCode).toBe(409);
    expect(json(twoPeople).errors[0].path).toBe("targetId");

    const undone = await call("gz.county.coord", "POST", `/api/v1/patient-merges/${merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(json(undone).unmergedAt).not.toBeNull();
    const after = json(await call("gz.township.doctor", "GET", `/api/v1/patients/${later.patient.id}/path`));
    expect(after.merged).toEqual([]);
    expect(after.events.filter((e: { kind: string }) => e.kind === "referral")).toHaveLength(1);
    expect((await call("gz.county.coord", "POST", `/api/v1/patient-merges/${merge.id}/undo`)).statusCode).toBe(409);
    expect(json(await call("gz.county.coord", "GET", `/api/v1/patients/${child.patient.id}/merges`)).items).toHaveLength(1);
    const audited = await rows<{ action: string; text: string }>(
      sql`select action, coalesce(before::text, '') || coalesce(after::text, '') as text from audit_log where entity = 'patient' and action in ('merge', 'unmerge') and entity_id = ${child.patient.id}`,
    );
    expect(audited.map((a) => a.action).sort()).toEqual(["merge", "unmerge"]);
    for (const a of audited) expect(a.text).not.toContain("无证儿童");
  });

  it("refuses a person without an ID number unless noIdCard says so, and noIdCard with a number", async () => {
    const missing = await call(
      "gz.township.doctor",
      "POST",
      "/api/v1/referrals",
      upReferral(county, { patient: { name: "甲", sex: "male", birthDate: "1970-01-01" } }),
    );
    expect(missing.statusCode).toBe(400);
    expect(json(missing).errors.map((e: { path: string }) => e.path)).toEqual(["patient.idNumber"]);
    const both = await call("gz.township.doctor", "POST", "/api/v1/htn/patients", {
      patient: { name: "乙", sex: "male", birthDate: "1970-01-01", idNumber: idNumberFor("1970-01-01", "608"), noIdCard: true },
    });
    expect(both.statusCode).toBe(400);
    expect(json(both).errors.map((e: { path: string }) => e.path)).toEqual(["patient.noIdCard"]);
  });

  it("links rows from before the index: same number → same patient, and counts what it cannot link", async () => {
    const db = ctx.database.db;
    await db.execute(sql`update telemedicine_sessions set patient_id = null`);
    await db.execute(sql`update referrals set patient_id = null`);
    await db.execute(sql`update chronic_patients set patient_id = null`);
    await db.execute(
      sql`update referrals set patient_id_cipher = 'v1:national' where id = (select min(id::text)::uuid from referrals where patient_id_cipher is not null)`,
    );
    const [expected] = await rows<{ referrals: number; chronic: number; without: number }>(sql`
      select (select count(*)::int from referrals) as referrals, (select count(*)::int from chronic_patients) as chronic,
             (select count(*)::int from referrals where patient_id_cipher is null) as without`);
    const report = await linkPatients(db, keys);
    expect(report.referrals).toEqual({ linked: (expected?.referrals ?? 0) - 1 - (expected?.without ?? 0), noIdNumber: expected?.without, unreadable: 1 });
    expect(report.chronicPatients).toEqual({ linked: expected?.chronic, noIdNumber: 0, unreadable: 0 });
    // Every existing person was found again, none created twice.
    expect(report.patientsCreated).toBe(0);
    const [shared] = await rows<{ bad: number }>(sql`
      select count(*)::int as bad from referrals a join referrals b on a.patient_id_cipher = b.patient_id_cipher and a.id <> b.id where a.patient_id <> b.patient_id`);
    expect(shared?.bad).toBe(0);
    const [samePerson] = await rows<{ n: number }>(sql`
      select count(*)::int as n from chronic_patients c join patients p on p.id = c.patient_id where p.id_hash is null`);
    expect(samePerson?.n).toBe(0);
    expect(await linkPatients(db, keys)).toMatchObject({ referrals: { linked: 0 }, chronicPatients: { linked: 0 }, patientsCreated: 0 });
  });
});
