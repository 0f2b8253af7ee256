import { idCheckCharacter } from "@medbridge/core";
import type { LightMyRequestResponse } from "fastify";
import type { TestContext } from "./app.ts";

/** A valid GB 11643 number for a patient from 黄平县 (522622) born on `birth`, with its sequence number. */
export function idNumberFor(birth: string, serial: string | number = "123"): string {
  const first17 = `522622${birth.replaceAll("-", "")}${String(serial).padStart(3, "0")}`;
  return first17 + idCheckCharacter(first17);
}

/** An up-referral body from the demo township to `toInstitutionId`, submitted; `overrides` replace top-level fields. */
export function upReferral(toInstitutionId: string, overrides: Record<string, unknown> = {}) {
  return {
    direction: "up",
    priority: "urgent",
    toInstitutionId,
    department: "心血管内科",
    patient: { name: "示例患者", sex: "male", birthDate: "1970-01-01", idNumber: idNumberFor("1970-01-01") },
    reason: { icd10: "I10", text: "高血压" },
    submit: true,
    ...overrides,
  };
}

/** The demo township's doctor refers a patient up to `toInstitutionId` through the API (submitted). */
export async function referUp(ctx: TestContext, toInstitutionId: string): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: "POST",
    url: "/api/v1/referrals",
    headers: { cookie: await ctx.login("gz.township.doctor") },
    payload: upReferral(toInstitutionId),
  });
}
