import { enumCell, INSTITUTION_KINDS, VOCABULARIES, type Vocabulary } from "@medbridge/core";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rosterFromRows } from "../src/assistance/roster-file.ts";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

/** Spreadsheets as people fill them: the vocabularies' Chinese names (乡镇卫生院, 主治医师…), any case or spacing. */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("导入");
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("enumCell: one table of Chinese names, read back tolerantly", () => {
  it("takes identifiers and Chinese names, case, width and spacing aside", () => {
    const kind = VOCABULARIES.institutionKind;
    expect(enumCell(kind, "乡镇卫生院")).toBe("township_health_center");
    expect(enumCell(kind, " 乡镇 卫生院 ")).toBe("township_health_center");
    expect(enumCell(kind, "township_health_center")).toBe("township_health_center");
    expect(enumCell(kind, "Township Health-Center")).toBe("township_health_center");
    expect(enumCell(kind, "ＶＩＬＬＡＧＥ＿ＣＬＩＮＩＣ")).toBe("village_clinic");
    expect(enumCell(kind, "县医院")).toBe("county_hospital");
    expect(enumCell(VOCABULARIES.title, "主治医师")).toBe("attending");
    expect(enumCell(VOCABULARIES.assessmentLevel, "达到推荐标准")).toBe("recommended");
    expect(enumCell(VOCABULARIES.dispatchRole, "学科带头人")).toBe("discipline_leader");
    // Anything else comes back as typed, for validation to refuse naming the allowed values.
    expect(enumCell(kind, "医院")).toBe("医院");
  });

  it("every value of every vocabulary is reached from its Chinese name", () => {
    for (const vocabulary of Object.values(VOCABULARIES) as Vocabulary<string>[]) {
      for (const value of vocabulary.values) expect(enumCell(vocabulary, vocabulary.zh[value] as string)).toBe(value);
    }
    expect(INSTITUTION_KINDS.length).toBe(Object.keys(VOCABULARIES.institutionKind.zh).length);
  });

  it("reads a roster file's Chinese roles and titles", () => {
    const values = { agreement: "GZ-1", pack: "national-2024", agreementStart: "2026-01-01", agreementEnd: "2026-12-31", person: "P1" };
    const { roster } = rosterFromRows([{ line: 2, values: { ...values, role: "临床医师", title: "副主任医师", start: "2026-01-01", end: "2026-06-30" } }]);
    expect(roster.dispatches[0]).toMatchObject({ role: "clinical", title: "associate_chief" });
  });
});

describe.each(BACKENDS)("imports with Chinese values on %s", (backend) => {
  let ctx: TestContext;
  let cookie: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    cookie = await ctx.login("gz.official");
  });
  afterAll(() => ctx.close());

  const upload = (url: string, body: string | Buffer, type: string) =>
    ctx.app.inject({ method: "POST", url, headers: { cookie, "content-type": type }, payload: body });

  it("imports institutions whose kind is written in Chinese (CSV and XLSX)", async () => {
    const csv =
      "机构名称,机构类别,等级,区划代码\n示例中文甲卫生院,乡镇卫生院,一级甲等,522622\n示例中文乙卫生室, 村卫生室 ,,522623\n示例中文丙医院,County Hospital,二级 甲等,522622\n";
    const report = json(await upload("/api/v1/institutions/import", csv, "text/csv"));
    expect(report).toMatchObject({ rows: 3, imported: 3, errors: [] });
    const list = json(await ctx.app.inject({ url: `/api/v1/institutions?q=${encodeURIComponent("示例中文")}`, headers: { cookie } }));
    const kinds = Object.fromEntries(list.items.map((i: { name: string; kind: string; grade: string | null }) => [i.name, `${i.kind}/${i.grade}`]));
    expect(kinds).toEqual({
      示例中文甲卫生院: "township_health_center/一级甲等",
      示例中文乙卫生室: "village_clinic/null",
      示例中文丙医院: "county_hospital/二级甲等",
    });
    const book = await xlsx([
      ["机构名称", "机构类别", "区划代码"],
      ["示例中文丁中心", "社区卫生服务中心", "522622"],
    ]);
    expect(json(await upload("/api/v1/institutions/import", book, XLSX))).toMatchObject({ imported: 1 });
  });

  it("refuses an unknown kind naming the allowed values, which the web shows in Chinese", async () => {
    const csv = "机构名称,机构类别,区划代码\n示例中文戊医院,医院,522622\n";
    const response = await upload("/api/v1/institutions/import?dryRun=true", csv, "text/csv");
    expect(response.statusCode).toBe(400);
    const [error] = json(response).errors;
    expect(error).toMatchObject({ path: "rows[2].kind", code: "enum", params: { allowed: [...INSTITUTION_KINDS] } });
  });

  it("imports practitioners with Chinese profession and title, and assessments with a Chinese level", async () => {
    const csv =
      "姓名,执业证书编码,专业类别,职称,执业机构\n示例中文医生,ZH00000001,医师,主治医师,示例黄平人民医院\n示例中文护士,ZH00000002,护理,住院医师,示例黄平人民医院\n";
    expect(json(await upload("/api/v1/practitioners/import", csv, "text/csv"))).toMatchObject({ imported: 2, errors: [] });
    const admin = await ctx.login("admin");
    const people = json(await ctx.app.inject({ url: `/api/v1/practitioners?q=${encodeURIComponent("示例中文")}`, headers: { cookie: admin } }));
    expect(people.items.map((p: { profession: string; title: string }) => `${p.profession}/${p.title}`).sort()).toEqual([
      "nurse/resident",
      "physician/attending",
    ]);
    const bad = await upload("/api/v1/practitioners/import?dryRun=true", "姓名,专业类别,职称,执业机构\n示例中文某,医师,教授,示例黄平人民医院\n", "text/csv");
    expect(json(bad).errors).toEqual([
      expect.objectContaining({ path: "rows[2].title", code: "enum", params: { allowed: ["resident", "attending", "associate_chief", "chief"] } }),
    ]);
  });
});
