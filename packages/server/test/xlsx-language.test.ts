import { BUILT_IN_PACKS, INDICATORS, RULE_NAMES } from "@medbridge/core";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOARD_STATUSES } from "../src/assistance/board.ts";
import { todayInChina } from "../src/clock.ts";
import { requestLanguage } from "../src/http/language.ts";
import { demoYears } from "../src/seed/demo-plan.ts";
import { demoApp, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const [, Y1, Y2] = demoYears(todayInChina());

/** Every cell of the first sheet as text, row by row. */
async function cells(payload: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return rows;
}

/** Enum values and ids no cell of an export may hold: statuses, pack ids, rule ids, indicator ids. */
const CODES = [...BOARD_STATUSES, ...BUILT_IN_PACKS.map((p) => p.id), ...Object.keys(RULE_NAMES), ...INDICATORS.map((i) => i.id)];
const codeIn = (text: string) => CODES.find((c) => new RegExp(`(^|[^a-z_])${c}([^a-z_]|$)`).test(text));

describe("requestLanguage", () => {
  it("takes ?lang=, else the first zh or en of Accept-Language by quality, else zh", () => {
    const lang = (query: unknown, header?: string) => requestLanguage({ query, headers: { "accept-language": header } });
    expect(lang({ lang: "en" }, "zh-CN")).toBe("en");
    expect(lang({ lang: "zh" }, "en-US")).toBe("zh");
    expect(lang({}, "en-GB,en;q=0.9")).toBe("en");
    expect(lang({}, "fr-FR, zh-CN;q=0.5, en;q=0.8")).toBe("en");
    expect(lang({}, "zh-TW;q=0.9, en;q=0.2")).toBe("zh");
    expect(lang({}, "fr, de")).toBe("zh");
    expect(lang(undefined, undefined)).toBe("zh");
  });
});

describe.each(BACKENDS)("XLSX exports in the requester's language on %s", (backend) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await demoApp(backend);
  }, 300_000);
  afterAll(async () => ctx?.close());
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await ctx.app.inject({ url, headers: { cookie: await ctx.login("gz.official"), ...headers } });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return cells(response.rawPayload);
  };

  it("writes the compliance board with statuses, packs and rules in words, in Chinese by default and in English when asked", async () => {
    const zh = await get(`/api/v1/compliance/export?year=${Y2}`);
    expect(zh[0]).toEqual(["协议编号", "受援医院", "支援医院", "规则包", "年度", "状态", "未达标规则", "存在风险规则"]);
    expect(zh.length).toBeGreaterThan(2);
    const body = zh.slice(1);
    expect(body.every((r) => ["达标", "未达标", "存在风险"].includes(r[5] as string))).toBe(true);
    // This year's agreements fail or are at risk: the rules are named, never their ids.
    const zhLines = body.flatMap((r) => [r[6], r[7]]).flatMap((c) => (c ? c.split("\n") : []));
    expect(zhLines.length).toBeGreaterThan(0);
    const zhNames = Object.values(RULE_NAMES).map((n) => n.zh);
    for (const line of zhLines) expect(zhNames, line).toContain(line.split("：")[0]);
    expect(body.some((r) => r[3] === BUILT_IN_PACKS[0]?.name.zh)).toBe(true);
    for (const row of body) expect(codeIn(row.join("|")), row.join("|")).toBeUndefined();

    for (const en of [
      await get(`/api/v1/compliance/export?year=${Y2}&lang=en`),
      await get(`/api/v1/compliance/export?year=${Y2}`, { "accept-language": "en-US,en;q=0.9" }),
    ]) {
      expect(en[0]).toEqual(["Agreement", "Recipient", "Supporters", "Rule pack", "Year", "Status", "Failing rules", "Rules at risk"]);
      expect(en.length).toBe(zh.length);
      expect(en.slice(1).every((r) => ["Pass", "Fail", "At risk"].includes(r[5] as string))).toBe(true);
      const enLines = en
        .slice(1)
        .flatMap((r) => [r[6], r[7]])
        .flatMap((c) => (c ? c.split("\n") : []));
      expect(enLines.length).toBe(zhLines.length);
      const enNames = Object.values(RULE_NAMES).map((n) => n.en);
      for (const line of enLines) expect(enNames, line).toContain(line.split(": ")[0]);
      // The English messages, not the Chinese ones (people's and hospitals' names are data in Chinese).
      expect(enLines.join("\n")).not.toMatch(/个月|人数|派驻/);
      expect(en.slice(1).some((r) => r[3] === BUILT_IN_PACKS[0]?.name.en)).toBe(true);
      for (const row of en.slice(1)) expect(codeIn(row.join("|")), row.join("|")).toBeUndefined();
    }
    // The English file is named in English.
    const response = await ctx.app.inject({ url: `/api/v1/compliance/export?year=${Y1}&lang=en`, headers: { cookie: await ctx.login("gz.official") } });
    expect(response.headers["content-disposition"]).toContain(encodeURIComponent(`贵州省-${Y1}-compliance.xlsx`));
  });

  it("writes the supporter ranking's headers and weights in the requester's language", async () => {
    const zh = await get(`/api/v1/rankings/supporters.xlsx?year=${Y1}`);
    expect(zh[0]?.slice(0, 3)).toEqual(["名次", "支援医院", "综合得分"]);
    expect(zh[0]).toContain("派驻合规率权重");
    const en = await get(`/api/v1/rankings/supporters.xlsx?year=${Y1}&lang=en`);
    expect(en[0]?.slice(0, 3)).toEqual(["Rank", "Supporting hospital", "Score"]);
    expect(en[0]).toContain("Weight: Dispatch compliance");
    for (const header of en[0] ?? []) expect(header).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.slice(1)).toEqual(zh.slice(1));
  });

  it("writes an indicator's values with its name and unit in words, never the catalogue's unit code", async () => {
    const indicator = INDICATORS.find((i) => i.id === "referrals_up");
    expect(indicator?.unit).toBe("count");
    const zh = await get(`/api/v1/indicators/referrals_up/values.xlsx?from=${Y1}-01&to=${Y1}-03`);
    expect(zh[0]).toEqual(["区划代码", "区划", "期间", "分子", "分母", "数值（数量）"]);
    const en = await get(`/api/v1/indicators/referrals_up/values.xlsx?from=${Y1}-01&to=${Y1}-03&lang=en`);
    expect(en[0]).toEqual(["Region code", "Region", "Period", "Numerator", "Denominator", "Value (count)"]);
    expect(en.slice(1)).toEqual(zh.slice(1));
    const workbook = new ExcelJS.Workbook();
    const response = await ctx.app.inject({ url: `/api/v1/indicators/referrals_up/values.xlsx?lang=en`, headers: { cookie: await ctx.login("gz.official") } });
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.name).toBe(indicator?.en.slice(0, 30));
  });

  it("refuses a language it does not speak", async () => {
    const response = await ctx.app.inject({ url: `/api/v1/compliance/export?year=${Y2}&lang=fr`, headers: { cookie: await ctx.login("gz.official") } });
    expect(response.statusCode).toBe(400);
  });
});
