import { createHash, randomBytes } from "node:crypto";

/** A random secret for a cookie or bearer token; only its SHA-256 is stored. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function sha256(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export const API_TOKEN_PREFIX = "mbt_";
export const SESSION_COOKIE = "mb_session";
