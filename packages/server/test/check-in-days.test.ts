import { isWorkingDay } from "@medbridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

interface OwnDays {
  today: string;
  stationedToday: { institutionName: string; agreementCode: string } | null;
  days: { date: string; stationed: boolean; status: string; activities: string[]; reviewNote: string | null }[];
}

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** The check-in page's read: the stationed doctor's own today and last 14 days, nobody else's. */
describe.each(BACKENDS)("own check-in days on %s", (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await demoApp(backend);
  });
  afterAll(() => ctx.close());
  const mine = async (who: string) => ctx.app.inject({ url: "/api/v1/attendance/mine", headers: { cookie: await ctx.login(who) } });

  it("lists today first and the 13 days before it, with what became of each check-in", async () => {
    const answer = await mine("zj.stationed.doctor");
    expect(answer.statusCode).toBe(200);
    const own = json<OwnDays>(answer);
    const today = todayInChina();
    expect(dayNumber(own.today)).toBe(today);
    expect(own.days).toHaveLength(14);
    expect(own.days.map((d) => dayNumber(d.date))).toEqual(Array.from({ length: 14 }, (_, i) => today - i));
    // The demo doctor is stationed at the Huangping county hospital through the second half of the year,
    // with a confirmed check-in on every working day so far and none on weekends.
    expect(own.stationedToday).toMatchObject({ agreementCode: expect.stringMatching(/^ZJ-GZ-/) });
    for (const d of own.days.filter((x) => x.stationed && x.date < own.today)) {
      expect(d.status, d.date).toBe(isWorkingDay(dayNumber(d.date)) ? "confirmed" : "none");
      if (d.status === "confirmed") expect(d.activities.length).toBeGreaterThan(0);
    }
  });

  it("shows a new check-in as submitted, then as the recipient judged it", async () => {
    const doctor = await ctx.login("zj.stationed.doctor");
    const before = json<OwnDays>(await mine("zj.stationed.doctor"));
    const free = before.days.find((d) => d.stationed && d.status === "none");
    expect(free, "a stationed day without a check-in (a weekend or today)").toBeDefined();
    const date = free?.date as string;
    const saved = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/attendance",
      headers: { cookie: doctor },
      payload: { date, activities: ["clinic", "teaching"] },
    });
    expect(saved.statusCode).toBe(201);
    const submitted = json<OwnDays>(await mine("zj.stationed.doctor")).days.find((d) => d.date === date);
    expect(submitted).toMatchObject({ status: "submitted", activities: ["clinic", "teaching"], reviewNote: null });
    const review = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/attendance/${json(saved).id}/review`,
      headers: { cookie: await ctx.login("gz.county.coord") },
      payload: { decision: "disputed", note: "不在岗" },
    });
    expect(review.statusCode).toBe(204);
    expect(json<OwnDays>(await mine("zj.stationed.doctor")).days.find((d) => d.date === date)).toMatchObject({ status: "disputed", reviewNote: "不在岗" });
  });

  it("answers only a stationed practitioner, about themselves", async () => {
    for (const who of ["gz.township.doctor", "gz.county.coord", "gz.official"]) expect((await mine(who)).statusCode, who).toBe(403);
    // No parameter names another doctor: the query is refused, not obeyed.
    const other = await ctx.app.inject({ url: "/api/v1/attendance/mine?practitionerId=x", headers: { cookie: await ctx.login("zj.stationed.doctor") } });
    expect(other.statusCode).toBe(400);
    expect((await ctx.app.inject({ url: "/api/v1/attendance/mine" })).statusCode).toBe(401);
  });
});
