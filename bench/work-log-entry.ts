/**
 * Issue 16's figure: logging an operation in the work log on a phone — taps and seconds, median of
 * 5, at 390×844 with touch (Debian's Chromium, real server: e2e/browser.ts startServer, in-memory
 * PGlite with the demo world). Two ways a stationed doctor logs one:
 *   typed:  tap the kind, tap the name field, type the name, tap save (role defaults to lead);
 *   recent: tap the kind, tap one of the month's recent operation names, tap save.
 * Seconds run from the first tap to the saved line shown in the month's list (the server's answer
 * and the list's reload included); the time a person takes to read and think is not in them.
 *
 *   MEDBRIDGE_WEB_DIST=<built web dir> npx tsx bench/work-log-entry.ts
 */
import type { Page } from "playwright-core";
import { DEMO_PASSWORD, launch, startServer } from "../e2e/browser.ts";

const RUNS = 5;
const NAMES = ["腹腔镜阑尾切除术", "腹腔镜疝修补术", "经皮肾镜取石术", "膝关节镜检查术", "乳腺肿物切除术"];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function logOne(page: Page, how: "typed" | "recent", name: string): Promise<{ taps: number; ms: number }> {
  let taps = 0;
  const tap = async (locator: ReturnType<Page["locator"]>) => {
    await locator.tap();
    taps++;
  };
  let logged = name;
  const start = performance.now();
  await tap(page.getByTestId("work-kind-operation"));
  if (how === "typed") {
    await tap(page.getByTestId("work-operation-name"));
    await page.keyboard.type(name);
  } else {
    const recent = page.locator(".ant-tag-checkable").first();
    logged = (await recent.textContent()) ?? "";
    await tap(recent);
  }
  // Saved when the server answered 201 and the month's list, reloaded, shows the line first.
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/work-log") && r.request().method() === "POST" && r.status() === 201);
  await tap(page.getByTestId("work-save"));
  await saved;
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="work-line"]')?.textContent?.includes(text) && !document.querySelector(".ant-spin-spinning"),
    logged,
  );
  return { taps, ms: performance.now() - start };
}

const server = await startServer();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill("zj.stationed.doctor");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(`${server.url}/assistance/work-log`);
  await page.getByTestId("work-kind-operation").waitFor();
  await page.getByTestId("work-line").first().waitFor();
  const results: Record<string, { taps: number; ms: number }[]> = { typed: [], recent: [] };
  // Each entry starts as a new visit finds the page (reloaded, no kind chosen).
  for (const how of ["typed", "recent"] as const) {
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      await page.getByTestId("work-line").first().waitFor();
      results[how]?.push(await logOne(page, how, `${NAMES[i]}（基准）`));
    }
  }
  console.log("Work-log entry of an operation at 390×844 (touch), median of 5:");
  for (const [how, runs] of Object.entries(results)) {
    console.log(
      `  ${how.padEnd(6)}  taps ${median(runs.map((r) => r.taps))}  seconds ${(median(runs.map((r) => r.ms)) / 1000).toFixed(2)}  (runs: ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(", ")})`,
    );
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
