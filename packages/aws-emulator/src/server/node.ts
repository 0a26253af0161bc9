/**
 * @module server/node
 * Binds {@link AwsRequestHandler} to node:http: reads the body with a size cap (per service: DynamoDB
 * allows 16 MiB), aborts a long poll when the client disconnects, keeps connections alive, answers a header
 * section over Node's limit with an AWS-shaped 431, and closes every socket on stop.
 */

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { AwsServiceError } from "../errors.js";
import { encodeJsonError } from "../protocol/aws-json.js";
import { encodeQueryError } from "../protocol/aws-query.js";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import type { AwsRequestHandler } from "./handler.js";
import type { EndpointReservation } from "./reservation.js";

/** Options of {@link listenNode}. */
export interface NodeServerOptions {
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Larger bodies get HTTP 413. @default 4 MiB (SQS batches are at most 1 MiB plus encoding) */
  maxBodyBytes?: number;
  /** Services with their own body limit and 413 answer (DynamoDB: 16 MiB), tried in order. @default [] */
  bodyLimits?: readonly BodyLimit[];
  /**
   * Answer on this reserved port (its waiting connections first) instead of binding one; `host` and
   * `port` are then the reservation's. @default undefined
   */
  reservation?: EndpointReservation | undefined;
}

/** The size limits of the requests one service takes, with that service's answers when they are exceeded. */
export interface BodyLimit {
  /** True for the requests this limit applies to (only headers are known when it is checked). */
  matches(header: (name: string) => string | undefined): boolean;
  /** Larger bodies get `tooLarge(maxBytes)`. */
  readonly maxBytes: number;
  tooLarge(limit: number): AwsHttpResponse;
  /** The answer to a header section over Node's limit (status 431). */
  headersTooLarge(): AwsHttpResponse;
}

/** A listening server. */
export interface NodeServerHandle {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** Stops accepting, closes idle and active sockets, resolves when closed. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 4 * 1_048_576;
/** Unsent bytes after which a streamed response (SSE) is closed. */
const MAX_STREAM_BACKLOG = 8 * 1_048_576;

const FALLBACK_SERVICE = {
  jsonErrorPrefix: "com.amazonaws.sqs#",
  xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/",
};

function tooLarge(request: IncomingMessage, limit: number): AwsHttpResponse {
  const error = new AwsServiceError("RequestEntityTooLarge", `Request body is larger than ${limit} bytes.`, {
    status: 413,
  });
  return request.headers["x-amz-target"] !== undefined
    ? encodeJsonError(error, FALLBACK_SERVICE, "oversize")
    : encodeQueryError(error, FALLBACK_SERVICE, "oversize");
}

function headerOf(request: IncomingMessage): (name: string) => string | undefined {
  return (name) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
}

/** The message of every `RequestHeaderSectionTooLarge` answer. */
export const HEADERS_TOO_LARGE_MESSAGE = "The request's header section is larger than the server accepts (16 KiB).";

/**
 * The answer to a header section over Node's limit (16 KiB), written on the raw socket: Node has not
 * parsed the request, so its protocol is guessed from the bytes that did arrive — a service in `limits`
 * that claims them (DynamoDB) answers in its own shape, an `X-Amz-Target` header means AWS JSON, anything
 * else gets the Query protocol's XML `ErrorResponse`. AWS documents no code for this; we use
 * `RequestHeaderSectionTooLarge` with HTTP 431, the status Node itself sends.
 */
export function headerOverflowAnswer(rawPacket: Buffer | undefined, limits: readonly BodyLimit[]): AwsHttpResponse {
  const head = rawPacket?.toString("latin1") ?? "";
  const seen = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) seen.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const header = (name: string): string | undefined => seen.get(name);
  const claimed = limits.find((limit) => limit.matches(header));
  if (claimed !== undefined) return claimed.headersTooLarge();
  const error = new AwsServiceError("RequestHeaderSectionTooLarge", HEADERS_TOO_LARGE_MESSAGE, { status: 431 });
  return header("x-amz-target") !== undefined
    ? encodeJsonError(error, FALLBACK_SERVICE, randomUUID())
    : encodeQueryError(error, FALLBACK_SERVICE, randomUUID());
}

