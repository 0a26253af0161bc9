/**
 * @module dynamodb/dynalite-route
 * DynamoDB on the emulator's port: requests with `X-Amz-Target: DynamoDB_20120810.*` (or a SigV4 scope
 * naming `dynamodb`) go to an in-process, in-memory dynalite. Dynalite's `http.Server` never listens;
 * each request is handed to it with `server.emit("request", req, res)` over an in-memory request and a
 * capturing response, so no second port is bound. One dynalite per (account, region), started on the
 * first DynamoDB request of that pair, so SQS-only users pay nothing.
 */

import type { Server } from "node:http";
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { accountFromAccessKey, parseCredentialScope } from "../protocol/detect.js";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import type { RawRoute } from "../server/handler.js";

/** The part of dynalite's options we use. */
interface DynaliteOptions {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

type DynaliteFactory = (options: DynaliteOptions) => Server;

/** The `X-Amz-Target` prefix of DynamoDB's JSON 1.0 API. */
export const DYNAMODB_TARGET_PREFIX = "DynamoDB_20120810.";

let factory: DynaliteFactory | undefined;

function loadDynalite(): DynaliteFactory {
  factory ??= createRequire(import.meta.url)("dynalite") as DynaliteFactory;
  return factory;
}

/** Dynalite reads the account and region of table ARNs from the environment when it starts. */
function startDynalite(accountId: string, region: string): Server {
  const create = loadDynalite();
  const saved = { account: process.env.AWS_ACCOUNT_ID, region: process.env.AWS_REGION };
  process.env.AWS_ACCOUNT_ID = accountId;
  process.env.AWS_REGION = region;
  try {
    return create({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  } finally {
    restore("AWS_ACCOUNT_ID", saved.account);
    restore("AWS_REGION", saved.region);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
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

function toNodeRequest(request: AwsHttpRequest): Readable {
  const stream = Readable.from(request.body === "" ? [] : [Buffer.from(request.body, "utf8")]);
  const headers = new Proxy(
    {},
    {
      get: (_target, name) => (typeof name === "string" ? request.header(name.toLowerCase()) : undefined),
      has: (_target, name) => typeof name === "string" && request.header(name.toLowerCase()) !== undefined,
    },
  );
  const url = request.query === "" ? request.path : `${request.path}?${request.query}`;
  return Object.assign(stream, { headers, method: request.method, url });
}

/** A raw route to DynamoDB plus its lifecycle. */
export interface DynamoDbRoute extends RawRoute {
  /** (account/region) pairs with a running dynalite. */
  readonly partitions: () => string[];
  /** Drops every table of every account and region (the next request starts an empty dynalite). */
  reset(): void;
  /** Same as reset; nothing listens, so there is nothing else to close. */
  close(): void;
}

/**
 * Creates the DynamoDB route.
 * @param defaults - the account and region of requests without a usable SigV4 scope.
 * @example
 * ```ts
 * const dynamodb = createDynamoDbRoute({ accountId: "000000000000", region: "us-east-1" });
 * const handler = new AwsRequestHandler({ services, routes: [dynamodb], defaultRegion, defaultAccountId });
 * ```
 */
export function createDynamoDbRoute(defaults: { accountId: string; region: string }): DynamoDbRoute {
  let instances = new Map<string, Server>();
  const drop = (): void => {
    // Never listening, so close() only reports ERR_SERVER_NOT_RUNNING; the in-memory store is garbage.
    instances = new Map();
  };
  return {
    name: "dynamodb",
    matches: (request) => {
      const target = request.header("x-amz-target");
      if (target !== undefined) return target.startsWith(DYNAMODB_TARGET_PREFIX);
      return parseCredentialScope(request.header("authorization"))?.service === "dynamodb";
    },
    handle: (request) => {
      const scope = parseCredentialScope(request.header("authorization"));
      const accountId = accountFromAccessKey(scope?.accessKeyId) ?? defaults.accountId;
      const region = scope?.region ?? defaults.region;
      const key = `${accountId}/${region}`;
      let server = instances.get(key);
      if (server === undefined) {
        server = startDynalite(accountId, region);
        instances.set(key, server);
      }
      const target = server;
      return new Promise<AwsHttpResponse>((resolve) => {
        target.emit("request", toNodeRequest(request), new CapturedResponse(resolve));
      });
    },
    partitions: () => [...instances.keys()],
    reset: drop,
    close: drop,
  };
}
