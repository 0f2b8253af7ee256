import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const HEADER = "机构名称,机构类别,等级,区划代码,地址,床位数,诊疗科目";
const stamp = Date.now() % 100000;
const good = `示例导入卫生院甲${stamp},township_health_center,一级,522622,黄平县新州镇,20,全科；中医科`;
const second = `示例导入卫生院乙${stamp},township_health_center,,522622,,12,全科`;
// A prefecture code where a county is needed: the row the dry run must name.
const wrongRegion = `示例导入卫生院乙${stamp},township_health_center,,522600,,12,全科`;
const csv = (...rows: string[]) => ({ name: "机构导入.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`) });

/** The text of a visible antd confirmation (title and body). */
const confirmText = (page: Page) => page.locator(".ant-modal-confirm:visible").innerText();

describe.skipIf(!HAS_CHROMIUM)("institution import and confirmations in Chromium", () => {
  const env = useServerAndBrowser();

  it("the commission dry-runs a CSV with a wrong row, sees it named in Chinese, fixes it and imports", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.official");
    await page.goto(`${env.server.url}/institutions`);
    await page.getByTestId("institution-import-open").click();
    const dialog = page.getByTestId("institution-import");
    await dialog.locator("input[type=file]").setInputFiles(csv(good, wrongRegion));

    // The dry run: two rows, the third line (header is line 1) wrong in its region code, nothing written.
    await expect.poll(() => page.getByTestId("import-summary").innerText()).toContain("共 2 行，其中 1 行有错误");
    const errors = page.getByTestId("import-errors").locator("tbody tr.ant-table-row");
    await expect.poll(() => errors.count()).toBe(1);
    const [line, column, problem] = await errors.first().locator("td").allInnerTexts();
    expect(line).toBe("第 3 行");
    expect(column).toBe("区划代码（县级）");
    // In the reader's language: Chinese, no English words from the server.
    expect(problem).toMatch(/[\u4e00-\u9fff]/);
    expect(problem).not.toMatch(/[A-Za-z]{3,}/);
    await page.screenshot({ path: `${SHOTS}/import-dry-run.png` });
    const listed = async (name: string) =>
      page.evaluate(async (q) => (await (await fetch(`/api/v1/institutions?q=${encodeURIComponent(q)}&status=all`)).json()).items.length as number, name);
    expect(await listed(`示例导入卫生院甲${stamp}`)).toBe(0);

    // Fixed in the file and chosen again: all rows pass, the import asks first and reports what it did.
    await page.getByTestId("import-another").click();
    await dialog.locator("input[type=file]").setInputFiles(csv(good, second));
    await expect.poll(() => page.getByTestId("import-summary").innerText()).toContain("共 2 行，全部可以导入");
    await page.getByTestId("import-run").click();
    await expect.poll(() => confirmText(page)).toContain("导入“机构导入.csv”中的 2 家机构？");
    await page.getByTestId("import-confirm-ok").click();
    await expect.poll(() => page.getByTestId("import-done").innerText()).toContain("已从“机构导入.csv”导入 2 家机构");
    await page.screenshot({ path: `${SHOTS}/import-done.png` });
    expect(await listed(`示例导入卫生院甲${stamp}`)).toBe(1);
    expect(await listed(`示例导入卫生院乙${stamp}`)).toBe(1);
    await page.getByTestId("import-close").click();
    await page.close();
  }, 120_000);

  it("deactivating a user asks first, naming them; keeping them changes nothing; confirming reports it", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.server.url}/login`);
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill("admin-password-for-e2e");
    await page.getByTestId("login-submit").click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`${env.server.url}/admin/users?q=yn.township.doctor`);
    const toggle = page.getByTestId("user-active-yn.township.doctor");
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("true");
    const displayName = await page.evaluate(async () => (await (await fetch("/api/v1/users?q=yn.township.doctor")).json()).items[0].displayName as string);
    const named = `${displayName}（yn.township.doctor）`;

    // Kept: the switch stays on and the account too.
    await toggle.click();
    await expect.poll(() => confirmText(page)).toContain(`停用用户“${named}”？`);
    expect(await confirmText(page)).toContain("立即退出登录");
    await page.screenshot({ path: `${SHOTS}/user-disable-confirm.png` });
    await page.getByRole("button", { name: "不，保留" }).click();
    await expect.poll(() => page.locator(".ant-modal-confirm:visible").count()).toBe(0);
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    const active = () => page.evaluate(async () => (await (await fetch("/api/v1/users?q=yn.township.doctor")).json()).items[0].active as boolean);
    expect(await active()).toBe(true);

    // Confirmed: switched off, and the message names who.
    await toggle.click();
    await page.getByTestId("confirm-ok").click();
    await expect.poll(() => page.locator(".ant-message-success").innerText()).toContain(`已停用用户“${named}”`);
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("false");
    expect(await active()).toBe(false);
    await page.close();
  }, 120_000);

  it("the county coordinator's telemedicine request shows in the city coordinator's bell, in Chinese and in English", async () => {
    const city = await signIn(env.browser, env.server.url, "zj.city.coord");
    const cityId = await city.evaluate(async () => (await (await fetch("/api/v1/me")).json()).institutionId as string);
    const unread = () => city.evaluate(async () => (await (await fetch("/api/v1/notifications?unread=true")).json()).unread as number);
    const before = await unread();

    const county = await signIn(env.browser, env.server.url, "gz.county.coord");
    const title = `示例远程会诊 ${stamp}`;
    const status = await county.evaluate(
      async ({ supporterId, title }) =>
        (
          await fetch("/api/v1/telemedicine", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ kind: "consultation", supporterId, title }),
          })
        ).status,
      { supporterId: cityId, title },
    );
    expect(status).toBe(201);
    await county.close();

    // The bell counts it (it polls; a reload asks at once) and lists it by its kind, in Chinese.
    await city.reload();
    await expect.poll(unread).toBe(before + 1);
    const bell = city.getByTestId("notification-bell");
    await expect.poll(() => city.locator(".ant-badge").filter({ has: bell }).innerText()).toBe(String(before + 1));
    await bell.click();
    const item = city.locator(".ant-popover:visible .ant-list-item").first();
    await expect.poll(() => item.innerText()).toContain("新的远程医疗申请");
    await city.screenshot({ path: `${SHOTS}/bell-telemedicine.png` });

    // In English the same notification reads in English.
    await city.evaluate(() => localStorage.setItem("lang", "en"));
    await city.reload();
    await city.getByTestId("notification-bell").click();
    const itemEn = city.locator(".ant-popover:visible .ant-list-item").first();
    await expect.poll(() => itemEn.innerText()).toContain("New telemedicine request");
    await city.screenshot({ path: `${SHOTS}/bell-telemedicine-en.png` });

    // Opening it marks it read and leads to the telemedicine sessions, where the request waits.
    await itemEn.click();
    await city.waitForURL(/\/outreach\/telemedicine/);
    await expect.poll(() => city.getByTestId("session-row").filter({ hasText: title }).count()).toBe(1);
    expect(await unread()).toBe(before);
    await city.close();
  }, 120_000);
});
