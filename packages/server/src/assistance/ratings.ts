/**
 * The recipient's judgement of each stationed person (issue 16 item 4): the recipient's
 * coordinator rates a stay at its end (and each full quarter of a long one); the supporter and
 * officials read per-person aggregates. `rated_by` never leaves this file: no answer, no audit
 * before/after and no aggregate carries who rated, nor (outside the recipient) when.
 */
import {
  actingSide,
  aggregateRatings,
  allows,
  checkPeriodDue,
  checkRating,
  type Day,
  day,
  duePeriods,
  forbidden,
  formatDay,
  invalid,
  notFound,
  type Principal,
  RATING_ASPECTS,
  RATING_COMMENT_MAX,
  RATING_MAX,
  RATING_MIN,
  type RatingScores,
  stayPeriods,
} from "@medbridge/core";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import { type Actor, audit } from "../audit.ts";
import type { Db } from "../db/connection.ts";
import { agreementSupporters, agreements, dispatches, institutions, practitioners, stayRatings, users } from "../db/schema.ts";
import { Text, Uuid } from "../http/schemas.ts";

const Score = Type.Integer({ minimum: RATING_MIN, maximum: RATING_MAX });
export const RatingInput = Type.Object(
  { attendance: Score, clinical: Score, teaching: Score, conduct: Score, comment: Type.Optional(Text(RATING_COMMENT_MAX, 0)) },
  { additionalProperties: false },
);
export type RatingInput = Static<typeof RatingInput>;
export const RatingParams = Type.Object(
  { id: Uuid, period: Type.String({ maxLength: 16, description: "`end`, or a quarter `YYYY-Qn` of a stay longer than three months" }) },
  { additionalProperties: false },
);

const Mean = Type.Union([Type.Number(), Type.Null()]);
const Means = Type.Object({ attendance: Mean, clinical: Mean, teaching: Mean, conduct: Mean });
const Scores = { attendance: Type.Integer(), clinical: Type.Integer(), teaching: Type.Integer(), conduct: Type.Integer() };

/** A rating as its author's side reads it. */
export const OwnRatingSchema = Type.Object({ period: Type.String(), ...Scores, comment: Type.Union([Type.String(), Type.Null()]), ratedAt: Type.String() });

/** A stay as the recipient's coordinator rates it: every period, whether due, and its rating. */
export const RatedStaySchema = Type.Object({
  dispatchId: Uuid,
  practitionerId: Uuid,
  practitionerName: Type.String(),
  role: Type.String(),
  start: Type.String(),
  end: Type.String(),
  periods: Type.Array(Type.Object({ period: Type.String(), lastDay: Type.String(), due: Type.Boolean(), rating: Type.Union([OwnRatingSchema, Type.Null()]) })),
});

/** A person as the supporter and officials read them: aggregates only, never who rated or when. */
export const RatingAggregateSchema = Type.Object({
  practitionerId: Uuid,
  practitionerName: Type.String(),
  means: Means,
  overall: Mean,
  count: Type.Integer(),
  low: Type.Integer({ description: "Ratings with an aspect below 3" }),
  unrated: Type.Array(Type.Object({ dispatchId: Uuid, period: Type.String() }), { description: "Due periods of the person's stays still unrated" }),
  comments: Type.Array(Type.String(), { description: "The comments, in text order (no author, date or period); empty for the person themselves" }),
});

export const RatingsViewSchema = Type.Object({
  view: Type.Union([Type.Literal("recipient"), Type.Literal("aggregate"), Type.Literal("own")], {
    description: "recipient: its coordinator's ratings per stay; aggregate: the supporter's and officials' view; own: the stationed person's own aggregate",
  }),
  asOf: Type.String(),
  stays: Type.Array(RatedStaySchema),
  people: Type.Array(RatingAggregateSchema),
});
export type RatingsView = Static<typeof RatingsViewSchema>;
export type PersonAggregate = Omit<Static<typeof RatingAggregateSchema>, "comments">;

