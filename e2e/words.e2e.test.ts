/**
 * No key, enum value or identifier is ever shown to a person (issue 14, item 4).
 *
 * Walks every route of packages/web/src/routes.tsx as each demo role, in Chinese and in English,
 * opening the first record of each list (ids are taken from the links the pages themselves show),
 * waits for the data and fails on any visible string that looks like code rather than words:
 * - an i18n key or dotted identifier (`assistance.cancelDispatch`): /\b[a-z]+(\.[a-zA-Z]+)+\b/;
 * - a snake_case word (`city_tertiary_to_county`, `read_patient`);
 * - an element whose whole text is an enum value of core's vocabularies (`at_risk`, `grade3`,
 *   `draft`) or an audit action the server writes;
 * - on a Chinese screen, an element whose whole text is English words (`OK`, `Cancel`).
 * The texts read are document.body.innerText, the leaf elements' own text, and the title,
 * aria-label and placeholder of visible elements.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import * as core from "@medbridge/core";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it, vi } from "vitest";
import i18n from "../packages/web/src/i18n.ts";
import { HAS_CHROMIUM, signIn, useServerAndBrowser } from "./browser.ts";

const ROOT = resolve(import.meta.dirname, "..");

/** Route paths as routes.tsx declares them (the walker fails when one is added and not walked). */
const ROUTE_PATHS = [...readFileSync(join(ROOT, "packages/web/src/routes.tsx"), "utf8").matchAll(/<Route\s+path="([^"]+)"/g)]
  .map((m) => m[1] as string)
  .filter((p) => p !== "*" && p !== "/login");

/** A route with parameters, as a pattern over pathnames. */
const patternOf = (route: string) => new RegExp(`^${route.replace(/:[a-zA-Z]+/g, "[^/]+")}$`);
const STATIC_ROUTES = ROUTE_PATHS.filter((p) => !p.includes(":"));
const DETAIL_ROUTES = ROUTE_PATHS.filter((p) => p.includes(":"));

/** Every enum value core exports (its vocabularies, pack and rule ids, indicator ids) and the audit actions the server writes. */
function enumValues(): Set<string> {
  const values = new Set<string>();
  for (const value of Object.values(core)) {
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) for (const v of value) values.add(v);
  }
  for (const pack of core.BUILT_IN_PACKS) {
    values.add(pack.id);
    for (const rule of pack.rules) values.add(rule.id);
  }
  values.add(core.NOMINAL_DAYS_DEFAULT.id);
  for (const indicator of core.INDICATORS) values.add(indicator.id);
  for (const status of ["pass", "fail", "at_risk"]) values.add(status);
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith(".ts") ? [path] : [];
    });
  for (const file of walk(join(ROOT, "packages/server/src"))) {
    for (const m of readFileSync(file, "utf8").matchAll(/action: "([a-z_]+)"/g)) values.add(m[1] as string);
  }
  // Data, not code: the institution grades are Chinese words (三级甲等) and editions are years.
  for (const v of [...core.GRADES, ...core.EDITIONS]) values.delete(v);
  // Drug classes A–D are the guideline's own names for them (A 类 = ACEI/ARB…), shown as such.
  for (const v of core.DRUG_CLASSES) values.delete(v);
  return values;
}
const ENUMS = enumValues();

/** Every text the app's own dictionaries hold: a leaf that equals one is our word (en's unit "count"), whatever enum it resembles. */
const WORDS = (() => {
  const words = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === "string") words.add(value);
    else if (value && typeof value === "object") for (const v of Object.values(value)) collect(v);
  };
  for (const lng of ["zh-CN", "en"]) collect(i18n.getResourceBundle(lng, "translation"));
  return words;
})();

/**
 * Strings that look like code but are data or the product's own words, each with its reason.
 * Kept small: anything here is something a person is meant to read.
 */
const ALLOWED: { pattern: RegExp; why: string }[] = [
  { pattern: /^meet\.jit\.si$/, why: "the video meeting service's host name, shown with the meeting link" },
  { pattern: /^(e\.g|i\.e)$/, why: "English abbreviations in help texts" },
  {
    pattern: /^(admin|(gz|yn|zj)(\.[a-z]+)+)$/,
    why: "user names (the demo accounts' login names): what the person types to sign in, shown as data",
  },
  { pattern: /^[A-TV-Z]\d{2}(\.\d{1,2})?$/, why: "ICD-10 codes (I10): the classification's own notation, shown as data beside the diagnosis" },
  { pattern: /^English$/, why: "the language switch names the other language in that language" },
];
/** Latin words a Chinese screen legitimately shows: units, file formats, code systems, the product's and the programme's names. */
const LATIN_ON_ZH = /^(?:PDF|CSV|XLSX|ICS|SLA|ID|API|SMS|URL|BMI|ECG|CT|MRI|ICD-10|mmHg|eGFR|Bearer|MedBridge)$/;
/** Attributes not ours to word: antd's icon names (aria-label="user" on a decorative glyph) and the English aria-labels antd hard-codes inside InputNumber and Segmented. */
const THIRD_PARTY_LABELS = new Set(["Increase Value", "Decrease Value", "segmented control"]);

