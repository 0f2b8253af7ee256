import { describe, expect, it } from "vitest";
import { pdfText } from "../packages/server/test/helpers/pdf-text.ts";
import { HAS_CHROMIUM, ownMonthPath, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const PHONE = { width: 390, height: 844 };
const PLAN = "本月计划：每周两次专家门诊，带教腹腔镜手术。";

/** Issue 16 item 3 in the browser: the stationed person writes the month's plan, the recipient signs the month off, the PDF carries both. */
describe.skipIf(!HAS_CHROMIUM)("a stationed person's month in Chromium", () => {
  const env = useServerAndBrowser();
  let monthPath = "";

  it("the stationed doctor writes the month's plan on a phone", async () => {
    const page = await signIn(env.browser, env.server.url, "zj.stationed.doctor", PHONE);
    // Where they are stationed today, as the API says: their practitioner, the agreement whose roster covers today.
    const own = await ownMonthPath(page);
    monthPath = own.path && `/assistance${own.path}`;
    expect(monthPath).not.toBe("");
    await page.goto(`${env.server.url}${monthPath}`);
    await page.getByTestId("work-month-plan").fill(PLAN);
    await page.getByTestId("save-plan").click();
    await expect.poll(() => page.getByText("已保存").count()).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => page.getByTestId("work-month-plan").inputValue()).toBe(PLAN);
    // The stationed doctor does not sign their own month off.
    expect(await page.getByTestId("sign-off-confirm").count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/work-month-plan-phone.png`, fullPage: true });
  });

  it("the recipient's coordinator confirms the month; the plan is frozen and the PDF carries it", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.county.coord", PHONE);
    await page.goto(`${env.server.url}${monthPath}`);
    await expect.poll(() => page.getByText(PLAN).count()).toBe(1);
    await page.getByTestId("sign-off-confirm").click();
    await expect.poll(() => page.getByTestId("sign-off-status").textContent()).toBe("受援单位已确认");
    await page.screenshot({ path: `${SHOTS}/work-month-confirmed-phone.png`, fullPage: true });

    const href = (await page.getByTestId("work-report-pdf").getAttribute("href")) as string;
    const pdf = await page.request.get(`${env.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.body()));
    expect(text).toContain("派驻人员月度工作报告");
    expect(text).toContain(PLAN);
    expect(text).toContain("已确认 / confirmed");

    const doctor = await signIn(env.browser, env.server.url, "zj.stationed.doctor", PHONE);
    await doctor.goto(`${env.server.url}${monthPath}`);
    await expect.poll(() => doctor.getByText(PLAN).count()).toBe(1);
    expect(await doctor.getByTestId("work-month-plan").count()).toBe(0);
  });
});
