import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { forbidden, readScope } from "@medbridge/core";
import { requireAccess, requireAccessTo, requireEver } from "../access.ts";
import { actorOf } from "../audit.ts";
import { principalOf } from "../auth/principal.ts";
import type { Db } from "../db/connection.ts";
import { inTransaction } from "../db/transaction.ts";
import { errorResponses, IdParams, PageOf } from "../http/schemas.ts";
import {
  accountScopeOf,
  createUser,
  getUser,
  listUsers,
  requireAccountGrant,
  UserInput,
  UserListQuery,
  UserPatch,
  UserSchema,
  updateUser,
  userScopeRegion,
} from "./users.ts";

const tags = ["admin"];

export function userRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/users",
      {
        schema: {
          operationId: "listUsers",
          tags,
          summary: "User accounts in your scope",
          querystring: UserListQuery,
          response: { 200: PageOf(UserSchema), ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireEver(principal, "read", "user", "Only administrators and health officials manage accounts");
        return listUsers(db, readScope(principal, "user"), request.query);
      },
    );

    app.get(
      "/users/:id",
      { schema: { operationId: "getUser", tags, summary: "One user account", params: IdParams, response: { 200: UserSchema, ...errorResponses } } },
      async (request) => {
        await requireAccessTo(db, principalOf(request), "read", "user", [request.params.id]);
        return getUser(db, request.params.id);
      },
    );

    app.post(
      "/users",
      {
        schema: {
          operationId: "createUser",
          tags,
          summary:
            "Create an account (an official only within their region, never one that may see more than they may); its password must be changed at first sign-in",
          body: UserInput,
          response: { 201: UserSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireEver(principal, "write", "user", "Only administrators and health officials manage accounts");
        const scopeRegion = await userScopeRegion(db, request.body);
        requireAccess(principal, "write", "user", [
          { regionCode: scopeRegion, institutionIds: request.body.institutionId ? [request.body.institutionId] : [] },
        ]);
        requireAccountGrant(principal, { role: request.body.role, regionCode: scopeRegion, institutionId: request.body.institutionId ?? null });
        const id = await inTransaction(db, (tx) => createUser(tx, actorOf(principal, request.id), request.body, scopeRegion));
        return reply.status(201).send(await getUser(db, id));
      },
    );

    app.patch(
      "/users/:id",
      {
        schema: {
          operationId: "updateUser",
          tags,
          summary:
            "Rename, reset password (to be changed at next sign-in), or deactivate (active: false); a new password or deactivation ends sessions and revokes API tokens",
          params: IdParams,
          body: UserPatch,
          response: { 200: UserSchema, ...errorResponses },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireAccessTo(db, principal, "write", "user", [request.params.id]);
        if (request.params.id === principal.userId && request.body.active === false) throw forbidden("own_account", "You cannot deactivate your own account");
        // Setting a password or switching an account back on is acting as it: only within your own
        // reach. Switching one off takes access away, which any manager of the account may do (a
        // commission closes the account of a doctor who left a township).
        if (request.body.password !== undefined || request.body.active === true) {
          requireAccountGrant(principal, await accountScopeOf(db, request.params.id));
        }
        await inTransaction(db, (tx) => updateUser(tx, actorOf(principal, request.id), request.params.id, request.body));
        return getUser(db, request.params.id);
      },
    );
  };
}
