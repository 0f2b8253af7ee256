import { type Day, day, formatDay, isWorkingDay, provinceOf } from "@medbridge/core";
import { and, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, attendance, dispatches, institutions, practitioners } from "../db/schema.ts";
import { DEMO_PAIR, demoYears } from "./demo-plan.ts";
import type { Random } from "./random.ts";

interface Pairing {
  code: string;
  supporterName: string;
  recipientId: string;
  recipientRegion: string;
  pack: "city_tertiary_to_county" | "group_county" | "county_to_township";
  mode: "one_to_one" | "group";
}

/** Hands out each hospital's practitioners so nobody is stationed at two places at once. */
class Pool {
  private busyUntil = new Map<string, Day>();
  constructor(private readonly people: Map<string, { id: string; title: string }[]>) {}
  take(institutionId: string, start: Day, end: Day, preferTitle?: string): { id: string; title: string } {
    const list = this.people.get(institutionId) ?? [];
    // Least recently stationed first, so each half-year sends different people.
    const free = list
      .filter((p) => (this.busyUntil.get(p.id) ?? -1) < start)
      .sort((a, b) => (this.busyUntil.get(a.id) ?? -1) - (this.busyUntil.get(b.id) ?? -1));
    const pick = free.find((p) => !preferTitle || p.title === preferTitle) ?? free[0];
    if (!pick) throw new Error(`Demo roster: no free practitioner at ${institutionId}`);
    this.busyUntil.set(pick.id, end);
    return pick;
  }
}

/**
 * Rosters for the last three years (Y-2, Y-1 and the current year Y, so the demo never goes stale)
 * with realistic failures in the last complete year: a summer gap, a four-person year, a missing
 * discipline leader, suspected nominal stationing; and a gap planned for December of this year.
 */
