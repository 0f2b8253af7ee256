import { DomainError } from "@medbridge/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../auth/tokens.ts";
import { sendProblem } from "../http/problem.ts";

/** Bodies up to this size pass freely: a referral without files is a few kilobytes. */
export const LARGE_BODY_BYTES = 1024 * 1024;

export interface UploadGateOptions {
  /** Large bodies read and processed at once. */
  permits: number;
  /** Large requests that may wait for a permit; beyond that they are refused at once. */
  queue: number;
  /** How long one may wait before it is refused. */
  waitMs: number;
  /** Retry-After of a refusal, in seconds. */
  retryAfterSeconds: number;
}

/**
 * Each large body costs memory while it is read, parsed and stored (the 13 MiB body is held, and
 * some 40 MB of statement buffers pass through while its files are written), so 40 at once took
 * the server past 1.5 GB. Two are admitted at a time: one can be received while the other is
 * stored, and PGlite stores one at a time anyway. The next ones wait, which costs only their
 * socket: their bodies stay unread, and TCP flow control holds them on the client. Waiting rather
 * than refusing outright because the usual burst is a few clinicians pressing "send" at once, who
 * should not see an error; the queue and the wait are bounded (30 s, under a proxy's usual 60 s)
 * so that a flood is refused with 503 and Retry-After instead of held open.
 */
export const DEFAULT_UPLOAD_GATE: UploadGateOptions = { permits: 2, queue: 48, waitMs: 30_000, retryAfterSeconds: 10 };

export function uploadGate(options: UploadGateOptions = DEFAULT_UPLOAD_GATE) {
  let free = options.permits;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };

  /** Resolves true once admitted, false when the wait ran out or the client left. */
  const acquire = (request: FastifyRequest): Promise<boolean> => {
    if (free > 0) {
      free--;
      return Promise.resolve(true);
    }
    if (waiting.length >= options.queue) return Promise.resolve(false);
    return new Promise((resolve) => {
      const leave = () => {
        const at = waiting.indexOf(admit);
        if (at >= 0) waiting.splice(at, 1);
        clearTimeout(timer);
        request.raw.off("close", leave);
        resolve(false);
      };
      const admit = () => {
        clearTimeout(timer);
        request.raw.off("close", leave);
        resolve(true);
      };
      const timer = setTimeout(leave, options.waitMs);
      waiting.push(admit);
      request.raw.once("close", leave);
    });
  };

  /** The create route's onRequest hook: runs before a byte of the body is read. */
  async function admitLargeBody(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const declared = request.headers["content-length"];
    // A body without a length (chunked) may be of any size: it counts as large.
    if (declared !== undefined && Number(declared) <= LARGE_BODY_BYTES) return;
    // Anonymous callers get their 401 before they can take a place from a clinician.
    if (!request.headers.authorization?.startsWith("Bearer ") && !(request.headers.cookie ?? "").includes(`${SESSION_COOKIE}=`)) {
      throw new DomainError("unauthorized", "Sign in first");
    }
    if (!(await acquire(request))) {
      reply.header("retry-after", String(options.retryAfterSeconds));
      return sendProblem(reply, 503, "Too many large uploads at once; try again shortly", {
        code: "unavailable",
        params: { what: "uploads" },
        errors: [{ path: "(body)", code: "busy", message: "the server is busy with other uploads" }],
      });
    }
    // The permit is held until the answer is sent or the connection drops, whichever comes first.
    let held = true;
    reply.raw.once("close", () => {
      if (held) release();
      held = false;
    });
    return undefined;
  }

  return { admitLargeBody, inUse: () => options.permits - free, waiting: () => waiting.length };
}
