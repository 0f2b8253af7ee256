import { DomainError, ERROR_STATUS, type ErrorCode, type ErrorParams, type FieldError } from "@medbridge/core";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/unavailable.ts";
import { toFieldErrors } from "./validation.ts";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** What Fastify's own 4xx errors mean, in words that quote nothing from the request. */
const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: "The URL is not valid (malformed percent-encoding)",
  FST_ERR_MAX_PARAM_LENGTH: "A path parameter is too long",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "The body does not match its Content-Length",
  FST_ERR_CTP_EMPTY_TYPE: "The Content-Type header is empty",
  FST_ERR_CTP_INVALID_TYPE: "The Content-Type header is not valid",
};

/** The stable code of a status no DomainError names (Fastify's own errors, the socket's). */
const STATUS_CODE: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  408: "request_timeout",
  409: "conflict",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  429: "rate_limited",
  431: "headers_too_large",
  500: "internal",
  503: "unavailable",
};

/** The code of an answer with this status when nothing more specific is known. */
export function codeOfStatus(status: number): ErrorCode {
  return STATUS_CODE[status] ?? (status >= 500 ? "internal" : "bad_request");
}

/** The detail for an error raised by Fastify or a plugin rather than by this code. */
export function fastifyDetail(code: string | undefined, status: number): string {
  return (code && FASTIFY_DETAILS[code]) || (TITLES[status] ?? "The request was refused");
}

/** RFC 9457 problem document, with a stable `code` (and its `params`) beside the English `detail`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  params: ErrorParams;
  detail: string;
  errors: FieldError[];
}

export interface ProblemOptions {
  /** The stable code; by default the one of the status. */
  code?: ErrorCode;
  params?: ErrorParams;
  errors?: FieldError[];
}

function problemOf(status: number, detail: string, options: ProblemOptions): Problem {
  return {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    code: options.code ?? codeOfStatus(status),
    params: options.params ?? {},
    detail,
    // Every field error leaves with params, so clients need not test for them.
    errors: (options.errors ?? []).map((e) => ({ path: e.path, code: e.code, params: e.params ?? {}, message: e.message })),
  };
}

/** A whole problem document as text, for answers written straight to the socket. */
export function problemText(status: number, detail: string, options: ProblemOptions = {}): string {
  return JSON.stringify(problemOf(status, detail, options));
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, options: ProblemOptions = {}): FastifyReply {
  return reply
    .status(status)
    .type("application/problem+json")
    .send(problemOf(status, detail, options));
}

/** The one error handler: domain errors, validation, Fastify's own errors; never a stack trace out. */
export function errorHandler(error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    return sendProblem(reply, ERROR_STATUS[error.code], error.message, { code: error.code, params: error.params, errors: error.errors });
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const where = fe.validationContext === "body" ? "" : fe.validationContext === "querystring" ? "query" : (fe.validationContext ?? "");
    const errors = toFieldErrors(fe.validation as never, where);
    return sendProblem(reply, 400, `Invalid ${fe.validationContext ?? "input"}: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, {
      code: "validation",
      errors,
    });
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) {
    return sendProblem(reply, 413, "Request body is too large", {
      errors: [{ path: "(body)", code: "too_large", params: { unit: "bytes" }, message: "is too large" }],
    });
  }
  if (fe.code === "FST_ERR_CTP_INVALID_JSON_BODY" || fe.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || (status === 400 && error instanceof SyntaxError)) {
    return sendProblem(reply, 400, "Request body is not valid JSON", {
      errors: [{ path: "(body)", code: "unreadable", params: { format: "json" }, message: "is not valid JSON" }],
    });
  }
  if (status === 415 || fe.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return sendProblem(reply, 415, "Unsupported content type", {
      errors: [{ path: "content-type", code: "unsupported_type", message: "is not supported here" }],
    });
  }
  // Fastify's own messages quote the URL, a header or a content type: never echo those.
  if (status >= 400 && status < 500) return sendProblem(reply, status, fastifyDetail(fe.code, status));
  // The database is away (down, restarting, not answering in time): clients should come back.
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, "database unavailable");
    reply.header("retry-after", String(RETRY_AFTER_SECONDS));
    return sendProblem(reply, 503, "The database is unavailable; try again shortly.", { code: "unavailable", params: { what: "database" } });
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(reply, 500, "An unexpected error occurred; it has been logged.");
}
