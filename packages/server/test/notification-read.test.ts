import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { referUp } from "./helpers/referrals.ts";

describe.each(BACKENDS)("marking notifications read on %s", (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await demoApp(backend);
  });
  afterAll(() => ctx.close());

  const call = async (who: string, method: "GET" | "POST", url: string) => ctx.app.inject({ method, url, headers: { cookie: await ctx.login(who) } });

  it("answers 404 for another institution's notification (and leaves it unread), 204 for one's own", async () => {
    // A submitted referral tells the county hospital.
    const county = json(await call("gz.county.coord", "GET", "/api/v1/me")).institutionId;
    const created = await referUp(ctx, county);
    expect(created.statusCode, created.body).toBe(201);
    const inbox = json(await call("gz.county.coord", "GET", "/api/v1/notifications?unread=true"));
    const note = inbox.items[0] as { id: string };
    expect(note).toBeDefined();
    for (const who of ["zj.city.coord", "gz.township.doctor", "gz.official"]) {
      const response = await call(who, "POST", `/api/v1/notifications/${note.id}/read`);
      expect(response.statusCode, who).toBe(404);
      expect(response.headers["content-type"]).toMatch(/problem\+json/);
    }
    expect((await call("gz.county.coord", "POST", `/api/v1/notifications/${randomUUID()}/read`)).statusCode).toBe(404);
    expect(json(await call("gz.county.coord", "GET", "/api/v1/notifications?unread=true")).unread).toBe(inbox.unread);

    expect((await call("gz.county.coord", "POST", `/api/v1/notifications/${note.id}/read`)).statusCode).toBe(204);
    // Marking it again is harmless.
    expect((await call("gz.county.coord", "POST", `/api/v1/notifications/${note.id}/read`)).statusCode).toBe(204);
    expect(json(await call("gz.county.coord", "GET", "/api/v1/notifications?unread=true")).unread).toBe(inbox.unread - 1);
  });
});
