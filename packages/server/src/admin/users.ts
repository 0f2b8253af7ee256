import {
  type AccountScope,
  accountGrantExcess,
  conflict,
  type FieldError,
  forbidden,
  invalid,
  notFound,
  type Principal,
  type ReadScope,
  ROLE_ANCHOR,
  ROLES,
  type Role,
} from "@medbridge/core";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { scopeCondition } from "../access.ts";
import { type Actor, audit } from "../audit.ts";
import { AccountFields } from "../auth/me.ts";
import { hashPassword } from "../auth/passwords.ts";
import { revokeAllAccess } from "../auth/sessions.ts";
import type { Db } from "../db/connection.ts";
import { paged } from "../db/paging.ts";
import { institutions, regions, users } from "../db/schema.ts";
import { likeContains } from "../db/search.ts";
import { PageQuery, RegionCode, StringEnum, Uuid } from "../http/schemas.ts";

const Password = Type.String({ minLength: 10, maxLength: 200, description: "At least 10 characters" });

export const UserInput = Type.Object(
  {
    username: Type.String({ pattern: "^[a-z0-9][a-z0-9._-]{2,39}$", description: "3–40 of a-z 0-9 . _ -" }),
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    password: Password,
    role: StringEnum(ROLES),
    regionCode: Type.Optional(Type.Union([RegionCode, Type.Null()])),
    institutionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UserInput = Static<typeof UserInput>;

export const UserPatch = Type.Partial(
  Type.Object({ displayName: Type.String({ minLength: 1, maxLength: 60 }), password: Password, active: Type.Boolean() }, { additionalProperties: false }),
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatch>;

export const UserSchema = Type.Object({
  id: Uuid,
  ...AccountFields,
  active: Type.Boolean(),
  createdAt: Type.String(),
});

export const UserListQuery = Type.Object(
  { ...PageQuery, role: Type.Optional(StringEnum(ROLES)), status: Type.Optional(StringEnum(["active", "inactive", "all"] as const, { default: "all" })) },
  { additionalProperties: false },
);

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  regionCode: users.regionCode,
  regionName: regions.name,
  institutionId: users.institutionId,
  institutionName: institutions.name,
  active: users.active,
  createdAt: users.createdAt,
};

function select(db: Db) {
  return db.select(columns).from(users).leftJoin(regions, eq(regions.code, users.regionCode)).leftJoin(institutions, eq(institutions.id, users.institutionId));
}

const iso = <T extends { createdAt: Date }>(r: T) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

export async function listUsers(db: Db, scope: ReadScope, query: Static<typeof UserListQuery>) {
  const where: (SQL | undefined)[] = [scopeCondition(scope, { region: users.scopeRegionCode })];
  const q = query.q?.trim();
  if (q) where.push(sql`(${users.username} ilike ${likeContains(q)} or ${users.displayName} ilike ${likeContains(q)})`);
  if (query.role) where.push(eq(users.role, query.role));
  if (query.status && query.status !== "all") where.push(eq(users.active, query.status === "active"));
  const condition = and(...where);
  const result = await paged(
    query.page,
    query.pageSize,
    select(db)
      .where(condition)
      .orderBy(asc(users.username))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    () => db.select({ total: sql<number>`count(*)::int` }).from(users).where(condition),
  );
  return { ...result, items: result.items.map(iso) };
}

export async function getUser(db: Db, id: string) {
  const [row] = await select(db).where(eq(users.id, id));
  if (!row) throw notFound("user");
  return iso(row);
}

/** Checks that the role has exactly the scope it needs; returns the region the account lives in. */
export async function userScopeRegion(db: Db, input: Pick<UserInput, "role" | "regionCode" | "institutionId">): Promise<string | null> {
  const role = input.role as Role;
  const errors: FieldError[] = [];
  const anchor = ROLE_ANCHOR[role];
  if (anchor === "region") {
    if (!input.regionCode)
      errors.push({ path: "regionCode", code: "required", params: { when: "health_official" }, message: "is required for a health official" });
    if (input.institutionId)
      errors.push({
        path: "institutionId",
        code: "not_allowed",
        params: { reason: "empty_for_role", role: "health_official" },
        message: "must be empty for a health official",
      });
  } else if (anchor === "institution") {
    if (!input.institutionId) errors.push({ path: "institutionId", code: "required", params: { when: role }, message: `is required for role ${role}` });
    if (input.regionCode)
      errors.push({ path: "regionCode", code: "not_allowed", params: { reason: "empty_for_role", role }, message: `must be empty for role ${role}` });
  } else if (input.regionCode || input.institutionId) {
    errors.push({
      path: input.regionCode ? "regionCode" : "institutionId",
      code: "not_allowed",
      params: { reason: "empty_for_role", role: "national_admin" },
      message: "must be empty for a national admin",
    });
  }
  if (errors.length) throw invalid(errors);
  if (input.regionCode) {
    const [r] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, input.regionCode));
    if (!r) throw invalid([{ path: "regionCode", code: "format", params: { format: "region_code" }, message: "is not a GB/T 2260 region code" }]);
    return input.regionCode;
  }
  if (input.institutionId) {
    const [i] = await db.select({ regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, input.institutionId));
    if (!i) throw invalid([{ path: "institutionId", code: "not_found", params: { entity: "institution" }, message: "no such institution" }]);
    return i.regionCode;
  }
  return null;
}

