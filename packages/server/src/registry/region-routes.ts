import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { notFound } from "@medbridge/core";
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import { Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { regions } from "../db/schema.ts";
import { errorResponses, RegionCode, StringEnum } from "../http/schemas.ts";

const tags = ["registry"];
const Region = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]) });
const RegionQuery = Type.Object(
  {
    level: Type.Optional(StringEnum(["province", "city", "county"] as const)),
    parent: Type.Optional(RegionCode),
  },
  { additionalProperties: false },
);

export function regionRoutes(db: Db): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/regions",
      {
        schema: {
          operationId: "listRegions",
          tags,
          summary: "GB/T 2260 regions; with no filter, the provinces",
          querystring: RegionQuery,
          response: { 200: Type.Object({ items: Type.Array(Region) }), ...errorResponses },
        },
      },
      async (request) => {
        const { level, parent } = request.query;
        const where: (SQL | undefined)[] = [];
        if (parent) where.push(eq(regions.parentCode, parent));
        if (level) where.push(eq(regions.level, level));
        if (!parent && !level) where.push(isNull(regions.parentCode));
        const items = await db
          .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
          .from(regions)
          .where(and(...where))
          .orderBy(asc(regions.code));
        return { items };
      },
    );

    app.get(
      "/regions/:code",
      {
        schema: {
          operationId: "getRegion",
          tags,
          summary: "One region with its ancestors",
          params: Type.Object({ code: RegionCode }),
          response: { 200: Type.Object({ ...Region.properties, path: Type.Array(Region) }), ...errorResponses },
        },
      },
      async (request) => {
        const path = [];
        let code: string | null = request.params.code;
        while (code) {
          const [row] = await db
            .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
            .from(regions)
            .where(eq(regions.code, code));
          if (!row) throw notFound("region");
          path.unshift(row);
          code = row.parentCode;
        }
        return { ...(path[path.length - 1] as (typeof path)[number]), path };
      },
    );
  };
}
