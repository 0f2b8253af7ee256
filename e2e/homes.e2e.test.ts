/**
 * Each role's home (issue 14): login lands on it at 1440×900 and 390×844, its counts show and a
 * count opens the list it counts with the same total, the page never scrolls sideways on a phone,
 * axe finds no serious or critical accessibility violation, and pages the policy forbids answer 403.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_PASSWORD, HAS_CHROMIUM, useServerAndBrowser } from "./browser.ts";

// Injected through the DevTools protocol: the app's CSP (scripts from itself only) refuses a script tag.
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core"), "utf8");
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Role {
  username: string;
  password?: string;
  /** Where login lands. */
  home: string;
  /** What shows that the home is usable. */
  ready: string;
  /** A count on the home, the list it opens and the API request that list makes. */
  count?: { tile: string; url: RegExp; api: RegExp };
  /** A page the policy keeps from this role. */
  forbidden: string;
}

const HOME_READY = '[data-testid="home-ready"]';
const ROLES: Role[] = [
  {
    username: "gz.official",
    home: "/dashboard",
    ready: '[data-testid^="tile-"] .ant-statistic-content',
    forbidden: "/referrals/new",
  },
  {
    username: "gz.county.coord",
    home: "/",
    ready: HOME_READY,
    count: { tile: "incoming-submitted", url: /\/referrals\?role=incoming&status=submitted$/, api: /\/api\/v1\/referrals\?.*status=submitted/ },
    forbidden: "/outreach/touring",
  },
  {
    username: "zj.city.coord",
    home: "/",
    ready: HOME_READY,
    count: { tile: "telemedicine-requested", url: /\/outreach\/telemedicine\?status=requested$/, api: /\/api\/v1\/telemedicine\?.*status=requested/ },
    forbidden: "/patients/00000000-0000-4000-8000-000000000000/path",
  },
  {
    username: "gz.township.doctor",
    home: "/",
    ready: HOME_READY,
    count: { tile: "htn-week", url: /\/htn\?due=week$/, api: /\/api\/v1\/htn\/patients\?.*due=week/ },
    forbidden: "/dashboard",
  },
  { username: "zj.stationed.doctor", home: "/", ready: HOME_READY, forbidden: "/referrals" },
  {
    username: "admin",
    password: "admin-password-for-e2e",
    home: "/",
    ready: HOME_READY,
    count: { tile: "users", url: /\/admin\/users$/, api: /\/api\/v1\/users(\?|$)/ },
    forbidden: "/assistance/check-in",
  },
];

/** The demo role of that username (the table above holds each once). */
function roleOf(username: string): Role {
  const role = ROLES.find((r) => r.username === username);
  if (!role) throw new Error(`No demo role ${username} in ROLES`);
  return role;
}

async function signIn(browser: Browser, url: string, role: Role, viewport: typeof DESKTOP) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${url}/login`);
  await page.getByLabel("用户名").fill(role.username);
  await page.getByLabel("密码").fill(role.password ?? DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.locator(role.ready).first().waitFor({ timeout: 30_000 });
  return page;
}

/** Serious and critical axe violations on the page as it is, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return (result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(", ")}`);
}

describe.skipIf(!HAS_CHROMIUM)("role homes", () => {
  const env = useServerAndBrowser();

  for (const role of ROLES) {
    for (const viewport of [DESKTOP, PHONE]) {
      test(`${role.username} lands on its home at ${viewport.width}, accessible, no sideways scroll`, { timeout: 90_000 }, async () => {
        const page = await signIn(env.browser, env.server.url, role, viewport);
        try {
          expect(new URL(page.url()).pathname).toBe(role.home);
          if (role.home === "/") {
            // Counts are numbers from the server, none failed.
            const tiles = page.locator("[data-testid^=home-count-]");
            for (const count of await tiles.evaluateAll((els) => els.map((e) => e.getAttribute("data-count")))) expect(count).toMatch(/^\d+$/);
            await expect(page.getByText(/数量加载失败/).count()).resolves.toBe(0);
          }
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
          if (role.home === "/dashboard") {
            // Check the dashboard once its map, trend table and ranking have drawn, not half-loaded.
            await page.getByTestId("choropleth").waitFor({ timeout: 30_000 });
            await page.getByTestId("trend-table").waitFor();
            await expect.poll(() => page.getByTestId("ranking-row").count(), { timeout: 30_000 }).toBeGreaterThan(0);
          }
          expect(await axeViolations(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }

    if (role.count) {
      const { tile, url, api } = role.count;
      test(`${role.username}: the ${tile} count opens its list with as many records`, { timeout: 90_000 }, async () => {
        const page = await signIn(env.browser, env.server.url, role, DESKTOP);
        try {
          const link = page.getByTestId(`home-count-${tile}`);
          const shown = Number(await link.getAttribute("data-count"));
          const listed = page.waitForResponse((r) => api.test(r.url()) && r.request().method() === "GET");
          await link.click();
          await page.waitForURL(url);
          const answer = (await (await listed).json()) as { total: number; items: unknown[] };
          expect(answer.total).toBe(shown);
          await page.locator(".ant-table-tbody").first().waitFor();
          await expect.poll(() => page.locator(".ant-table-tbody tr.ant-table-row").count(), { timeout: 10_000 }).toBe(Math.min(shown, 20));
        } finally {
          await page.close();
        }
      });
    }

    test(`${role.username} opening ${role.forbidden} sees the 403 page`, { timeout: 60_000 }, async () => {
      const page = await signIn(env.browser, env.server.url, role, DESKTOP);
      try {
        await page.goto(`${env.server.url}${role.forbidden}`);
        await page.locator(".ant-result-403").waitFor();
        expect(await page.locator(".ant-result-title").innerText()).toBe("403");
        await expect(page.getByText("您的角色无权使用此功能。").count()).resolves.toBe(1);
      } finally {
        await page.close();
      }
    });
  }

  test("a township doctor's home: the register first, then its referrals; the stationed doctor's: today's check-in", { timeout: 90_000 }, async () => {
    const doctor = await signIn(env.browser, env.server.url, roleOf("gz.township.doctor"), DESKTOP);
    const sections = await doctor.locator("[data-testid^=home-section-]").evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    expect(sections).toEqual(["home-section-register", "home-section-referrals"]);
    // Someone is due this week in the demo register.
    expect(Number(await doctor.getByTestId("home-count-htn-week").getAttribute("data-count"))).toBeGreaterThan(0);
    await doctor.close();

    const county = await signIn(env.browser, env.server.url, roleOf("gz.county.coord"), DESKTOP);
    expect((await county.locator("[data-testid^=home-section-]").first().getAttribute("data-testid")) ?? "").toBe("home-section-referrals");
    await county.close();
    const city = await signIn(env.browser, env.server.url, roleOf("zj.city.coord"), DESKTOP);
    expect((await city.locator("[data-testid^=home-section-]").first().getAttribute("data-testid")) ?? "").toBe("home-section-agreements");
    await city.close();

    const stationed = await signIn(env.browser, env.server.url, roleOf("zj.stationed.doctor"), PHONE);
    await expect(stationed.getByTestId("home-check-in-state").getAttribute("data-state")).resolves.toMatch(/^(none|submitted|confirmed|disputed|off)$/);
    await stationed.getByTestId("home-check-in-link").click();
    await stationed.waitForURL(/\/assistance\/check-in$/);
    await stationed.close();
  });
});