const stayStart = sql<string>`coalesce(${dispatches.actualStart}, ${dispatches.plannedStart})`;
const stayEnd = sql<string>`coalesce(${dispatches.actualEnd}, ${dispatches.plannedEnd})`;
const scoreColumns = {
  attendance: stayRatings.attendanceScore,
  clinical: stayRatings.clinicalScore,
  teaching: stayRatings.teachingScore,
  conduct: stayRatings.conductScore,
};

/** Stays of the agreements that count (not cancelled), with the person's name. */
function staysOf(db: Db, agreementIds: readonly string[]) {
  return db
    .select({
      dispatchId: dispatches.id,
      agreementId: dispatches.agreementId,
      practitionerId: dispatches.practitionerId,
      practitionerName: practitioners.name,
      role: dispatches.role,
      start: stayStart,
      end: stayEnd,
    })
    .from(dispatches)
    .innerJoin(practitioners, eq(practitioners.id, dispatches.practitionerId))
    .where(and(inArray(dispatches.agreementId, [...agreementIds]), ne(dispatches.status, "cancelled")))
    .orderBy(asc(stayStart), asc(practitioners.name));
}

/** The ratings of the agreements: scores, comment, period, whose stay — never who rated. */
function ratingsOf(db: Db, agreementIds: readonly string[]) {
  return db
    .select({
      agreementId: stayRatings.agreementId,
      dispatchId: stayRatings.dispatchId,
      practitionerId: stayRatings.practitionerId,
      period: stayRatings.period,
      comment: stayRatings.comment,
      ratedAt: stayRatings.ratedAt,
      ...scoreColumns,
    })
    .from(stayRatings)
    .where(inArray(stayRatings.agreementId, [...agreementIds]));
}

type StayRow = Awaited<ReturnType<typeof staysOf>>[number];
type RatingRow = Awaited<ReturnType<typeof ratingsOf>>[number];
/** Just the four scores of a row (whatever else it carries). */
function scoresOf(r: RatingScores): RatingScores {
  return Object.fromEntries(RATING_ASPECTS.map((a) => [a, r[a]])) as RatingScores;
}

/** Per agreement, per person: the aggregate of their ratings and the due periods still unrated. */
function aggregate(stays: StayRow[], ratings: RatingRow[], today: Day): Map<string, (PersonAggregate & { ratings: RatingRow[] })[]> {
  const people = new Map<string, PersonAggregate & { agreementId: string; ratings: RatingRow[] }>();
  const key = (agreementId: string, practitionerId: string) => `${agreementId}/${practitionerId}`;
  const rated = new Set(ratings.map((r) => `${r.dispatchId}/${r.period}`));
  const person = (agreementId: string, practitionerId: string, practitionerName: string) => {
    const k = key(agreementId, practitionerId);
    let p = people.get(k);
    if (!p) {
      p = { agreementId, practitionerId, practitionerName, ...aggregateRatings([]), unrated: [], ratings: [] };
      people.set(k, p);
    }
    return p;
  };
  for (const s of stays) {
    const span = { start: day(s.start), end: day(s.end) };
    if (span.start > today) continue;
    const p = person(s.agreementId, s.practitionerId, s.practitionerName);
    for (const period of duePeriods(span, today)) if (!rated.has(`${s.dispatchId}/${period}`)) p.unrated.push({ dispatchId: s.dispatchId, period });
  }
  const names = new Map(stays.map((s) => [s.practitionerId, s.practitionerName]));
  for (const r of ratings) person(r.agreementId, r.practitionerId, names.get(r.practitionerId) ?? "").ratings.push(r);
  const byAgreement = new Map<string, (PersonAggregate & { ratings: RatingRow[] })[]>();
  for (const { agreementId, ...p } of people.values()) {
    const list = byAgreement.get(agreementId) ?? [];
    list.push({ ...p, ...aggregateRatings(p.ratings.map(scoresOf)) });
    byAgreement.set(agreementId, list);
  }
  for (const list of byAgreement.values()) list.sort((a, b) => a.practitionerName.localeCompare(b.practitionerName, "zh-CN"));
  return byAgreement;
}

