import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

describe.skipIf(!HAS_CHROMIUM)("hypertension visit in Chromium", () => {
  const env = useServerAndBrowser();

  it("a township doctor records a visit on a phone and sees the recommendation, then refers a severe case", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.township.doctor", { width: 390, height: 844 });
    await page.goto(`${env.server.url}/htn`);
    await expect.poll(() => page.getByTestId("htn-row").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/htn-register.png`, fullPage: true });
    await page.getByTestId("htn-row").first().click();
    await page.waitForURL(/\/htn\/[0-9a-f-]{36}$/);
    await page.getByTestId("htn-sbp").fill("166");
    await page.getByTestId("htn-dbp").fill("98");
    await page.getByTestId("htn-submit").click();
    await expect.poll(() => page.getByTestId("htn-action").count()).toBe(1);
    const action = await page.getByTestId("htn-action").textContent();
    // 166/98 on one drug for weeks: not controlled → more treatment (the class depends on the patient).
    expect(action).toMatch(/加大剂量|加用|转诊|两种/);
    await page.getByText("查看依据").click();
    await expect.poll(() => page.getByTestId("htn-trace").locator(".ant-list-item").count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${SHOTS}/htn-visit-phone.png`, fullPage: true });

    // Grade 3 with a severe headache: refer urgently, with the referral form prefilled.
    await page.getByTestId("htn-sbp").fill("186");
    await page.getByTestId("htn-dbp").fill("112");
    await page.getByText("剧烈头痛").click();
    await page.getByTestId("htn-submit").click();
    await expect.poll(() => page.getByTestId("htn-action").first().textContent()).toBe("立即紧急转诊上级医院");
    await page.getByTestId("htn-refer").click();
    await page.waitForURL(/\/referrals\/new\?/);
    await expect.poll(() => page.locator("#icd10").inputValue()).toBe("I10");
    // The reason is the patient's diagnosis with its grade, never the advice's wording (issue 14).
    await expect.poll(() => page.locator("#reasonText").inputValue()).toBe("原发性高血压（3级）");
  }, 120_000);
});
