/**
 * Memory under large uploads: a real `medbridge serve` on PGlite; the township doctor sends 40
 * referrals at once, each with five 2 MiB attachments (the most the create route takes, ~13.3 MiB
 * of JSON). The server's RSS is sampled from /proc/<pid>/status; prints the peak, how many uploads
 * succeeded or were refused (503 + Retry-After), and the time. Target: peak RSS ≤ 600 MB.
 *
 *   npx tsx bench/upload-memory.ts [uploads]
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { idCheckCharacter } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, REFERRAL_BODY_LIMIT } from "../packages/server/src/referral/attachments.ts";
import { seedDemo } from "../packages/server/src/seed/demo.ts";
import { benchDatabase } from "./lib/bench-database.ts";
import { login, startServe } from "./lib/server-process.ts";

const UPLOADS = Number(process.argv[2] ?? 40);
const PASSWORD = "medbridge-demo";
const PORT = 18_510;

const { database, env, cleanup } = await benchDatabase("pglite", "medbridge-bench-upload");
await database.migrate();
await seedDemo(database.db, { demo: PASSWORD, admin: "bench-admin-password" });
const county = (
  (await database.db.execute(sql`select id from institutions where name = '示例黄平人民医院'`)) as unknown as {
    rows: { id: string }[];
  }
).rows[0]?.id;
await database.close();

/** Kilobytes of one line of /proc/<pid>/status (VmRSS: now, VmHWM: the kernel's own peak). */
function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, "") ?? 0);
}

// Five JPEG files of exactly the largest size, random bytes (incompressible, like photos of films).
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(MAX_ATTACHMENT_BYTES - 4)]);
const first17 = "52262219610502123";
const body = Buffer.from(
  JSON.stringify({
    direction: "up",
    priority: "urgent",
    toInstitutionId: county,
    department: "心血管内科",
    patient: { name: "示例压测患者", sex: "female", birthDate: "1961-05-02", idNumber: first17 + idCheckCharacter(first17) },
    reason: { icd10: "I10", text: "高血压，附检查影像" },
    submit: true,
    attachments: Array.from({ length: MAX_ATTACHMENTS }, (_, i) => ({
      filename: `影像${i + 1}.jpg`,
      contentType: "image/jpeg",
      data: jpeg.toString("base64"),
    })),
  }),
);
if (body.length > REFERRAL_BODY_LIMIT) throw new Error("the body is over the route's limit");

const server = await startServe(env, PORT);
const pid = server.child.pid as number;
try {
  const doctor = await login(server.url, "gz.township.doctor", PASSWORD);
  const idleKb = statusKb(pid, "VmRSS");
  let peakKb = idleKb;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, statusKb(pid, "VmRSS"));
  }, 20);
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: UPLOADS }, async () => {
      try {
        const response = await fetch(`${server.url}/api/v1/referrals`, {
          method: "POST",
          headers: { cookie: doctor, "content-type": "application/json" },
          body,
        });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakKb = Math.max(peakKb, statusKb(pid, "VmRSS"));
  const count = (status: number) => statuses.filter((s) => s === status).length;
  console.log(
    JSON.stringify({
      figure: "concurrent maximum referral uploads, PGlite",
      uploads: UPLOADS,
      bodyMiB: Number((body.length / 1024 / 1024).toFixed(1)),
      succeeded: count(201),
      refused503: count(503),
      other: statuses.filter((s) => s !== 201 && s !== 503),
      seconds: Number(seconds.toFixed(1)),
      idleRssMB: Math.round(idleKb / 1024),
      peakRssMB: Math.round(peakKb / 1024),
      kernelPeakRssMB: Math.round(statusKb(pid, "VmHWM") / 1024),
      target: "peak RSS <= 600 MB",
    }),
  );
} finally {
  await server.stop();
  await cleanup();
}