/**
 * Refuses to create an account, set its password or (de)activate it when the account would reach
 * anything the actor's own policy denies (core's accountGrantExcess): whoever can sign in as an
 * account has its access, so an official who made a clinician could read the patients it may not.
 */
export function requireAccountGrant(actor: Principal, target: AccountScope): void {
  const excess = accountGrantExcess(actor, target);
  if (excess.length === 0) return;
  const what = excess.map((e) => `${e.action} ${e.entity}`).join(", ");
  throw forbidden("account_exceeds_actor", `A ${actor.role} may not create or change a ${target.role} account here: it could ${what}, which you may not`);
}

/** Where an existing account acts, for requireAccountGrant. */
export async function accountScopeOf(db: Db, id: string): Promise<AccountScope> {
  const [row] = await db
    .select({ role: users.role, regionCode: users.scopeRegionCode, institutionId: users.institutionId })
    .from(users)
    .where(eq(users.id, id));
  if (!row) throw notFound("user");
  return { ...row, role: row.role as Role };
}

export async function createUser(db: Db, actor: Actor, input: UserInput, scopeRegionCode: string | null): Promise<string> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) throw conflict([{ path: "username", code: "duplicate", params: { scope: "system" }, message: "is taken" }]);
  const [row] = await db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(input.password),
      // Someone else chose this password: the user picks their own at first sign-in.
      mustChangePassword: true,
      role: input.role,
      regionCode: input.regionCode ?? null,
      institutionId: input.institutionId ?? null,
      scopeRegionCode,
    })
    .returning({ id: users.id });
  const id = (row as { id: string }).id;
  const { password: _, ...safe } = input;
  await audit(db, actor, { action: "create", entity: "user", entityId: id, regionCode: scopeRegionCode, after: safe });
  return id;
}

export async function updateUser(db: Db, actor: Actor, id: string, patch: UserPatch): Promise<void> {
  const [before] = await db.select().from(users).where(eq(users.id, id)).for("update");
  if (!before) throw notFound("user");
  const { password, ...rest } = patch;
  const at = new Date();
  await db
    .update(users)
    .set({
      ...rest,
      // A password set for someone else must be replaced by their own; a reset also lifts a lockout.
      ...(password && { passwordHash: await hashPassword(password), mustChangePassword: actor.id !== id, failedLogins: 0, lockedUntil: null }),
      updatedAt: at,
    })
    .where(eq(users.id, id));
  // A new password or a deactivation ends every session and revokes every API token of that user.
  const tokensRevoked = password || patch.active === false ? await revokeAllAccess(db, id, at) : 0;
  await audit(db, actor, {
    action: patch.active === false ? "deactivate" : "update",
    entity: "user",
    entityId: id,
    regionCode: before.scopeRegionCode,
    before: { displayName: before.displayName, active: before.active },
    after: { ...rest, ...(password && { password: "(changed)" }), ...(tokensRevoked > 0 && { tokensRevoked }) },
  });
}
