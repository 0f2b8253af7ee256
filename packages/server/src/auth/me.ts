import { ENTITIES, mayEver, type Principal } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { institutions, regions, users } from "../db/schema.ts";

/** An account as the API shows it, to its owner (/me) and to those who manage accounts (/users). */
export const AccountFields = {
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  institutionId: Type.Union([Type.String(), Type.Null()]),
  institutionName: Type.Union([Type.String(), Type.Null()]),
};

export const MeSchema = Type.Object({
  id: Type.String(),
  ...AccountFields,
  /** The practitioner record of a stationed doctor (their check-ins and service credit). */
  practitionerId: Type.Union([Type.String(), Type.Null()]),
  /** The password was set by someone else: nothing but /me, logout and POST /auth/password until the user picks their own. */
  mustChangePassword: Type.Boolean(),
  /** What the UI may offer: entity → may read / may write at all. */
  permissions: Type.Record(Type.String(), Type.Object({ read: Type.Boolean(), write: Type.Boolean() })),
});

/** Who the caller is, what the UI may offer them, and whether they must change their password first. */
export async function me(db: Db, principal: Principal) {
  const [row] = await db
    .select({
      displayName: users.displayName,
      regionName: regions.name,
      institutionName: institutions.name,
      practitionerId: users.practitionerId,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, principal.userId));
  const permissions = Object.fromEntries(ENTITIES.map((e) => [e, { read: mayEver(principal, "read", e), write: mayEver(principal, "write", e) }]));
  return {
    id: principal.userId,
    username: principal.username,
    displayName: row?.displayName ?? principal.username,
    role: principal.role,
    regionCode: principal.regionCode,
    regionName: row?.regionName ?? null,
    institutionId: principal.institutionId,
    institutionName: row?.institutionName ?? null,
    practitionerId: row?.practitionerId ?? null,
    mustChangePassword: row?.mustChangePassword ?? false,
    permissions,
  };
}
