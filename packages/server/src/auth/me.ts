import { ENTITIES, type Entity, type Principal, permissionsOf, REACHES, sidesOf, TWO_SIDED_RECORDS, type TwoSidedRecord } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { type TObject, Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { institutions, regions, users } from "../db/schema.ts";
import { StringEnum } from "../http/schemas.ts";

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

const Reach = StringEnum(REACHES);
const EntityPermissions = Type.Object({ read: Reach, write: Reach }, { additionalProperties: false });
const Permissions = Type.Object(
  Object.fromEntries(ENTITIES.map((e) => [e, EntityPermissions])) as Record<Entity, TObject<{ read: typeof Reach; write: typeof Reach }>>,
  {
    additionalProperties: false,
  },
);

export const MeSchema = Type.Object({
  id: Type.String(),
  ...AccountFields,
  /** The practitioner record of a stationed doctor (their check-ins and service credit). */
  practitionerId: Type.Union([Type.String(), Type.Null()]),
  /** The password was set by someone else: nothing but /me, logout and POST /auth/password until the user picks their own. */
  mustChangePassword: Type.Boolean(),
  /**
   * What the UI may offer: entity → how far the caller reaches to read and to write it ("all",
   * "region": their region's subtree, "institution": their own institution, "none"). The UI decides
   * from these (with core's reachCovers for one record), never from role names.
   */
  permissions: Permissions,
  /** Records with two institutions (referral, telemedicine session, attendance): whether the caller acts for its own side. */
  sides: Type.Object(Object.fromEntries(TWO_SIDED_RECORDS.map((r) => [r, Type.Boolean()])) as Record<TwoSidedRecord, ReturnType<typeof Type.Boolean>>, {
    additionalProperties: false,
  }),
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
    permissions: permissionsOf(principal.role),
    sides: sidesOf(principal.role),
  };
}
