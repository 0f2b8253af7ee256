import { createHash } from "node:crypto";

/** The RFC 4122 URL namespace (6ba7b811-…): MedBridge's FHIR namespace is the v5 UUID of its canonical base in it. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** A name-based UUID (RFC 4122 version 5, SHA-1): the same namespace and name always give the same id. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The namespace of every id MedBridge's FHIR door derives from its records (ids that are no row's own id). */
export const FHIR_ID_NAMESPACE = uuidV5(URL_NAMESPACE, "https://medbridge.org.cn/fhir");

const UUID_HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE36_UUID_LENGTH = 25; // 36^25 > 2^128
const MAX_UUID = (1n << 128n) - 1n;

/** A UUID in 25 base-36 digits (so two fit in a FHIR id of at most 64 characters). */
function uuidToBase36(uuid: string): string {
  if (!UUID_HEX.test(uuid)) throw new Error(`not a uuid: ${uuid}`);
  return BigInt(`0x${uuid.replace(/-/g, "")}`)
    .toString(36)
    .padStart(BASE36_UUID_LENGTH, "0");
}

function base36ToUuid(text: string): string | null {
  if (!/^[0-9a-z]{25}$/.test(text)) return null;
  let n = 0n;
  for (const ch of text) n = n * 36n + BigInt(Number.parseInt(ch, 36));
  if (n > MAX_UUID) return null;
  const hex = n.toString(16).padStart(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of a resource made from a pair of rows (an alliance and a member, an agreement and a
 * supporter, a practitioner and a practice site): `<prefix>.<first uuid>.<second uuid>` with each
 * uuid in base 36 — 54 characters for a two-letter prefix, within FHIR's [A-Za-z0-9\-\.]{1,64}.
 * Reversible, so a read is one lookup by primary key; it never equals a row's own UUID id (dots).
 */
export function pairId(prefix: string, first: string, second: string): string {
  return `${prefix}.${uuidToBase36(first)}.${uuidToBase36(second)}`;
}

/** The prefix and rows of a pair id, or null when `id` is not one. */
export function parsePairId(id: string): { prefix: string; first: string; second: string } | null {
  const match = /^([a-z]{2})\.([0-9a-z]{25})\.([0-9a-z]{25})$/.exec(id.toLowerCase());
  if (!match) return null;
  const first = base36ToUuid(match[2] as string);
  const second = base36ToUuid(match[3] as string);
  return first && second ? { prefix: match[1] as string, first, second } : null;
}

/** The pattern of the pair ids of the given prefixes (for ResourceDef.idPattern). */
export function pairIdPattern(prefixes: readonly string[]): string {
  return `(?:${prefixes.join("|")})\\.[0-9a-z]{25}\\.[0-9a-z]{25}`;
}
