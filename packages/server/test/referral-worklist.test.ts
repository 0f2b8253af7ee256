import { FINISHED_STATUSES, OPEN_STATUSES } from "@medbridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { idNumberFor, upReferral } from "./helpers/referrals.ts";

interface Item {
  id: string;
  status: string;
  priority: string;
  slaDeadline: string | null;
  patient: { name: string; idNumber: string | null };
  booking: { kind: string; institutionName: string; unit: string; date: string } | null;
  downReferralId?: string | null;
  parentId: string | null;
  reason: { icd10: string; text: string };
}

describe.each(BACKENDS)("referral worklists, search, booking and partners on %s", (backend) => {
  let ctx: TestContext;
  const clock = new Date("2026-03-02T01:00:00Z");
  const day = (n: number) => new Date(clock.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  let county: string;
  let countyName: string;
  let yunnanCounty: string;
  const made: Record<string, string> = {};

  const call = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) }, ...(payload !== undefined && { payload: payload as object }) });
  const ok = async (who: string, method: "GET" | "POST", url: string, payload?: unknown) => {
    const response = await call(who, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return json(response);
  };
  const list = async (who: string, query: string): Promise<{ items: Item[]; total: number }> => ok(who, "GET", `/api/v1/referrals?pageSize=200&${query}`);
  const patient = (name: string, birth: string, serial: string) => ({ name, sex: "male", birthDate: birth, idNumber: idNumberFor(birth, serial) });

  beforeAll(async () => {
    ctx = await demoApp(backend, () => clock);
    const me = async (who: string) => ok(who, "GET", "/api/v1/me");
    const c = await me("gz.county.coord");
    county = c.institutionId;
    countyName = c.institutionName;
    yunnanCounty = (await ok("yn.township.doctor", "GET", "/api/v1/institutions/partners?purpose=referral")).items[0].id;
    const slot = async (date: string) =>
      (await ok("gz.county.coord", "POST", "/api/v1/slots", { institutionId: county, department: "心血管内科", date, reserved: 5 })).id as string;
    const later = await slot(day(5));
    const sooner = await slot(day(2));
    const refer = async (key: string, body: Record<string, unknown>, who = "gz.township.doctor") => {
      made[key] = (await ok(who, "POST", "/api/v1/referrals", body)).id;
    };
    await refer("routine", upReferral(county, { priority: "routine", patient: patient("检索甲", "1950-03-04", "111") }));
    await refer("green", upReferral(county, { priority: "green_channel", patient: patient("检索乙", "1951-03-04", "222") }));
    await refer("urgent", upReferral(county, { priority: "urgent", patient: patient("检索丙", "1952-03-04", "333") }));
    // Two booked with the referral, the later visit first; both accepted and scheduled.
    await refer("bookedLater", upReferral(county, { priority: "green_channel", slotId: later, patient: patient("预约丁", "1953-03-04", "444") }));
    await refer("bookedSooner", upReferral(county, { priority: "routine", slotId: sooner, patient: patient("预约戊", "1954-03-04", "555") }));
    for (const key of ["bookedLater", "bookedSooner"]) {
      await ok("gz.county.coord", "POST", `/api/v1/referrals/${made[key]}/transitions`, { action: "accept" });
      await ok("gz.county.coord", "POST", `/api/v1/referrals/${made[key]}/transitions`, { action: "schedule" });
    }
    await refer("draft", { ...upReferral(county, { patient: patient("草稿己", "1955-03-04", "666") }), submit: false });
    // The same name and ID tail at another institution: never found from Guizhou.
    await refer("yunnan", upReferral(yunnanCounty, { patient: patient("检索甲", "1950-03-04", "111") }), "yn.township.doctor");
  }, 600_000);
  afterAll(() => ctx?.close());

  it("incoming, needs action: what to answer first (green channel, then SLA), then accepted/scheduled by visit day; drafts and finished ones elsewhere", async () => {
    const { items } = await list("gz.county.coord", "role=incoming&view=action");
    expect(items.every((r) => OPEN_STATUSES.incoming.includes(r.status as never))).toBe(true);
    const rank = (s: string) => OPEN_STATUSES.incoming.indexOf(s as never);
    expect(items.map((r) => rank(r.status))).toEqual(items.map((r) => rank(r.status)).sort((a, b) => a - b));
    const submitted = items.filter((r) => r.status === "submitted");
    const prio = { green_channel: 0, urgent: 1, routine: 2 } as Record<string, number>;
    for (let i = 1; i < submitted.length; i++) {
      const [a, b] = [submitted[i - 1] as Item, submitted[i] as Item];
      expect(prio[a.priority] as number).toBeLessThanOrEqual(prio[b.priority] as number);
      if (a.priority === b.priority) expect(Date.parse(a.slaDeadline as string)).toBeLessThanOrEqual(Date.parse(b.slaDeadline as string));
    }
    expect(submitted[0]?.priority).toBe("green_channel");
    const ids = items.map((r) => r.id);
    expect(ids.indexOf(made.green as string)).toBeLessThan(ids.indexOf(made.urgent as string));
    expect(ids.indexOf(made.urgent as string)).toBeLessThan(ids.indexOf(made.routine as string));
    // Scheduled: the sooner visit first although the later one is green channel.
    expect(ids.indexOf(made.bookedSooner as string)).toBeLessThan(ids.indexOf(made.bookedLater as string));
    expect(ids.indexOf(made.routine as string)).toBeLessThan(ids.indexOf(made.bookedSooner as string));
    expect(ids).not.toContain(made.draft);

    const finished = await list("gz.county.coord", "role=incoming&view=finished");
    expect(finished.items.length).toBeGreaterThan(0);
    expect(finished.items.every((r) => FINISHED_STATUSES.includes(r.status as never))).toBe(true);
    // All (the API's default): the open ones first, then the finished.
    const all = await list("gz.county.coord", "role=incoming");
    expect(all.total).toBe(items.length + finished.total);
    expect(all.items.slice(0, items.length).map((r) => r.id)).toEqual(ids);
  });

  it("pages of 3 hold the same list as one page, across the parts of each side's worklist (open statuses, then finished)", async () => {
    for (const [who, query] of [
      ["gz.county.coord", "role=incoming"],
      ["gz.township.doctor", "role=outgoing"],
    ] as const) {
      const whole = await list(who, query);
      expect(new Set(whole.items.map((r) => r.status)).size).toBeGreaterThan(2);
      const paged: string[] = [];
      for (let page = 1; page <= Math.ceil(whole.total / 3) + 1; page++) {
        const part: { items: Item[]; total: number } = await ok(who, "GET", `/api/v1/referrals?${query}&pageSize=3&page=${page}`);
        expect(part.total).toBe(whole.total);
        expect(part.items.length).toBe(Math.max(0, Math.min(3, whole.total - (page - 1) * 3)));
        paged.push(...part.items.map((r) => r.id));
      }
      expect(paged).toEqual(whole.items.map((r) => r.id));
    }
  });

  it("outgoing, needs action: the draft to send first, then what waits on the other side", async () => {
    const { items } = await list("gz.township.doctor", "role=outgoing&view=action");
    expect(items[0]?.id).toBe(made.draft);
    expect(items.every((r) => OPEN_STATUSES.outgoing.includes(r.status as never))).toBe(true);
    const statuses = items.map((r) => r.status);
    expect(statuses.indexOf("scheduled")).toBeGreaterThan(statuses.lastIndexOf("submitted"));
  });

  it("shows the booked slot on both worklists and the detail for both sides", async () => {
    const expected = { kind: "slot", institutionName: countyName, unit: "心血管内科", date: day(2) };
    const incoming = (await list("gz.county.coord", "role=incoming&view=action")).items.find((r) => r.id === made.bookedSooner);
    expect(incoming?.booking).toEqual(expected);
    const outgoing = (await list("gz.township.doctor", "role=outgoing&view=action")).items.find((r) => r.id === made.bookedSooner);
    expect(outgoing?.booking).toEqual(expected);
    for (const who of ["gz.county.coord", "gz.township.doctor"]) {
      expect((await ok(who, "GET", `/api/v1/referrals/${made.bookedSooner}`)).booking).toEqual(expected);
    }
    expect((await ok("gz.county.coord", "GET", `/api/v1/referrals/${made.routine}`)).booking).toBeNull();
  });

  it("finds a patient by name or ID tail within the caller's own worklist only", async () => {
    const names = async (who: string, query: string) => (await list(who, query)).items.map((r) => r.patient.name);
    expect(await names("gz.county.coord", `role=incoming&q=${encodeURIComponent("检索")}`)).toEqual(["检索乙", "检索丙", "检索甲"]);
    // Another institution's referral with the same name and number never matches.
    const found = await list("gz.township.doctor", `role=outgoing&q=${encodeURIComponent("检索甲")}`);
    expect(found.items.map((r) => r.id)).toEqual([made.routine]);
    const tail4 = idNumberFor("1950-03-04", "111").slice(-4);
    const byTail = await list("gz.township.doctor", `role=outgoing&q=${tail4}`);
    expect(byTail.items.map((r) => r.id)).toEqual([made.routine]);
    // The same last two characters but another third: not a match.
    const other = `${(Number(tail4[1]) + 1) % 10}`;
    const wrong = `${tail4[0]}${other}${tail4.slice(2)}`;
    expect((await list("gz.township.doctor", `role=outgoing&q=${wrong}`)).items.map((r) => r.id)).not.toContain(made.routine);
    expect((await list("yn.township.doctor", `role=outgoing&q=${tail4}`)).items.map((r) => r.id)).toEqual([made.yunnan]);
    // A coordinator sees masked numbers: searches by the last two, not four.
    const coord = await call("gz.county.coord", "GET", `/api/v1/referrals?role=incoming&q=${tail4}`);
    expect(coord.statusCode).toBe(400);
    expect(json(coord).errors[0]).toMatchObject({ path: "q", code: "too_long", params: { limit: 2 } });
    const byMask = await list("gz.county.coord", `role=incoming&q=${tail4.slice(2)}`);
    expect(byMask.items.map((r) => r.id)).toContain(made.routine);
    expect(byMask.items.every((r) => r.patient.idNumber?.endsWith(tail4.slice(2)))).toBe(true);
    // A whole number is refused: it belongs in the patient index's POST lookup, not a query string.
    const whole = await call("gz.township.doctor", "GET", `/api/v1/referrals?role=outgoing&q=${idNumberFor("1950-03-04", "111")}`);
    expect(whole.statusCode).toBe(400);
    expect(json(whole).errors[0]).toMatchObject({ path: "q", code: "too_long" });
  });

  it("links an up-referral and its down-referral, whose reason is the discharge summary", async () => {
    const id = made.bookedSooner as string;
    await ok("gz.county.coord", "POST", `/api/v1/referrals/${id}/transitions`, { action: "arrive" });
    const summary = "出院小结：血压 132/84 mmHg，氨氯地平 5 mg 每日一次，两周后社区复诊。";
    await ok("gz.county.coord", "POST", `/api/v1/referrals/${id}/transitions`, { action: "complete", downReferral: { summary } });
    const up: Item = await ok("gz.township.doctor", "GET", `/api/v1/referrals/${id}`);
    expect(up.downReferralId).toEqual(expect.any(String));
    const down: Item = await ok("gz.township.doctor", "GET", `/api/v1/referrals/${up.downReferralId}`);
    expect(down.parentId).toBe(id);
    expect(down.reason).toEqual({ icd10: "I10", text: summary });
    expect(down.downReferralId).toBeNull();
  });

  it("suggests partners first, at the right level of care", async () => {
    const township = (await ok("gz.township.doctor", "GET", "/api/v1/institutions/partners?purpose=referral")).items;
    expect(township[0]).toMatchObject({ id: county, reason: expect.stringMatching(/^(agreement|alliance|county_hospital)$/) });
    expect(township.every((p: { kind: string }) => p.kind !== "township_health_center")).toBe(true);
    // The county hospital asks its paired supporter (an agreement) for a consultation.
    const supporter = (await ok("gz.county.coord", "GET", "/api/v1/institutions/partners?purpose=telemedicine")).items;
    expect(supporter[0]).toMatchObject({ reason: "agreement", kind: "tertiary_hospital" });
    // Down from the county hospital: lower levels only, the township among them.
    const township2 = (await ok("gz.county.coord", "GET", "/api/v1/institutions/partners?purpose=referral&direction=down")).items;
    expect(township2.length).toBeGreaterThan(0);
    expect(township2.every((p: { kind: string }) => ["township_health_center", "community_health_center", "village_clinic"].includes(p.kind))).toBe(true);
    // The patient's home county's county hospital, for a patient from elsewhere.
    const elsewhere = (await ok("yn.township.doctor", "GET", "/api/v1/institutions/partners?purpose=referral&county=522622")).items;
    expect(elsewhere.map((p: { id: string; reason: string }) => [p.id, p.reason])).toContainEqual([county, "county_hospital"]);
  });
});
