import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

describe.skipIf(!HAS_CHROMIUM)("monitoring dashboard in Chromium", () => {
  const env = useServerAndBrowser();

  it("gz.official opens the dashboard, drills into a prefecture, clicks a county on the map, exports the table and downloads the report", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.official");
    await page.goto(`${env.server.url}/dashboard`);
    await expect.poll(() => page.getByTestId("indicator-row").count()).toBeGreaterThan(0);
    // The province's map draws its 88 counties from the bundled shapes.
    await expect.poll(() => page.getByTestId("map-region").count()).toBe(88);
    await expect.poll(() => page.getByTestId("ranking-row").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
    // 黔东南 holds the demo county: drilling in lists its counties and narrows the map to them.
    await page.getByTestId("indicator-row").filter({ hasText: "黔东南" }).click();
    await expect.poll(() => page.getByTestId("indicator-row").filter({ hasText: "黄平县" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("map-region").count()).toBe(16);
    await page.locator('[data-testid="map-region"][data-code="522622"]').click();
    await expect.poll(() => page.getByTestId("crumb").allTextContents()).toEqual(["贵州省", "黔东南苗族侗族自治州", "黄平县"]);
    await expect.poll(() => page.getByTestId("indicator-row").count()).toBe(1);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("indicator-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toBe("referrals_up-522622.xlsx");
    const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("region-report").click()]);
    expect(report.suggestedFilename()).toMatch(/^黄平县-\d{4}-帮扶监测报告\.pdf$/);
    const path = await report.path();
    const { readFileSync } = await import("node:fs");
    const { pdfText } = await import("../packages/server/test/helpers/pdf-text.ts");
    const text = await pdfText(new Uint8Array(readFileSync(path)));
    expect(text).toContain("黄平县");
    expect(text).toContain("关键指标");
  }, 120_000);

  it("gz.official imports county visit statistics: a bad file is refused naming the row and field, a good one lands", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.official");
    await page.goto(`${env.server.url}/dashboard`);
    const input = page.locator('input[type="file"]').first();
    const csv = (rows: string[]) => ({
      name: "visits.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["区划代码,月份,总诊疗人次,县域内诊疗人次", ...rows].join("\n")),
    });
    await input.setInputFiles(csv(["522622,2026-01,1000,1200"]));
    await expect.poll(() => page.getByTestId("import-result").textContent()).toContain("第 2 行 · 县域内诊疗人次：不能大于总诊疗人次");
    // Named in words, never by the request's path (issue 14).
    expect(await page.getByTestId("import-result").textContent()).not.toContain("withinCountyVisits");
    await input.setInputFiles(csv(["522622,2026-01,1000,900"]));
    await expect.poll(() => page.getByTestId("import-result").textContent()).toContain("已导入 1 行");
    await page.screenshot({ path: `${SHOTS}/dashboard-import.png`, fullPage: true });
  }, 120_000);
});
