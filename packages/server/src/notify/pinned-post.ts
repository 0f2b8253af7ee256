import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { Target } from "./webhook-target.ts";

/** What came back: the status and the body read up to the limit, or why nothing did. */
export interface PostAnswer {
  status: number | null;
  text: string;
  error: string | null;
}

/**
 * One POST (or PUT) to a target whose addresses were checked (webhook-target.ts): it connects only to
 * those addresses, whatever the name resolves to now, never follows a redirect, and reads the
 * answer up to `answerLimit` bytes (0: read and drop). Never throws. Webhooks and the SMS gateway
 * both leave through here.
 */
export function pinnedPost(
  target: Target,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  answerLimit = 0,
  method: "POST" | "PUT" = "POST",
): Promise<PostAnswer> {
  const lookup: LookupFunction = (_host, options, callback) => {
    const first = target.addresses[0] as { address: string; family: number };
    if (options.all) callback(null, target.addresses);
    else callback(null, first.address, first.family);
  };
  const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(target.url, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup, agent: false, signal });
    req.on("error", (e) => resolve({ status: null, text: "", error: e.message }));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= answerLimit) chunks.push(chunk);
      });
      res.on("error", (e) => resolve({ status: null, text: "", error: e.message }));
      // The answer counts once it has arrived whole.
      res.on("close", () =>
        resolve(res.complete ? { status, text: Buffer.concat(chunks).toString("utf8"), error: null } : { status: null, text: "", error: "answer cut off" }),
      );
    });
    req.end(body);
  });
}

/** Rejects when the signal fires (a lookup cannot be cancelled, only abandoned). */
export function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new Error("aborted"));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}
