import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { decrypt } from "../crypto.ts";
import type { Db } from "../db/connection.ts";
import { aborted, pinnedPost } from "./pinned-post.ts";
import { creatorStillSpeaks } from "./subscriptions.ts";
import { RefusedTarget, resolveTarget, type Target, type WebhookPolicy } from "./webhook-target.ts";

/** `sha256=<hex>` of the body under the institution's secret: the receiver recomputes and compares. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Retries after 1, 2, 4 … minutes; after eight failures the delivery is given up (and kept for review). */
export const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => 60_000 * 2 ** (attempts - 1);

export interface DeliveryOptions {
  policy: WebhookPolicy;
  /** The whole exchange with one endpoint — lookup, connect, send, answer — within this (ms). */
  timeoutMs?: number;
  /** Requests in flight to one endpoint (URL) at once, so a stuck one holds only this many. */
  perEndpoint?: number;
  /** Requests in flight in all. */
  total?: number;
  /** Hears each outcome (error null: delivered), e.g. to log failures. */
  onSettled?: (delivery: { id: string; url: string; attempts: number }, error: string | null) => void;
  /**
   * The resource a subscription with a full payload sends (the FHIR door gives the referral's Task,
   * read as the subscription's creator may read it); without it such deliveries fail.
   */
  renderResource?: RenderResource;
}

/** The payload of a subscription that sends the resource itself (else it sends an empty ping). */
export const FULL_PAYLOAD = "application/fhir+json";

/** A referral's resource for a subscription's delivery: PUT <endpoint>/<type>/<id> with `body`. */
export type RenderResource = (delivery: { subscriptionId: string; referralId: string }) => Promise<{ type: string; id: string; body: string }>;

interface Claimed {
  id: string;
  event: string;
  payload: unknown;
  attempts: number;
  /** The webhook's URL, or the subscription's endpoint. */
  url: string;
  secret_cipher: string;
  /** A subscription's delivery (else the institution's webhook): its payload kind and sealed channel headers. */
  subscription_id: string | null;
  payload_kind: string | null;
  headers_cipher: string | null;
  lease: Date;
}

/**
 * Claims due deliveries for this process. The row lock (SKIP LOCKED) and the lease written in the
 * same statement (`next_attempt_at` moved past the request timeout) mean that any number of server
 * processes on one database each take different rows: a delivery is sent once, and one whose
 * sender died is taken again when its lease runs out. At most `perEndpoint` rows per URL, none for
 * URLs this process is still talking to. A subscription's delivery goes to its endpoint while the
 * subscription is active and its creator still speaks for it (one turned off, in error or whose
 * creator lost their standing keeps its rows, unsent).
 */
async function claim(db: Db, now: Date, lease: Date, busy: string[], perEndpoint: number, limit: number): Promise<Claimed[]> {
  const result = await db.execute(sql`
    with due as (
      select d.id, row_number() over (partition by coalesce(s.endpoint, w.url) order by d.next_attempt_at, d.id) as n
      from webhook_deliveries d
        left join fhir_subscriptions s on s.id = d.subscription_id
        left join webhooks w on d.subscription_id is null and w.institution_id = d.institution_id
      where d.delivered_at is null and d.next_attempt_at <= ${now} and d.attempts < ${MAX_ATTEMPTS}
        and ((s.status = 'active' and ${creatorStillSpeaks}) or w.institution_id is not null)
        and coalesce(s.endpoint, w.url) not in (select jsonb_array_elements_text(${JSON.stringify(busy)}::jsonb))
    ),
    claimed as (
      select d.id, d.subscription_id, d.institution_id from webhook_deliveries d
      where d.id in (select id from due where n <= ${perEndpoint})
        and d.delivered_at is null and d.next_attempt_at <= ${now} and d.attempts < ${MAX_ATTEMPTS}
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked
    )
    update webhook_deliveries d set next_attempt_at = ${lease}
    from claimed c
      left join fhir_subscriptions s on s.id = c.subscription_id
      left join webhooks w on c.subscription_id is null and w.institution_id = c.institution_id
    where d.id = c.id and (s.id is not null or w.institution_id is not null)
    returning d.id, d.event, d.payload, d.attempts, coalesce(s.endpoint, w.url) as url, coalesce(s.secret_cipher, w.secret_cipher) as secret_cipher,
      d.subscription_id, s.payload as payload_kind, s.headers_cipher`);
  return (result as unknown as { rows: Omit<Claimed, "lease">[] }).rows.map((row) => ({ ...row, lease }));
}

/**
 * Records the outcome, unless the lease was lost meanwhile (then another process owns the row). A
 * subscription whose delivery is given up goes to status error, saying why, and sends no more.
 */
async function settle(db: Db, d: Claimed, now: Date, error: string | null): Promise<void> {
  const attempts = d.attempts + 1;
  const outcome = error
    ? sql`attempts = ${attempts}, last_error = ${error.slice(0, 500)}, next_attempt_at = ${new Date(now.getTime() + backoffMs(attempts))}`
    : sql`attempts = ${attempts}, delivered_at = ${now}, last_error = null`;
  const settled = sql`update webhook_deliveries set ${outcome} where id = ${d.id} and delivered_at is null and next_attempt_at = ${d.lease}`;
  if (!(error && d.subscription_id && attempts >= MAX_ATTEMPTS)) {
    await db.execute(settled);
    return;
  }
  const why = `delivery ${d.id} failed ${attempts} times, the last: ${error}`.slice(0, 500);
  await db.execute(sql`with settled as (${settled} returning id)
    update fhir_subscriptions set status = 'error', error = ${why}, updated_at = ${now}
    where id = ${d.subscription_id} and status = 'active' and exists (select 1 from settled)`);
}

