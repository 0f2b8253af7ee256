import { and, eq, gte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, capabilityNeeds, staffPlanning, supportCapacity } from "../src/db/schema.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/**
 * The planners' inputs over HTTP (issue 17): planning profiles, capability needs, support capacity
 * and province pairings. Round trips, the defaults when nothing is stored, each validation rule
 * answering 400 with the field named and nothing changed, and who may read and write them.
 */
describe.each(BACKENDS)("planning inputs on %s", (backend) => {
  let ctx: TestContext;
  /** Ids from the demo world: the Guizhou county hospital (recipient), the Hangzhou supporter, the Yunnan township. */
  let county: string;
  let supporter: string;
  let yunnan: string;
  /** A physician registered at the supporter by the test (so no seeded profile exists). */
  let physician: string;
  /** A nurse at the county hospital. */
  let nurse: string;

  const call = async (who: string, method: "GET" | "PUT" | "POST", url: string, payload?: object) => {
    const response = await ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await ctx.login(who) },
      ...(payload !== undefined && { payload }),
    });
    return { status: response.statusCode, body: json(response) };
  };
  /** The fields a 400 names, with their codes. */
  const fields = (body: { errors: { path: string; code: string }[] }) => body.errors.map(({ path, code }) => ({ path, code }));

  beforeAll(async () => {
    ctx = await demoApp(backend);
    const users = (await call("admin", "GET", "/users?pageSize=50")).body.items as { username: string; institutionId: string }[];
    const institutionOf = (name: string) => users.find((u) => u.username === name)?.institutionId as string;
    county = institutionOf("gz.county.coord");
    supporter = institutionOf("zj.city.coord");
    yunnan = institutionOf("yn.township.doctor");
    physician = (
      await call("admin", "POST", "/practitioners", {
        name: "示例规划医生",
        profession: "physician",
        title: "attending",
        specialty: "心血管内科",
        institutionId: supporter,
      })
    ).body.id;
    nurse = (await call("admin", "POST", "/practitioners", { name: "示例规划护士", profession: "nurse", title: "resident", institutionId: county })).body.id;
  });
  afterAll(() => ctx.close());

  describe("planning profiles", () => {
    const profile = {
      department: "心内一科",
      roles: ["discipline_leader", "clinical"],
      earliestStart: "2027-03-01",
      unavailable: [
        { start: "2027-09-01", end: "2027-09-30" },
        { start: "2027-05-01", end: "2027-05-01", reason: "进修结业" },
        // Touches the period before it (03-31 / 04-01): allowed.
        { start: "2027-04-01", end: "2027-04-30" },
        { start: "2027-03-01", end: "2027-03-31" },
      ],
    };

    it("answers the defaults (roles from the profession, department = specialty) when nothing is stored", async () => {
      const { status, body } = await call("zj.city.coord", "GET", `/practitioners/${physician}/planning`);
      expect(status).toBe(200);
      expect(body).toEqual({
        practitionerId: physician,
        department: "心血管内科",
        roles: ["clinical"],
        earliestStart: null,
        unavailable: [],
        stored: false,
        defaults: { department: "心血管内科", roles: ["clinical"] },
        updatedAt: null,
      });
      const none = await call("gz.county.coord", "GET", `/practitioners/${nurse}/planning`);
      expect(none.body).toMatchObject({ department: "general", roles: ["nursing"], stored: false });
    });

    it("stores a profile and reads it back, periods in start order, audited without the reasons", async () => {
      const put = await call("zj.city.coord", "PUT", `/practitioners/${physician}/planning`, profile);
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        department: "心内一科",
        roles: ["discipline_leader", "clinical"],
        earliestStart: "2027-03-01",
        unavailable: [
          { start: "2027-03-01", end: "2027-03-31" },
          { start: "2027-04-01", end: "2027-04-30" },
          { start: "2027-05-01", end: "2027-05-01", reason: "进修结业" },
          { start: "2027-09-01", end: "2027-09-30" },
        ],
        stored: true,
        defaults: { department: "心血管内科", roles: ["clinical"] },
      });
      expect((await call("zj.city.coord", "GET", `/practitioners/${physician}/planning`)).body).toEqual(put.body);
      const [row] = await ctx.database.db.select().from(staffPlanning).where(eq(staffPlanning.practitionerId, physician));
      expect(row?.provinceCode).toBe("330000");
      const entries = await ctx.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "staff_planning"), eq(auditLog.entityId, physician)));
      expect(entries).toHaveLength(1);
      expect(entries[0]?.action).toBe("create");
      expect(JSON.stringify(entries[0]?.after)).not.toContain("进修");
      expect(JSON.stringify(entries[0]?.after)).not.toContain("示例规划医生");
      // A department back to null means the default again; the roles stay as given.
      const cleared = await call("zj.city.coord", "PUT", `/practitioners/${physician}/planning`, { department: null, roles: ["clinical"] });
      expect(cleared.body).toMatchObject({ department: null, roles: ["clinical"], earliestStart: null, unavailable: [], stored: true });
      await call("zj.city.coord", "PUT", `/practitioners/${physician}/planning`, profile);
    });

    const bad: [string, Record<string, unknown>, { path: string; code: string }[]][] = [
      ["an unknown role", { roles: ["clinical", "surgeon"] }, [{ path: "roles[1]", code: "enum" }]],
      ["a role twice", { roles: ["clinical", "nursing", "clinical"] }, [{ path: "roles[2]", code: "not_unique" }]],
      ["no role", { roles: [] }, [{ path: "roles", code: "too_few" }]],
      ["six roles", { roles: ["management", "clinical", "discipline_leader", "nursing", "technician", "clinical"] }, [{ path: "roles", code: "too_many" }]],
      [
        "a date that does not exist",
        { earliestStart: "2027-02-29" },
        // A date or null: the schema says which branch failed (not a date) and that neither matched.
        [
          { path: "earliestStart", code: "format" },
          { path: "earliestStart", code: "type" },
        ],
      ],
      [
        "a period's date that does not exist",
        { unavailable: [{ start: "2027-04-31", end: "2027-05-02" }] },
        [{ path: "unavailable[0].start", code: "format" }],
      ],
      [
        "a start after the end",
        {
          unavailable: [
            { start: "2027-01-01", end: "2027-01-02" },
            { start: "2027-02-01", end: "2027-02-02" },
            { start: "2027-03-10", end: "2027-03-09" },
          ],
        },
        [{ path: "unavailable[2].end", code: "before" }],
      ],
      [
        "overlapping periods (sharing a day)",
        {
          unavailable: [
            { start: "2027-01-01", end: "2027-01-31" },
            { start: "2027-03-01", end: "2027-03-05" },
            { start: "2027-06-01", end: "2027-06-30" },
            { start: "2027-01-31", end: "2027-02-10" },
          ],
        },
        [{ path: "unavailable[3]", code: "overlap" }],
      ],
      [
        "51 periods",
        { unavailable: Array.from({ length: 51 }, (_, i) => ({ start: `2027-01-${String((i % 28) + 1).padStart(2, "0")}`, end: "2027-01-28" })) },
        [{ path: "unavailable", code: "too_many" }],
      ],
      [
        "a reason over 200 characters",
        { unavailable: [{ start: "2027-01-01", end: "2027-01-02", reason: "假".repeat(201) }] },
        [{ path: "unavailable[0].reason", code: "too_long" }],
      ],
      ["a NUL in the department", { department: "心内\u0000科" }, [{ path: "department", code: "unstorable_text" }]],
      ["an unknown field", { name: "x" }, [{ path: "name", code: "unknown_field" }]],
    ];
    it.each(bad)("refuses %s with 400 naming the field, and changes nothing", async (_, change, expected) => {
      const before = await ctx.database.db.select().from(staffPlanning).where(eq(staffPlanning.practitionerId, physician));
      const { status, body } = await call("zj.city.coord", "PUT", `/practitioners/${physician}/planning`, { ...profile, ...change });
      expect(status).toBe(400);
      expect(fields(body)).toEqual(expected);
      expect(await ctx.database.db.select().from(staffPlanning).where(eq(staffPlanning.practitionerId, physician))).toEqual(before);
    });

    it("is read and written by the practitioner's institution and officials over it, no one else", async () => {
      const body = { roles: ["nursing"] };
      // The supporter's coordinator, a clinician, the Guizhou official outside Zhejiang.
      expect((await call("gz.county.coord", "GET", `/practitioners/${physician}/planning`)).status).toBe(404);
      expect((await call("gz.county.coord", "PUT", `/practitioners/${physician}/planning`, body)).status).toBe(403);
      expect((await call("gz.official", "GET", `/practitioners/${physician}/planning`)).status).toBe(404);
      expect((await call("gz.official", "PUT", `/practitioners/${physician}/planning`, body)).status).toBe(403);
      expect((await call("gz.township.doctor", "PUT", `/practitioners/${nurse}/planning`, body)).status).toBe(403);
      expect((await call("zj.stationed.doctor", "PUT", `/practitioners/${physician}/planning`, body)).status).toBe(403);
      // A colleague at the same institution reads it (practitioner data of their own institution),
      // but not why someone cannot go: the reasons are for those who may edit the profile.
      await call("zj.city.coord", "PUT", `/practitioners/${physician}/planning`, profile);
      const colleague = await call("zj.stationed.doctor", "GET", `/practitioners/${physician}/planning`);
      expect(colleague.status).toBe(200);
      expect(colleague.body.unavailable).toHaveLength(4);
      expect(JSON.stringify(colleague.body)).not.toContain("进修结业");
      expect(JSON.stringify((await call("zj.city.coord", "GET", `/practitioners/${physician}/planning`)).body)).toContain("进修结业");
      expect((await call("gz.official", "PUT", `/practitioners/${nurse}/planning`, body)).status).toBe(200);
      expect((await call("admin", "PUT", `/practitioners/${physician}/planning`, profile)).status).toBe(200);
      expect((await call("admin", "GET", "/practitioners/00000000-0000-4000-8000-000000000000/planning")).status).toBe(404);
    });
  });

  describe("capability needs", () => {
    const needs = [
      { specialty: "心血管内科", source: "assessment" },
      { specialty: "心血管内科", source: "technique_request", technique: "冠脉介入" },
      { specialty: "儿科", source: "assessment" },
    ];

    it("answers an empty year, replaces the year's set and reads it back", async () => {
      expect((await call("gz.county.coord", "GET", `/institutions/${county}/capability-needs?year=2031`)).body).toEqual({
        institutionId: county,
        year: 2031,
        needs: [],
      });
      const put = await call("gz.county.coord", "PUT", `/institutions/${county}/capability-needs`, { year: 2031, needs });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        institutionId: county,
        year: 2031,
        needs: [
          { specialty: "儿科", source: "assessment", technique: null },
          { specialty: "心血管内科", source: "assessment", technique: null },
          { specialty: "心血管内科", source: "technique_request", technique: "冠脉介入" },
        ],
      });
      // Another year is its own set; replacing keeps nothing of the old one.
      await call("gz.official", "PUT", `/institutions/${county}/capability-needs`, { year: 2032, needs: [{ specialty: "麻醉", source: "assessment" }] });
      const replaced = await call("gz.county.coord", "PUT", `/institutions/${county}/capability-needs`, { year: 2031, needs: [needs[2]] });
      expect(replaced.body.needs).toEqual([{ specialty: "儿科", source: "assessment", technique: null }]);
      expect((await call("gz.official", "GET", `/institutions/${county}/capability-needs?year=2032`)).body.needs).toEqual([
        { specialty: "麻醉", source: "assessment", technique: null },
      ]);
      // The demo seeds needs for this year and the next; 2031 and 2032 are the test's own.
      const rows = await ctx.database.db
        .select()
        .from(capabilityNeeds)
        .where(and(eq(capabilityNeeds.institutionId, county), gte(capabilityNeeds.year, 2031)));
      expect(rows.map((r) => [r.year, r.specialty, r.provinceCode]).sort()).toEqual([
        [2031, "儿科", "520000"],
        [2032, "麻醉", "520000"],
      ]);
    });

    const bad: [string, unknown[], { path: string; code: string }[]][] = [
      ["an empty specialty", [{ specialty: "", source: "assessment" }], [{ path: "needs[0].specialty", code: "too_short" }]],
      ["a specialty over 40 characters", [{ specialty: "科".repeat(41), source: "assessment" }], [{ path: "needs[0].specialty", code: "too_long" }]],
      ["an unknown source", [{ specialty: "儿科", source: "wish" }], [{ path: "needs[0].source", code: "enum" }]],
      ["a technique request without its technique", [{ specialty: "儿科", source: "technique_request" }], [{ path: "needs[0].technique", code: "required" }]],
      [
        "a technique on an assessment need",
        [{ specialty: "儿科", source: "assessment", technique: "x" }],
        [{ path: "needs[0].technique", code: "not_allowed" }],
      ],
      [
        "a need twice",
        [
          { specialty: "儿科", source: "assessment" },
          { specialty: "儿科 ", source: "assessment" },
        ],
        [{ path: "needs[1].specialty", code: "not_unique" }],
      ],
      ["61 needs", Array.from({ length: 61 }, (_, i) => ({ specialty: `专科${i}`, source: "assessment" })), [{ path: "needs", code: "too_many" }]],
    ];
    it.each(bad)("refuses %s with 400 naming the field, and changes nothing", async (_, list, expected) => {
      const { status, body } = await call("gz.county.coord", "PUT", `/institutions/${county}/capability-needs`, { year: 2031, needs: list });
      expect(status).toBe(400);
      expect(fields(body)).toEqual(expected);
      expect((await call("gz.county.coord", "GET", `/institutions/${county}/capability-needs?year=2031`)).body.needs).toEqual([
        { specialty: "儿科", source: "assessment", technique: null },
      ]);
    });

    it("is written by the recipient's coordinator and officials over it, read like its assessment", async () => {
      const body = { year: 2031, needs: [] };
      expect((await call("zj.city.coord", "PUT", `/institutions/${county}/capability-needs`, body)).status).toBe(403);
      expect((await call("gz.township.doctor", "PUT", `/institutions/${county}/capability-needs`, body)).status).toBe(403);
      expect((await call("gz.official", "PUT", `/institutions/${yunnan}/capability-needs`, body)).status).toBe(403);
      expect((await call("zj.city.coord", "GET", `/institutions/${county}/capability-needs?year=2031`)).status).toBe(404);
      expect((await call("zj.stationed.doctor", "GET", `/institutions/${county}/capability-needs?year=2031`)).status).toBe(404);
      expect((await call("gz.official", "GET", `/institutions/${yunnan}/capability-needs`)).status).toBe(404);
      expect((await call("gz.county.coord", "GET", `/institutions/${county}/capability-needs?year=1999`)).status).toBe(400);
    });
  });

  describe("support capacity", () => {
    it("answers no capacity when nothing is stored, then what was set", async () => {
      expect((await call("zj.city.coord", "GET", `/institutions/${yunnan}/support-capacity`)).body).toEqual({
        institutionId: yunnan,
        maxRecipients: 0,
        staffBySpecialty: {},
        stored: false,
      });
      const put = await call("zj.city.coord", "PUT", `/institutions/${supporter}/support-capacity`, {
        maxRecipients: 4,
        staffBySpecialty: { 心血管内科: 3, " 儿科": 0 },
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ institutionId: supporter, maxRecipients: 4, staffBySpecialty: { 心血管内科: 3, 儿科: 0 }, stored: true });
      // Anyone signed in reads it (registry data).
      expect((await call("gz.township.doctor", "GET", `/institutions/${supporter}/support-capacity`)).body).toEqual(put.body);
      const [row] = await ctx.database.db.select().from(supportCapacity).where(eq(supportCapacity.institutionId, supporter));
      expect(row?.provinceCode).toBe("330000");
    });

    const bad: [string, Record<string, unknown>, { path: string; code: string }[]][] = [
      ["a negative staff count", { maxRecipients: 4, staffBySpecialty: { 心血管内科: -1 } }, [{ path: "staffBySpecialty.心血管内科", code: "too_small" }]],
      ["over 500 staff", { maxRecipients: 4, staffBySpecialty: { 骨科: 501 } }, [{ path: "staffBySpecialty.骨科", code: "too_large" }]],
      ["a negative recipient count", { maxRecipients: -1 }, [{ path: "maxRecipients", code: "too_small" }]],
      ["over 200 recipients", { maxRecipients: 201 }, [{ path: "maxRecipients", code: "too_large" }]],
      [
        "a specialty over 40 characters",
        { maxRecipients: 1, staffBySpecialty: { ["科".repeat(41)]: 1 } },
        [{ path: `staffBySpecialty.${"科".repeat(41)}`, code: "too_long" }],
      ],
    ];
    it.each(bad)("refuses %s with 400 naming the field, and changes nothing", async (_, body, expected) => {
      const response = await call("zj.city.coord", "PUT", `/institutions/${supporter}/support-capacity`, body);
      expect(response.status).toBe(400);
      expect(fields(response.body)).toEqual(expected);
      expect((await call("zj.city.coord", "GET", `/institutions/${supporter}/support-capacity`)).body.maxRecipients).toBe(4);
    });

    it("is written by the supporter's coordinator and officials over it", async () => {
      const body = { maxRecipients: 1 };
      expect((await call("gz.county.coord", "PUT", `/institutions/${supporter}/support-capacity`, body)).status).toBe(403);
      expect((await call("gz.official", "PUT", `/institutions/${supporter}/support-capacity`, body)).status).toBe(403);
      expect((await call("zj.stationed.doctor", "PUT", `/institutions/${supporter}/support-capacity`, body)).status).toBe(403);
      expect((await call("zj.city.coord", "GET", `/institutions/${supporter}/support-capacity`)).body.maxRecipients).toBe(4);
    });
  });

  describe("province pairings", () => {
    it("are set by the national admin and read by whoever may plan", async () => {
      const pairings = [
        { supporterProvince: "330000", recipientProvince: "520000" },
        { supporterProvince: "440000", recipientProvince: "520000" },
      ];
      const put = await call("admin", "PUT", "/province-pairings", { pairings });
      expect(put.status).toBe(200);
      expect(put.body.pairings).toEqual([
        { supporterProvince: "330000", recipientProvince: "520000", supporterName: "浙江省", recipientName: "贵州省" },
        { supporterProvince: "440000", recipientProvince: "520000", supporterName: "广东省", recipientName: "贵州省" },
      ]);
      expect((await call("gz.official", "GET", "/province-pairings")).body).toEqual(put.body);
      expect((await call("zj.city.coord", "GET", "/province-pairings")).status).toBe(200);
      expect((await call("gz.township.doctor", "GET", "/province-pairings")).status).toBe(403);
      expect((await call("gz.official", "PUT", "/province-pairings", { pairings: [] })).status).toBe(403);
      expect((await call("zj.city.coord", "PUT", "/province-pairings", { pairings: [] })).status).toBe(403);
      expect((await call("admin", "GET", "/province-pairings")).body).toEqual(put.body);
    });

    it("refuses cities, a province with itself, a pair twice and unknown provinces, changing nothing", async () => {
      const response = await call("admin", "PUT", "/province-pairings", {
        pairings: [
          { supporterProvince: "330100", recipientProvince: "520000" },
          { supporterProvince: "520000", recipientProvince: "520000" },
          { supporterProvince: "330000", recipientProvince: "520000" },
          { supporterProvince: "330000", recipientProvince: "520000" },
        ],
      });
      expect(response.status).toBe(400);
      expect(fields(response.body)).toEqual([{ path: "pairings[0].supporterProvince", code: "pattern" }]);
      const semantic = await call("admin", "PUT", "/province-pairings", {
        pairings: [
          { supporterProvince: "520000", recipientProvince: "520000" },
          { supporterProvince: "330000", recipientProvince: "520000" },
          { supporterProvince: "330000", recipientProvince: "520000" },
        ],
      });
      expect(fields(semantic.body)).toEqual([
        { path: "pairings[0].recipientProvince", code: "same_as" },
        { path: "pairings[2]", code: "duplicate" },
      ]);
      const unknown = await call("admin", "PUT", "/province-pairings", { pairings: [{ supporterProvince: "330000", recipientProvince: "990000" }] });
      expect(fields(unknown.body)).toEqual([{ path: "pairings[0].recipientProvince", code: "not_found" }]);
      expect((await call("admin", "GET", "/province-pairings")).body.pairings).toHaveLength(2);
    });
  });
});
