import { CARE_LEVEL, type InstitutionKind } from "@medbridge/core";
import { sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { StringEnum, Uuid } from "../http/schemas.ts";

/** Why an institution is suggested, strongest first: the order the picker shows them in. */
export const PARTNER_REASONS = ["agreement", "alliance", "county_hospital"] as const;
export type PartnerReason = (typeof PARTNER_REASONS)[number];

export const PartnerQuery = Type.Object(
  {
    purpose: StringEnum(["referral", "telemedicine"] as const, {
      description: "A referral target, or a telemedicine supporter (always a higher level of care)",
    }),
    direction: Type.Optional(
      StringEnum(["up", "down"] as const, { description: "For a referral: up (default) suggests higher levels of care, down lower ones" }),
    ),
    county: Type.Optional(
      Type.String({
        pattern: "^[1-9][0-9]{5}$",
        description: "The patient's home county: its county hospital is suggested (default: your institution's county)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const PartnerSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  reason: StringEnum(PARTNER_REASONS, {
    description:
      "agreement: paired under an active assistance agreement; alliance: a member of one of your alliances; county_hospital: the county hospital of the county",
  }),
});
export type Partner = Static<typeof PartnerSchema>;

/** More than a picker shows before the search over all. */
const MAX_PARTNERS = 20;

/**
 * The institutions a referral or a consultation from the caller's institution goes to first: its
 * partners under an active assistance agreement (either side), the members and leads of its active
 * alliances, then the county hospitals of the patient's county (else the caller's own). Only
 * active institutions at the right level of care; institutions are the public registry, so
 * nothing here is beyond what any signed-in user may read — the suggestion only orders them.
 */
export async function suggestPartners(db: Db, institutionId: string, q: Static<typeof PartnerQuery>): Promise<Partner[]> {
  const rows = (
    (await db.execute(sql`
      with me as (select id, kind, region_code from institutions where id = ${institutionId}),
      candidates(id, rank) as (
        select s.institution_id, 0 from agreements a join agreement_supporters s on s.agreement_id = a.id
          where a.recipient_id = ${institutionId} and a.status = 'active'
        union all
        select a.recipient_id, 0 from agreements a join agreement_supporters s on s.agreement_id = a.id
          where s.institution_id = ${institutionId} and a.status = 'active'
        union all
        select other.institution_id, 1 from alliance_members mine
          join alliances al on al.id = mine.alliance_id and al.active
          join alliance_members other on other.alliance_id = al.id and other.left_on is null
          where mine.institution_id = ${institutionId} and mine.left_on is null
        union all
        select al.lead_institution_id, 1 from alliance_members mine
          join alliances al on al.id = mine.alliance_id and al.active
          where mine.institution_id = ${institutionId} and mine.left_on is null
        union all
        select i.id, 2 from institutions i, me
          where i.region_code = coalesce(${q.county ?? null}::char(6), me.region_code) and i.kind in ('county_hospital', 'county_tcm_hospital')
      )
      select i.id::text as id, i.name, i.kind, i.region_code as "regionCode", r.name as "regionName", min(c.rank) as rank
      from candidates c join institutions i on i.id = c.id join regions r on r.code = i.region_code
      where i.active and i.id <> ${institutionId}
      group by i.id, i.name, i.kind, i.region_code, r.name
      order by rank, i.name
      limit 200`)) as unknown as { rows: (Omit<Partner, "reason"> & { rank: number })[] }
  ).rows;
  const [me] = (
    (await db.execute(sql`select kind from institutions where id = ${institutionId}`)) as unknown as {
      rows: { kind: InstitutionKind }[];
    }
  ).rows;
  if (!me) return [];
  const down = q.purpose === "referral" && q.direction === "down";
  const mine = CARE_LEVEL[me.kind];
  return rows
    .filter((r) => {
      const level = CARE_LEVEL[r.kind as InstitutionKind];
      return down ? level < mine : level > mine;
    })
    .slice(0, MAX_PARTNERS)
    .map(({ rank, ...r }) => ({ ...r, reason: PARTNER_REASONS[Number(rank)] as PartnerReason }));
}
