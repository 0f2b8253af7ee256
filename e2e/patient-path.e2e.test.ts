import { idCheckCharacter } from "@medbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, HAS_CHROMIUM, SHOTS, signIn, useServerAndBrowser } from "./browser.ts";

const ID = (() => {
  const first17 = "52262219580409277";
  return first17 + idCheckCharacter(first17);
})();

describe.skipIf(!HAS_CHROMIUM)("patient index and path in Chromium", () => {
  const env = useServerAndBrowser();
  beforeAll(async () => {
    const { server } = env;
    const login = async (username: string) => {
      const response = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      return { me: await response.json(), cookie: (response.headers.getSetCookie()[0] ?? "").split(";")[0] as string };
    };
    const county = (await login("gz.county.coord")).me.institutionId as string;
    const { cookie } = await login("gz.township.doctor");
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return response.json();
    };
    // One person at two institutions: referred up to the county hospital, and in the township's register with a visit.
    const patient = { name: "示例路径患者", sex: "female", birthDate: "1958-04-09", idNumber: ID };
    await post("/referrals", {
      direction: "up",
      priority: "routine",
      toInstitutionId: county,
      department: "心血管内科",
      patient,
      reason: { icd10: "I10", text: "高血压控制不佳" },
      submit: true,
    });
    const enrolled = await post("/htn/patients", { patient, conditions: [], riskFactors: [] });
    await post(`/htn/patients/${enrolled.id}/visits`, { readings: [{ sbp: 150, dbp: 95 }] });
  });

  it("a township clinician looks a patient up by ID number on a phone and opens the path; the number never reaches a URL", async () => {
    const page = await signIn(env.browser, env.server.url, "gz.township.doctor", { width: 390, height: 844 });
    const urls: string[] = [];
    page.on("framenavigated", (frame) => urls.push(frame.url()));
    await page.goto(`${env.server.url}/patients`);

    // Checked before anything is sent: a wrong check character is named as such.
    await page.getByTestId("patient-lookup-input").fill(`${ID.slice(0, 17)}${ID[17] === "0" ? "1" : "0"}`);
    await page.getByTestId("patient-lookup-submit").click();
    await expect.poll(() => page.getByText("校验位不符，请核对号码").count()).toBe(1);

    await page.getByTestId("patient-lookup-input").fill(ID);
    await page.getByTestId("patient-lookup-submit").click();
    await expect.poll(() => page.getByTestId("patient-name").textContent()).toBe("示例路径患者");
    expect(await page.getByTestId("patient-result").textContent()).not.toContain(ID);
    await page.getByTestId("patient-view-path").click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}\/path$/);
    await expect.poll(() => page.getByTestId("path-patient-name").textContent()).toBe("示例路径患者");
    await expect.poll(() => page.getByTestId("path-event").count()).toBeGreaterThanOrEqual(3);
    const kinds = await page.getByTestId("path-event").evaluateAll((events) => events.map((e) => e.getAttribute("data-kind")));
    expect(new Set(kinds)).toEqual(new Set(["referral", "enrolment", "visit"]));
    await page.screenshot({ path: `${SHOTS}/patient-path-phone.png`, fullPage: true });

    // Only visits: the filter by kind.
    await page.getByTestId("path-kind-filter").click();
    await page.locator(".ant-select-item-option", { hasText: "随访" }).first().click();
    await expect.poll(() => page.getByTestId("path-event").count()).toBe(1);
    expect(await page.getByTestId("path-event").getAttribute("data-kind")).toBe("visit");

    // The ID number went in a POST body only.
    expect(urls.length).toBeGreaterThan(0);
    for (const url of [...urls, page.url()]) expect(url).not.toContain(ID);
  }, 120_000);

  it("a Yunnan clinician finds nobody with that number", async () => {
    const page = await signIn(env.browser, env.server.url, "yn.township.doctor");
    await page.goto(`${env.server.url}/patients`);
    await page.getByTestId("patient-lookup-input").fill(ID);
    await page.getByTestId("patient-lookup-submit").click();
    await expect.poll(() => page.getByTestId("patient-not-found").count()).toBe(1);
    expect(await page.getByTestId("patient-not-found").textContent()).toContain("您所在机构未接诊过此人");
  }, 60_000);
});
