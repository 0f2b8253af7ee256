import { generatedPassword, hashPassword } from "../auth/passwords.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { users } from "../db/schema.ts";
import { type DemoSummary, isEmpty, seedDemo } from "./demo.ts";

export interface FirstStart {
  /** The demo world's counts, when it was seeded. */
  demo: DemoSummary | null;
  /** Every account made, with the password to print this once (never again). */
  accounts: { username: string; role: string; password: string; mustChangePassword: boolean }[];
}

/**
 * What the first start of a database (no accounts yet) creates. In development: the demo world
 * with the published demo password, so the README's quick start works. In production only the
 * admin account, unless the demo is asked for (MEDBRIDGE_SEED_DEMO=1 or `serve --demo`); either
 * way no account there gets a known password, and every seeded account must choose its own at
 * first sign-in. Returns null when the database already has accounts.
 */
export async function seedFirstStart(db: Db, config: Config, options: { demo?: boolean; say?: (line: string) => void } = {}): Promise<FirstStart | null> {
  if (!(await isEmpty(db))) return null;
  const admin = config.adminPassword ?? generatedPassword();
  const mustChange = config.production;
  if (options.demo || config.demoOnFirstStart) {
    options.say?.("First start: seeding demo data…");
    const demo = await seedDemo(db, { demo: config.demoPassword, admin, mustChange }, undefined, config.dataKey);
    return { demo, accounts: demo.users };
  }
  options.say?.("First start: creating the admin account (no demo data in production; MEDBRIDGE_SEED_DEMO=1 or --demo asks for it)…");
  await db.insert(users).values({
    username: "admin",
    displayName: "国家管理员 National admin",
    role: "national_admin",
    passwordHash: await hashPassword(admin),
    mustChangePassword: mustChange,
  });
  return { demo: null, accounts: [{ username: "admin", role: "national_admin", password: admin, mustChangePassword: mustChange }] };
}

const DEMO_NAMES = "gz.official · zj.city.coord · gz.county.coord · gz.township.doctor · yn.township.doctor · zj.stationed.doctor";

/** What the start-up banner says about signing in: passwords only on the start that made them. */
export function loginLines(config: Config, firstStart: FirstStart | null): string[] {
  if (!firstStart) {
    const lines = config.production
      ? []
      : [`Demo logins (password "${config.demoPassword}", or MEDBRIDGE_DEMO_PASSWORD if set at first start):`, `  ${DEMO_NAMES}`];
    return [...lines, "Admin login: admin (password set at first start or by MEDBRIDGE_ADMIN_PASSWORD)"];
  }
  const fromEnv = (a: FirstStart["accounts"][number]) =>
    a.username === "admin" ? config.adminPassword !== undefined : config.demoPassword !== null && config.production;
  const lines: string[] = [];
  if (firstStart.demo && !config.production) lines.push(`Demo logins (password "${config.demoPassword}"):`, `  ${DEMO_NAMES}`);
  for (const a of firstStart.accounts) {
    if (firstStart.demo && !config.production && a.username !== "admin") continue;
    const password = fromEnv(a)
      ? a.username === "admin"
        ? "(MEDBRIDGE_ADMIN_PASSWORD)"
        : "(MEDBRIDGE_DEMO_PASSWORD)"
      : `${a.password}  ← generated, shown only now`;
    lines.push(
      `${a.username === "admin" ? "Admin login" : "Login"}: ${a.username} / ${password}${a.mustChangePassword ? "  (must be changed at first sign-in)" : ""}`,
    );
  }
  const d = firstStart.demo;
  if (d) {
    lines.push(
      `Seeded ${d.institutions} institutions, ${d.alliances} alliances, ${d.practitioners} practitioners, ${d.agreements} agreements with ${d.dispatches} dispatches, ${d.attendance} check-ins and ${d.referrals} referrals.`,
    );
  }
  return lines;
}
