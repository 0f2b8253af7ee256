import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDate, chinaDay, chinaMidnight, chinaMonth } from "../src/clock.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { idNumberFor } from "./helpers/referrals.ts";

// 00:30 on 2 March in Beijing is still 1 March in UTC: every date the server makes must be the 2nd.
const HALF_PAST_MIDNIGHT_BEIJING = new Date("2026-03-01T16:30:00Z");

describe("the clock", () => {
  it("gives China dates, months and midnights", () => {
    expect(chinaDate(HALF_PAST_MIDNIGHT_BEIJING)).toBe("2026-03-02");
    expect(chinaDate(new Date("2026-03-01T15:59:59.999Z"))).toBe("2026-03-01");
    expect(chinaDate(new Date("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
    expect(chinaMonth(new Date("2026-03-31T16:00:00Z"))).toBe("2026-04");
    expect(chinaMonth(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01");
    expect(chinaMidnight(chinaDay(HALF_PAST_MIDNIGHT_BEIJING)).toISOString()).toBe("2026-03-01T16:00:00.000Z");
  });
});

describe.each(BACKENDS)("at 00:30 Beijing time every route gives Beijing dates, on %s", (backend) => {
  let ctx: TestContext;
  const call = async (who: string, method: "GET" | "POST", url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload && { payload }) });
  const rows = async <T>(query: string) => ((await ctx.database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    ctx = await demoApp(backend, () => HALF_PAST_MIDNIGHT_BEIJING);
  });
  afterAll(() => ctx.close());

  it("takes a baby born today (Beijing) as born, not in the future", async () => {
    const county = json(await call("gz.county.coord", "GET", "/api/v1/me")).institutionId;
    const created = await call("gz.township.doctor", "POST", "/api/v1/referrals", {
      direction: "up",
      priority: "urgent",
      toInstitutionId: county,
      department: "儿科",
      patient: { name: "示例新生儿", sex: "female", birthDate: "2026-03-02", idNumber: idNumberFor("2026-03-02", "002") },
      reason: { icd10: "P22.9", text: "新生儿呼吸窘迫" },
      submit: true,
    });
    expect(created.statusCode, created.body).toBe(201);
  });

  it("enrols a register patient on the Beijing date", async () => {
    const enrolled = await call("gz.township.doctor", "POST", "/api/v1/htn/patients", {
      patient: { name: "示例患者零点", sex: "male", birthDate: "1960-04-01", idNumber: idNumberFor("1960-04-01", "771") },
      conditions: [],
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(json(enrolled).enrolledOn).toBe("2026-03-02");
  });

  it("lets the lead institution join a new alliance on the Beijing date", async () => {
    const [lead] = json(await call("gz.official", "GET", "/api/v1/institutions?regionCode=522622&pageSize=1")).items;
    const created = await call("gz.official", "POST", "/api/v1/alliances", { name: "示例零点联盟", kind: "specialty_alliance", leadInstitutionId: lead.id });
    expect(created.statusCode, created.body).toBe(201);
    expect(json(created).members[0].joinedOn).toBe("2026-03-02");
  });

  it("sets the follow-up of a patient sent back down 14 Beijing days ahead", async () => {
    const county = json(await call("gz.county.coord", "GET", "/api/v1/me")).institutionId;
    const up = json(
      await call("gz.township.doctor", "POST", "/api/v1/referrals", {
        direction: "up",
        priority: "routine",
        toInstitutionId: county,
        department: "心血管内科",
        patient: { name: "示例患者随访", sex: "male", birthDate: "1958-07-07", idNumber: idNumberFor("1958-07-07", "113") },
        reason: { icd10: "I10", text: "原发性高血压" },
        submit: true,
      }),
    );
    const slot = await call("gz.county.coord", "POST", "/api/v1/slots", { institutionId: county, department: "心血管内科", date: "2026-03-03", reserved: 2 });
    expect(slot.statusCode, slot.body).toBe(201);
    for (const action of ["accept", "schedule", "arrive"]) {
      const step = await call("gz.county.coord", "POST", `/api/v1/referrals/${up.id}/transitions`, {
        action,
        ...(action === "schedule" && { slotId: json(slot).id }),
      });
      expect(step.statusCode, step.body).toBe(200);
    }
    const done = await call("gz.county.coord", "POST", `/api/v1/referrals/${up.id}/transitions`, {
      action: "complete",
      downReferral: { summary: "出院小结：血压平稳，转回基层随访。" },
    });
    expect(done.statusCode, done.body).toBe(200);
    // The way back down: the township receives the patient (its own slot booking is another test's
    // matter, so the row is moved to "arrived" directly) and completes, which sets the follow-up.
    const [down] = await rows<{ id: string }>(`select id from referrals where parent_id = '${up.id}'`);
    await ctx.database.db.execute(sql.raw(`update referrals set status = 'arrived' where id = '${down?.id}'`));
    const completed = await call("gz.township.doctor", "POST", `/api/v1/referrals/${down?.id}/transitions`, { action: "complete" });
    expect(completed.statusCode, completed.body).toBe(200);
    const [followUp] = await rows<{ due: string }>(`select due_on::text as due from follow_ups where referral_id = '${down?.id}'`);
    expect(followUp?.due).toBe("2026-03-16");
  });
});
