import type { Principal } from "@medbridge/core";
import { eq } from "drizzle-orm";
import { type Static, Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { institutions, regions } from "../db/schema.ts";
import { DateString, PageQuery, RegionCode, StringEnum, Uuid } from "../http/schemas.ts";
import type { Agreement } from "./agreements.ts";
import type { BoardRow } from "./compliance-service.ts";
import { countFlags } from "./flags-service.ts";
import { resolvePack } from "./packs.ts";

export const BOARD_STATUSES = ["fail", "at_risk", "pass"] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

/** What the board and its export are narrowed by; the page only applies to the board. */
export const BoardQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 100, description: "Agreement code, supporter or recipient name (any part)" })),
    regionCode: Type.Optional(RegionCode),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    asOf: Type.Optional(DateString),
    status: Type.Optional(StringEnum(BOARD_STATUSES)),
    supporterId: Type.Optional(Uuid),
    packId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    flagged: Type.Optional(Type.Boolean({ description: "true: only agreements with a flag (false: only those without)" })),
  },
  { additionalProperties: false },
);
export type BoardQuery = Static<typeof BoardQuery>;

/** The choices of the board's filters: the supporters and packs of the agreements in the region. */
export const BoardFacets = {
  supporters: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  packs: Type.Array(Type.Object({ id: Type.String(), zh: Type.String(), en: Type.String() })),
};

const ORDER: Record<BoardStatus, number> = { fail: 0, at_risk: 1, pass: 2 };

/**
 * Narrows the evaluated board by everything but the status (the tiles count what remains by
 * status, so a tile's number is what clicking it lists), then by the status; failing first. The
 * flag counts are taken before the `flagged` filter (and the status), so they too are what
 * clicking lists.
 */
export function filterBoard(rows: BoardRow[], query: Omit<BoardQuery, "page" | "pageSize" | "year">) {
  const q = query.q?.trim().toLowerCase();
  const matches = (row: BoardRow) =>
    (!query.supporterId || row.agreement.supporters.some((s) => s.id === query.supporterId)) &&
    (!query.packId || row.agreement.packId === query.packId) &&
    (!q ||
      row.agreement.code.toLowerCase().includes(q) ||
      row.agreement.recipient.name.toLowerCase().includes(q) ||
      row.agreement.supporters.some((s) => s.name.toLowerCase().includes(q)));
  const searched = rows.filter(matches);
  const flagTotals = { flagged: searched.filter((r) => r.flags.length > 0).length, flags: countFlags(searched) };
  const narrowed = query.flagged === undefined ? searched : searched.filter((r) => r.flags.length > 0 === query.flagged);
  const totals = { pass: 0, fail: 0, at_risk: 0, ...flagTotals };
  for (const r of narrowed) totals[r.report.status]++;
  const listed = narrowed
    .filter((r) => !query.status || r.report.status === query.status)
    .sort((a, b) => ORDER[a.report.status] - ORDER[b.report.status] || a.agreement.code.localeCompare(b.agreement.code));
  return { totals, listed };
}

/** The supporters and packs the region's agreements name, for the filters' choices. */
export async function boardFacets(db: Db, agreements: Agreement[]) {
  const supporters = new Map<string, string>();
  for (const a of agreements) for (const s of a.supporters) supporters.set(s.id, s.name);
  const packs = [];
  for (const id of new Set(agreements.map((a) => a.packId))) {
    const pack = await resolvePack(db, id);
    packs.push({ id, zh: pack?.name.zh ?? id, en: pack?.name.en ?? id });
  }
  return {
    supporters: [...supporters].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "zh")),
    packs: packs.sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/**
 * The name a board or report is filed under: the region asked for, else the official's region,
 * else the caller's institution (coordinators see their own agreements).
 */
export async function scopeName(db: Db, principal: Principal, regionCode: string | undefined): Promise<string> {
  const code = regionCode ?? principal.regionCode;
  if (code) {
    const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
    return region?.name ?? code;
  }
  if (principal.institutionId) {
    const [institution] = await db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, principal.institutionId));
    if (institution) return institution.name;
  }
  return "全国";
}
