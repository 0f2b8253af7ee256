import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/** AES-256-GCM: `v1:` + base64(iv ‖ tag ‖ ciphertext). A wrong key or a changed byte fails loudly. */
export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decrypt(key: Buffer, sealed: string): string {
  if (!sealed.startsWith("v1:")) throw new Error("Unknown ciphertext format");
  const data = Buffer.from(sealed.slice(3), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
}

/**
 * A keyed hash to find a record by its ID number without storing the number (never reversible).
 * The patient index uses it under its own key (config.indexKey), never the data key.
 */
export function lookupHash(key: Buffer, plain: string): string {
  const lookupKey = createHmac("sha256", key).update("medbridge lookup v1").digest();
  return createHmac("sha256", lookupKey).update(plain).digest("hex");
}
