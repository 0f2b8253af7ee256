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
