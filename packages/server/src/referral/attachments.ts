import { type FieldError, notFound } from "@medbridge/core";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Static, Type } from "typebox";
import type { Db } from "../db/connection.ts";
import { referralAttachments } from "../db/schema.ts";
import { StringEnum, Text, Uuid } from "../http/schemas.ts";

/** 2 MiB per file, five files: enough for a report, an ECG and a few photos of films. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
const MAX_BASE64_CHARS = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;
/** The create route accepts a body big enough for the attachments; everything else stays at 1 MiB. */
export const REFERRAL_BODY_LIMIT = MAX_ATTACHMENTS * MAX_BASE64_CHARS + 256 * 1024;

/** What a file must start with to be what it claims: a renamed executable is not a PDF. */
const SIGNATURES = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46],
  "image/png": [0x89, 0x50, 0x4e, 0x47],
  "image/jpeg": [0xff, 0xd8, 0xff],
} as const;
type AttachmentType = keyof typeof SIGNATURES;
/** The media types an attachment may have, and is served as. */
export const ATTACHMENT_TYPES = Object.keys(SIGNATURES) as AttachmentType[];

export const AttachmentInput = Type.Object(
  {
    filename: Text(120),
    contentType: StringEnum(ATTACHMENT_TYPES),
    data: Type.String({
      maxLength: MAX_BASE64_CHARS,
      pattern: "^[A-Za-z0-9+/]*={0,2}$",
      description: `Base64 of the file, at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`,
    }),
  },
  { additionalProperties: false },
);
export const AttachmentsInput = Type.Array(AttachmentInput, { maxItems: MAX_ATTACHMENTS });

export const AttachmentSchema = Type.Object({ id: Uuid, filename: Type.String(), contentType: Type.String(), size: Type.Integer() });

export type DecodedAttachment = { filename: string; contentType: string; size: number; data: Buffer };

/**
 * File bytes the create route's body parser decoded already (referral-body.ts), by attachment
 * object: it drops the base64 text and leaves `data` empty, so each file is held once.
 */
const decodedByParser = new WeakMap<object, Buffer>();

export function keepDecoded(attachment: object, bytes: Buffer): void {
  decodedByParser.set(attachment, bytes);
}

/** Decodes and checks every file before anything is written; errors name `attachments[N].field`. */
export function decodeAttachments(files: Static<typeof AttachmentInput>[] = []): { decoded: DecodedAttachment[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const decoded = files.map((file, i) => {
    const bytes = decodedByParser.get(file) ?? Buffer.from(file.data, "base64");
    const signature = SIGNATURES[file.contentType as AttachmentType];
    if (bytes.length === 0) errors.push({ path: `attachments[${i}].data`, code: "empty", message: "is empty" });
    else if (bytes.length > MAX_ATTACHMENT_BYTES)
      errors.push({
        path: `attachments[${i}].data`,
        code: "too_large",
        params: { limit: MAX_ATTACHMENT_BYTES, unit: "bytes" },
        message: `is larger than ${MAX_ATTACHMENT_BYTES} bytes`,
      });
    else if (!signature.every((b, k) => bytes[k] === b))
      errors.push({ path: `attachments[${i}].data`, code: "mismatch", params: { other: "contentType" }, message: `is not a ${file.contentType} file` });
    if (/[\\/\0]/.test(file.filename))
      errors.push({ path: `attachments[${i}].filename`, code: "not_allowed", params: { reason: "path_separator" }, message: "must not contain / or \\" });
    return { filename: file.filename.trim(), contentType: file.contentType, size: bytes.length, data: bytes };
  });
  return { decoded, errors };
}

/**
 * One statement per file, the bytes sent as base64 that the database decodes. PGlite's own bytea
 * parameter encoding builds a JavaScript string per byte: 2 MiB took seconds and hundreds of MB.
 */
export async function storeAttachments(db: Db, referralId: string, decoded: DecodedAttachment[]): Promise<void> {
  for (const d of decoded) {
    await db.insert(referralAttachments).values({ ...d, referralId, data: sql`decode(${d.data.toString("base64")}, 'base64')` });
  }
}

/** The files' descriptions; `any: false` says there are none without asking the database. */
export async function listAttachments(db: Db, referralId: string, any = true) {
  if (!any) return [];
  return db
    .select({
      id: referralAttachments.id,
      filename: referralAttachments.filename,
      contentType: referralAttachments.contentType,
      size: referralAttachments.size,
    })
    .from(referralAttachments)
    .where(eq(referralAttachments.referralId, referralId))
    .orderBy(asc(referralAttachments.createdAt), asc(referralAttachments.filename));
}

/**
 * One attachment with its bytes. They travel as base64 text and are decoded here: PGlite's own
 * bytea parsing took seconds and hundreds of MB for a 2 MiB file (the same reason they are stored
 * through decode()).
 */
export async function readAttachment(db: Db, referralId: string, attachmentId: string) {
  const [row] = await db
    .select({
      filename: referralAttachments.filename,
      contentType: referralAttachments.contentType,
      data: sql<string>`encode(${referralAttachments.data}, 'base64')`,
    })
    .from(referralAttachments)
    .where(and(eq(referralAttachments.referralId, referralId), eq(referralAttachments.id, attachmentId)));
  if (!row) throw notFound("attachment");
  return { ...row, data: Buffer.from(row.data.replace(/\n/g, ""), "base64") };
}
