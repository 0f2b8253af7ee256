/**
 * The web app's first load, as each demo role meets it: the JavaScript the login page needs and
 * the JavaScript of each role's home opened directly (gzip KB, every script the page fetched,
 * compressed here with gzip -9 as a server would), and the time from the login button to a usable
 * home (its counts visible), median of 5, at 1440×900 and 390×844. Real server (e2e/browser.ts
 * startServer, in-memory PGlite with the demo world) and Debian's Chromium.
 *
 *   npm run build (or MEDBRIDGE_WEB_DIST=<dir>) && npx tsx bench/web-homes.ts
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, launch, startServer } from "../e2e/browser.ts";

const USERS = [
  ["official", "gz.official", DEMO_PASSWORD],
  ["county coordinator", "gz.county.coord", DEMO_PASSWORD],
  ["city coordinator", "zj.city.coord", DEMO_PASSWORD],
  ["township clinician", "gz.township.doctor", DEMO_PASSWORD],
  ["stationed doctor", "zj.stationed.doctor", DEMO_PASSWORD],
  ["admin", "admin", "admin-password-for-e2e"],
] as const;
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
const RUNS = 5;
/**
 * A usable home: a role home's counts (home-ready), the dashboard's first tile with its value, or
 * (before role homes existed, when every role landed on the directory) the first table row.
 */
const READY = '[data-testid="home-ready"], [data-testid^="tile-"] .ant-statistic-content, .ant-table-row';

/** Records every script a page fetches; `kb()` is their total gzip size. */
function scripts(page: Page) {
  const bodies = new Map<string, Promise<Buffer>>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script" && !bodies.has(response.url())) bodies.set(response.url(), response.body());
  });
  return {
    kb: async () => {
      let bytes = 0;
      for (const body of bodies.values()) bytes += gzipSync(await body, { level: 9 }).length;
      return bytes / 1024;
    },
    count: () => bodies.size,
  };
}

async function signInTimed(browser: Browser, url: string, username: string, password: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const loginJs = scripts(page);
  await page.goto(`${url}/login`);
  await page.getByTestId("login-submit").waitFor();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  // What the login page needed, before the home's own chunks arrive.
  const loginKb = await loginJs.kb();
  const t0 = performance.now();
  await page.getByTestId("login-submit").click();
  await page.locator(READY).first().waitFor({ timeout: 30_000 });
  const ms = performance.now() - t0;
  return { context, page, ms, loginKb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const server = await startServer();
const browser = await launch();
try {
  const rows: string[][] = [];
  let loginKb = 0;
  for (const [label, username, password] of USERS) {
    const times = new Map<number, number[]>();
    let homeKb = 0;
    let homeScripts = 0;
    let landed = "";
    for (const viewport of VIEWPORTS) {
      const sample: number[] = [];
      times.set(viewport.width, sample);
      for (let run = 0; run < RUNS; run++) {
        const { context, page, ms, loginKb: kb } = await signInTimed(browser, server.url, username, password, viewport);
        sample.push(ms);
        if (!loginKb) loginKb = kb;
        if (!homeKb) {
          // The home opened directly (a reload of / while signed in): all the JavaScript it needs.
          const direct = await context.newPage();
          await direct.setViewportSize(viewport);
          const homeJs = scripts(direct);
          await direct.goto(`${server.url}/`);
          await direct.locator(READY).first().waitFor({ timeout: 30_000 });
          await direct.waitForLoadState("networkidle");
          homeKb = await homeJs.kb();
          homeScripts = homeJs.count();
          landed = new URL(direct.url()).pathname;
        }
        await page.close();
        await context.close();
      }
    }
    rows.push([
      label,
      landed,
      `${homeKb.toFixed(0)} (${homeScripts} files)`,
      median(times.get(1440) ?? []).toFixed(0),
      median(times.get(390) ?? []).toFixed(0),
    ]);
  }
  console.log(`\nLogin page: initial JavaScript ${loginKb.toFixed(0)} KB gzip\n`);
  const header = ["role", "home", "home JS KB gzip", "login→home ms @1440 (median of 5)", "@390"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
} finally {
  await browser.close();
  await server.close();
}
