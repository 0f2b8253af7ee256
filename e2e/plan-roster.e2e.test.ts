import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signInWith, useServerAndBrowser } from "./browser.ts";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const NEXT_YEAR = new Date().getFullYear() + 1;

/** Starts a plan with the form as it stands and waits until the solver's answer is on the page. */
async function planAndWait(page: Page): Promise<string> {
  const before = new URL(page.url()).searchParams.get("run");
  await page.getByTestId("plan-start").click();
  await page.waitForURL((u) => Boolean(u.searchParams.get("run")) && u.searchParams.get("run") !== before);
  await page.getByTestId("plan-solver").waitFor({ timeout: 90_000 });
  return new URL(page.url()).searchParams.get("run") as string;
}

/** The page never scrolls sideways at 390 px: the year's timelines scroll inside their cards. */
async function fitsWidth(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Issue 17 in the browser: the demo supporter's coordinator plans next year, applies it once; a stale plan is refused. */
describe.skipIf(!HAS_CHROMIUM)("the roster planner in Chromium", () => {
  const env = useServerAndBrowser();
  let applied = "";

  it("plans the demo supporter's next year, shows it beside today's roster and applies it; a second apply is refused", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "zj.city.coord", { viewport: DESKTOP });
    await page.getByTestId("main-menu").getByText("排班规划").click();
    await page.waitForURL((u) => u.pathname === "/assistance/plans/roster");
    // A coordinator plans their own hospital, next year unless told otherwise; pairing is not theirs.
    expect(await page.getByTestId("plan-supporter-fixed").textContent()).toBe("示例杭州市第一人民医院");
    expect(await page.getByTestId("plan-year").textContent()).toContain(String(NEXT_YEAR));
    expect(await page.getByTestId("main-menu").getByText("结对规划").count()).toBe(0);

    const stale = await planAndWait(page);
    const runId = await planAndWait(page);
    expect(runId).not.toBe(stale);
    expect(await page.getByTestId("plan-solver-status").textContent()).toBe("已证明最优");
    expect(await page.getByTestId("plan-reasons").getAttribute("data-feasible")).toBe("true");
    // Every agreement passes its pack under the plan; the proposed roster shows the new stays in green.
    const checks = page.getByTestId("plan-agreement-check");
    expect(await checks.count()).toBeGreaterThan(0);
    for (const status of await checks.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-status")))) expect(status).toBe("pass");
    const planned = Number(await page.getByTestId("plan-total-newDispatches").locator(".ant-statistic-content-value").textContent());
    expect(planned).toBeGreaterThan(0);
    // Each agreement's roster loads on its own: every new stay is drawn once they all have.
    await expect.poll(() => page.getByTestId("plan-timeline-proposed").getByTestId("timeline-added").count()).toBe(planned);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/plan-roster-desktop-zh.png`, fullPage: true });

    await page.getByTestId("plan-apply").click();
    await page.getByTestId("plan-apply-ok").click();
    await expect.poll(() => page.locator(".ant-message").textContent(), { timeout: 20_000 }).toContain(`已应用：新增 ${planned} 条派驻`);
    await expect.poll(() => page.getByTestId("plan-apply").isDisabled()).toBe(true);
    await page.getByTestId("plan-applied").waitFor();
    // The stays are now today's roster: each new one is drawn once, marked where it stands.
    await expect.poll(() => page.getByTestId("plan-timeline-today").locator("[data-testid=timeline]").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("plan-timeline-proposed").getByTestId("timeline-added").count()).toBe(planned);

    // The server refuses to apply it again.
    const again = await page.evaluate(async (id) => (await fetch(`/api/v1/plans/${id}/apply`, { method: "POST" })).status, runId);
    expect(again).toBe(409);

    // The first plan was made before the roster changed: reopened from the recent runs, it is refused with words.
    await page.goto(`${env.server.url}/assistance/plans/roster?run=${stale}`);
    await page.getByTestId("plan-solver").waitFor();
    await page.getByTestId("plan-apply").click();
    await page.getByTestId("plan-apply-ok").click();
    await expect.poll(() => page.getByTestId("plan-apply-error").textContent()).toBe("规划之后派驻名单已有变动，请重新规划。");
    applied = runId;
    await context.close();
  }, 300_000);

  it("the applied plan reads the same on a phone and in English, the timelines scrolling inside their cards", async () => {
    expect(applied).not.toBe("");
    for (const lang of ["zh", "en"] as const) {
      const { page, context } = await signInWith(env.browser, env.server.url, "zj.city.coord", { viewport: PHONE, ...(lang === "en" && { lang }) });
      await page.goto(`${env.server.url}/assistance/plans/roster?run=${applied}`);
      await page.getByTestId("plan-solver").waitFor();
      await page.getByTestId("plan-applied").waitFor();
      await page.waitForLoadState("networkidle");
      await fitsWidth(page);
      if (lang === "en") expect(await page.getByTestId("plan-solver-status").textContent()).toBe("Proven optimal");
      await page.screenshot({ path: `${SHOTS}/plan-roster-phone-${lang}.png`, fullPage: true });
      await context.close();
    }
    const { page, context } = await signInWith(env.browser, env.server.url, "zj.city.coord", { viewport: DESKTOP, lang: "en" });
    await page.goto(`${env.server.url}/assistance/plans/roster?run=${applied}`);
    await page.getByTestId("plan-applied").waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/plan-roster-desktop-en.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it("the national admin picks the supporter that cannot be planned in full: the best plan, each break and why in words", async () => {
    const context = await env.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/login`);
    await page.locator("#username").fill("admin");
    await page.locator("#password").fill("admin-password-for-e2e");
    await page.getByTestId("login-submit").click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`${env.server.url}/assistance/plans/roster`);
    // The commissions choose the supporter (a coordinator's is fixed).
    await page.getByTestId("plan-supporter").click();
    await page.keyboard.type("宁波市第一");
    await page.locator(".ant-select-item-option", { hasText: "示例宁波市第一医院" }).first().click();
    await planAndWait(page);
    expect(await page.getByTestId("plan-reasons").getAttribute("data-feasible")).toBe("false");
    expect(await page.getByTestId("plan-reasons").textContent()).toContain("学科带头人");
    expect(await page.getByTestId("plan-break").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("plan-agreement-check").count()).toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/plan-roster-infeasible-desktop-zh.png`, fullPage: true });
    await context.close();
  }, 240_000);

  it("the province's official plans Guizhou's pairings: totals, the pairs and the needs left unmet", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "gz.official", { viewport: DESKTOP });
    await page.getByTestId("main-menu").getByText("结对规划").click();
    await page.waitForURL((u) => u.pathname === "/assistance/plans/pairing");
    const runId = await planAndWait(page);
    const pairs = Number(await page.getByTestId("plan-total-pairs").locator(".ant-statistic-content-value").textContent());
    expect(pairs).toBeGreaterThan(0);
    expect(await page.getByTestId("plan-pair").count()).toBe(Math.min(pairs, 20));
    // The search narrows the pairs to a hospital's name.
    const first = (await page.getByTestId("plan-pair").first().locator("td").first().textContent()) as string;
    const name = first.replace(/现有结对$/, "").trim();
    await page.getByTestId("plan-pairs-search").locator("input").fill(name);
    await page.getByTestId("plan-pairs-search").locator("input").press("Enter");
    await expect.poll(async () => (await page.getByTestId("plan-pair").allTextContents()).filter((row) => !row.includes(name)).length).toBe(0);
    expect(await page.getByTestId("plan-pair").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("plan-pair").count()).toBeLessThan(Math.min(pairs, 20));
    await page.getByTestId("plan-pairs-search").locator("input").fill("");
    await page.getByTestId("plan-pairs-search").locator("input").press("Enter");
    await expect.poll(() => page.getByTestId("plan-pair").count()).toBe(Math.min(pairs, 20));
    await page.getByTestId("plan-pairs-search").locator("input").blur();
    await page.screenshot({ path: `${SHOTS}/plan-pairing-desktop-zh.png`, fullPage: true });
    await context.close();

    for (const [viewport, lang, shot] of [
      [PHONE, "zh", "phone-zh"],
      [PHONE, "en", "phone-en"],
      [DESKTOP, "en", "desktop-en"],
    ] as const) {
      const other = await signInWith(env.browser, env.server.url, "gz.official", { viewport, ...(lang === "en" && { lang }) });
      await other.page.goto(`${env.server.url}/assistance/plans/pairing?run=${runId}`);
      await other.page.getByTestId("plan-solver").waitFor();
      await other.page.waitForLoadState("networkidle");
      if (viewport === PHONE) await fitsWidth(other.page);
      await other.page.screenshot({ path: `${SHOTS}/plan-pairing-${shot}.png`, fullPage: true });
      await other.context.close();
    }

    // A coordinator may not open the pairing planner.
    const coordinator = await signInWith(env.browser, env.server.url, "zj.city.coord", { viewport: DESKTOP });
    await coordinator.page.goto(`${env.server.url}/assistance/plans/pairing`);
    await coordinator.page.getByTestId("forbidden").waitFor();
    await coordinator.context.close();
  }, 240_000);
});