/** What a delivery sends: to the webhook's URL or a subscription's endpoint, as R4 rest-hook says. */
async function requestOf(
  d: Claimed,
  key: Buffer,
  render: RenderResource | undefined,
): Promise<{ url: string; method: "POST" | "PUT"; body: string; headers: Record<string, string> }> {
  if (!d.subscription_id) return { url: d.url, method: "POST", body: JSON.stringify(d.payload), headers: { "content-type": "application/json" } };
  // The subscriber's own headers (channel.header, e.g. its credentials); MedBridge's below cannot be overridden.
  const headers: Record<string, string> = { "x-medbridge-subscription": d.subscription_id };
  for (const line of d.headers_cipher ? (JSON.parse(decrypt(key, d.headers_cipher)) as string[]) : []) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  // A ping: an empty POST to the endpoint; the system then reads what changed.
  if (d.payload_kind !== FULL_PAYLOAD) return { url: d.url, method: "POST", body: "", headers };
  if (!render) throw new Error("no renderer for full-resource subscriptions in this process");
  const { referralId } = d.payload as { referralId: string };
  const resource = await render({ subscriptionId: d.subscription_id, referralId });
  return {
    url: `${d.url.replace(/\/+$/, "")}/${resource.type}/${resource.id}`,
    method: "PUT",
    body: resource.body,
    headers: { ...headers, "content-type": `${FULL_PAYLOAD}; charset=utf-8` },
  };
}

/** One POST (or PUT) to a checked target (pinnedPost); resolves with null on a 2xx answer, else the error. */
export async function post(
  target: Target,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  method: "POST" | "PUT" = "POST",
): Promise<string | null> {
  const answer = await pinnedPost(target, headers, body, signal, 0, method);
  if (answer.error !== null) return answer.error;
  return answer.status !== null && answer.status >= 200 && answer.status < 300 ? null : `HTTP ${answer.status}`;
}

/**
 * Sends webhook deliveries concurrently: each tick claims what is due for endpoints that are not
 * busy and starts the requests without waiting for them, so a slow or stuck endpoint holds only its
 * own few requests (each ended by the timeout) and never another institution's delivery.
 */
export function webhookSender(db: Db, key: Buffer, options: DeliveryOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const perEndpoint = options.perEndpoint ?? 2;
  const total = options.total ?? 32;
  // Longer than any exchange can take, so a lease outlives its request.
  const leaseMs = 2 * timeoutMs + 30_000;
  const busy = new Map<string, number>();
  const inFlight = new Set<Promise<boolean>>();
  const stopping = new AbortController();

  async function deliver(d: Claimed, now: () => Date): Promise<boolean> {
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping.signal]);
    let error: string | null;
    try {
      const request = await Promise.race([requestOf(d, key, options.renderResource), aborted(signal)]);
      const target = await Promise.race([resolveTarget(request.url, options.policy), aborted(signal)]);
      error = await post(
        target,
        {
          ...request.headers,
          "user-agent": "MedBridge-Webhook/1",
          "x-medbridge-event": d.event,
          "x-medbridge-signature": signature(decrypt(key, d.secret_cipher), request.body),
          "x-medbridge-delivery": d.id,
        },
        request.body,
        signal,
        request.method,
      );
    } catch (e) {
      error = e instanceof RefusedTarget ? `refused: ${e.message}` : (e as Error).message;
    }
    // A shutdown is not the endpoint's fault: the lease brings the delivery back later.
    if (stopping.signal.aborted) return false;
    if (signal.aborted) error = `no answer within ${timeoutMs} ms`;
    try {
      await settle(db, d, now(), error);
    } catch (e) {
      // Nobody awaits a send in the job loop: report, never reject. The lease brings the row back.
      error = `outcome (${error ?? "delivered"}) not recorded: ${(e as Error).message}`;
    }
    options.onSettled?.({ id: d.id, url: d.url, attempts: d.attempts }, error);
    return error === null;
  }

  return {
    /** Claims what is due at `now` and starts sending it; resolves once claimed, with one promise per request. */
    async tick(now: Date, clock: () => Date = () => now): Promise<Promise<boolean>[]> {
      const room = total - inFlight.size;
      if (room <= 0 || stopping.signal.aborted) return [];
      const claimed = await claim(db, now, new Date(now.getTime() + leaseMs), [...busy.keys()], perEndpoint, room);
      return claimed.map((d) => {
        busy.set(d.url, (busy.get(d.url) ?? 0) + 1);
        const sent = deliver(d, clock).finally(() => {
          const left = (busy.get(d.url) ?? 1) - 1;
          if (left > 0) busy.set(d.url, left);
          else busy.delete(d.url);
          inFlight.delete(sent);
        });
        inFlight.add(sent);
        return sent;
      });
    },
    /** Ends the requests in flight (their leases bring them back) and waits for them to settle. */
    async stop(): Promise<void> {
      stopping.abort(new Error("server shutting down"));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Sends every delivery due at `now` and waits for the answers; returns how many were delivered. */
export async function deliverWebhooks(db: Db, key: Buffer, now: Date, options: DeliveryOptions): Promise<number> {
  const sends = await webhookSender(db, key, options).tick(now);
  return (await Promise.all(sends)).filter(Boolean).length;
}