export async function seedAssistance(
  db: Db,
  random: Random,
  today: Day,
): Promise<{ agreements: number; dispatches: number; attendance: number; stationedPractitionerId: string }> {
  const [y0, y1, y2] = demoYears(today);
  const all = await db
    .select({ id: institutions.id, name: institutions.name, kind: institutions.kind, regionCode: institutions.regionCode })
    .from(institutions);
  const byName = new Map(all.map((i) => [i.name, i]));
  const countyHospitals = all.filter((i) => i.kind === "county_hospital").sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  const zhejiang = all.filter((i) => i.kind === "tertiary_hospital" && i.regionCode.startsWith("33"));
  const shanghai = all.filter((i) => i.kind === "tertiary_hospital" && i.regionCode.startsWith("31"));
  const beijing = all.filter((i) => i.kind === "tertiary_hospital" && i.regionCode.startsWith("11"));
  const demoSupporter = byName.get(DEMO_PAIR.supporter) as (typeof all)[number];

  const pairings: Pairing[] = [];
  const pair = (code: string, supporterName: string, recipient: (typeof all)[number], pack: Pairing["pack"], mode: Pairing["mode"] = "one_to_one") => {
    pairings.push({ code, supporterName, recipientId: recipient.id, recipientRegion: recipient.regionCode, pack, mode });
  };
  // Zhejiang → Guizhou: the demo county gets the demo supporter; the others rotate.
  const guizhou = countyHospitals.filter((h) => h.regionCode.startsWith("52"));
  const others = zhejiang.filter((z) => z.id !== demoSupporter.id);
  const code = (prefix: string, k: number) => `${prefix}-${String(k + 1).padStart(3, "0")}`;
  const nameAt = (list: { name: string }[], k: number) => (list[k % list.length] as { name: string }).name;
  for (const [k, h] of guizhou.entries()) {
    pair(code(`ZJ-GZ-${y0}`, k), h.regionCode === DEMO_PAIR.recipientCounty ? demoSupporter.name : nameAt(others, k), h, "city_tertiary_to_county");
  }
  // Shanghai → Kashgar (two of them as group support) and Shigatse; Beijing → Lhasa.
  for (const [k, h] of countyHospitals
    .filter((x) => x.regionCode.startsWith("6531"))
    .slice(0, 6)
    .entries()) {
    pair(code(`SH-KS-${y0}`, k), nameAt(shanghai, k), h, k < 2 ? "group_county" : "city_tertiary_to_county", k < 2 ? "group" : "one_to_one");
  }
  for (const [k, h] of countyHospitals
    .filter((x) => x.regionCode.startsWith("5402"))
    .slice(0, 6)
    .entries()) {
    pair(code(`SH-RKZ-${y0}`, k), nameAt(shanghai, k + 2), h, "city_tertiary_to_county");
  }
  for (const [k, h] of countyHospitals.filter((x) => x.regionCode.startsWith("5401")).entries())
    pair(code(`BJ-LS-${y0}`, k), nameAt(beijing, k), h, "city_tertiary_to_county");
  // The demo county hospital supports its townships (county → township pack).
  const demoCounty = all.find((i) => i.kind === "county_hospital" && i.regionCode === DEMO_PAIR.recipientCounty) as { name: string };
  const demoTownships = all.filter((i) => i.kind === "township_health_center" && i.regionCode === DEMO_PAIR.recipientCounty);
  for (const [k, t] of demoTownships.entries()) pair(code(`HP-XZ-${y1}`, k), demoCounty.name, t, "county_to_township");

  const supporterIds = [...new Set(pairings.map((p) => (byName.get(p.supporterName) as { id: string }).id))];
  const staff = await db
    .select({ id: practitioners.id, institutionId: practitioners.institutionId, title: practitioners.title, profession: practitioners.profession })
    .from(practitioners)
    .where(and(inArray(practitioners.institutionId, supporterIds), sql`${practitioners.profession} <> 'nurse'`));
  const people = new Map<string, { id: string; title: string }[]>();
  for (const s of staff) people.set(s.institutionId, [...(people.get(s.institutionId) ?? []), { id: s.id, title: s.title }]);
  const pool = new Pool(people);

  interface Request {
    agreementId: string;
    supporterId: string;
    recipientId: string;
    region: string;
    start: string;
    end: string;
    role: string;
    batch?: string;
    title?: string;
    attendance?: "full" | "sparse";
    onStaffed?: (id: string) => void;
  }
  const requests: Request[] = [];
  const dispatchRows: (typeof dispatches.$inferInsert)[] = [];
  const attendanceRows: (typeof attendance.$inferInsert)[] = [];
  let stationedPractitionerId = "";
  const statusOf = (start: Day, end: Day) => (end < today ? "completed" : start <= today ? "active" : "planned");

  for (const [index, p] of pairings.entries()) {
    const supporter = byName.get(p.supporterName) as { id: string };
    const township = p.pack === "county_to_township";
    const startsOn = township ? `${y1}-01-01` : `${y0}-01-01`;
    const [row] = await db
      .insert(agreements)
      .values({
        code: p.code,
        recipientId: p.recipientId,
        packId: p.pack,
        mode: p.mode,
        startsOn,
        endsOn: `${y2}-12-31`,
        specialties: township ? ["全科医学"] : ["心血管内科", "重症医学", "急诊医学"],
        status: "active",
        regionCode: p.recipientRegion,
        provinceCode: provinceOf(p.recipientRegion),
      })
      .returning({ id: agreements.id });
    const agreementId = (row as { id: string }).id;
    await db.insert(agreementSupporters).values({ agreementId, institutionId: supporter.id });

    // Requests are collected first and staffed in date order, so the pool's "busy until" is exact.
    const station = (
      start: string,
      end: string,
      role: string,
      options: { batch?: string; title?: string; attendance?: "full" | "sparse"; onStaffed?: (id: string) => void } = {},
    ) => {
      requests.push({ agreementId, supporterId: supporter.id, recipientId: p.recipientId, region: p.recipientRegion, start, end, role, ...options });
    };

    if (township) {
      for (const y of [y1, y2]) station(`${y}-01-01`, `${y}-12-31`, "clinical", { title: index % 3 === 2 ? "resident" : "attending" });
      continue;
    }
    if (p.pack === "group_county") {
      for (const y of [y0, y1, y2]) {
        const size = y === y1 && index % 2 === 1 ? 4 : 5;
        for (let k = 0; k < size; k++)
          station(`${y}-01-01`, `${y}-12-31`, k === 0 ? "management" : k === 1 ? "discipline_leader" : "clinical", {
            batch: `${y}-1`,
            ...(k === 0 && { title: "chief" }),
          });
      }
      continue;
    }
    const isDemo = p.recipientRegion === DEMO_PAIR.recipientCounty;
    for (const y of [y0, y1, y2]) {
      const failing = y === y1 && !isDemo ? index % 7 : -1;
      const h2Start = failing === 1 ? `${y}-07-15` : `${y}-07-01`; // a summer gap
      const h2End = y === y2 && index % 5 === 0 && !isDemo ? `${y}-12-15` : `${y}-12-31`; // a gap planned next month
      const leaderRole = failing === 3 ? "clinical" : "discipline_leader"; // no discipline leader
      const halfSize = failing === 2 ? 2 : 3; // a four-person year
      const attend = (failing === 4 ? "sparse" : isDemo && y === y2 ? "full" : undefined) as "full" | "sparse" | undefined;
      for (let k = 0; k < halfSize; k++) station(`${y}-01-01`, `${y}-06-30`, k === 0 ? "management" : "clinical", { ...(attend && { attendance: attend }) });
      for (let k = 0; k < halfSize; k++) {
        station(h2Start, h2End, k === 0 ? leaderRole : "clinical", {
          ...(attend && { attendance: attend }),
          ...(isDemo && y === y2 && k === 1 && { onStaffed: (id: string) => (stationedPractitionerId = id) }),
        });
      }
    }
  }

  requests.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  for (const r of requests) {
    const s = day(r.start);
    const e = day(r.end);
    const person = pool.take(r.supporterId, s, e, r.title);
    r.onStaffed?.(person.id);
    const status = statusOf(s, e);
    const dispatchId = crypto.randomUUID();
    dispatchRows.push({
      id: dispatchId,
      agreementId: r.agreementId,
      practitionerId: person.id,
      recipientId: r.recipientId,
      role: r.role,
      title: r.title ?? person.title,
      batch: r.batch ?? null,
      plannedStart: r.start,
      plannedEnd: r.end,
      actualStart: status === "planned" ? null : r.start,
      actualEnd: status === "completed" ? r.end : null,
      status,
      provinceCode: provinceOf(r.region),
    });
    if (!r.attendance) continue;
    for (let d = s; d <= Math.min(e, today); d++) {
      if (!isWorkingDay(d)) continue;
      if (r.attendance === "sparse" && random.next() < 0.35) continue;
      const activities =
        random.next() < 0.08 ? ["management"] : random.pick([["clinic"], ["clinic", "ward_round"], ["surgery"], ["teaching", "clinic"], ["consultation"]]);
      attendanceRows.push({
        dispatchId,
        agreementId: r.agreementId,
        practitionerId: person.id,
        date: formatDay(d),
        activities,
        patients: random.int(5, 40),
        trainees: activities.includes("teaching") ? random.int(3, 20) : null,
        status: "confirmed",
        provinceCode: provinceOf(r.region),
      });
    }
  }
  for (let i = 0; i < dispatchRows.length; i += 300) await db.insert(dispatches).values(dispatchRows.slice(i, i + 300));
  for (let i = 0; i < attendanceRows.length; i += 500) await db.insert(attendance).values(attendanceRows.slice(i, i + 500));
  return { agreements: pairings.length, dispatches: dispatchRows.length, attendance: attendanceRows.length, stationedPractitionerId };
}