/**
 * The per-person rating aggregates of agreements (means per aspect, overall mean, count, how many
 * are low, due periods unrated) as of `today` — what the supporter, officials, the board's flags and
 * the ranking may know. Never who rated, when, or what they wrote.
 */
export async function ratingAggregates(db: Db, agreementIds: readonly string[], today: Day): Promise<Map<string, PersonAggregate[]>> {
  if (agreementIds.length === 0) return new Map();
  const [stays, ratings] = await Promise.all([staysOf(db, agreementIds), ratingsOf(db, agreementIds)]);
  const result = new Map<string, PersonAggregate[]>();
  for (const [agreementId, list] of aggregate(stays, ratings, today))
    result.set(
      agreementId,
      list.map(({ ratings: _, ...p }) => p),
    );
  return result;
}

/** The agreement's parties, to decide which view a caller gets. */
async function partiesOf(db: Db, agreementId: string) {
  const [agreement] = await db
    .select({ id: agreements.id, recipientId: agreements.recipientId, regionCode: agreements.regionCode })
    .from(agreements)
    .where(eq(agreements.id, agreementId));
  if (!agreement) throw notFound("agreement");
  const supporters = await db
    .select({ id: agreementSupporters.institutionId, regionCode: institutions.regionCode })
    .from(agreementSupporters)
    .innerJoin(institutions, eq(institutions.id, agreementSupporters.institutionId))
    .where(eq(agreementSupporters.agreementId, agreementId));
  return { ...agreement, supporters };
}

/** Whether the principal rates for the recipient of this agreement (its coordinator, by the policy). */
function ratesFor(principal: Principal, recipientId: string): boolean {
  return actingSide(principal, "stay_rating", { recipient: recipientId }) === "recipient";
}

/**
 * What a caller (who may read the agreement) sees of its ratings:
 * - the recipient's coordinator: its ratings per stay and period (scores, comment, when);
 * - a supporter's coordinator and officials over either party's region: per-person aggregates and
 *   the comments as an anonymous list in text order. Privacy of the rater first: no author, date or
 *   period goes with a comment, so it cannot be tied to a moment (and the recipient's staff on
 *   duty then); the comments are kept because "why" is what a supporter can act on;
 * - anyone else: only the signed-in stationed person's own aggregate, without the comments (they
 *   are the recipient's words to the supporter's management), or nothing.
 */
export async function ratingsView(db: Db, principal: Principal, agreementId: string, today: Day): Promise<RatingsView> {
  const parties = await partiesOf(db, agreementId);
  const [stays, ratings] = await Promise.all([staysOf(db, [agreementId]), ratingsOf(db, [agreementId])]);
  const asOf = formatDay(today);
  if (ratesFor(principal, parties.recipientId)) {
    const byPeriod = new Map(ratings.map((r) => [`${r.dispatchId}/${r.period}`, r]));
    const started = stays.filter((s) => day(s.start) <= today);
    return {
      view: "recipient",
      asOf,
      people: [],
      stays: started.reverse().map((s) => {
        const span = { start: day(s.start), end: day(s.end) };
        const due = new Set(duePeriods(span, today));
        return {
          dispatchId: s.dispatchId,
          practitionerId: s.practitionerId,
          practitionerName: s.practitionerName,
          role: s.role,
          start: s.start,
          end: s.end,
          periods: stayPeriods(span).map((p) => {
            const r = byPeriod.get(`${s.dispatchId}/${p.period}`);
            return {
              period: p.period,
              lastDay: formatDay(p.lastDay),
              due: due.has(p.period),
              rating: r ? { period: r.period, ...scoresOf(r), comment: r.comment, ratedAt: r.ratedAt.toISOString() } : null,
            };
          }),
        };
      }),
    };
  }
  const people = aggregate(stays, ratings, today).get(agreementId) ?? [];
  const supporterSide = parties.supporters.some((s) => actingSide(principal, "stay_rating", { supporter: s.id }) === "supporter");
  const official = allows(principal, "read", "indicator", {
    regionCode: parties.regionCode,
    otherRegionCodes: parties.supporters.map((s) => s.regionCode),
    institutionIds: [],
  });
  if (supporterSide || official) {
    return {
      view: "aggregate",
      asOf,
      stays: [],
      people: people.map(({ ratings: list, ...p }) => ({
        ...p,
        comments: list
          .map((r) => r.comment?.trim() ?? "")
          .filter((c) => c !== "")
          .sort((a, b) => a.localeCompare(b, "zh-CN")),
      })),
    };
  }
  const [me] = await db.select({ practitionerId: users.practitionerId }).from(users).where(eq(users.id, principal.userId));
  return {
    view: "own",
    asOf,
    stays: [],
    people: people.filter((p) => me?.practitionerId && p.practitionerId === me.practitionerId).map(({ ratings: _, ...p }) => ({ ...p, comments: [] })),
  };
}

