import { formatDay } from "@medbridge/core";
import { describe, expect, it } from "vitest";
import { todayInChina } from "../packages/server/src/clock.ts";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const today = formatDay(todayInChina());
const year = Number(today.slice(0, 4));
const month = today.slice(0, 7);

describe.skipIf(!HAS_CHROMIUM)("dashboard and compliance board that do not mislead, in Chromium", () => {
  const env = useServerAndBrowser();

  it("the dashboard names each tile's period and unit, shows a yearly figure to date, and a region row drills in like the map", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.official");
    await page.goto(`${env.server.url}/dashboard`);
    const period = (id: string) => page.getByTestId(`tile-${id}`).getByTestId("tile-period").textContent();
    await expect.poll(() => period("referrals_up")).toBe(`${month} 当月 · 计数`);
    await expect.poll(() => period("reserved_slot_utilisation")).toBe(`${month} 当月 · %`);
    // A yearly indicator: this year to date, not last December.
    await expect.poll(() => period("dispatch_compliance")).toBe(`${year} 年，截至 ${today} · %`);
    await expect.poll(() => period("stationed_person_days")).toContain("天");
    // A figure from statistics nobody imported says so instead of a dash.
    await expect.poll(() => page.getByTestId("tile-within_county_rate").textContent()).toContain("无数据（未导入）");
    // Column headers say what they hold: the region, the month, the twelve months.
    await expect.poll(() => page.locator("th").allTextContents()).toEqual(expect.arrayContaining(["地区", `${month} 当月 (计数)`]));
    expect((await page.locator("th").allTextContents()).some((h) => h.startsWith("近12个月合计"))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/dashboard-periods.png`, fullPage: true });
    // The map says what a region without a row means: a count of the platform's records is 0
    // there (most of the 88 counties referred nobody this year), imported statistics are no data.
    const mapValues = () => page.getByTestId("map-region").evaluateAll((els) => els.map((e) => e.getAttribute("data-value")));
    await expect.poll(async () => (await mapValues()).length).toBe(88);
    expect((await mapValues()).filter((v) => v === "0").length).toBeGreaterThan(0);
    expect(await mapValues()).not.toContain("no_data");
    await expect.poll(() => page.getByTestId("map-legend").textContent()).not.toContain("无数据");
    await page.getByTestId("tile-within_county_rate").click();
    await expect.poll(async () => new Set(await mapValues())).toEqual(new Set(["no_data"]));
    await expect.poll(() => page.getByTestId("map-legend").textContent()).toBe("无数据（未导入）");
    await page.getByTestId("tile-referrals_up").click();
    // Rows drill in like the map: a prefecture, then one of its counties.
    await page.getByTestId("indicator-row").filter({ hasText: "黔东南" }).click();
    await expect.poll(() => page.getByTestId("crumb").allTextContents()).toEqual(["贵州省", "黔东南苗族侗族自治州"]);
    // The keyboard path: the map is a picture, the rows take focus and Enter drills in.
    await page.getByTestId("indicator-row").filter({ hasText: "黄平县" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("crumb").allTextContents()).toEqual(["贵州省", "黔东南苗族侗族自治州", "黄平县"]);
    expect(new URL(page.url()).searchParams.get("regionCode")).toBe("522622");
    await page.close();
  }, 180_000);

  it("the board's tiles filter it, search narrows it on the server, the URL keeps both, the export is named after the region and year", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.official");
    await page.goto(`${env.server.url}/assistance/board`);
    const count = async (key: string) =>
      Number((await page.getByTestId(`board-tile-${key}`).locator(".ant-statistic-content-value").textContent())?.replace(/\D/g, ""));
    await expect.poll(() => count("all")).toBeGreaterThan(20);
    const all = await count("all");
    const failing = await count("fail");
    expect(failing).toBeGreaterThan(0);
    expect(failing + (await count("at_risk")) + (await count("pass"))).toBe(all);
    await page.getByTestId("board-tile-fail").click();
    await page.waitForURL(/status=fail/);
    await expect.poll(() => page.getByTestId("board-row").count()).toBe(failing);
    expect(
      await page
        .getByTestId("board-row")
        .locator(".ant-tag")
        .filter({ hasText: /^(达标|存在风险)$/ })
        .count(),
    ).toBe(0);
    await expect.poll(() => page.getByText(`共 ${failing} 条`).count()).toBe(1);
    // The tiles still count every status under the other filters.
    expect(await count("all")).toBe(all);
    await page.screenshot({ path: `${SHOTS}/board-failing.png`, fullPage: true });
    // Search by a recipient's name, from the first failing row; the URL carries it.
    const recipient = (await page.getByTestId("board-row").first().locator("td").nth(1).textContent()) as string;
    await page.getByTestId("board-tile-all").click();
    await expect.poll(() => page.getByTestId("board-row").count()).toBe(20);
    await page.getByTestId("board-search").locator("input").fill(recipient);
    await page.getByTestId("board-search").locator("input").press("Enter");
    await page.waitForURL((u) => u.searchParams.get("q") === recipient);
    // The name matches the recipient, or a supporter (a county hospital is both): every row, once the answer is in.
    const matching = () =>
      page
        .getByTestId("board-row")
        .evaluateAll(
          (rows, name) => rows.map((r) => (r.children[1]?.textContent ?? "") + (r.children[2]?.textContent ?? "")).every((t) => t.includes(name)),
          recipient,
        );
    await expect.poll(matching).toBe(true);
    const recipients = await page.getByTestId("board-row").count();
    expect(recipients).toBeGreaterThan(0);
    expect(recipients).toBeLessThan(all);
    // A reload keeps the search.
    await page.reload();
    await expect.poll(() => page.getByTestId("board-row").count()).toBe(recipients);
    expect(await matching()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("board-export").click()]);
    expect(download.suggestedFilename()).toBe(`贵州省-${year}-对口帮扶考核.xlsx`);
    await page.close();
  }, 180_000);
});
