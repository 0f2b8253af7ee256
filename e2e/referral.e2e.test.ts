import { idCheckCharacter } from "@medbridge/core";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const ID = (() => {
  const first17 = "52262219610502123";
  return first17 + idCheckCharacter(first17);
})();

describe.skipIf(!HAS_CHROMIUM)("two-way referral journey in Chromium", () => {
  const env = useServerAndBrowser();
  beforeAll(async () => {
    const { server } = env;
    // The county hospital publishes tomorrow's reserved cardiology slots (its coordinator, over the API).
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "gz.county.coord", password: DEMO_PASSWORD }),
    });
    const me = await login.json();
    const cookie = (login.headers.getSetCookie()[0] ?? "").split(";")[0] as string;
    // Beyond the two weeks of demo slots, so this publication is new.
    const tomorrow = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const slot = await fetch(`${server.url}/api/v1/slots`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ institutionId: me.institutionId, department: "心血管内科", date: tomorrow, reserved: 3 }),
    });
    expect(slot.status).toBe(201);
  });

  const pick = async (page: Page, field: string, text: string, typed?: string) => {
    await page.locator(`#${field}`).click();
    if (typed) await page.locator(`#${field}`).fill(typed);
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: text }).first().click();
  };

  it("township doctor refers up with green channel and a booked slot; the county completes it and sends the patient back", async () => {
    const doctor = await signIn(env.browser, env.server.url, "gz.township.doctor");
    await doctor.goto(`${env.server.url}/referrals/new`);
    await pick(doctor, "priority", "绿色通道");
    await doctor.locator("#department").fill("心血管内科");
    await pick(doctor, "toInstitutionId", "示例黄平人民医院", "黄平人民");
    await doctor.locator("#name").fill("示例王阿姨");
    await doctor.locator("#birthDate").fill("1961-05-02");
    await doctor.keyboard.press("Enter");
    await doctor.locator("#idNumber").fill(ID);
    await doctor.locator("#icd10").fill("I10");
    await doctor.locator("#reasonText").fill("高血压 3 级，头痛");
    await pick(doctor, "booking", "心血管内科");
    await doctor.locator("input[type=file]").setInputFiles({ name: "心电图.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await expect.poll(() => doctor.getByText("心电图.pdf").count()).toBe(1);
    await doctor.screenshot({ path: `${SHOTS}/referral-new.png`, fullPage: true });
    await doctor.keyboard.press("Escape");
    await doctor.getByTestId("referral-submit").click();
    await doctor.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    await expect.poll(() => doctor.getByTestId("referral-patient").textContent()).toBe("示例王阿姨");
    await expect.poll(() => doctor.getByText("待接收").count()).toBeGreaterThan(0);
    const referralUrl = doctor.url();

    const county = await signIn(env.browser, env.server.url, "gz.county.coord");
    // The county hears about it in its notification centre.
    await expect.poll(async () => Number((await county.locator(".ant-badge-count").first().textContent()) ?? "0")).toBeGreaterThan(0);
    await county.goto(`${env.server.url}/referrals`);
    await expect.poll(() => county.getByTestId("worklist-row").filter({ hasText: "示例王阿姨" }).count()).toBe(1);
    await county.screenshot({ path: `${SHOTS}/referral-worklist.png` });
    await county.getByTestId("worklist-row").filter({ hasText: "示例王阿姨" }).click();
    await county.waitForURL(referralUrl);
    await expect.poll(() => county.getByTestId("attachment-link").textContent()).toContain("心电图.pdf");
    for (const action of ["accept", "schedule", "arrive"]) {
      await county.getByTestId(`action-${action}`).click();
      await expect.poll(() => county.getByTestId(`action-${action}`).count()).toBe(0);
    }
    await county.getByTestId("action-complete").click();
    await county.getByTestId("down-summary").fill("出院小结：氨氯地平 5 mg 每日一次，两周后社区复诊。");
    // The completion also sends the patient back down (a second referral): on a loaded two-core CI
    // machine this answer once took longer than the default poll. Wait for the answer itself, so a
    // failure says whether the server refused or was slow.
    const completed = county.waitForResponse((r) => r.url().includes("/transitions") && r.request().method() === "POST", { timeout: 30_000 });
    await county.getByTestId("action-confirm").click();
    const answer = await completed;
    expect(answer.status(), await answer.text()).toBe(200);
    await expect.poll(() => county.getByText("已完成").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await county.screenshot({ path: `${SHOTS}/referral-completed.png`, fullPage: true });

    await doctor.goto(`${env.server.url}/referrals?role=incoming&direction=down`);
    await expect.poll(() => doctor.getByTestId("worklist-row").filter({ hasText: "示例王阿姨" }).count()).toBe(1);
  }, 120_000);
});
