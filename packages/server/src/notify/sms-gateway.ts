import { createHmac, timingSafeEqual } from "node:crypto";
import type { SmsGatewayConfig } from "../config.ts";
import { aborted, pinnedPost } from "./pinned-post.ts";
import { RefusedTarget, resolveTarget, type WebhookPolicy } from "./webhook-target.ts";

/**
 * The SMS gateway client: provider-neutral, so each province puts its contracted provider behind
 * one small adapter that speaks this:
 *
 *   POST <MEDBRIDGE_SMS_URL>   content-type: application/json
 *   x-medbridge-timestamp: <unix seconds>
 *   x-medbridge-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" under MEDBRIDGE_SMS_SECRET>
 *   {"messageId": "<our id; the same on every retry>", "phone": "138…", "template": "<template id>",
 *    "sender": "<sign name, when configured>", "params": {…template parameters…}}
 *
 * A 2xx answer means the gateway took the message; its JSON body may name the gateway's own id
 * (`{"gatewayMessageId": "…"}`). Delivery reports come back signed the same way (verifySignature).
 * Texts are templates with parameters, never free text. The URL is checked as a webhook's is
 * (webhook-target.ts: public addresses only unless MEDBRIDGE_WEBHOOK_ALLOW, HTTPS in production),
 * at every send, and the request goes to the addresses checked; redirects are not followed.
 */
export interface SmsMessage {
  /** Our id of the message: the gateway should treat a repeat (a retry after a lost answer) as the same message. */
  messageId: string;
  phone: string;
  template: string;
  params: Record<string, string>;
}

export interface SmsResult {
  /** The HTTP status, or null when no (whole) answer came. */
  status: number | null;
  gatewayMessageId: string | null;
  /** What went wrong, for the record (never the request or the gateway's body). */
  error: string | null;
}

/** Signatures older or newer than this (seconds) are refused, so a captured report cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

/** `sha256=<hex>` of "<timestamp>.<body>" under the shared secret. */
export function smsSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The headers that sign a body sent at `at`. */
export function signedHeaders(secret: string, body: string, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return { "x-medbridge-timestamp": timestamp, "x-medbridge-signature": smsSignature(secret, timestamp, body) };
}

/**
 * Whether a request from the gateway (a delivery report) is signed with the shared secret over
 * exactly this body, with a timestamp within SIGNATURE_TOLERANCE_S of now.
 */
export function verifySignature(secret: string, headers: Record<string, string | string[] | undefined>, body: string, now: Date): boolean {
  const timestamp = headers["x-medbridge-timestamp"];
  const given = headers["x-medbridge-signature"];
  if (typeof timestamp !== "string" || typeof given !== "string" || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return false;
  const expected = Buffer.from(smsSignature(secret, timestamp, body));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The gateway's answer is read up to this size (its id is all we keep). */
const ANSWER_LIMIT = 64 * 1024;

/** The gateway's own id from a 2xx answer's JSON body, if it names one. */
function gatewayIdOf(text: string): string | null {
  try {
    const id = (JSON.parse(text) as { gatewayMessageId?: unknown } | null)?.gatewayMessageId;
    return typeof id === "string" && id.length > 0 && id.length <= 128 ? id : null;
  } catch {
    return null;
  }
}

export interface SendOptions {
  policy: WebhookPolicy;
  /** The time the request is signed with. */
  at: Date;
  /** The whole exchange — lookup, connect, send, answer — within this (ms). */
  timeoutMs?: number;
  /** Ends the exchange early (a shutdown). */
  signal?: AbortSignal;
}

/** Sends one message to the gateway, signed; never throws. */
export async function sendSms(gateway: SmsGatewayConfig, message: SmsMessage, options: SendOptions): Promise<SmsResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])]);
  const body = JSON.stringify({
    messageId: message.messageId,
    phone: message.phone,
    template: message.template,
    ...(gateway.sender !== null && { sender: gateway.sender }),
    params: message.params,
  });
  try {
    const target = await Promise.race([resolveTarget(gateway.url, options.policy), aborted(signal)]);
    const answer = await pinnedPost(
      target,
      { "content-type": "application/json", "user-agent": "MedBridge-SMS/1", ...signedHeaders(gateway.secret, body, options.at) },
      body,
      signal,
      ANSWER_LIMIT,
    );
    if (signal.aborted && answer.status === null) return { status: null, gatewayMessageId: null, error: `no answer within ${timeoutMs} ms` };
    if (answer.status === null) return { status: null, gatewayMessageId: null, error: answer.error };
    const ok = answer.status >= 200 && answer.status < 300;
    return { status: answer.status, gatewayMessageId: ok ? gatewayIdOf(answer.text) : null, error: ok ? null : `HTTP ${answer.status}` };
  } catch (e) {
    if (e instanceof RefusedTarget) return { status: null, gatewayMessageId: null, error: `refused: ${e.message}` };
    return { status: null, gatewayMessageId: null, error: signal.aborted ? `no answer within ${timeoutMs} ms` : (e as Error).message };
  }
}
