import { readScope } from "@medbridge/core";
import type { Practitioner } from "@medplum/fhirtypes";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { requireAccessTo, scopeCondition } from "../access.ts";
import type { Db } from "../db/connection.ts";
import { practitioners } from "../db/schema.ts";
import { nameContains } from "../db/search.ts";
import { CANONICAL_BASE, coding } from "./code-systems.ts";

import type { ResourceDef } from "./resource-def.ts";
import { anyOf, booleanToken, dateCondition, isUuid, missingCondition, pageOf, type SearchRequest, token } from "./search.ts";

/**
 * The practising certificate number (医师执业证书编码) as an identifier system. No OID of the
 * national registry is published for it, so MedBridge names it under its own canonical base.
 */
export const PRACTITIONER_LICENSE_SYSTEM = `${CANONICAL_BASE}/sid/practitioner-license`;

/**
 * What the REST read of a practitioner shows its caller (GET /practitioners/:id), less what is
 * PractitionerRole's (institution, practice sites, profession, specialty). MedBridge stores no
 * gender, ID number or phone of a practitioner, so none is shown.
 */
const columns = {
  id: practitioners.id,
  name: practitioners.name,
  licenseNo: practitioners.licenseNo,
  title: practitioners.title,
  active: practitioners.active,
  updatedAt: practitioners.updatedAt,
};
type Row = { id: string; name: string; licenseNo: string | null; title: string; active: boolean; updatedAt: Date };

export function toPractitioner(row: Row): Practitioner {
  const updated = new Date(row.updatedAt);
  return {
    resourceType: "Practitioner",
    id: row.id,
    meta: { versionId: String(updated.getTime()), lastUpdated: updated.toISOString() },
    ...(row.licenseNo && { identifier: [{ use: "official", system: PRACTITIONER_LICENSE_SYSTEM, value: row.licenseNo }] }),
    active: row.active,
    name: [{ use: "official", text: row.name }],
    qualification: [{ code: { coding: [coding("title", row.title)] } }],
  };
}

function conditions(search: SearchRequest): SQL[] {
  const where: SQL[] = [];
  for (const [name, occurrences] of search.params) {
    for (const { modifier, values } of occurrences) {
      if (modifier === "missing") {
        where.push(missingCondition(name, values, name === "identifier" ? sql`${practitioners.licenseNo} is not null` : sql`true`));
        continue;
      }
      switch (name) {
        case "_id": {
          const ids = values.filter(isUuid).map((v) => v.toLowerCase());
          where.push(ids.length ? inArray(practitioners.id, ids) : sql`false`);
          break;
        }
        case "_lastUpdated":
          where.push(dateCondition(name, practitioners.updatedAt, values));
          break;
        case "name":
          where.push(anyOf(values.map((v) => (modifier === "exact" ? eq(practitioners.name, v) : nameContains(practitioners.name, v)))));
          break;
        case "identifier": {
          const parts = values.map((v) => {
            const { system, code } = token(v);
            if (system !== undefined && system !== PRACTITIONER_LICENSE_SYSTEM) return sql`false`;
            return code ? eq(practitioners.licenseNo, code) : sql`${practitioners.licenseNo} is not null`;
          });
          where.push(modifier === "not" ? sql`not ${anyOf(parts)}` : anyOf(parts));
          break;
        }
        case "active": {
          const parts = values.map((v) => eq(practitioners.active, booleanToken(name, v)));
          where.push(modifier === "not" ? sql`not ${anyOf(parts)}` : anyOf(parts));
          break;
        }
      }
    }
  }
  return where;
}

export async function readPractitioner(db: Db, id: string): Promise<Practitioner> {
  const [row] = await db.select(columns).from(practitioners).where(eq(practitioners.id, id));
  return toPractitioner(row as Row);
}

export const practitionerResource: ResourceDef = {
  type: "Practitioner",
  entity: "practitioner",
  documentation:
    "A practitioner of the registry, as the REST read shows them to the caller: name, practising certificate number (identifier), professional title (qualification, MedBridge code system title). Where they practise is PractitionerRole.",
  read: async (ctx, id) => {
    await requireAccessTo(ctx.db, ctx.principal, "read", "practitioner", [id]);
    return readPractitioner(ctx.db, id);
  },
  search: {
    params: [
      { name: "name", type: "string", documentation: "Part of the name (Chinese bigrams); :exact for the whole name" },
      { name: "identifier", type: "token", documentation: `The practising certificate number (${PRACTITIONER_LICENSE_SYSTEM})` },
      { name: "active", type: "token", documentation: "true or false" },
    ],
    run: async (ctx, search) => {
      const where = and(
        scopeCondition(readScope(ctx.principal, "practitioner"), { region: practitioners.regionCode, institution: practitioners.institutionId }),
        ...conditions(search),
      );
      const { rows, total } = await pageOf(
        ctx.db,
        search,
        () =>
          ctx.db
            .select(columns)
            .from(practitioners)
            .where(where)
            .orderBy(asc(practitioners.name), asc(practitioners.id))
            .limit(search.count)
            .offset(search.offset),
        () => ctx.db.select({ one: sql`1` }).from(practitioners).where(where),
      );
      return { resources: rows.map(toPractitioner), total };
    },
  },
};
