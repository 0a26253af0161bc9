/**
 * @module server/node
 * Binds {@link AwsRequestHandler} to node:http: reads the body with a size cap, aborts a long poll when
 * the client disconnects, keeps connections alive, and closes every socket on stop.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AwsServiceError } from "../errors.js";
import { encodeJsonError } from "../protocol/aws-json.js";
import { encodeQueryError } from "../protocol/aws-query.js";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import type { AwsRequestHandler } from "./handler.js";

/** Options of {@link listenNode}. */
export interface NodeServerOptions {
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Larger bodies get HTTP 413. @default 4 MiB (SQS batches are at most 1 MiB plus encoding) */
  maxBodyBytes?: number;
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

function tooLarge(request: IncomingMessage, limit: number): AwsHttpResponse {
  const error = new AwsServiceError("RequestEntityTooLarge", `Request body is larger than ${limit} bytes.`, {
    status: 413,
  });
  const service = { jsonErrorPrefix: "com.amazonaws.sqs#", xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/" };
  return request.headers["x-amz-target"] !== undefined
    ? encodeJsonError(error, service, "oversize")
    : encodeQueryError(error, service, "oversize");
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
  const host = options.host ?? "127.0.0.1";
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;

  const server = createServer((request, response) => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > limit) {
      response.setHeader("connection", "close");
      send(response, tooLarge(request, limit));
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
        response.setHeader("connection", "close");
        send(response, tooLarge(request, limit));
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
        header: (name) => {
          const value = headers[name];
          return Array.isArray(value) ? value.join(",") : value;
        },
        body: chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8"),
        signal: controller.signal,
      };
      const baseUrl = `http://${headers.host ?? `${host}:${(server.address() as AddressInfo).port}`}`;
      handler.handleRaw(raw, baseUrl).then(
        (answer) => send(response, answer),
        () => send(response, { status: 500, headers: {}, body: "" }),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
