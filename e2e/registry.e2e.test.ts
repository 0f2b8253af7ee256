import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, HAS_CHROMIUM, SHOTS, useServerAndBrowser } from "./browser.ts";

describe.skipIf(!HAS_CHROMIUM)("registry journey in Chromium", () => {
  const env = useServerAndBrowser();

  it("gz.official signs in, filters the directory to a county and opens an institution", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.server.url}/institutions`);
    // Signed out: the app sends us to the login page.
    await page.waitForURL(/\/login/);
    await page.getByTestId("login-submit").waitFor();
    await page.screenshot({ path: `${SHOTS}/login.png` });
    await page.getByLabel("用户名").fill("gz.official");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.waitForURL(/\/institutions/);
    await expect.poll(() => page.locator(".ant-table-row").count()).toBeGreaterThan(5);

    const tree = page.getByTestId("region-tree");
    // Wait for the root's expand animation to finish: a click on a node still moving is lost.
    await tree.locator(".ant-tree-treenode", { hasText: "黔东南苗族侗族自治州" }).waitFor();
    await expect.poll(() => tree.locator(".ant-tree-treenode-motion").count()).toBe(0);
    await tree.locator(".ant-tree-treenode", { hasText: "黔东南苗族侗族自治州" }).locator(".ant-tree-switcher").click();
    await tree.getByText("黄平县", { exact: true }).click();
    await page.waitForURL(/regionCode=522622/);
    await expect.poll(async () => (await page.locator(".ant-table-row").allInnerTexts()).every((row) => row.includes("黄平县"))).toBe(true);
    const rows = await page.locator(".ant-table-row").count();
    expect(rows).toBeGreaterThan(3);
    await page.screenshot({ path: `${SHOTS}/directory-county.png` });

    await page.getByRole("link", { name: "示例黄平人民医院" }).click();
    await page.waitForURL(/\/institutions\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("institution-name").textContent()).toBe("示例黄平人民医院");
    await expect.poll(() => page.getByText("县医院能力评估").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("示例黄平县域医共体").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/institution-detail.png`, fullPage: true });

    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.getByText("County hospital capability").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/institution-detail-en.png`, fullPage: true });
  });
});
