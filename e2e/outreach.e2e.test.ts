import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

describe.skipIf(!HAS_CHROMIUM)("telemedicine journey in Chromium", () => {
  const env = useServerAndBrowser();
  const title = `示例远程查房 ${Date.now() % 100000}`;

  /** Opens the month of the session in the calendar and returns the link shown for it. */
  const linkInCalendar = async (page: Page, month: string) => {
    await page.goto(`${env.server.url}/outreach/calendar?month=${month}`);
    const event = page.getByTestId("event-telemedicine").filter({ hasText: title });
    await expect.poll(() => event.count()).toBeGreaterThan(0);
    await event.first().hover();
    await expect.poll(() => page.getByTestId("event-link").count()).toBeGreaterThan(0);
    return page.getByTestId("event-link").first().textContent();
  };

  /** "closed" once the request modal is gone; otherwise what it shows as errors, or "open". */
  const modalOutcome = async (page: Page) => {
    if (!(await page.locator(".ant-modal-content").isVisible())) return "closed";
    const errors = await page.locator(".ant-form-item-explain-error, .ant-message-error").allTextContents();
    return errors.length ? errors.join(" | ") : "open";
  };

  it("the county coordinator requests a remote ward round, the city coordinator schedules it, the link is in both calendars", async () => {
    const county = await signIn(env.browser, env.server.url, "gz.county.coord");
    await county.goto(`${env.server.url}/outreach/telemedicine`);
    await county.getByTestId("list-create").click();
    // The picker asks the server as you type, and its options are replaced when the answer comes: a
    // click that lands as they are swapped picks nothing, so the pick is made again (at most 3 times)
    // until the choice is shown — it must be shown before the form is sent.
    const chosen = county.locator(".ant-modal .ant-select-content", { hasText: "示例杭州市第一人民医院" });
    for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt++) {
      await county.locator("#supporterId").click();
      await county.locator("#supporterId").fill("杭州市第一");
      await county
        .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: "示例杭州市第一人民医院" })
        .first()
        .click();
      await county.waitForTimeout(300);
    }
    await expect.poll(() => chosen.count()).toBe(1);
    await county.getByTestId("session-title").fill(title);
    await county.getByRole("button", { name: /保\s*存/ }).click();
    // The modal closes when the server took the request; if it refused, its message is the failure.
    await expect.poll(() => modalOutcome(county)).toBe("closed");
    await expect.poll(() => county.getByTestId("session-row").filter({ hasText: title }).count()).toBe(1);
    await county.screenshot({ path: `${SHOTS}/outreach-telemedicine.png` });

    const city = await signIn(env.browser, env.server.url, "zj.city.coord");
    await city.goto(`${env.server.url}/outreach/telemedicine?status=requested`);
    const row = city.getByTestId("session-row").filter({ hasText: title });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByTestId("session-schedule").click();
    // Tomorrow at 10:00, typed into the picker.
    const when = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await city.getByTestId("session-starts-at").click();
    await city.getByTestId("session-starts-at").fill(`${when} 10:00`);
    await city.keyboard.press("Enter");
    await city.getByTestId("session-confirm").click();
    // Scheduled, it leaves the "requested" filter; all sessions show it with its link.
    await expect.poll(() => city.getByTestId("session-row").filter({ hasText: title }).count()).toBe(0);
    await city.goto(`${env.server.url}/outreach/telemedicine`);
    await expect.poll(() => city.getByTestId("session-row").filter({ hasText: title }).getByTestId("session-link").count()).toBe(1);

    const month = when.slice(0, 7);
    const cityLink = await linkInCalendar(city, month);
    await city.screenshot({ path: `${SHOTS}/outreach-calendar.png` });
    const countyLink = await linkInCalendar(county, month);
    expect(cityLink).toMatch(/^https:\/\/meet\.jit\.si\/MedBridge-[0-9a-f-]{36}$/);
    expect(countyLink).toBe(cityLink);
  }, 120_000);
});
