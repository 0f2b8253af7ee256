import { readScope } from "@medbridge/core";
import type { Organization } from "@medplum/fhirtypes";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { inRegion, requireAccessTo, scopeCondition } from "../access.ts";
import { institutions } from "../db/schema.ts";
import { nameContains } from "../db/search.ts";
import { baseSelect, type Institution, toApi } from "../registry/institutions.ts";
import { CANONICAL_BASE, coding, systemUrl } from "./code-systems.ts";
import type { ResourceDef } from "./resource-def.ts";
import { anyOf, dateCondition, isUuid, pageOf, type SearchRequest, token } from "./search.ts";

/** The GB/T 2260 code of the county an institution lies in, on its address. */
export const REGION_CODE_EXTENSION = `${CANONICAL_BASE}/StructureDefinition/region-code`;
/** GB/T 2260, the administrative division codes, as an identifier system (an OID of the Chinese health informatics registry is not assigned to it). */
export const GBT2260_SYSTEM = `${CANONICAL_BASE}/CodeSystem/gbt-2260`;

export function toOrganization(i: Institution): Organization {
  const [province, city, county] = i.regionPath.split(" / ");
  return {
    resourceType: "Organization",
    id: i.id,
    meta: { versionId: String(new Date(i.updatedAt).getTime()), lastUpdated: i.updatedAt },
    active: i.active,
    type: [{ coding: [coding("institution-kind", i.kind)] }, ...(i.grade ? [{ coding: [{ system: systemUrl("institution-grade"), code: i.grade }] }] : [])],
    name: i.name,
    address: [
      {
        use: "work",
        ...(i.address && { line: [i.address] }),
        ...(province && { state: province }),
        ...(city && county && { city }),
        district: county ?? city ?? i.regionName,
        country: "CN",
        extension: [{ url: REGION_CODE_EXTENSION, valueCode: i.regionCode }],
      },
    ],
  };
}

/** Search conditions of the parameters Organization takes. */
function conditions(search: SearchRequest): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      switch (name) {
        case "_id": {
          const ids = values.filter(isUuid).map((v) => v.toLowerCase());
          where.push(ids.length ? inArray(institutions.id, ids) : sql`false`);
          break;
        }
        case "_lastUpdated":
          where.push(dateCondition(name, institutions.updatedAt, values));
          break;
        case "name":
          where.push(anyOf(values.map((v) => (modifier === "exact" ? eq(institutions.name, v) : nameContains(institutions.name, v)))));
          break;
        case "active":
          where.push(anyOf(values.map((v) => eq(institutions.active, token(v).code === "true"))));
          break;
        case "type": {
          const parts = values.map((v) => {
            const { system, code } = token(v);
            if (!code) return sql`true`;
            if (system === systemUrl("institution-grade")) return eq(institutions.grade, code);
            if (system === systemUrl("institution-kind")) return eq(institutions.kind, code);
            return system === undefined ? sql`(${institutions.kind} = ${code} or ${institutions.grade} = ${code})` : sql`false`;
          });
          where.push(modifier === "not" ? sql`not ${anyOf(parts)}` : anyOf(parts));
          break;
        }
        case "address-region": {
          const parts = values.map((v) => (/^\d{6}$/.test(token(v).code ?? "") ? inRegion(institutions.regionCode, token(v).code as string) : sql`false`));
          where.push(anyOf(parts));
          break;
        }
      }
    }
  }
  return where;
}

export const organizationResource: ResourceDef = {
  type: "Organization",
  entity: "institution",
  documentation:
    "A health institution of the registry: kind and grade as codings (MedBridge code systems), the GB/T 2260 county code on the address (extension region-code).",
  read: async (ctx, id) => {
    await requireAccessTo(ctx.db, ctx.principal, "read", "institution", [id]);
    const [row] = await baseSelect(ctx.db).where(eq(institutions.id, id));
    return toOrganization(toApi(row as Parameters<typeof toApi>[0]));
  },
  search: {
    params: [
      { name: "name", type: "string", documentation: "Part of the institution's name (Chinese bigrams); :exact for the whole name" },
      { name: "type", type: "token", documentation: "Institution kind or grade (institution-kind / institution-grade code systems)" },
      { name: "active", type: "token", documentation: "true or false" },
      { name: "address-region", type: "token", documentation: "A GB/T 2260 code: institutions in that province, city or county" },
    ],
    run: async (ctx, search) => {
      const where = and(
        scopeCondition(readScope(ctx.principal, "institution"), { region: institutions.regionCode, institution: institutions.id }),
        ...conditions(search),
      );
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        () => baseSelect(ctx.db).where(where).orderBy(asc(institutions.name), asc(institutions.id)).limit(search.count).offset(search.offset),
        () => ctx.db.select({ one: sql`1` }).from(institutions).where(where),
      );
      return { resources: rows.map((r) => toOrganization(toApi(r))), total };
    },
  },
};