/** Node's own answer to a request it could not parse (what it sends when no `clientError` listener exists). */
const BARE_CLIENT_ERRORS: Record<string, string> = {
  HPE_CHUNK_EXTENSIONS_OVERFLOW: "413 Payload Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

function answerClientError(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer },
  socket: Socket,
  limits: readonly BodyLimit[],
): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === "HPE_HEADER_OVERFLOW") {
    const answer = headerOverflowAnswer(error.rawPacket, limits);
    const headers = Object.entries({
      ...answer.headers,
      "content-length": String(Buffer.byteLength(answer.body, "utf8")),
      connection: "close",
    }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 431 Request Header Fields Too Large\r\n${headers.join("")}\r\n${answer.body}`);
    return;
  }
  const status = (error.code !== undefined && BARE_CLIENT_ERRORS[error.code]) || "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

function send(response: ServerResponse, answer: AwsHttpResponse): void {
  if (response.writableEnded || response.destroyed) return;
  if (answer.stream !== undefined) {
    response.writeHead(answer.status, answer.headers);
    response.flushHeaders();
    const end = (): void => {
      if (!response.writableEnded && !response.destroyed) response.end();
    };
    answer
      .stream((chunk) => {
        if (response.writableEnded || response.destroyed) return;
        // A client that stopped reading is dropped rather than buffered without bound.
        if (response.writableLength > MAX_STREAM_BACKLOG) response.destroy();
        else response.write(chunk);
      })
      .then(end, end);
    return;
  }
  answer.headers["content-length"] = String(Buffer.byteLength(answer.body, "utf8"));
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

function splitUrl(url: string): { path: string; query: string } {
  const mark = url.indexOf("?");
  return mark < 0 ? { path: url, query: "" } : { path: url.slice(0, mark), query: url.slice(mark + 1) };
}

/**
 * Starts a node:http server for `handler`.
 * @throws the listen error (e.g. `EADDRINUSE`).
 * @example
 * ```ts
 * const server = await listenNode(handler, { port: 0 });
 * console.log(`http://127.0.0.1:${server.port}`);
 * await server.close();
 * ```
 */
export async function listenNode(
  handler: AwsRequestHandler,
  options: NodeServerOptions = {},
): Promise<NodeServerHandle> {
  const reservation = options.reservation;
  const host = reservation?.host ?? options.host ?? "127.0.0.1";
  const defaultLimit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const limits = options.bodyLimits ?? [];

  const server = createServer((request, response) => {
    const header = headerOf(request);
    const special = limits.find((candidate) => candidate.matches(header));
    const limit = special?.maxBytes ?? defaultLimit;
    const overLimit = (): AwsHttpResponse => special?.tooLarge(limit) ?? tooLarge(request, limit);
    const declared = Number(request.headers["content-length"] ?? 0);
    // An oversized body is answered at once but still read (and dropped) to its end, on a connection
    // kept open: closing it while the client is still writing would turn the answer into an EPIPE.
    if (declared > limit) {
      send(response, overLimit());
      request.resume();
      return;
    }
    const controller = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) controller.abort();
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    request.on("data", (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > limit) {
        rejected = true;
        chunks.length = 0;
        send(response, overLimit());
        return;
      }
      chunks.push(chunk);
    });
    request.on("error", () => controller.abort());
    request.on("end", () => {
      if (rejected) return;
      const { path, query } = splitUrl(request.url ?? "/");
      const headers = request.headers;
      const raw: AwsHttpRequest = {
        method: request.method ?? "GET",
        path,
        query,
        header,
        body: chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8"),
        signal: controller.signal,
      };
      const baseUrl = `http://${headers.host ?? `${host}:${port}`}`;
      handler.handleRaw(raw, baseUrl).then(
        (answer) => send(response, answer),
        () => send(response, { status: 500, headers: {}, body: "" }),
      );
    });
  });
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) =>
    answerClientError(error, socket, limits),
  );
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;

  let port: number;
  if (reservation !== undefined) {
    reservation.takeOver(server);
    port = reservation.port;
  } else {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
  }
  return {
    server,
    host,
    port,
    close: async () => {
      if (reservation !== undefined) {
        const released = reservation.release();
        // Not listening, so close() only stops the timeout checks the takeover started (and reports
        // ERR_SERVER_NOT_RUNNING, which is expected).
        server.close(() => undefined);
        server.closeAllConnections();
        await released;
        return;
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
