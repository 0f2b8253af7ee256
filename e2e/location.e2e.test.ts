import { describe, expect, it } from "vitest";
import { countyArea } from "../packages/server/src/geo/county-areas.ts";
import { DEMO_PAIR } from "../packages/server/src/seed/demo-plan.ts";
import { HAS_CHROMIUM, lastSaturday, pickDay, SHOTS, signInWith, useServerAndBrowser } from "./browser.ts";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

describe.skipIf(!HAS_CHROMIUM)("location evidence in Chromium", () => {
  const env = useServerAndBrowser();

  it("a stationed doctor on a phone checks in with the position granted and sees on site; the notice is on the page", async () => {
    // The demo recipient (黄平县人民医院) has no point set: its county counts, and its centroid is in it.
    const county = await countyArea(DEMO_PAIR.recipientCounty);
    expect(county).not.toBeNull();
    const { page, context } = await signInWith(env.browser, env.server.url, "zj.stationed.doctor", {
      viewport: PHONE,
      geolocation: { latitude: county?.latitude as number, longitude: county?.longitude as number, accuracy: 25 },
      permissions: ["geolocation"],
    });
    await page.goto(`${env.server.url}/assistance/check-in`);
    await expect.poll(() => page.getByTestId("location-notice").textContent()).toContain("30 天后删除");
    const date = lastSaturday();
    await pickDay(page, date);
    await page.screenshot({ path: `${SHOTS}/location-check-in-form-phone.png`, fullPage: true });
    await page.getByTestId("check-in-submit").click();
    await expect.poll(() => page.getByTestId("check-in-location").getAttribute("data-class"), { timeout: 15_000 }).toBe("on_site");
    expect(await page.getByTestId("check-in-location").textContent()).toContain("在岗");
    // Judged against the county (no point set yet): the page says so.
    await expect.poll(() => page.getByTestId("check-in-site-approximate").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/location-check-in-done-phone.png`, fullPage: true });
    // The day's marker in the list carries the class.
    await page.getByRole("button", { name: /返\s?回|Back/ }).click();
    await expect
      .poll(() => page.locator(`[data-testid=check-in-day][data-date="${date}"] [data-testid=check-in-day-location]`).getAttribute("data-class"))
      .toBe("on_site");
    await context.close();
  }, 180_000);

  it("the recipient's coordinator places the institution on its county map and saves it", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "gz.county.coord", { viewport: DESKTOP });
    const me = (await page.evaluate(() => fetch("/api/v1/me").then((r) => r.json()))) as { institutionId: string };
    await page.goto(`${env.server.url}/institutions/${me.institutionId}`);
    const card = page.getByTestId("institution-location");
    await expect.poll(() => card.getAttribute("data-source")).toBe("county_centroid");
    await expect.poll(() => page.getByTestId("pin-current").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/location-institution-map-desktop.png`, fullPage: true });

    // A click in the middle of the county's picture places the marker there.
    const map = page.getByTestId("institution-location-map");
    const box = await map.boundingBox();
    expect(box).not.toBeNull();
    await map.click({ position: { x: (box?.width as number) * 0.55, y: (box?.height as number) * 0.6 } });
    await expect.poll(() => page.getByTestId("pin-pending").count()).toBe(1);
    const typed = Number(await page.getByTestId("location-latitude").inputValue());
    expect(typed).toBeGreaterThan(26);
    expect(typed).toBeLessThan(28);
    await page.getByTestId("location-save").click();
    await expect.poll(() => card.getAttribute("data-source")).toBe("set");
    const saved = (await page.evaluate((id) => fetch(`/api/v1/institutions/${id}`).then((r) => r.json()), me.institutionId)) as {
      latitude: number;
      longitude: number;
      location: { source: string; approximate: boolean };
    };
    expect(saved.location).toMatchObject({ source: "set", approximate: false });
    expect(saved.latitude).toBeCloseTo(typed, 5);
    // The point clicked lies in the county (the map is the county's shape).
    const county = await countyArea(DEMO_PAIR.recipientCounty);
    expect(county?.contains({ latitude: saved.latitude, longitude: saved.longitude })).toBe(true);

    // Typing works too, and a point outside the county is warned about before saving.
    await page.getByTestId("location-latitude").fill("30.5");
    await page.getByTestId("location-latitude").blur();
    await expect.poll(() => page.getByTestId("location-outside").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/location-institution-map-set-desktop.png`, fullPage: true });
    await context.close();
  }, 180_000);

  it("a doctor who does not allow the position still checks in, without location", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "zj.stationed.doctor", { viewport: PHONE });
    await page.goto(`${env.server.url}/assistance/check-in`);
    // Today (or the last Saturday) was checked in above and is still open for an update.
    await page.getByTestId("check-in-submit").click();
    await expect.poll(() => page.getByTestId("check-in-location").getAttribute("data-class"), { timeout: 20_000 }).toBe("without_location");
    expect(await page.getByText("本次签到记为“无位置”").count()).toBe(1);
    await context.close();
  }, 180_000);

  it("an official's pack copy form edits the radius and the counting switches", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "gz.official", { viewport: DESKTOP });
    await page.goto(`${env.server.url}/assistance/packs`);
    await expect.poll(() => page.getByTestId("pack-default-nominal").first().textContent()).toContain("1000 米内为在岗");
    await page.getByRole("button", { name: /复制并调整|Copy and adjust/ }).click();
    await page.locator(".ant-modal .ant-select").first().click();
    await page.locator(".ant-select-item-option").first().click();
    await expect.poll(() => page.getByTestId("pack-parameter-nominal_days-onSiteRadiusMeters").count()).toBe(1);
    await expect.poll(() => page.getByTestId("pack-parameter-nominal_days-countAway").getAttribute("aria-checked")).toBe("true");
    expect(await page.getByTestId("pack-parameter-nominal_days-countWithoutLocation").getAttribute("aria-checked")).toBe("false");
    await page.locator(".ant-modal-title").click();
    await page.getByTestId("pack-parameter-nominal_days-countAway").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/location-pack-copy-desktop.png` });
    await context.close();
  }, 180_000);

  it("looks right in English and on a phone (screenshots)", async () => {
    for (const [lang, viewport, suffix] of [
      [undefined, PHONE, "zh-phone"],
      ["en", PHONE, "en-phone"],
      ["en", DESKTOP, "en-desktop"],
      [undefined, DESKTOP, "zh-desktop"],
    ] as const) {
      const doctor = await signInWith(env.browser, env.server.url, "zj.stationed.doctor", { viewport, ...(lang && { lang }) });
      await doctor.page.goto(`${env.server.url}/assistance/check-in`);
      await doctor.page.getByTestId("location-notice").waitFor();
      await doctor.page.screenshot({ path: `${SHOTS}/location-check-in-${suffix}.png`, fullPage: true });
      await doctor.context.close();
      const coordinator = await signInWith(env.browser, env.server.url, "gz.county.coord", { viewport, ...(lang && { lang }) });
      const me = (await coordinator.page.evaluate(() => fetch("/api/v1/me").then((r) => r.json()))) as { institutionId: string };
      await coordinator.page.goto(`${env.server.url}/institutions/${me.institutionId}`);
      await coordinator.page.getByTestId("institution-location-map").waitFor();
      await coordinator.page.screenshot({ path: `${SHOTS}/location-institution-${suffix}.png`, fullPage: true });
      await coordinator.context.close();
    }
  }, 400_000);
});
