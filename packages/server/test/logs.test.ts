import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { describeError } from "../src/logging.ts";
import { json } from "./helpers/app.ts";
import { BACKENDS } from "./helpers/db.ts";
import { configWithKey, idNumber, login, seededDatabase } from "./helpers/ops.ts";

/** Defect 9: what the server logs when queries fail (request errors and the jobs' shared logger). */
const KEY = randomBytes(32);

describe.each(BACKENDS)("logs on %s (defect 9)", (backend) => {
  it("carry no query parameters, password hashes or patient data, and one error line per failure", async () => {
    const { database, drop } = await seededDatabase(backend, KEY);
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ db: database.db, config: configWithKey(KEY), logStream });
    try {
      const patient = { name: "日志测试患者", sex: "female", birthDate: "1958-03-14", idNumber: idNumber("1958-03-14"), phone: "13987654321" };
      const password = "a-secret-password-for-the-log-test";
      // Real failing inserts: constraints that reject exactly these rows (and only them).
      await database.db.execute(sql.raw(`alter table referrals add constraint ops_log_test check (patient_phone <> '${patient.phone}') not valid`));
      await database.db.execute(sql.raw(`alter table users add constraint ops_log_test check (username <> 'ops.victim') not valid`));
      const doctor = await login(app, "gz.township.doctor");
      const county = json(await app.inject({ url: "/api/v1/me", headers: { cookie: await login(app, "gz.county.coord") } })).institutionId;
      const referral = await app.inject({
        method: "POST",
        url: "/api/v1/referrals",
        headers: { cookie: doctor },
        payload: {
          direction: "up",
          priority: "urgent",
          toInstitutionId: county,
          department: "心血管内科",
          patient,
          reason: { icd10: "I10", text: "高血压" },
          submit: true,
        },
      });
      expect(referral.statusCode, referral.body).toBe(500);
      const account = await app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: { cookie: await login(app, "admin") },
        payload: { username: "ops.victim", displayName: "示例", password, role: "health_official", regionCode: "520000" },
      });
      expect(account.statusCode, account.body).toBe(500);
      // The jobs log through the same logger: a failed query whose message quotes a patient's name.
      const failed = await database.db.execute(sql`select ${patient.name}::int`).catch((error: unknown) => error);
      app.log.error({ err: failed }, "referral jobs failed");

      const text = lines.join("\n");
      for (const secret of [patient.name, patient.phone, patient.birthDate, patient.idNumber, password, "$argon2", "params:"]) {
        expect(text, `log contains ${secret}`).not.toContain(secret);
      }
      expect(describeError(failed)).not.toContain(patient.name);
      const errorLines = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50);
      for (const response of [referral, account]) {
        const mine = errorLines.filter((entry) => entry.reqId === response.headers["x-request-id"]);
        expect(mine).toHaveLength(1);
        // What helps the operator stays: the SQL text, the database's code and constraint.
        expect(mine[0].err).toMatchObject({ code: "23514", constraint: "ops_log_test" });
        expect(mine[0].err.sql).toMatch(/insert into/i);
      }
      expect(errorLines).toHaveLength(3);
    } finally {
      await app.close();
      await drop();
    }
  });
});
