import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, HAS_CHROMIUM, launch, SHOTS, startServer } from "./browser.ts";

describe.skipIf(!HAS_CHROMIUM)("paired-assistance journey in Chromium", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, viewport = { width: 1440, height: 900 }) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${server.url}/login`);
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/institutions/);
    return page;
  }

  it("an official opens the board, drills into a failing agreement and sees the summer gap on the timeline", async () => {
    const page = await signIn("gz.official");
    await page.getByRole("menuitem", { name: "合规看板" }).click();
    await page.waitForURL(/\/assistance\/board/);
    await page.getByTestId("board-year").click();
    await page.getByTitle("2025 年度").click();
    await page.waitForURL(/year=2025/);
    await expect.poll(() => page.getByTestId("board-agreement").count()).toBeGreaterThan(10);
    await page.screenshot({ path: `${SHOTS}/journey-board.png` });
    await page.getByRole("link", { name: "ZJ-GZ-2024-002" }).click();
    await page.waitForURL(/\/assistance\/agreements\/[0-9a-f-]{36}\?year=2025/);
    await expect.poll(() => page.getByTestId("rule-full_year_coverage").textContent()).toContain("2025-07-01 至 2025-07-14 无派驻人员在岗");
    await expect.poll(() => page.getByTestId("timeline-gap").count()).toBe(1);
    const gap = await page.getByTestId("timeline-gap").boundingBox();
    const row = await page.getByTestId("timeline-gaps").boundingBox();
    // The gap sits at the start of July: about half-way across the year, two weeks wide.
    expect(gap && row && (gap.x - row.x) / row.width).toBeGreaterThan(0.48);
    expect(gap && row && (gap.x - row.x) / row.width).toBeLessThan(0.51);
    await page.screenshot({ path: `${SHOTS}/journey-agreement-gap.png`, fullPage: true });
  });

  it("a stationed doctor checks in from a phone-sized screen", async () => {
    const page = await signIn("zj.stationed.doctor", { width: 390, height: 844 });
    await page.goto(`${server.url}/assistance/check-in`);
    // The demo has check-ins on every working day up to today; the last Saturday is still open.
    const saturday = new Date();
    saturday.setDate(saturday.getDate() - ((saturday.getDay() + 1) % 7));
    const date = `${saturday.getFullYear()}-${String(saturday.getMonth() + 1).padStart(2, "0")}-${String(saturday.getDate()).padStart(2, "0")}`;
    await page.locator(".ant-picker").click();
    await page.locator(`td[title="${date}"]`).click();
    await page.getByTestId("activity-teaching").click();
    await page.screenshot({ path: `${SHOTS}/journey-check-in-form.png` });
    await page.getByTestId("check-in-submit").click();
    await expect.poll(() => page.getByText(`已打卡 · ${date}`).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/journey-check-in.png` });
  });
});
