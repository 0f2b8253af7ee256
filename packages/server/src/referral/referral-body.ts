import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { DomainError, invalid } from "@medbridge/core";
import type { FastifyRequest } from "fastify";
import { keepDecoded, REFERRAL_BODY_LIMIT } from "./attachments.ts";

/** String literals at least this long and made only of base64 characters are taken for files. */
const LONG_LITERAL = 64 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
/** Base64 character → its six bits, -1 for anything else (the schema's alphabet: no URL-safe variant). */
const SEXTET = new Int8Array(256).fill(-1);
for (const [i, c] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].entries()) SEXTET[c.charCodeAt(0)] = i;

/** Fastify's own JSON parser (prototype-poisoning checks included), callback style. */
type JsonParser = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => void;

/**
 * The create route's JSON body parser. Fastify's own holds the chunks, their concatenation, the
 * whole body as one string (two bytes a character once it holds any Chinese) and then the parsed
 * base64 strings: ~70 MB for a 13 MiB referral, and decoding the files added 10 MB more. Here the
 * body is read into one buffer of its declared length (413 as soon as it passes the limit, before
 * the rest is read), the long base64 literals are cut out before JSON.parse sees the rest, and each
 * file is decoded in place, in that same buffer: the body is held once, and nothing else.
 */
export function referralBodyParser(parseJson: JsonParser) {
  return async (request: FastifyRequest, payload: Readable): Promise<unknown> => {
    const body = await readBody(request, payload, request.routeOptions.bodyLimit ?? REFERRAL_BODY_LIMIT);
    const marker = `mb-file-${randomBytes(8).toString("hex")}-`;
    const { text, files } = cutFiles(body, marker);
    const value = await new Promise<unknown>((resolve, reject) => parseJson(request, text, (error, parsed) => (error ? reject(error) : resolve(parsed))));
    return files.length ? putFilesBack(value, body, files, marker) : value;
  };
}

const tooLarge = () =>
  new DomainError("payload_too_large", "Request body is too large", [
    { path: "(body)", code: "too_large", params: { unit: "bytes" }, message: "is too large" },
  ]);

/** The body as one buffer: of the declared length when there is one, else the chunks joined once. */
function readBody(request: FastifyRequest, payload: Readable, limit: number): Promise<Buffer> {
  const header = request.headers["content-length"];
  const declared = header === undefined ? null : Number(header);
  if (declared !== null && !(declared <= limit)) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const whole = declared === null ? null : Buffer.allocUnsafe(declared);
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      payload.off("data", onData);
      payload.off("end", onEnd);
      payload.off("error", onError);
      payload.off("close", onClose);
    };
    function onData(data: Buffer | string) {
      const chunk = typeof data === "string" ? Buffer.from(data) : data;
      if (received + chunk.length > (whole?.length ?? limit)) {
        // Nothing more is kept: what the client still sends is read and dropped by Node.
        stop();
        reject(
          whole
            ? invalid([{ path: "(body)", code: "mismatch", params: { other: "content-length" }, message: "is longer than its Content-Length" }])
            : tooLarge(),
        );
        return;
      }
      if (whole) chunk.copy(whole, received);
      else chunks.push(chunk);
      received += chunk.length;
    }
    function onEnd() {
      stop();
      if (whole && received !== whole.length)
        reject(invalid([{ path: "(body)", code: "mismatch", params: { other: "content-length" }, message: "is shorter than its Content-Length" }]));
      else resolve(whole ?? Buffer.concat(chunks, received));
    }
    function onError(error: Error & { statusCode?: number }) {
      stop();
      error.statusCode ??= 400;
      reject(error);
    }
    // The client went away before the end (not always reported as an error): stop waiting for it.
    function onClose() {
      onError(new Error("the request was aborted"));
    }
    payload.on("data", onData);
    payload.on("end", onEnd);
    payload.on("error", onError);
    payload.on("close", onClose);
    payload.resume();
  });
}

type Literal = { start: number; end: number; length: number };

/**
 * The body as text with its long base64 literals replaced by markers (a random prefix and an
 * index into `files`): JSON.parse then sees a few kilobytes.
 */
