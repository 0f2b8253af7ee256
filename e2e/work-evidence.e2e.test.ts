import { describe, expect, it } from "vitest";
import { countyArea } from "../packages/server/src/geo/county-areas.ts";
import { DEMO_PAIR } from "../packages/server/src/seed/demo-plan.ts";
import { pdfText } from "../packages/server/test/helpers/pdf-text.ts";
import { HAS_CHROMIUM, lastSaturday, ownMonthPath, pickDay, SHOTS, signInWith, useServerAndBrowser } from "./browser.ts";

const PHONE = { width: 390, height: 844 };
const OPERATION = "腹腔镜阑尾切除术";
const CODE = "47.01";

/**
 * Issue 16's journey on a phone (390×844): the stationed doctor checks in with the position
 * granted (Chromium's geolocation override) and logs an operation; the recipient's coordinator
 * confirms the month; the month's PDF report reads back with the totals.
 */
describe.skipIf(!HAS_CHROMIUM)("work evidence from check-in to the monthly report, in Chromium at 390×844", () => {
  const env = useServerAndBrowser();
  let month = { path: "", month: "" };

  it("the stationed doctor checks in on site with the position granted", async () => {
    // The demo recipient has no point of its own: its county counts, and the county's centroid lies in it.
    const county = await countyArea(DEMO_PAIR.recipientCounty);
    expect(county).not.toBeNull();
    const { page, context } = await signInWith(env.browser, env.server.url, "zj.stationed.doctor", {
      geolocation: { latitude: county?.latitude as number, longitude: county?.longitude as number, accuracy: 30 },
      permissions: ["geolocation"],
    });
    await page.goto(`${env.server.url}/assistance/check-in`);
    await page.getByTestId("location-notice").waitFor();
    const date = lastSaturday();
    await pickDay(page, date);
    await page.getByTestId("check-in-submit").click();
    await expect.poll(() => page.getByTestId("check-in-location").getAttribute("data-class"), { timeout: 15_000 }).toBe("on_site");
    await page.screenshot({ path: `${SHOTS}/work-evidence-check-in-phone.png`, fullPage: true });
    // The day is kept as on site; the position itself never comes back from the API.
    const day = (await page.evaluate(
      async (d) => (await (await fetch("/api/v1/attendance/mine")).json()).days.find((x: { date: string }) => x.date === d),
      date,
    )) as Record<string, unknown>;
    expect(day.locationClass).toBe("on_site");
    expect(Object.keys(day).some((k) => /latitude|longitude|position/i.test(k))).toBe(false);
    await context.close();
  }, 180_000);

  it("logs an operation in the work log", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "zj.stationed.doctor", { viewport: PHONE });
    month = await ownMonthPath(page);
    expect(month.path).not.toBe("");
    await page.goto(`${env.server.url}/assistance/work-log`);
    await page.getByTestId("work-log-page").waitFor();
    await page.getByTestId("work-kind-operation").click();
    await page.getByTestId("work-operation-name").fill(OPERATION);
    await page.getByPlaceholder("47.09").fill(CODE);
    await page.getByText("主刀", { exact: true }).click();
    await page.getByTestId("work-save").click();
    await expect.poll(() => page.getByTestId("work-line").filter({ hasText: OPERATION }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId("work-line").filter({ hasText: OPERATION }).getAttribute("data-status")).toBe("recorded");
    await page.screenshot({ path: `${SHOTS}/work-evidence-log-phone.png`, fullPage: true });
    await context.close();
  }, 180_000);

  it("the recipient's coordinator confirms the month, and the PDF report reads back with the totals", async () => {
    const { page, context } = await signInWith(env.browser, env.server.url, "gz.county.coord", { viewport: PHONE });
    await page.goto(`${env.server.url}/assistance${month.path}`);
    await expect.poll(() => page.getByText(OPERATION).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByTestId("sign-off-confirm").click();
    await expect.poll(() => page.getByTestId("sign-off-status").textContent()).toBe("受援单位已确认");
    await page.screenshot({ path: `${SHOTS}/work-evidence-confirmed-phone.png`, fullPage: true });

    // The report as the API computes it: the operation confirmed, the check-in on site counted.
    const report = (await (await page.request.get(`${env.server.url}/api/v1${month.path}/report`)).json()) as {
      totals: { operations: number; operationsLead: number; lines: number };
      confirmedTotals: { operations: number; operationsLead: number; lines: number };
      checkIns: { onSite: number };
      operations: { name: string | null; procedureCode: string | null; status: string }[];
      signOff: { status: string };
    };
    expect(report.signOff.status).toBe("confirmed");
    expect(report.operations.find((o) => o.name === OPERATION)).toMatchObject({ procedureCode: CODE, status: "confirmed" });
    expect(report.confirmedTotals.operations).toBeGreaterThanOrEqual(1);
    expect(report.confirmedTotals.operationsLead).toBeGreaterThanOrEqual(1);
    if (lastSaturday().startsWith(month.month)) expect(report.checkIns.onSite).toBeGreaterThanOrEqual(1);

    const href = (await page.getByTestId("work-report-pdf").getAttribute("href")) as string;
    const pdf = await page.request.get(`${env.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    const text = await pdfText(new Uint8Array(await pdf.body()));
    expect(text).toContain("派驻人员月度工作报告");
    expect(text).toContain(month.month);
    expect(text).toContain(OPERATION);
    expect(text).toContain(CODE);
    expect(text).toContain("已确认 / confirmed");
    // The totals row: recorded, then confirmed — the numbers the API gave.
    expect(text).toMatch(new RegExp(`手术台次 Operations\\s*${report.totals.operations}\\s*${report.confirmedTotals.operations}`));
    expect(text).toMatch(new RegExp(`其中主刀 of which as lead\\s*${report.totals.operationsLead}\\s*${report.confirmedTotals.operationsLead}`));
    await context.close();
  }, 180_000);
});
