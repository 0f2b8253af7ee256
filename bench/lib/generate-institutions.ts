import { INSTITUTION_KINDS, provinceOf } from "@medbridge/core";
import { sql } from "drizzle-orm";
import type { Db } from "../../packages/server/src/db/connection.ts";
import { regions } from "../../packages/server/src/db/schema.ts";
import { makeRandom } from "../../packages/server/src/seed/random.ts";

const STEMS = ["人民", "中医", "妇幼", "中心", "第一", "第二", "康复", "仁爱", "同济", "协和", "博爱", "友谊"];
const SUFFIX: Record<string, string> = {
  national_medical_center: "国家医学中心",
  regional_medical_center: "区域医疗中心",
  tertiary_hospital: "医院",
  secondary_hospital: "医院",
  county_hospital: "县医院",
  county_tcm_hospital: "中医医院",
  township_health_center: "卫生院",
  community_health_center: "社区卫生服务中心",
  village_clinic: "村卫生室",
};

/**
 * Inserts `count` fictional institutions spread over every real county, with multi-row INSERTs
 * (Drizzle's builder is several times slower for bulk loads). Deterministic for a given seed.
 */
export async function generateInstitutions(db: Db, count: number, seed = 7, onProgress?: (done: number) => void): Promise<void> {
  const random = makeRandom(seed);
  const counties = (await db.select({ code: regions.code, name: regions.name }).from(regions).where(sql`${regions.leaf}`)).map((r) => r);
  const weights: [string, number][] = [
    ["village_clinic", 50],
    ["township_health_center", 25],
    ["community_health_center", 10],
    ["county_hospital", 6],
    ["county_tcm_hospital", 4],
    ["secondary_hospital", 3],
    ["tertiary_hospital", 2],
  ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const pickKind = () => {
    let r = random.next() * total;
    for (const [kind, w] of weights) {
      r -= w;
      if (r < 0) return kind;
    }
    return INSTITUTION_KINDS[0];
  };
  const chunk = 1000;
  for (let start = 0; start < count; start += chunk) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) {
      const county = random.pick(counties);
      const kind = pickKind();
      const name = `示例${county.name.replace(/(自治县|县|市|区)$/, "")}${random.pick(STEMS)}${SUFFIX[kind]}${i}`;
      rows.push(sql`(${name}, ${kind}, ${county.code}, ${provinceOf(county.code)}, ${random.int(0, 1500)}, ${`${county.name}示例路${i}号`})`);
    }
    await db.execute(sql`insert into institutions (name, kind, region_code, province_code, beds, address) values ${sql.join(rows, sql`, `)}`);
    onProgress?.(Math.min(count, start + chunk));
  }
}
