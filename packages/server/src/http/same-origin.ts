import { DomainError } from "@medbridge/core";
import type { FastifyInstance } from "fastify";
import { SESSION_COOKIE } from "../auth/tokens.ts";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const DEFAULT_PORT = /:(80|443)$/;

function hostOf(url: string): string | null {
  try {
    const { protocol, host } = new URL(url);
    return protocol === "http:" || protocol === "https:" ? host.replace(DEFAULT_PORT, "") : null;
  } catch {
    return null;
  }
}

/**
 * A state-changing request that carries the session cookie must come from a page of this server:
 * its `Origin` (or, without one, its `Referer`) names this server's host. SameSite=Strict already
 * keeps the cookie off cross-site requests; this is the second lock, for browsers or proxies that
 * get SameSite wrong and for sibling sites under the same registrable domain (SameSite treats
 * those as same-site). `Origin: null` (sandboxed frames, privacy redirects) is refused. A request
 * with neither header is let through: browsers send `Origin` on every cross-origin POST, PUT,
 * PATCH and DELETE (Fetch standard), so only non-browser clients omit both, and those can forge
 * any header anyway. Bearer-token requests carry no cookie and are not checked: a browser never
 * adds an Authorization header by itself.
 */
export function registerSameOriginCheck(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    if (!STATE_CHANGING.has(request.method) || !request.cookies?.[SESSION_COOKIE]) return;
    const origin = request.headers.origin;
    const claimed = origin ?? request.headers.referer;
    if (claimed === undefined) return;
    // request.host honours X-Forwarded-Host only from trusted proxies (MEDBRIDGE_TRUST_PROXY).
    const own = request.host.toLowerCase().replace(DEFAULT_PORT, "");
    if (hostOf(claimed) !== own) {
      const header = origin !== undefined ? "origin" : "referer";
      throw new DomainError(
        "forbidden",
        "This request did not come from a page of this server",
        [{ path: header, code: "cross_origin", message: "must be this server's own origin for a signed-in change" }],
        { reason: "cross_origin" },
      );
    }
  });
}
