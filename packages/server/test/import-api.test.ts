import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoApp, json, type TestContext } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("机构");
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(BACKENDS)("CSV and XLSX import on %s", (backend) => {
  let ctx: TestContext;
  let cookie: string;
  beforeAll(async () => {
    ctx = await demoApp(backend);
    cookie = await ctx.login("gz.official");
  });
  afterAll(() => ctx.close());

  const upload = (url: string, body: string | Buffer, type: string) =>
    ctx.app.inject({ method: "POST", url, headers: { cookie, "content-type": type }, payload: body });
  const total = async (q: string) =>
    json(await ctx.app.inject({ url: `/api/v1/institutions?q=${encodeURIComponent(q)}&status=all`, headers: { cookie } })).total;

  it("imports a CSV with Chinese headers", async () => {
    const csv =
      "机构名称,机构类别,等级,区划代码,床位数,诊疗科目\n示例导入甲卫生院,township_health_center,一级甲等,522622,20,全科医疗科；中医科\n示例导入乙卫生室,village_clinic,,522623,,\n";
    const response = await upload("/api/v1/institutions/import", csv, "text/csv");
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ rows: 2, imported: 2, skipped: 0, errors: [] });
    const imported = json(await ctx.app.inject({ url: `/api/v1/institutions?q=${encodeURIComponent("示例导入甲")}`, headers: { cookie } })).items[0];
    expect(imported.departments).toEqual(["全科医疗科", "中医科"]);
  });

  it("rejects the whole file when any row is bad, naming line and field", async () => {
    const rows = [
      ["name", "kind", "region_code", "beds"],
      ["示例导入丙卫生院", "township_health_center", "522622", 10],
      ["示例导入丁卫生院", "hospital", "522622", 10],
      ["示例导入戊卫生院", "township_health_center", "522600", "many"],
    ];
    const response = await upload("/api/v1/institutions/import", await xlsx(rows), XLSX);
    expect(response.statusCode).toBe(400);
    const paths = json(response).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["rows[3].kind", "rows[4].beds"]));
    expect(await total("示例导入丙")).toBe(0);
  });

  it("imports the valid rows with skipInvalid and reports the others; dryRun writes nothing", async () => {
    const csv = "name,kind,region_code\n示例导入己卫生院,township_health_center,522622\n,village_clinic,522622\n示例导入庚卫生院,village_clinic,520000\n";
    const dry = json(await upload("/api/v1/institutions/import?skipInvalid=true&dryRun=true", csv, "text/csv"));
    expect(dry).toMatchObject({ rows: 3, imported: 0, skipped: 2, dryRun: true });
    expect(await total("示例导入己")).toBe(0);
    const report = json(await upload("/api/v1/institutions/import?skipInvalid=true", csv, "text/csv"));
    expect(report).toMatchObject({ rows: 3, imported: 1, skipped: 2 });
    expect(report.errors.map((e: { line: number; path: string }) => `${e.line}:${e.path}`)).toEqual(["3:name", "4:regionCode"]);
    expect(await total("示例导入己")).toBe(1);
  });

  it("rejects duplicates within the file and against the database, unknown columns and wrong content types", async () => {
    const dup = await upload(
      "/api/v1/institutions/import",
      "name,kind,region_code\n示例导入辛卫生院,village_clinic,522622\n示例导入辛卫生院,village_clinic,522622\n示例黄平人民医院,county_hospital,522622\n",
      "text/csv",
    );
    expect(json(dup).errors.map((e: { path: string }) => e.path)).toEqual(["rows[3].name", "rows[4].name"]);
    const unknown = await upload("/api/v1/institutions/import", "name,colour\nx,red\n", "text/csv");
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown).errors[0]).toMatchObject({ path: "header[2]" });
    const garbage = await upload("/api/v1/institutions/import", Buffer.from([0x50, 0x4b, 1, 2, 3]), XLSX);
    expect(garbage.statusCode).toBe(400);
    const wrongType = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/institutions/import",
      headers: { cookie, "content-type": "text/plain" },
      payload: "x",
    });
    expect(wrongType.statusCode).toBe(415);
  });

  it("imports practitioners naming their institution, and refuses institutions out of scope", async () => {
    const csv = "姓名,执业证书编码,专业类别,职称,执业机构\n示例导入医生,IMP0000001,physician,attending,示例黄平人民医院\n";
    const report = json(await upload("/api/v1/practitioners/import", csv, "text/csv"));
    expect(report).toMatchObject({ imported: 1 });
    const zhejiang = "name,profession,title,institution\n示例越权医生,physician,chief,示例杭州市第一人民医院\n";
    const refused = await upload("/api/v1/practitioners/import", zhejiang, "text/csv");
    expect(refused.statusCode).toBe(403);
    const people = json(
      await ctx.app.inject({ url: `/api/v1/practitioners?q=${encodeURIComponent("示例越权")}`, headers: { cookie: await ctx.login("admin") } }),
    );
    expect(people.total).toBe(0);
  });

  it("does not let a clinician import", async () => {
    const doctor = await ctx.login("gz.township.doctor");
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/institutions/import",
      headers: { cookie: doctor, "content-type": "text/csv" },
      payload: "name,kind,region_code\nx,village_clinic,522622\n",
    });
    expect(response.statusCode).toBe(403);
  });
});
