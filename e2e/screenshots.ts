/**
 * Screenshots of every page for a person to look at: `npx tsx e2e/screenshots.ts [path…]`.
 * Writes test-results/shot-*.png (git-ignored). Not a test; the journeys are in *.e2e.test.ts.
 */
import { DEMO_PASSWORD, launch, SHOTS, startServer } from "./browser.ts";

const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["/institutions", "/alliances", "/practitioners", "/admin/users", "/admin/audit", "/admin/tokens", "/institutions?regionCode=522622&lang=en"];

const server = await startServer();
const browser = await launch();
try {
  for (const user of (process.env.SHOT_USERS ?? "admin,gz.official").split(",")) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("用户名").fill(user);
    await page.getByLabel("密码").fill(user === "admin" ? "admin-password-for-e2e" : DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    // Login leads to the role's home (issue 14); the pages below are opened one by one.
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    for (const path of pages) {
      if (path.includes("lang=en")) await page.evaluate(() => localStorage.setItem("lang", "en"));
      if (path === "@agreement") {
        // The first (failing) agreement of the 2025 board, opened as a user would.
        await page.goto(`${server.url}/assistance/board?year=${new Date().getFullYear() - 1}`);
        await page.getByTestId("board-agreement").first().click();
        await page.getByTestId("timeline").waitFor();
      } else await page.goto(`${server.url}${path.replace(/[?&]lang=en/, "")}`);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      const name = `${user}-${path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}`;
      await page.screenshot({ path: `${SHOTS}/shot-${name}.png`, fullPage: true });
      console.log(`shot-${name}.png`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
