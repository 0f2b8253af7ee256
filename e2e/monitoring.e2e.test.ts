import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

describe.skipIf(!HAS_CHROMIUM)("monitoring dashboard in Chromium", () => {
  const env = useServerAndBrowser();

  it("gz.official opens the dashboard, drills into a prefecture, exports the table and downloads the report", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.official");
    await page.goto(`${env.server.url}/dashboard`);
    await expect.poll(() => page.getByTestId("indicator-row").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });
    // 黔东南 holds the demo county: drilling in lists its counties, 黄平县 among them.
    await page.getByTestId("indicator-row").filter({ hasText: "黔东南" }).click();
    await expect.poll(() => page.getByTestId("indicator-row").filter({ hasText: "黄平县" }).count()).toBe(1);
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("indicator-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^referrals_up-\d{6}\.xlsx$/);
    const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("region-report").click()]);
    expect(report.suggestedFilename()).toMatch(/^report-\d{6}-\d{4}\.pdf$/);
    const path = await report.path();
    const { readFileSync } = await import("node:fs");
    const { pdfText } = await import("../packages/server/test/helpers/pdf-text.ts");
    const text = await pdfText(new Uint8Array(readFileSync(path)));
    expect(text).toContain("黔东南");
    expect(text).toContain("关键指标");
  }, 120_000);
});