function cutFiles(body: Buffer, marker: string): { text: string; files: Literal[] } {
  const parts: Buffer[] = [];
  const files: Literal[] = [];
  let from = 0;
  for (const [start, end] of longLiterals(body)) {
    const length = base64Length(body, start, end);
    if (length < 0) continue;
    parts.push(body.subarray(from, start), Buffer.from(`${marker}${files.length}`));
    files.push({ start, end, length });
    from = end;
  }
  if (files.length === 0) return { text: body.toString("utf8"), files };
  parts.push(body.subarray(from));
  return { text: Buffer.concat(parts).toString("utf8"), files };
}

/**
 * Where a file belongs (`attachments[i].data`) it is decoded in place and its bytes kept beside the
 * attachment for decodeAttachments, `data` left as "" for the schema; anywhere else the literal
 * goes back as sent, for validation to judge.
 */
function putFilesBack(value: unknown, body: Buffer, files: Literal[], marker: string): unknown {
  const fileOf = (v: unknown) => (typeof v === "string" && v.startsWith(marker) ? files[Number(v.slice(marker.length))] : undefined);
  const placed = new Set<Literal>();
  const attachments = isRecord(value) && Array.isArray(value.attachments) ? value.attachments : [];
  for (const attachment of attachments) {
    const file = isRecord(attachment) ? fileOf(attachment.data) : undefined;
    if (!file || !isRecord(attachment) || placed.has(file)) continue;
    keepDecoded(attachment, body.subarray(file.start, file.start + decodeInPlace(body, file.start, file.length)));
    attachment.data = "";
    placed.add(file);
  }
  if (placed.size < files.length) {
    putBack(value, (v) => {
      const file = fileOf(v);
      return file && !placed.has(file) ? body.toString("latin1", file.start, file.end) : null;
    });
  }
  return value;
}

/** Characters of base64 in body[start, end) before its padding, or -1 unless it matches the schema's ^[A-Za-z0-9+/]*={0,2}$. */
function base64Length(body: Buffer, start: number, end: number): number {
  let stop = end;
  while (stop > start && end - stop < 2 && body[stop - 1] === EQUALS) stop--;
  for (let i = start; i < stop; i++) if ((SEXTET[body[i] as number] as number) < 0) return -1;
  return stop - start;
}

/**
 * Decodes `length` base64 characters at `start` into the same buffer from `start` on: four
 * characters become three bytes, so a byte is only written where its characters were already
 * read. As Buffer.from(text, "base64") does, a lone last character is dropped. Returns the bytes.
 */
function decodeInPlace(body: Buffer, start: number, length: number): number {
  const six = (at: number) => SEXTET[body[at] as number] as number;
  let out = start;
  let i = start;
  for (const whole = start + length - (length % 4); i < whole; i += 4) {
    const n = (six(i) << 18) | (six(i + 1) << 12) | (six(i + 2) << 6) | six(i + 3);
    body[out++] = n >> 16;
    body[out++] = (n >> 8) & 0xff;
    body[out++] = n & 0xff;
  }
  const rest = length % 4;
  if (rest >= 2) {
    const n = (six(i) << 18) | (six(i + 1) << 12) | (rest === 3 ? six(i + 2) << 6 : 0);
    body[out++] = n >> 16;
    if (rest === 3) body[out++] = (n >> 8) & 0xff;
  }
  return out - start;
}

/** [start, end) of the contents of every string literal of at least LONG_LITERAL bytes. */
function* longLiterals(body: Buffer): Generator<[number, number]> {
  // Outside a string the next quote opens one; inside, the next quote not escaped closes it.
  let open = body.indexOf(QUOTE);
  while (open !== -1) {
    let close = body.indexOf(QUOTE, open + 1);
    while (close !== -1 && escaped(body, close)) close = body.indexOf(QUOTE, close + 1);
    if (close === -1) return; // unterminated: JSON.parse will say so
    if (close - open - 1 >= LONG_LITERAL) yield [open + 1, close];
    open = body.indexOf(QUOTE, close + 1);
  }
}

function escaped(body: Buffer, at: number): boolean {
  let backslashes = 0;
  while (body[at - 1 - backslashes] === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Replaces cut-out literals found anywhere in the value (iteratively: JSON may nest deeply). */
function putBack(value: unknown, original: (v: unknown) => string | null): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const text = original(record[key]);
      if (text !== null) record[key] = text;
      else stack.push(record[key]);
    }
  }
}
