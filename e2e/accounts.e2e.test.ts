import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, useServerAndBrowser } from "./browser.ts";

describe.skipIf(!HAS_CHROMIUM)("a password set by the admin, in Chromium", () => {
  const env = useServerAndBrowser();

  it("shows the change-password form before anything else, then opens the app", async () => {
    const api = (path: string, init: RequestInit = {}, cookie = "") =>
      fetch(`${env.server.url}/api/v1${path}`, { ...init, headers: { "content-type": "application/json", cookie } });
    const admin = await api("/auth/login", { method: "POST", body: JSON.stringify({ username: "admin", password: "admin-password-for-e2e" }) });
    const cookie = (admin.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const doctors = (await (await api("/users?q=gz.township.doctor", {}, cookie)).json()) as { items: { institutionId: string }[] };
    const created = await api(
      "/users",
      {
        method: "POST",
        body: JSON.stringify({
          username: "e2e.new.doctor",
          displayName: "示例新医生",
          password: "set-by-the-admin",
          role: "clinician",
          institutionId: doctors.items[0]?.institutionId,
        }),
      },
      cookie,
    );
    expect(created.status).toBe(201);

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${env.server.url}/login`);
    await page.getByLabel("用户名").fill("e2e.new.doctor");
    await page.getByLabel("密码").fill("set-by-the-admin");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("change-password").waitFor();
    // Nothing of the app behind it: no menu, no directory.
    expect(await page.locator(".ant-menu").count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/change-password.png` });

    await page.getByLabel("当前密码").fill("set-by-the-admin");
    await page.getByLabel("新密码", { exact: true }).fill("short");
    await page.getByLabel("再次输入新密码").fill("different-one");
    await page.getByTestId("change-password-submit").click();
    await expect.poll(() => page.getByText("新密码至少 10 个字符").count()).toBe(1);
    await expect.poll(() => page.getByText("两次输入的新密码不一致").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/change-password-errors.png` });

    await page.getByLabel("新密码", { exact: true }).fill("the-doctors-own-password");
    await page.getByLabel("再次输入新密码").fill("the-doctors-own-password");
    await page.getByTestId("change-password-submit").click();
    // Then the app opens on the doctor's home (issue 14): the register and referrals with their counts.
    await page.getByTestId("home-ready").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByTestId("home-section-register").waitFor();
    await page.screenshot({ path: `${SHOTS}/change-password-done.png` });
  });
});
