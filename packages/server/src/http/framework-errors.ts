import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { fastifyDetail, problemText, sendProblem } from "./problem.ts";

/**
 * Fastify's errors from before any route is found (malformed percent-encoding, a path parameter
 * longer than the router takes) as problem+json. Fastify's default body quotes the path.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  sendProblem(reply, status, fastifyDetail(error.code, status));
}

/**
 * Node's HTTP parser errors (header block or request line too large, a malformed request, a
 * request that took too long) reach no route and no reply: the answer is written to the socket,
 * as problem+json, and the connection closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, detail] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "The request took too long to arrive"]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "The request line or headers are too large"]
        : [400, "The request is not valid HTTP"];
  const body = problemText(status, detail);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
