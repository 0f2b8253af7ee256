import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** The open dropdown's option with this text (antd renders one dropdown per select, hidden when closed). */
const option = (page: Page, text: string | RegExp) =>
  page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: text }).first();

/**
 * Switches the worklist's view and waits until the address bar says so (the list, and a search
 * typed next, read their filters from there); clicks again if a click was lost on a busy machine.
 */
async function chooseView(page: Page, label: string, view: string) {
  await expect
    .poll(async () => {
      if (new URL(page.url()).searchParams.get("view") !== view) await page.getByTestId("worklist-view").getByText(label).click();
      return new URL(page.url()).searchParams.get("view");
    })
    .toBe(view);
}

describe.skipIf(!HAS_CHROMIUM)("the referral path: register patient → prefilled referral with a booked slot → the county's worklist", () => {
  const env = useServerAndBrowser();

  it.each(VIEWPORTS.map((v, i) => [v.name, v, i] as const))(
    "at %s: the township doctor refers a register patient in a few clicks; both sides see the slot",
    async (_name, viewport, index) => {
      const { browser, server } = env;
      const doctor = await signIn(browser, server.url, "gz.township.doctor", viewport);
      let actions = 0;
      const act = async (step: () => Promise<unknown>) => {
        actions++;
        await step();
      };
      // A register patient with a recorded reading (a different one per viewport).
      await doctor.goto(`${server.url}/htn`);
      await doctor.getByTestId("htn-row").nth(index).click();
      await doctor.waitForURL(/\/htn\/[0-9a-f-]{36}$/);
      const name = ((await doctor.getByTestId("htn-patient-name").textContent()) ?? "").trim();
      expect(name.length).toBeGreaterThan(1);

      // From here on every click and input is counted: the figure of the issue.
      await act(() => doctor.getByTestId("htn-patient-refer").click());
      await doctor.waitForURL(/\/referrals\/new\?/);
      await expect.poll(() => doctor.getByTestId("referral-prefilled").count(), { timeout: 20_000 }).toBe(1);
      // The patient came from the server, not the URL: neither the name nor any ID number is in it.
      expect(decodeURIComponent(doctor.url())).not.toContain(name);
      expect(doctor.url()).not.toMatch(/\d{17}[\dX]/);
      expect(await doctor.locator("#name").inputValue()).toBe(name);
      const idNumber = await doctor.locator("#idNumber").inputValue();
      expect(idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(await doctor.locator("#birthDate").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await doctor.locator("#sex").locator("xpath=ancestor::div[contains(@class,'ant-select')][1]").textContent()).toMatch(/^(男|女)$/);
      expect(await doctor.locator("#icd10").inputValue()).toBe("I10");
      // The diagnosis with its grade, never the advice ("转诊…") as the reason.
      const reason = await doctor.locator("#reasonText").inputValue();
      expect(reason).toMatch(/^原发性高血压/);
      expect(reason).not.toContain("转诊");
      expect(await doctor.locator("#summary").inputValue()).toMatch(/血压 \d+\/\d+ mmHg/);
      // The partner the township refers to is chosen already.
      await expect.poll(() => doctor.getByTestId("referral-target").textContent()).toContain("示例黄平人民医院");
      // Green channel, so it is the county's first row to answer.
      await act(() => doctor.locator("#priority").click());
      await act(() => option(doctor, "绿色通道").click());
      await act(() => doctor.locator("#booking").click());
      const slot = option(doctor, "心血管内科");
      const slotText = (await slot.textContent()) ?? "";
      const date = slotText.match(/\d{4}-\d{2}-\d{2}/)?.[0] as string;
      expect(date).toBeTruthy();
      await act(() => slot.click());
      await doctor.screenshot({ path: `${SHOTS}/referral-path-prefilled-${viewport.name}.png`, fullPage: true });
      await act(() => doctor.getByTestId("referral-submit").click());
      await doctor.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
      expect(actions).toBe(6);
      // The confirmation and the referral both name the booked slot.
      await expect.poll(() => doctor.locator(".ant-message").textContent()).toContain(date);
      await expect.poll(() => doctor.getByTestId("referral-booked").textContent()).toContain(`心血管内科 · ${date}`);
      await expect.poll(() => doctor.getByTestId("referral-patient").textContent()).toBe(name);
      const referralUrl = doctor.url();
      await doctor.screenshot({ path: `${SHOTS}/referral-path-sent-${viewport.name}.png`, fullPage: true });
      // The sender's worklist (needs action by default) shows it with its slot.
      await doctor.goto(`${server.url}/referrals?role=outgoing`);
      const sent = doctor.getByTestId("worklist-row").filter({ hasText: name });
      await expect.poll(() => sent.count()).toBe(1);
      expect(await doctor.getByTestId("referral-booking").filter({ hasText: date }).count()).toBeGreaterThan(0);

      // The county coordinator: incoming, needs action, this referral first, with the slot.
      const county = await signIn(browser, server.url, "gz.county.coord", viewport);
      await county.goto(`${server.url}/referrals`);
      // First to answer: before it only green-channel referrals already past their deadline (the
      // demo world has two that the SLA clock has not expired yet in this server).
      const queue = (await county.evaluate(async () => (await fetch("/api/v1/referrals?role=incoming&view=action")).json())) as {
        items: { id: string; priority: string; slaDeadline: string; patient: { name: string } }[];
      };
      const at = queue.items.findIndex((r) => referralUrl.endsWith(r.id));
      expect(at).toBeGreaterThanOrEqual(0);
      for (const before of queue.items.slice(0, at)) {
        expect(before.priority).toBe("green_channel");
        expect(Date.parse(before.slaDeadline)).toBeLessThan(Date.now());
      }
      const row = county.getByTestId("worklist-row").nth(at);
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(name);
      expect(await county.getByTestId("worklist-row").allTextContents()).toEqual(
        expect.arrayContaining(queue.items.slice(0, at + 1).map((r) => expect.stringContaining(r.patient.name))),
      );
      await expect.poll(() => county.getByTestId("referral-booking").filter({ hasText: date }).count()).toBeGreaterThan(0);
      expect(await county.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await county.screenshot({ path: `${SHOTS}/referral-path-incoming-${viewport.name}.png`, fullPage: true });
      // Finished ones are one click away, and this one is not among them.
      await chooseView(county, "已结束", "finished");
      await expect.poll(() => county.getByTestId("worklist-row").first().textContent()).not.toContain(name);
      // Search by the ID tail the coordinator sees (the last two characters).
      await chooseView(county, "需处理", "action");
      await county.getByTestId("list-search").locator("input").fill(name);
      await county.getByTestId("list-search").locator("input").press("Enter");
      await expect.poll(() => county.getByTestId("worklist-row").count()).toBe(1);
      expect(county.url()).not.toContain(encodeURIComponent(name));
      await county.getByTestId("worklist-row").first().click();
      await county.waitForURL(referralUrl);
      await expect.poll(() => county.getByTestId("referral-booked").textContent()).toContain(`心血管内科 · ${date}`);
      expect(await county.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await county.screenshot({ path: `${SHOTS}/referral-path-detail-county-${viewport.name}.png`, fullPage: true });
      // Accept it, so the next journey's referral is the one to answer first.
      await county.getByTestId("action-accept").click();
      await expect.poll(() => county.getByTestId("action-accept").count()).toBe(0);
      await doctor.close();
      await county.close();
    },
    240_000,
  );
});
