import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildApp } from "../packages/server/src/app.ts";
import { loadConfig } from "../packages/server/src/config.ts";
import { openDatabase } from "../packages/server/src/db/connection.ts";
import { ensureRegions } from "../packages/server/src/registry/regions-data.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const DEMO_PASSWORD = "demo-password-for-e2e";
export const SHOTS = resolve(import.meta.dirname, "../test-results");

if (!HAS_CHROMIUM) {
  const message = `No Chromium at ${CHROMIUM} (set CHROMIUM_PATH or apt install chromium): browser journeys are SKIPPED.`;
  if (process.env.CI) throw new Error(`${message} CI never skips them.`);
  console.warn(`\n!!! ${message} !!!\n`);
}

/** The real server (built web app + API) on a free loopback port, with the demo world. */
export async function startServer() {
  // MEDBRIDGE_WEB_DIST: a build other than packages/web/dist (one per person working side by side).
  const config = loadConfig({ MEDBRIDGE_WEB_DIST: process.env.MEDBRIDGE_WEB_DIST });
  if (!existsSync(resolve(config.webDist, "index.html"))) throw new Error("Build the web app first (npm run build); npm test does.");
  const database = await openDatabase({ dataDir: "memory://" });
  await database.migrate();
  await ensureRegions(database.db);
  await seedDemo(database.db, { demo: DEMO_PASSWORD, admin: "admin-password-for-e2e" });
  const app = await buildApp({ db: database.db, config, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export function launch(): Promise<Browser> {
  // Flags as the machine notes require: no sandbox as root, no background networking (closed network).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Signs a demo user in through the login page and waits for the page login leads to. */
export async function signIn(browser: Browser, url: string, username: string, viewport = { width: 1440, height: 900 }) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

/** Signs in through the login page in a browser context of its own (geolocation, viewport, language). */
export async function signInWith(browser: Browser, url: string, username: string, options: BrowserContextOptions & { lang?: "en" } = {}) {
  const { lang, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  if (lang) await context.addInitScript((l) => localStorage.setItem("lang", l), lang);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return { page, context };
}

/** The last Saturday (today when it is one): the demo checks in every working day, so it is still open. */
export function lastSaturday(): string {
  const saturday = new Date();
  saturday.setDate(saturday.getDate() - ((saturday.getDay() + 1) % 7));
  return `${saturday.getFullYear()}-${String(saturday.getMonth() + 1).padStart(2, "0")}-${String(saturday.getDate()).padStart(2, "0")}`;
}

/**
 * Picks a day in the page's date picker, then closes the calendar. On a loaded machine the first
 * click can land while the calendar is still opening: pick until it took.
 */
export async function pickDay(page: Page, date: string) {
  await expect
    .poll(async () => {
      if (!(await page.locator(`td[title="${date}"]`).isVisible())) await page.locator(".ant-picker").click();
      await page.locator(`td[title="${date}"]`).click({ timeout: 2000 });
      return page.locator(".ant-picker input").inputValue();
    })
    .toBe(date);
  // Close the calendar before touching the form below it (it may stay open on a small screen).
  await page.keyboard.press("Escape");
  await page.locator(".ant-picker-dropdown").waitFor({ state: "hidden" });
}

/** The signed-in stationed doctor's month for today: their practitioner and the agreement whose roster covers today ("" when none). */
export function ownMonthPath(page: Page): Promise<{ path: string; month: string }> {
  return page.evaluate(async () => {
    const get = async (path: string) => (await fetch(`/api/v1${path}`)).json();
    const me = await get("/me");
    const today: string = (await get("/attendance/mine")).today;
    for (const a of (await get("/agreements?pageSize=100")).items as { id: string }[]) {
      const roster = (await get(`/agreements/${a.id}/dispatches`)).items as {
        practitionerId: string;
        status: string;
        plannedStart: string;
        plannedEnd: string;
        actualStart: string | null;
        actualEnd: string | null;
      }[];
      const stay = roster.find(
        (d) =>
          d.practitionerId === me.practitionerId &&
          d.status !== "cancelled" &&
          (d.actualStart ?? d.plannedStart) <= today &&
          (d.actualEnd ?? d.plannedEnd) >= today,
      );
      if (stay) return { path: `/work-months/${a.id}/${me.practitionerId}/${today.slice(0, 7)}`, month: today.slice(0, 7) };
    }
    return { path: "", month: "" };
  });
}

/**
 * One real server and one browser for a describe block, started before its tests and stopped
 * after. Read `server` and `browser` inside the tests (they are set by then).
 */
export function useServerAndBrowser(): { server: Awaited<ReturnType<typeof startServer>>; browser: Browser } {
  const state = {} as { server: Awaited<ReturnType<typeof startServer>>; browser: Browser };
  beforeAll(async () => {
    state.server = await startServer();
    state.browser = await launch();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  return state;
}
