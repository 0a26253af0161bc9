/**
 * @module dynamodb/dynalite-request
 * Hands one request to dynalite's never-listening `http.Server` and always gets an answer back.
 *
 * Dynalite's handler rethrows unexpected errors (`throw err`) from its request stream's `end` callback
 * and from its action callbacks, which would crash the host and leave the client waiting. So:
 * - the request is not a stream: its `data`/`end` listeners are recorded and called directly, inside a
 *   `try`, so everything dynalite does synchronously (type checks, validation, expression parsing) throws
 *   into our `catch` and becomes a 500 `InternalServerError`;
 * - what dynalite throws later, from its store's callbacks, cannot be caught without taking over the
 *   process's uncaught-exception handling. Each request runs in an `AsyncLocalStorage` context, and a
 *   `process` `uncaughtExceptionMonitor` listener (which only observes: it never stops the crash) answers
 *   the request whose context threw with the same 500. When the host survives uncaught exceptions (a test
 *   runner, an app with its own handler) the client gets its answer; otherwise the process ends, as Node does
 *   for any uncaught exception.
 */

import { AsyncLocalStorage } from "node:async_hooks";
import type { Server } from "node:http";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import { dynamoDbInternalError } from "./dynamodb-errors.js";

/** The `X-Amz-Target` prefix of DynamoDB's JSON 1.0 API. */
export const DYNAMODB_TARGET_PREFIX = "DynamoDB_20120810.";

/**
 * A DynamoDB request built in process (the emulator's own `DescribeTable`s, tests): a `POST /` of action
 * `action` with JSON `body`, signed in form only — dynalite reads `Authorization` and `X-Amz-Date` but
 * never checks the signature.
 * @param region - the region named in the credential scope.
 * @example
 * ```ts
 * const answer = await driveDynalite(server, dynaliteRequestOf("DescribeTable", '{"TableName":"t"}'), onError);
 * ```
 */
export function dynaliteRequestOf(action: string, body: string, region = "us-east-1"): AwsHttpRequest {
  const headers: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": `${DYNAMODB_TARGET_PREFIX}${action}`,
    "x-amz-date": "20240101T000000Z",
    authorization: `AWS4-HMAC-SHA256 Credential=test/20240101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=x`,
  });
  return {
    method: "POST",
    path: "/",
    query: "",
    header: (name) => headers[name],
    body,
    signal: new AbortController().signal,
  };
}

/** The response object dynalite writes to (`statusCode`, `setHeader`, `end`). */
class CapturedResponse {
  statusCode = 200;
  contentType: string | undefined;
  readonly headers: Record<string, string> = {};
  readonly #done: (response: AwsHttpResponse) => void;

  constructor(done: (response: AwsHttpResponse) => void) {
    this.#done = done;
  }

  setHeader(name: string, value: unknown): void {
    this.headers[name.toLowerCase()] = String(value);
  }

  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }

  end(body?: string | Buffer): void {
    const text = body === undefined ? "" : typeof body === "string" ? body : body.toString("utf8");
    delete this.headers["content-length"];
    delete this.headers["transfer-encoding"];
    this.#done({ status: this.statusCode, headers: this.headers, body: text });
  }
}

type Listener = (...args: unknown[]) => void;

/** The request object dynalite reads: `headers`, `method`, `url`, `on`, `removeAllListeners`. */
class DriveableRequest {
  readonly headers: Record<string, string | undefined>;
  readonly method: string;
  readonly url: string;
  #listeners = new Map<string, Listener[]>();

  constructor(request: AwsHttpRequest) {
    this.headers = new Proxy(
      {},
      {
        get: (_target, name) => (typeof name === "string" ? request.header(name.toLowerCase()) : undefined),
        has: (_target, name) => typeof name === "string" && request.header(name.toLowerCase()) !== undefined,
      },
    );
    this.method = request.method;
    this.url = request.query === "" ? request.path : `${request.path}?${request.query}`;
  }

  on(event: string, listener: Listener): this {
    const list = this.#listeners.get(event);
    if (list === undefined) this.#listeners.set(event, [listener]);
    else list.push(listener);
    return this;
  }

  removeAllListeners(): this {
    this.#listeners = new Map();
    return this;
  }

  /** Calls the listeners of `event` in order, synchronously; their throws reach the caller. */
  fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }
}

/** A request dynalite has not answered yet. */
interface Pending {
  fail(error: unknown): void;
}

const context = new AsyncLocalStorage<Pending>();
const pending = new Set<Pending>();

function onUncaught(error: unknown): void {
  context.getStore()?.fail(error);
}

function track(request: Pending): void {
  if (pending.size === 0) process.on("uncaughtExceptionMonitor", onUncaught);
  pending.add(request);
}

function untrack(request: Pending): void {
  if (pending.delete(request) && pending.size === 0) process.off("uncaughtExceptionMonitor", onUncaught);
}

/** Requests dynalite has not answered yet (the monitor listener is installed while this is above 0). @internal */
export function pendingDynaliteRequests(): number {
  return pending.size;
}

/**
 * Hands `request` to dynalite and resolves with its answer, or with a 500 `InternalServerError` when
 * dynalite throws. Never rejects.
 * @param onInternalError - receives what dynalite threw.
 */
export function driveDynalite(
  server: Server,
  request: AwsHttpRequest,
  onInternalError: (error: unknown) => void,
  explain: (error: unknown) => AwsHttpResponse | undefined = () => undefined,
): Promise<AwsHttpResponse> {
  return new Promise<AwsHttpResponse>((resolve) => {
    let answered = false;
    const state: Pending = {
      fail: (error) => {
        // A throw the request explains (bad input dynalite does not validate) is the client's error.
        const explained = explain(error);
        if (explained !== undefined) {
          answer(explained);
          return;
        }
        onInternalError(error);
        answer(dynamoDbInternalError());
      },
    };
    const answer = (response: AwsHttpResponse): void => {
      if (answered) return;
      answered = true;
      untrack(state);
      resolve(response);
    };
    const incoming = new DriveableRequest(request);
    track(state);
    context.run(state, () => {
      try {
        server.emit("request", incoming, new CapturedResponse(answer));
        if (request.body !== "") incoming.fire("data", Buffer.from(request.body, "utf8"));
        incoming.fire("end");
      } catch (error) {
        state.fail(error);
      }
    });
  });
}
