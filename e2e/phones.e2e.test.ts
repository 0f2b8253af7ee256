import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { idNumberFor, upReferral } from "../packages/server/test/helpers/referrals.ts";
import { DEMO_PASSWORD, HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const PHONE = { width: 390, height: 844 };

/** Waits until the page's lazy chunk and its first query have drawn (no spinner, no skeleton). */
async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => !document.querySelector(".ant-spin-spinning, .ant-skeleton-active"), undefined, { timeout: 30_000 });
}

/**
 * What every page must be at 390 px: the page never scrolls sideways, and the header's controls
 * (menu button, bell, language switch, user menu) are on screen and never overlap.
 */
async function fitsPhone(page: Page, label: string) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `${label}: page wider than the screen`).toBeLessThanOrEqual(widths.screen);
  const boxes = [];
  for (const id of ["menu-toggle", "notification-bell", "lang-switch", "user-menu"]) {
    const box = await page.getByTestId(id).boundingBox();
    if (id === "notification-bell" && !box) continue; // only staff of an institution have an inbox
    expect(box, `${label}: ${id} shown`).not.toBeNull();
    if (!box) continue;
    expect(box.x, `${label}: ${id} on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${label}: ${id} on screen`).toBeLessThanOrEqual(PHONE.width);
    boxes.push({ id, ...box });
  }
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) {
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${label}: ${a.id} overlaps ${b.id}`).toBe(true);
    }
}

/** A card's heading must be laid out as words: the name on one line, never a character per line. */
async function headingOnOneLine(page: Page, text: string) {
  const box = await page.locator(".mb-card-title", { hasText: text }).first().boundingBox();
  expect(box?.height, `the card heading "${text}"`).toBeLessThan(60);
}

describe.skipIf(!HAS_CHROMIUM)("phone-sized pages (390×844)", () => {
  const env = useServerAndBrowser();
  beforeAll(async () => {
    // A fresh up-referral to the county hospital, so its coordinator's inbox has a notification.
    const login = async (username: string) => {
      const response = await fetch(`${env.server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      return { me: await response.json(), cookie: (response.headers.getSetCookie()[0] ?? "").split(";")[0] as string };
    };
    const county = await login("gz.county.coord");
    const township = await login("gz.township.doctor");
    const sent = await fetch(`${env.server.url}/api/v1/referrals`, {
      method: "POST",
      headers: { cookie: township.cookie, "content-type": "application/json", origin: env.server.url },
      body: JSON.stringify(
        upReferral(county.me.institutionId, {
          patient: { name: "示例欧阳娜娜", sex: "female", birthDate: "1958-03-09", idNumber: idNumberFor("1958-03-09", 417) },
        }),
      ),
    });
    expect(sent.status).toBe(201);
  });

  it("the township doctor's register and visit form are cards and a form that fit the screen", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.township.doctor", PHONE);
    await page.goto(`${env.server.url}/htn`);
    await settled(page);
    await expect.poll(() => page.locator(".mb-card").count()).toBeGreaterThan(3);
    // Not a table squeezed to the screen: each patient is a card, opened with a tap.
    expect(await page.locator(".ant-table").count()).toBe(0);
    const first = (await page.locator(".mb-card-title").first().textContent()) ?? "";
    await headingOnOneLine(page, first.slice(0, 4));
    await fitsPhone(page, "register");
    await page.screenshot({ path: `${SHOTS}/phone-register.png`, fullPage: true });

    await page.getByTestId("htn-row").first().click();
    await page.waitForURL(/\/htn\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.getByTestId("htn-sbp").waitFor();
    await fitsPhone(page, "visit form");
    // The two readings sit side by side, the whole form inside the screen.
    const sbp = await page.getByTestId("htn-sbp").boundingBox();
    const dbp = await page.getByTestId("htn-dbp").boundingBox();
    expect(sbp && dbp && Math.abs(sbp.y - dbp.y)).toBeLessThan(4);
    expect(dbp && dbp.x + dbp.width).toBeLessThanOrEqual(PHONE.width);
    // The visits are cards too, each with its details one tap away.
    await expect.poll(() => page.locator(".mb-card").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/phone-visit-form.png`, fullPage: true });

    // The menu is a drawer that opens over the page and leads somewhere.
    await page.getByTestId("menu-toggle").click();
    await page.getByTestId("main-menu").waitFor();
    await page.getByRole("menuitem", { name: "转诊工作台" }).click();
    await page.waitForURL(/\/referrals(\?|$)/);
    await settled(page);
    await fitsPhone(page, "outgoing worklist");
    await page.context().close();
  });

  it("the county coordinator's worklist, referral and inbox fit the screen", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.county.coord", PHONE);
    await page.goto(`${env.server.url}/referrals`);
    await settled(page);
    await expect.poll(() => page.locator(".mb-card").count()).toBeGreaterThan(0);
    expect(await page.locator(".ant-table").count()).toBe(0);
    await headingOnOneLine(page, "示例欧阳娜娜");
    await fitsPhone(page, "incoming worklist");
    await page.screenshot({ path: `${SHOTS}/phone-worklist.png`, fullPage: true });

    await page.locator(".mb-card", { hasText: "示例欧阳娜娜" }).getByTestId("worklist-row").click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    await settled(page);
    await expect.poll(() => page.getByTestId("referral-patient").textContent()).toBe("示例欧阳娜娜");
    await fitsPhone(page, "referral detail");
    // The actions wrap under the title instead of pushing it off the screen.
    const accept = await page.getByTestId("action-accept").boundingBox();
    expect(accept && accept.x + accept.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: `${SHOTS}/phone-referral.png`, fullPage: true });

    await page.getByTestId("notification-bell").click();
    await page.getByTestId("notification-list").waitFor();
    expect(await page.getByTestId("notification-item").count()).toBeGreaterThan(0);
    // Once the drawer has slid in, the whole list is on screen.
    await expect
      .poll(async () => {
        const list = await page.getByTestId("notification-list").boundingBox();
        return list && list.x >= 0 && list.x + list.width <= PHONE.width;
      })
      .toBe(true);
    await fitsPhone(page, "inbox");
    await page.screenshot({ path: `${SHOTS}/phone-inbox.png` });
    await page.context().close();
  });

  for (const lang of ["zh", "en"] as const) {
    it(`the stationed doctor's check-in shows today and the last 14 days first (${lang})`, async () => {
      const page = await signIn(env.browser, env.server.url, "zj.stationed.doctor", PHONE);
      await page.evaluate((l) => localStorage.setItem("lang", l), lang);
      await page.goto(`${env.server.url}/assistance/check-in`);
      await settled(page);
      const words = {
        zh: {
          none: "尚未签到",
          submitted: "已签到，待受援医院确认",
          confirmed: "已签到，受援医院已确认",
          disputed: "签到被受援医院标为存疑",
          off: "不在派驻期内",
        },
        en: {
          none: "Not checked in yet",
          submitted: "Checked in, awaiting the hospital's confirmation",
          confirmed: "Checked in, confirmed by the hospital",
          disputed: "Check-in disputed by the hospital",
          off: "Not a stationed day",
        },
      }[lang];
      const today = page.getByTestId("check-in-today");
      const state = (await today.getAttribute("data-state")) as keyof typeof words;
      expect(Object.keys(words)).toContain(state);
      expect(await today.textContent()).toContain(words[state]);
      expect(await today.textContent()).toContain(lang === "zh" ? "今天" : "Today");
      // The demo doctor is stationed through the second half of the year.
      expect(state).not.toBe("off");
      const days = page.getByTestId("check-in-day");
      expect(await days.count()).toBe(14);
      // Today and the 14 days come before the button.
      const list = await page.getByTestId("check-in-days").boundingBox();
      const button = await page.getByTestId("check-in-submit").boundingBox();
      expect(list && button && list.y + list.height).toBeLessThanOrEqual(button?.y ?? 0);
      await fitsPhone(page, `check-in ${lang}`);
      await page.screenshot({ path: `${SHOTS}/phone-check-in-${lang}.png`, fullPage: true });

      // Record an open day of the last two weeks (a weekend: the demo has every working day), picked with a tap.
      const open = page.locator("[data-testid=check-in-day][data-state=none]").last();
      const date = (await open.getAttribute("data-date")) as string;
      await open.click();
      // The form shows the tapped day once React has rendered it (the value is read after the click, not at it).
      await expect.poll(() => page.locator(".ant-picker input").inputValue()).toBe(date);
      await page.getByTestId("activity-teaching").click();
      await page.getByTestId("check-in-submit").click();
      await expect.poll(() => page.getByText(`${lang === "zh" ? "已打卡" : "Checked in"} · ${date}`).count()).toBe(1);
      // The day now reads as awaiting the hospital, in the page's language; nothing English on a Chinese screen.
      const day = page.locator(`[data-testid=check-in-day][data-date="${date}"]`);
      await expect.poll(() => day.getAttribute("data-state")).toBe("submitted");
      expect(await day.textContent()).toContain(lang === "zh" ? "待确认" : "Awaiting");
      if (lang === "zh") expect(await page.locator("main, .mb-content").first().textContent()).not.toMatch(/[A-Za-z]{4,}/);
      await page.context().close();
    });
  }
});
