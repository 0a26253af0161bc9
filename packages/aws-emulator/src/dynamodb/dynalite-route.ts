/**
 * @module dynamodb/dynalite-route
 * DynamoDB on the emulator's port: requests with `X-Amz-Target: DynamoDB_20120810.*` (or a SigV4 scope
 * naming `dynamodb`) go to an in-process, in-memory dynalite. Dynalite's `http.Server` never listens;
 * each request is handed to it with `server.emit("request", req, res)` over an in-memory request and a
 * capturing response, so no second port is bound. One dynalite per (account, region), started on the
 * first DynamoDB request of that pair, so SQS-only users pay nothing.
 *
 * Robustness: every request is answered (see `dynalite-request.ts`: dynalite's throws become a 500
 * `InternalServerError`); bodies nesting deeper than DynamoDB allows are refused before dynalite's
 * recursive validation can overflow the stack; bodies over 16 MiB get a DynamoDB-shaped 413.
 */

import type { Server } from "node:http";
import { createRequire } from "node:module";
import { accountFromAccessKey, parseCredentialScope } from "../protocol/detect.js";
import type { AwsHttpResponse } from "../protocol/http-types.js";
import type { RawRoute } from "../server/handler.js";
import type { BodyLimit } from "../server/node.js";
import { driveDynalite } from "./dynalite-request.js";
import {
  DYNAMODB_ERROR_TYPES,
  DYNAMODB_MAX_JSON_DEPTH,
  DYNAMODB_MAX_REQUEST_BYTES,
  dynamoDbError,
  dynamoDbHeadersTooLarge,
  dynamoDbTooDeep,
  dynamoDbTooLarge,
  jsonDepthExceeds,
} from "./dynamodb-errors.js";

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

/** A raw route to DynamoDB plus its lifecycle. */
export interface DynamoDbRoute extends RawRoute {
  /** (account/region) pairs with a running dynalite. */
  readonly partitions: () => string[];
  /** Drops every table of every account and region (the next request starts an empty dynalite). */
  reset(): void;
  /** Same as reset; nothing listens, so there is nothing else to close. */
  close(): void;
  /** DynamoDB's body limit (16 MiB) and its DynamoDB-shaped 413 and 431, for the node:http binding. */
  readonly bodyLimit: BodyLimit;
}

/** Options of {@link createDynamoDbRoute}. */
export interface DynamoDbRouteOptions {
  /** The account of requests without a 12-digit access key id. */
  accountId: string;
  /** The region of requests without a SigV4 scope. */
  region: string;
  /** Receives what dynalite throws (the client gets a 500 `InternalServerError`). @default console.error */
  onInternalError?: (error: unknown) => void;
}

function isDynamoDbRequest(header: (name: string) => string | undefined): boolean {
  const target = header("x-amz-target");
  if (target !== undefined) return target.startsWith(DYNAMODB_TARGET_PREFIX);
  return parseCredentialScope(header("authorization"))?.service === "dynamodb";
}

/**
 * The answer to a body dynalite would throw on instead of answering, else undefined:
 * - valid JSON nesting deeper than DynamoDB allows: its recursive type check overflows the stack
 *   (AWS's `ValidationException`; invalid JSON is left to dynalite's `SerializationException`);
 * - a top-level JSON `null`: its type check reads properties of it (a `SerializationException`, as
 *   for any body that is not a JSON structure).
 */
function refusal(body: string): AwsHttpResponse | undefined {
  if (body.trim() === "null")
    return dynamoDbError(DYNAMODB_ERROR_TYPES.serialization, "Expected a JSON object, got null.", 400);
  if (!jsonDepthExceeds(body, DYNAMODB_MAX_JSON_DEPTH)) return undefined;
  try {
    JSON.parse(body);
  } catch {
    return undefined;
  }
  return dynamoDbTooDeep();
}

/**
 * The answer when dynalite threw on a body with a `null` nested in a member: its validation drops null
 * structure members but reads properties of a null map value or list entry (an attribute value, a
 * table's requests). AWS refuses null attribute values with a `ValidationException` (400).
 */
function nestedNullRefusal(body: string): AwsHttpResponse | undefined {
  if (!body.includes("null")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const path = nestedNullPath(parsed);
  return path === undefined
    ? undefined
    : dynamoDbError(
        DYNAMODB_ERROR_TYPES.validation,
        `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
        400,
      );
}

/**
 * Where a `null` below the top level of a request is (`requestItems.orders.1.member`, `item.x.M.y`), or
 * undefined; the path follows AWS's validation messages (top-level member in lower camel case, list
 * entries as `<n>.member`, 1-based). Nulls in list entries and under keys that do not look like AWS
 * member names (PascalCase: dynalite drops those nulls) come first: they are what crashes dynalite.
 */
function nestedNullPath(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const nulls: { path: string; likelyMember: boolean }[] = [];
  const walk = (value: unknown, path: string, likelyMember: boolean): void => {
    if (value === null) {
      nulls.push({ path, likelyMember });
      return;
    }
    if (typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const [index, entry] of value.entries()) walk(entry, `${path}.${index + 1}.member`, false);
      return;
    }
    for (const [key, entry] of Object.entries(value)) walk(entry, `${path}.${key}`, /^[A-Z][A-Za-z]*$/.test(key));
  };
  for (const [member, value] of Object.entries(body)) {
    if (value !== null && typeof value === "object")
      walk(value, `${member.charAt(0).toLowerCase()}${member.slice(1)}`, false);
  }
  return (nulls.find((found) => !found.likelyMember) ?? nulls[0])?.path;
}

/**
 * Creates the DynamoDB route.
 * @param defaults - the account and region of requests without a usable SigV4 scope, and the error sink.
 * @example
 * ```ts
 * const dynamodb = createDynamoDbRoute({ accountId: "000000000000", region: "us-east-1" });
 * const handler = new AwsRequestHandler({ services, routes: [dynamodb], defaultRegion, defaultAccountId });
 * ```
 */
export function createDynamoDbRoute(defaults: DynamoDbRouteOptions): DynamoDbRoute {
  const onInternalError = defaults.onInternalError ?? ((error: unknown) => console.error(error));
  let instances = new Map<string, Server>();
  const drop = (): void => {
    // Never listening, so close() only reports ERR_SERVER_NOT_RUNNING; the in-memory store is garbage.
    instances = new Map();
  };
  return {
    name: "dynamodb",
    matches: (request) => isDynamoDbRequest(request.header),
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
      return (
        refusal(request.body) ?? driveDynalite(server, request, onInternalError, () => nestedNullRefusal(request.body))
      );
    },
    bodyLimit: {
      matches: isDynamoDbRequest,
      maxBytes: DYNAMODB_MAX_REQUEST_BYTES,
      tooLarge: dynamoDbTooLarge,
      headersTooLarge: dynamoDbHeadersTooLarge,
    },
    partitions: () => [...instances.keys()],
    reset: drop,
    close: drop,
  };
}
