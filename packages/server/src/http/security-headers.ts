import type { FastifyInstance } from "fastify";

/**
 * The web app's Content-Security-Policy. Scripts come only from this server (Vite emits no inline
 * script); Ant Design writes its CSS-in-JS as <style> elements at run time, hence 'unsafe-inline'
 * for styles only; the dashboard fetches its map shapes from /geo on this server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** A year, subdomains included; sent only in production, where the server sits behind HTTPS. */
const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Headers on every answer. `Cache-Control: no-store` goes on every /api/ answer rather than on a
 * list of routes that show patients: nearly every API answer is personal or access-scoped data
 * (names, phones, who may see what), a list would fall behind new routes, and none gains from a
 * cache. The web app's files are not under /api/ and stay cacheable.
 */
export function registerSecurityHeaders(app: FastifyInstance, { production }: { production: boolean }): void {
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "same-origin");
    reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    if (production) reply.header("strict-transport-security", HSTS);
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
}