interface Finding {
  where: string;
  kind: string;
  text: string;
}

/** What the page shows, as the tests judge it: the whole visible text, each visible leaf's own text, and the attributes people hear or hover. */
async function visibleTexts(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none";
    };
    const leaves: string[] = [];
    const attributes: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (!visible(el)) continue;
      for (const name of ["title", "aria-label", "placeholder"]) {
        const value = el.getAttribute(name);
        // antd names its icon glyphs in English (aria-label="user"); they are pictures, not our words.
        if (value && !(name === "aria-label" && el.classList.contains("anticon"))) attributes.push(value);
      }
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? "")
        .join("")
        .trim();
      if (own) leaves.push(own);
    }
    return { body: document.body.innerText, leaves, attributes };
  });
}

function judge(where: string, zh: boolean, texts: { body: string; leaves: string[]; attributes: string[] }): Finding[] {
  const findings: Finding[] = [];
  const allowed = (s: string) => ALLOWED.some((a) => a.pattern.test(s));
  const all = [texts.body, ...texts.attributes].join("\n");
  // Addresses and e-mail addresses are data; their dots are not keys.
  const withoutUrls = all.replace(/\b(?:https?:\/\/|webcal:\/\/)\S+/g, " ").replace(/\S+@\S+\.\S+/g, " ");
  for (const m of withoutUrls.matchAll(/\b[a-z]+(?:\.[a-zA-Z]+)+\b/g)) {
    if (!allowed(m[0])) findings.push({ where, kind: "key", text: m[0] });
  }
  for (const m of withoutUrls.matchAll(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g)) {
    if (!allowed(m[0])) findings.push({ where, kind: "snake_case", text: m[0] });
  }
  for (const text of [...texts.leaves, ...texts.attributes.filter((a) => !THIRD_PARTY_LABELS.has(a))]) {
    if (ENUMS.has(text) && !WORDS.has(text) && !allowed(text)) findings.push({ where, kind: "enum", text });
    // Code's English on a Chinese screen: an element whose whole text is Latin words.
    if (zh && /^[A-Za-z][A-Za-z .'-]*$/.test(text) && /[A-Za-z]{2}/.test(text) && !LATIN_ON_ZH.test(text) && !allowed(text)) {
      findings.push({ where, kind: "english on zh", text });
    }
  }
  return findings;
}

/** Requests in flight per page, so a page reached inside the app can be waited for like a load. */
const inFlight = new WeakMap<Page, number>();
function trackRequests(page: Page) {
  inFlight.set(page, 0);
  const done = () => inFlight.set(page, Math.max(0, (inFlight.get(page) ?? 1) - 1));
  page.on("request", () => inFlight.set(page, (inFlight.get(page) ?? 0) + 1));
  page.on("requestfinished", done);
  page.on("requestfailed", done);
}

/** Waits until the page has its data: no request in flight for a moment, no spinner, no skeleton. */
async function settle(page: Page) {
  const deadline = Date.now() + 15_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(50);
    if ((inFlight.get(page) ?? 0) > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 250) break;
  }
  await page.waitForFunction(() => !document.querySelector(".ant-spin-spinning, .ant-skeleton-active"), undefined, { timeout: 10_000 }).catch(() => undefined);
}

