import { RULE_NAMES } from "@medbridge/core";
import ExcelJS from "exceljs";
import { PDFDocument } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../src/clock.ts";
import { CjkText } from "../src/pdf/cjk-text.ts";
import { demoYears } from "../src/seed/demo-plan.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { pdfText } from "./helpers/pdf-text.ts";

/** Y2 is this year: agreements judged as of today fail or are at risk (plans still ahead). */
const [, Y1, Y2] = demoYears(todayInChina());

interface Row {
  agreement: {
    id: string;
    code: string;
    packId: string;
    regionCode: string;
    recipient: { name: string };
    supporters: { id: string; name: string; regionCode: string }[];
  };
  report: { status: "pass" | "fail" | "at_risk"; rules: { id: string; status: string }[] };
}
interface Board {
  regionName: string;
  totals: { pass: number; fail: number; at_risk: number; flagged: number; flags: Record<string, number> };
  total: number;
  page: number;
  pageSize: number;
  items: Row[];
  supporters: { id: string; name: string }[];
  packs: { id: string; zh: string; en: string }[];
}

describe.each(BACKENDS)("compliance board filters, exports and the region report on %s", (backend) => {
  let ctx: TestContext;
  let yunnanCode: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    // A Yunnan pairing by the national admin: a Guizhou official must get nothing of it.
    const admin = { cookie: await ctx.login("admin") };
    const find = async (url: string) => json(await ctx.app.inject({ url, headers: admin })).items[0];
    const yunnanHospital = await find("/api/v1/institutions?regionCode=530000&kind=county_hospital");
    const beijing = await find(`/api/v1/institutions?q=${encodeURIComponent("示例北京市儿童示范医院")}&kind=tertiary_hospital`);
    yunnanCode = "BJ-YN-2026-009";
    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/agreements",
      headers: admin,
      payload: {
        code: yunnanCode,
        supporterIds: [beijing.id],
        recipientId: yunnanHospital.id,
        packId: "city_tertiary_to_county",
        mode: "one_to_one",
        startsOn: `${Y1}-01-01`,
        endsOn: `${Y2 + 1}-12-31`,
      },
    });
    expect(created.statusCode).toBe(201);
  });
  afterAll(() => ctx.close());

  const get = async (url: string, who = "gz.official") => ctx.app.inject({ url, headers: { cookie: await ctx.login(who) } });
  const board = async (query: string, who = "gz.official") => {
    const response = await get(`/api/v1/compliance?year=${Y2}&${query}`, who);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return json<Board>(response);
  };

  it("pages on the server: failing first, the pages add up to the whole board, the tiles count every status", async () => {
    const all = await board("pageSize=200");
    expect(all.regionName).toBe("贵州省");
    expect(all.total).toBeGreaterThan(20);
    expect(all.totals.pass + all.totals.fail + all.totals.at_risk).toBe(all.total);
    expect(all.totals.fail).toBeGreaterThan(0);
    expect(all.totals.at_risk).toBeGreaterThan(0);
    const order = { fail: 0, at_risk: 1, pass: 2 };
    const ranks = all.items.map((r) => order[r.report.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const first = await board("pageSize=10&page=1");
    const second = await board("pageSize=10&page=2");
    const last = await board(`pageSize=10&page=${Math.ceil(all.total / 10)}`);
    expect([first.items.length, second.items.length]).toEqual([10, 10]);
    expect(first.total).toBe(all.total);
    expect(last.items.length).toBe(all.total - 10 * (Math.ceil(all.total / 10) - 1));
    expect([...first.items, ...second.items].map((r) => r.agreement.id)).toEqual(all.items.slice(0, 20).map((r) => r.agreement.id));
  });

  it("filters by status (the tiles keep counting the other statuses), supporter, pack, prefecture and search", async () => {
    const all = await board("pageSize=200");
    for (const status of ["fail", "at_risk"] as const) {
      const only = await board(`status=${status}&pageSize=200`);
      expect(only.total).toBe(all.totals[status]);
      expect(only.items.every((r) => r.report.status === status)).toBe(true);
      expect(only.totals).toEqual(all.totals);
    }
    // A supporter: only agreements it is party to, and the tiles count those.
    const supporter = all.supporters.find((s) => all.items.filter((r) => r.agreement.supporters.some((x) => x.id === s.id)).length >= 2) as { id: string };
    const bySupporter = await board(`supporterId=${supporter.id}&pageSize=200`);
    const expected = all.items.filter((r) => r.agreement.supporters.some((s) => s.id === supporter.id));
    expect(bySupporter.items.map((r) => r.agreement.id).sort()).toEqual(expected.map((r) => r.agreement.id).sort());
    expect(bySupporter.totals.fail + bySupporter.totals.at_risk + bySupporter.totals.pass).toBe(expected.length);
    // A pack, by its id, named in both languages among the choices.
    expect(all.packs.find((p) => p.id === "county_to_township")).toEqual({ id: "county_to_township", zh: "县级医院支援乡镇卫生院", en: expect.any(String) });
    const byPack = await board("packId=county_to_township&pageSize=200");
    expect(byPack.total).toBe(all.items.filter((r) => r.agreement.packId === "county_to_township").length);
    expect(byPack.total).toBeGreaterThan(0);
    expect(byPack.items.every((r) => r.agreement.packId === "county_to_township")).toBe(true);
    // A prefecture: 黔东南 (5226) holds the demo county's agreements.
    const prefecture = await board("regionCode=522600&pageSize=200");
    expect(prefecture.regionName).toBe("黔东南苗族侗族自治州");
    expect(prefecture.total).toBeGreaterThan(0);
    expect(prefecture.total).toBeLessThan(all.total);
    expect(
      prefecture.items.every((r) => r.agreement.regionCode.startsWith("5226") || r.agreement.supporters.some((s) => s.regionCode.startsWith("5226"))),
    ).toBe(true);
    // Search: an agreement code's part, a recipient's name, a supporter's name.
    const target = all.items.find((r) => r.report.status === "fail") as Row;
    expect((await board(`q=${encodeURIComponent(target.agreement.code.toLowerCase())}`)).items.map((r) => r.agreement.id)).toEqual([target.agreement.id]);
    const byRecipient = await board(`q=${encodeURIComponent(target.agreement.recipient.name)}&pageSize=200`);
    expect(byRecipient.items.map((r) => r.agreement.id)).toContain(target.agreement.id);
    expect(byRecipient.items.every((r) => r.agreement.recipient.name.includes(target.agreement.recipient.name))).toBe(true);
    const supporterName = target.agreement.supporters[0]?.name as string;
    const bySupporterName = await board(`q=${encodeURIComponent(supporterName)}&pageSize=200`);
    expect(bySupporterName.total).toBe(
      all.items.filter((r) => r.agreement.recipient.name.includes(supporterName) || r.agreement.supporters.some((s) => s.name.includes(supporterName))).length,
    );
    expect(bySupporterName.items.filter((r) => r.agreement.supporters.some((s) => s.name === supporterName)).length).toBeGreaterThan(0);
    expect((await board("q=no-such-agreement-anywhere")).total).toBe(0);
    // Filters combine.
    const combined = await board(`status=fail&supporterId=${supporter.id}&pageSize=200`);
    expect(combined.total).toBe(expected.filter((r) => r.report.status === "fail").length);
    expect((await get(`/api/v1/compliance?year=${Y2}&status=passing`)).statusCode).toBe(400);
  });

  it("gives an official nothing of another province: no rows, no supporters, no packs, an empty export", async () => {
    expect((await board(`q=${yunnanCode}`)).total).toBe(0);
    const yunnan = await board("regionCode=530000&pageSize=200");
    expect(yunnan.total).toBe(0);
    expect(yunnan.totals).toEqual({
      pass: 0,
      fail: 0,
      at_risk: 0,
      flagged: 0,
      flags: { away_days: 0, without_location_days: 0, empty_work_log: 0, unconfirmed_months: 0, low_rating: 0 },
    });
    expect(yunnan.supporters).toEqual([]);
    expect(yunnan.packs).toEqual([]);
    const all = await board("pageSize=200");
    expect(all.supporters.map((s) => s.name)).not.toContain("示例北京市儿童示范医院");
    const exported = await get(`/api/v1/compliance/export?year=${Y2}&regionCode=530000`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(1);
    // The admin does see it; a supporter's coordinator sees only its own hospital's agreements.
    expect((await board(`q=${yunnanCode}`, "admin")).total).toBe(1);
    const supporterBoard = await board("pageSize=200", "zj.city.coord");
    expect(supporterBoard.total).toBeGreaterThan(0);
    expect(supporterBoard.supporters.length).toBeGreaterThan(0);
    expect(
      supporterBoard.items.every((r) =>
        r.agreement.supporters.some((s) => s.name.includes("浙江") || s.name.includes("杭州") || s.name.includes("宁波") || s.name.includes("温州")),
      ),
    ).toBe(true);
  });

  it("names the export after the region and year (RFC 5987) and writes the filtered rows", async () => {
    const fails = await board("status=fail&pageSize=200");
    const response = await get(`/api/v1/compliance/export?year=${Y2}&status=fail`);
    expect(response.statusCode).toBe(200);
    const disposition = response.headers["content-disposition"] as string;
    expect(disposition).toContain(`filename="compliance-all-${Y2}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`贵州省-${Y2}-对口帮扶考核.xlsx`)}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(fails.total + 1);
    const codes = Array.from({ length: fails.total }, (_, i) => String(sheet?.getRow(i + 2).getCell(1).value));
    expect(codes.sort()).toEqual(fails.items.map((r) => r.agreement.code).sort());
    const county = await get(`/api/v1/compliance/export?year=${Y2}&regionCode=522622`);
    expect(county.headers["content-disposition"]).toContain(encodeURIComponent(`黄平县-${Y2}-对口帮扶考核.xlsx`));
  });

  it("writes Guizhou's report with failing and at-risk agreements apart, as many as the board has, rules in words, no column overprinting", async () => {
    const all = await board("pageSize=200");
    const response = await get(`/api/v1/reports/520000?period=${Y2}`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers["content-disposition"]).toContain(encodeURIComponent(`贵州省-${Y2}-帮扶监测报告.pdf`));
    const pdf = new Uint8Array(response.rawPayload);
    const text = await pdfText(pdf.slice());
    const failingAt = text.indexOf(`Failing agreements (${all.totals.fail} of ${all.total})`);
    const atRiskAt = text.indexOf(`Agreements at risk (${all.totals.at_risk} of ${all.total})`);
    const rankingAt = text.indexOf("支援医院排名");
    expect(failingAt).toBeGreaterThan(0);
    expect(atRiskAt).toBeGreaterThan(failingAt);
    expect(rankingAt).toBeGreaterThan(atRiskAt);
    const failingSection = text.slice(failingAt, atRiskAt);
    const atRiskSection = text.slice(atRiskAt, rankingAt);
    for (const r of all.items) {
      // Codes are unique prefixes here (e.g. -001 vs -0011 do not occur in the demo world).
      if (r.report.status === "fail") expect(failingSection).toContain(r.agreement.code);
      if (r.report.status === "at_risk") expect(atRiskSection).toContain(r.agreement.code);
      if (r.report.status !== "fail") expect(failingSection).not.toContain(`${r.agreement.code} `);
      if (r.report.status !== "at_risk") expect(atRiskSection).not.toContain(`${r.agreement.code} `);
    }
    // Rules by their names, never their ids.
    const failingRule = all.items.find((r) => r.report.status === "fail")?.report.rules.find((x) => x.status === "fail")?.id as keyof typeof RULE_NAMES;
    expect(failingSection).toContain(RULE_NAMES[failingRule].zh);
    for (const id of Object.keys(RULE_NAMES)) expect(text).not.toContain(id);
    // No two pieces of text on one line overlap (pdf.js gives each drawn run's start and width).
    const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
    for (let p = 1; p <= doc.numPages; p++) {
      const items = (await (await doc.getPage(p)).getTextContent()).items.flatMap((item) =>
        "str" in item && item.str.trim()
          ? [{ x: item.transform[4] as number, y: Math.round(item.transform[5] as number), width: item.width, str: item.str }]
          : [],
      );
      const lines = new Map<number, typeof items>();
      for (const i of items) lines.set(i.y, [...(lines.get(i.y) ?? []), i]);
      for (const line of lines.values()) {
        const sorted = line.sort((a, b) => a.x - b.x);
        for (let k = 1; k < sorted.length; k++) {
          const before = sorted[k - 1] as (typeof sorted)[number];
          expect(before.x + before.width, `page ${p}: "${before.str}" runs into "${sorted[k]?.str}"`).toBeLessThanOrEqual((sorted[k]?.x as number) + 0.5);
        }
      }
      // Nothing runs past the right margin.
      for (const i of items) expect(i.x + i.width, i.str).toBeLessThanOrEqual(595.28 - 50 + 0.5);
    }
    await doc.destroy();
  });
});

describe("CjkText.wrap", () => {
  it("breaks Chinese between characters and Latin at spaces, each line within the width as measured", async () => {
    const text = new CjkText(await PDFDocument.create());
    const long =
      "示例贵州省黔东南苗族侗族自治州黄平县人民医院 ← 示例浙江省人民医院、示例杭州市第一人民医院 County hospitals meeting the recommended standard ZJ-GZ-2024-001-WITH-A-VERY-LONG-CODE-THAT-HAS-NO-SPACES";
    const lines = await text.wrap(long, 10, 120);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(await text.width(line, 10)).toBeLessThanOrEqual(120);
    expect(lines.join("").replace(/\s/g, "")).toBe(long.replace(/\s/g, ""));
    expect(lines.some((l) => l.startsWith("the ") || l.startsWith("meeting ") || l.startsWith("recommended") || l.startsWith("standard"))).toBe(true);
    expect(await text.wrap("短", 10, 120)).toEqual(["短"]);
  });
});