/**
 * The recipient's coordinator rates a stay for a period (re-rating the same period updates it).
 * The caller must be able to read the agreement (checked by the route); the policy decides who
 * rates (the recipient side's coordinator: not the supporter, not the commission).
 */
export async function rateStay(
  db: Db,
  actor: Actor,
  principal: Principal,
  dispatchId: string,
  period: string,
  input: RatingInput,
  today: Day,
): Promise<{ agreementId: string; created: boolean }> {
  const [stay] = await db
    .select({
      agreementId: dispatches.agreementId,
      practitionerId: dispatches.practitionerId,
      status: dispatches.status,
      provinceCode: dispatches.provinceCode,
      start: stayStart,
      end: stayEnd,
      recipientId: agreements.recipientId,
      regionCode: agreements.regionCode,
    })
    .from(dispatches)
    .innerJoin(agreements, eq(agreements.id, dispatches.agreementId))
    .where(eq(dispatches.id, dispatchId));
  if (!stay) throw notFound("dispatch");
  if (!ratesFor(principal, stay.recipientId)) throw forbidden("recipient_rates", "Only the recipient institution's coordinator rates a stationed person");
  const { comment, ...scores } = input;
  const errors = checkRating({ period, scores, comment });
  if (errors.length) throw invalid(errors);
  const span = stay.status === "cancelled" ? null : { start: day(stay.start), end: day(stay.end) };
  const notDue = checkPeriodDue(period, span, today);
  if (notDue.length) throw invalid(notDue);

  const values = {
    attendanceScore: scores.attendance,
    clinicalScore: scores.clinical,
    teachingScore: scores.teaching,
    conductScore: scores.conduct,
    comment: comment?.trim() ? comment.trim() : null,
  };
  const [existing] = await db
    .select({ id: stayRatings.id, period: stayRatings.period, comment: stayRatings.comment, ...scoreColumns })
    .from(stayRatings)
    .where(and(eq(stayRatings.dispatchId, dispatchId), eq(stayRatings.period, period)))
    .for("update");
  let id: string;
  if (existing) {
    await db
      .update(stayRatings)
      .set({ ...values, ratedBy: principal.userId, ratedAt: new Date() })
      .where(eq(stayRatings.id, existing.id));
    id = existing.id;
  } else {
    const [row] = await db
      .insert(stayRatings)
      .values({
        ...values,
        dispatchId,
        agreementId: stay.agreementId,
        practitionerId: stay.practitionerId,
        period,
        ratedBy: principal.userId,
        provinceCode: stay.provinceCode,
      })
      .onConflictDoUpdate({ target: [stayRatings.dispatchId, stayRatings.period], set: { ...values, ratedBy: principal.userId, ratedAt: new Date() } })
      .returning({ id: stayRatings.id });
    id = (row as { id: string }).id;
  }
  const shown = (r: { comment: string | null } & RatingScores) => ({ dispatchId, period, ...scoresOf(r), comment: r.comment });
  await audit(db, actor, {
    action: existing ? "update" : "rate",
    entity: "stay_rating",
    entityId: id,
    regionCode: stay.regionCode,
    // The rater is the audit entry's actor; the record's own before/after never names them.
    before: existing ? shown(existing) : null,
    after: shown({ ...scores, comment: values.comment }),
  });
  return { agreementId: stay.agreementId, created: !existing };
}
