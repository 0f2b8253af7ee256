import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const PHONE = { width: 390, height: 844 };
const OPERATION = "腹腔镜阑尾切除术（E2E）";

/** Issue 16 item 2 in the browser: the stationed doctor logs an operation on a phone; the recipient confirms the month. */
describe.skipIf(!HAS_CHROMIUM)("the work log in Chromium", () => {
  const env = useServerAndBrowser();

  it("logs an operation on a phone: today preselected, only the operation's fields, one tap to save", async () => {
    const page = await signIn(env.browser, env.server.url, "zj.stationed.doctor", PHONE);
    await page.goto(`${env.server.url}/assistance/work-log`);
    await page.getByTestId("work-kind-operation").click();
    // Only the operation's fields: no patient stepper, no topic.
    await page.getByTestId("work-operation-name").waitFor();
    expect(await page.getByTestId("work-patients").count()).toBe(0);
    // A bad code is refused by the server on its field, nothing saved.
    await page.getByTestId("work-operation-name").fill(OPERATION);
    await page.getByPlaceholder("47.09").fill("470.9");
    await page.getByTestId("work-save").click();
    await expect.poll(() => page.locator(".ant-form-item-explain-error").count()).toBeGreaterThan(0);
    expect(await page.getByText(OPERATION).count()).toBe(0);
    await page.getByPlaceholder("47.09").fill("47.01");
    await page.getByTestId("work-save").click();
    const line = page.getByTestId("work-line").filter({ hasText: OPERATION });
    await line.first().waitFor();
    expect(await line.first().getAttribute("data-status")).toBe("recorded");
    // The form is ready for the next line of the same kind (the name is one of the recent picks now).
    expect(await page.getByTestId("work-operation-name").inputValue()).toBe("");
    await page.screenshot({ path: `${SHOTS}/work-log-phone.png` });
    // No month view to confirm from for the stationed person themselves.
    await page.goto(`${env.server.url}/assistance/work-months`);
    await page.getByTestId("work-months-page").waitFor();
    expect(await page.getByTestId("work-month-confirm").count()).toBe(0);
    await page.context().close();
  });

  it("the recipient's coordinator confirms the month in one action, and the line shows confirmed", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.county.coord");
    await page.goto(`${env.server.url}/assistance/work-months`);
    const month = await page.evaluate(async () => {
      const own = await (await fetch("/api/v1/attendance/mine")).json().catch(() => null);
      return own?.today?.slice(0, 7) ?? new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    });
    const row = page
      .locator(".ant-table-row")
      .filter({ hasText: month })
      .filter({ has: page.getByTestId("work-month-confirm") });
    // The doctor's month: the one whose lines hold the operation just logged.
    const target = await page.evaluate(async (name) => {
      const lines = (await (await fetch(`/api/v1/work-log?pageSize=50&kind=operation`)).json()).items as { operationName: string; practitionerName: string }[];
      return lines.find((l) => l.operationName === name)?.practitionerName ?? "";
    }, OPERATION);
    expect(target).not.toBe("");
    const mine = row.filter({ hasText: target }).first();
    await mine.getByTestId("work-month-confirm").click();
    await page.locator(".ant-popconfirm .ant-btn-primary").click();
    await expect
      .poll(() => page.locator(".ant-table-row").filter({ hasText: month }).filter({ hasText: target }).first().getByTestId("work-month-status").textContent())
      .toBe("已确认");
    const status = await page.evaluate(async (name) => {
      const lines = (await (await fetch(`/api/v1/work-log?pageSize=50&kind=operation`)).json()).items as { operationName: string; status: string }[];
      return lines.find((l) => l.operationName === name)?.status;
    }, OPERATION);
    expect(status).toBe("confirmed");
    await page.context().close();
  });
});
