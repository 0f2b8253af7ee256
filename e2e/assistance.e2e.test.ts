import { describe, expect, it } from "vitest";
import { todayInChina } from "../packages/server/src/clock.ts";
import { demoYears } from "../packages/server/src/seed/demo-plan.ts";
import { HAS_CHROMIUM, lastSaturday, pickDay, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const [Y0, Y1] = demoYears(todayInChina());

describe.skipIf(!HAS_CHROMIUM)("paired-assistance journey in Chromium", () => {
  const env = useServerAndBrowser();

  it("an official opens the board, drills into a failing agreement and sees the summer gap on the timeline", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.official");
    await page.getByRole("menuitem", { name: "合规看板" }).click();
    await page.waitForURL(/\/assistance\/board/);
    await page.getByTestId("board-year").click();
    await page.getByTitle(`${Y1} 年度`).click();
    await page.waitForURL(new RegExp(`year=${Y1}`));
    await expect.poll(() => page.getByTestId("board-agreement").count()).toBeGreaterThan(10);
    await page.screenshot({ path: `${SHOTS}/journey-board.png` });
    await page.getByRole("link", { name: `ZJ-GZ-${Y0}-002` }).click();
    await page.waitForURL((u) => /^\/assistance\/agreements\/[0-9a-f-]{36}$/.test(u.pathname) && u.searchParams.get("year") === String(Y1));
    await expect.poll(() => page.getByTestId("rule-full_year_coverage").textContent()).toContain(`${Y1}-07-01 至 ${Y1}-07-14 无派驻人员在岗`);
    await expect.poll(() => page.getByTestId("timeline-gap").count()).toBe(1);
    const gap = await page.getByTestId("timeline-gap").boundingBox();
    const row = await page.getByTestId("timeline-gaps").boundingBox();
    // The gap sits at the start of July: about half-way across the year, two weeks wide.
    expect(gap && row && (gap.x - row.x) / row.width).toBeGreaterThan(0.48);
    expect(gap && row && (gap.x - row.x) / row.width).toBeLessThan(0.51);
    await page.screenshot({ path: `${SHOTS}/journey-agreement-gap.png`, fullPage: true });
  });

  it("a stationed doctor checks in from a phone-sized screen", async () => {
    const page = await signIn(env.browser, env.server.url, "zj.stationed.doctor", { width: 390, height: 844 });
    await page.goto(`${env.server.url}/assistance/check-in`);
    // The demo has check-ins on every working day up to today; the last Saturday is still open.
    const date = lastSaturday();
    // On a loaded machine the first click can land while the calendar is still opening: pick until it took.
    await pickDay(page, date);
    await page.getByTestId("activity-teaching").click();
    await page.screenshot({ path: `${SHOTS}/journey-check-in-form.png` });
    await page.getByTestId("check-in-submit").click();
    await expect.poll(() => page.getByText(`已打卡 · ${date}`).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/journey-check-in.png` });
  });
});
