import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signInWith, useServerAndBrowser } from "./browser.ts";

/**
 * What the planners read, entered on the registry's pages (issue 17): a supporter's coordinator
 * sets a doctor's planning profile (an overlapping period is refused under its row, then saved) and
 * the hospital's support capacity; the county hospital's coordinator records the year's needs.
 * Desktop in Chinese and 390×844 in English.
 */
async function ownInstitution(page: Page): Promise<string> {
  return page.evaluate(async () => (await (await fetch("/api/v1/me")).json()).institutionId as string);
}

/** Types a period into the last row's range picker (start, then end). */
async function typePeriod(page: Page, start: string, end: string) {
  const inputs = page.getByTestId("planning-period").last().locator(".ant-picker-range input");
  await inputs.first().click();
  await inputs.first().fill(start);
  await inputs.first().press("Enter");
  await inputs.last().fill(end);
  await inputs.last().press("Enter");
  await page.keyboard.press("Escape");
  await expect.poll(() => inputs.last().inputValue()).toBe(end);
}

describe.skipIf(!HAS_CHROMIUM)("planning inputs in Chromium", () => {
  const env = useServerAndBrowser();

  it("a coordinator sets a doctor's planning profile; an overlapping period is named under its row", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "zj.city.coord", { viewport: { width: 1440, height: 900 } });
    // A doctor registered now has no profile (the demo gives its staff one): the planner's defaults show.
    const institutionId = await ownInstitution(page);
    const doctor = await page.evaluate(
      async (body) =>
        (await fetch("/api/v1/practitioners", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json(),
      { name: "示例排班医生", profession: "physician", title: "attending", specialty: "心血管内科", institutionId },
    );
    await page.goto(`${env.server.url}/practitioners/${doctor.id}`);
    const card = page.getByTestId("planning-card");
    await card.getByText("尚未填写").waitFor();
    await page.screenshot({ path: `${SHOTS}/planning-defaults-zh.png`, fullPage: true });

    await card.getByTestId("planning-add-period").click();
    await typePeriod(page, "2027-03-01", "2027-03-31");
    await card.getByTestId("planning-add-period").click();
    await typePeriod(page, "2027-03-31", "2027-04-10");
    await card.getByTestId("planning-save").click();
    // The server names unavailable[1] (it shares 31 March with the first period): shown under that row.
    const second = card.getByTestId("planning-period").nth(1);
    await expect.poll(() => second.locator(".ant-form-item-explain-error").innerText()).toContain("重叠");
    await page.screenshot({ path: `${SHOTS}/planning-overlap-zh.png`, fullPage: true });

    // Touching periods are fine: the second starts the day after the first ends.
    await card.getByTestId("planning-period").nth(1).getByRole("button", { name: "删除此时段" }).click();
    await card.getByTestId("planning-add-period").click();
    await typePeriod(page, "2027-04-01", "2027-04-10");
    await card.getByTestId("planning-save").click();
    await expect.poll(() => card.getByText("尚未填写").count()).toBe(0);
    const stored = await page.evaluate(async (id) => (await fetch(`/api/v1/practitioners/${id}/planning`)).json(), page.url().split("/").pop());
    expect(stored.unavailable).toEqual([
      { start: "2027-03-01", end: "2027-03-31" },
      { start: "2027-04-01", end: "2027-04-10" },
    ]);
    expect(stored.stored).toBe(true);
    await page.screenshot({ path: `${SHOTS}/planning-saved-zh.png`, fullPage: true });

    // The supporter's capacity on its own page.
    await page.goto(`${env.server.url}/institutions/${institutionId}`);
    const capacity = page.getByTestId("capacity-card");
    await capacity.getByTestId("capacity-add").click();
    await capacity.getByLabel("专科", { exact: true }).last().fill("疼痛科");
    await capacity.getByLabel("人数", { exact: true }).last().fill("3");
    await capacity.getByTestId("capacity-save").click();
    await expect
      .poll(
        async () => (await page.evaluate(async (id) => (await fetch(`/api/v1/institutions/${id}/support-capacity`)).json(), institutionId)).staffBySpecialty,
      )
      .toMatchObject({ 疼痛科: 3 });
    await capacity.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/capacity-zh.png`, fullPage: true });
    await context.close();
  });

  it("at 390×844 in English: the planning card and the county hospital's needs", async () => {
    const coord = await signInWith(env.browser, env.server.url, "zj.city.coord", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      lang: "en",
    });
    await coord.page.goto(`${env.server.url}/practitioners`);
    await coord.page.locator("a[href^='/practitioners/']").first().click();
    await coord.page.getByTestId("planning-card").getByText("Earliest start").waitFor();
    await coord.page.getByTestId("planning-card").getByTestId("planning-add-period").click();
    await coord.page.screenshot({ path: `${SHOTS}/planning-390-en.png`, fullPage: true });
    await coord.page.goto(`${env.server.url}/institutions/${await ownInstitution(coord.page)}`);
    await coord.page.getByTestId("capacity-card").getByText("Most recipients").waitFor();
    await coord.page.getByTestId("capacity-card").scrollIntoViewIfNeeded();
    await coord.page.screenshot({ path: `${SHOTS}/capacity-390-en.png`, fullPage: true });
    await coord.context.close();

    const county = await signInWith(env.browser, env.server.url, "gz.county.coord", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      lang: "en",
    });
    const hospital = await ownInstitution(county.page);
    await county.page.goto(`${env.server.url}/institutions/${hospital}`);
    const needs = county.page.getByTestId("needs-card");
    await needs.getByTestId("needs-add").click();
    await needs.getByLabel("Specialty", { exact: true }).last().fill("Cardiology");
    await needs.getByTestId("needs-add").click();
    await needs.getByLabel("Specialty", { exact: true }).last().fill("Cardiology");
    await needs.getByTestId("need-row").last().locator(".ant-select").click();
    await county.page.locator(".ant-select-dropdown:visible").getByText("Technique request").click();
    await needs.getByLabel("Technique", { exact: true }).fill("PCI");
    await needs.getByTestId("needs-save").click();
    const year = new Date().getFullYear();
    await expect
      .poll(
        async () =>
          (await county.page.evaluate(async ([id, y]) => (await fetch(`/api/v1/institutions/${id}/capability-needs?year=${y}`)).json(), [hospital, year]))
            .needs,
      )
      .toEqual(
        expect.arrayContaining([
          { specialty: "Cardiology", source: "assessment", technique: null },
          { specialty: "Cardiology", source: "technique_request", technique: "PCI" },
        ]),
      );
    await needs.scrollIntoViewIfNeeded();
    await county.page.screenshot({ path: `${SHOTS}/needs-390-en.png`, fullPage: true });
    await county.context.close();

    const desktop = await signInWith(env.browser, env.server.url, "gz.county.coord", { viewport: { width: 1440, height: 900 } });
    await desktop.page.goto(`${env.server.url}/institutions/${hospital}`);
    await desktop.page.getByTestId("needs-card").getByText("技术需求").first().waitFor();
    await desktop.page.getByTestId("needs-card").scrollIntoViewIfNeeded();
    await desktop.page.screenshot({ path: `${SHOTS}/needs-zh.png`, fullPage: true });
    await desktop.context.close();
  });
});