async function signInAdmin(browser: Browser, url: string) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${url}/login`);
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("密码").fill("admin-password-for-e2e");
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

async function walk(browser: Browser, url: string, username: string): Promise<{ findings: Finding[]; visited: string[] }> {
  const page = username === "admin" ? await signInAdmin(browser, url) : await signIn(browser, url, username);
  trackRequests(page);
  const findings: Finding[] = [];
  const visited: string[] = [];
  const details = new Map<string, string>(); // route → first path seen for it
  const collectLinks = async () => {
    const hrefs = await page.$$eval("a[href^='/']", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const path = href.split(/[?#]/)[0] as string;
      for (const route of DETAIL_ROUTES)
        if (!details.has(route) && patternOf(route).test(path) && path !== "/referrals/new" && path !== "/referrals/pool") details.set(route, path);
    }
  };
  // Lists whose rows open a record by a click rather than a link (the register): the first row's page.
  const openFirstRow = async (from: string) => {
    if (DETAIL_ROUTES.every((r) => details.has(r))) return;
    const row = page.locator(".ant-table-row[style*='cursor: pointer'], [data-testid$='-row'][style*='cursor: pointer']").first();
    if ((await row.count()) === 0) return;
    await row.click();
    await settle(page);
    const path = new URL(page.url()).pathname;
    for (const route of DETAIL_ROUTES) if (!details.has(route) && patternOf(route).test(path)) details.set(route, path);
    if (path !== from) {
      await page.goBack();
      await settle(page);
    }
  };
  for (const lang of ["zh", "en"] as const) {
    // The language is read once at start: set it, then load the app once; pages change in the app
    // itself (as a person clicking the menu), so the bundle is not loaded again for every page.
    await page.evaluate((l) => (l === "en" ? localStorage.setItem("lang", "en") : localStorage.removeItem("lang")), lang);
    await page.goto(`${url}/institutions`);
    const seen = new Set<string>();
    const queue = [...STATIC_ROUTES];
    while (queue.length > 0) {
      const path = queue.shift() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      await page.evaluate((p) => {
        history.pushState({}, "", p);
        dispatchEvent(new PopStateEvent("popstate"));
      }, path);
      await settle(page);
      visited.push(`${lang} ${path}`);
      findings.push(...judge(`${username} ${lang} ${path}`, lang === "zh", await visibleTexts(page)));
      await collectLinks();
      await openFirstRow(path);
      for (const detail of details.values()) if (!seen.has(detail) && !queue.includes(detail)) queue.push(detail);
    }
  }
  await page.close();
  return { findings, visited };
}

/** Each role once (yn.township.doctor is the same role as gz.township.doctor); WORDS_ROLES=a,b walks a few while fixing. */
const ROLES = process.env.WORDS_ROLES?.split(",") ?? ["gz.township.doctor", "gz.county.coord", "zj.city.coord", "gz.official", "zj.stationed.doctor", "admin"];

// Seeding the demo world takes longer than the default hook limit on a busy machine.
vi.setConfig({ hookTimeout: 300_000 });

describe.skipIf(!HAS_CHROMIUM)("no key, enum value or identifier on any page", () => {
  const env = useServerAndBrowser();

  it("knows the routes and the enum values it looks for", () => {
    expect(STATIC_ROUTES).toContain("/referrals");
    expect(DETAIL_ROUTES).toContain("/referrals/:id");
    for (const v of ["at_risk", "grade3", "city_tertiary_to_county", "read_patient", "green_channel", "township_health_center"]) expect(ENUMS).toContain(v);
    // The judge itself: each kind of leak is caught, words are not.
    const leaks = judge("self", true, {
      body: "取消 assistance.cancelDispatch 城市 city_tertiary_to_county",
      leaves: ["at_risk", "OK", "取消", "ICD-10", "mmHg"],
      attributes: [],
    });
    expect(leaks.map((f) => `${f.kind}:${f.text}`).sort()).toEqual(
      ["key:assistance.cancelDispatch", "snake_case:city_tertiary_to_county", "enum:at_risk", "english on zh:OK"].sort(),
    );
    expect(judge("self", false, { body: "Open https://meet.jit.si/mb-1 or write to a.b@example.org", leaves: ["Draft", "OK"], attributes: [] })).toEqual([]);
  });

  for (const username of ROLES) {
    it(`${username}: every page in zh and en shows words, not codes`, { timeout: 600_000 }, async () => {
      const { findings, visited } = await walk(env.browser, env.server.url, username);
      // Every static route was walked in both languages, and detail pages were reached through the lists.
      expect(visited.filter((v) => v.startsWith("zh ")).length).toBeGreaterThanOrEqual(STATIC_ROUTES.length);
      expect(visited.filter((v) => v.startsWith("en ")).length).toBeGreaterThanOrEqual(STATIC_ROUTES.length);
      expect(visited.some((v) => /\/institutions\/[^/]+$/.test(v))).toBe(true);
      const unique = [...new Map(findings.map((f) => [`${f.where}|${f.kind}|${f.text}`, f])).values()];
      expect(unique.map((f) => `${f.where}: ${f.kind} «${f.text}»`)).toEqual([]);
    });
  }
});
