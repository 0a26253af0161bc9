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
 * recursive validation can overflow the stack; bodies over 16 MiB get a DynamoDB-shaped 413. Table
 * transitions (`CREATING` → `ACTIVE`, …) are never seen half-done by a later request (`table-transitions.ts`).
 */

import type { Server } from "node:http";
import { createRequire } from "node:module";
import { accountFromAccessKey, parseCredentialScope } from "../protocol/detect.js";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import type { RawRoute } from "../server/handler.js";
import type { BodyLimit } from "../server/node.js";
import { DYNAMODB_TARGET_PREFIX, driveDynalite } from "./dynalite-request.js";
import {
  DYNAMODB_ERROR_TYPES,
  DYNAMODB_MAX_JSON_DEPTH,
  DYNAMODB_MAX_NESTING_LEVELS,
  DYNAMODB_MAX_REQUEST_BYTES,
  dynamoDbError,
  dynamoDbHeadersTooLarge,
  dynamoDbTooDeep,
  dynamoDbTooLarge,
  jsonDepthExceeds,
} from "./dynamodb-errors.js";
import { storesItemTooDeep } from "./item-nesting.js";
import { TableTransitions } from "./table-transitions.js";

/** The part of dynalite's options we use. */
interface DynaliteOptions {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

type DynaliteFactory = (options: DynaliteOptions) => Server;

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
 *   (AWS's `ValidationException`; invalid JSON is left to dynalite's `SerializationException`); and an
 *   item whose attributes nest 32 maps or lists or more, which dynalite stores (`item-nesting.ts`);
 * - a top-level JSON `null`: its type check reads properties of it (a `SerializationException`, as
 *   for any body that is not a JSON structure);
 * - a `null` list entry, or a `null` under a key that is not an AWS member name (an attribute, a table,
 *   a placeholder): dynalite reads properties of it, sometimes in a callback where a throw takes the
 *   host process down. AWS refuses them with a `ValidationException` (400). A `null` AWS member
 *   (`"Value": null`) is left to dynalite, which drops it as missing, as AWS does.
 */
function refusal(action: string | undefined, body: string): AwsHttpResponse | undefined {
  if (body.trim() === "null")
    return dynamoDbError(DYNAMODB_ERROR_TYPES.serialization, "Expected a JSON object, got null.", 400);
  // Only a body this deep can nest an attribute 32 levels (two JSON levels per map or list).
  const nestsDeep = jsonDepthExceeds(body, 2 * DYNAMODB_MAX_NESTING_LEVELS);
  const deep = nestsDeep && jsonDepthExceeds(body, DYNAMODB_MAX_JSON_DEPTH);
  if (!nestsDeep && !body.includes("null")) return undefined;
  const parsed = parseJson(body);
  if (parsed === undefined) return undefined;
  if (deep || (nestsDeep && storesItemTooDeep(action, parsed.value))) return dynamoDbTooDeep();
  return nestedNullAnswer(parsed.value, { members: false });
}

/**
 * The answer when dynalite threw reading properties of a `null` the body has (one under a key that
 * looks like an AWS member, which {@link refusal} leaves to dynalite): the client's error, not ours.
 */
function nullThrowExplained(body: string, error: unknown): AwsHttpResponse | undefined {
  if (!(error instanceof TypeError) || !/\bnull\b/.test(error.message)) return undefined;
  const parsed = parseJson(body);
  return parsed === undefined ? undefined : nestedNullAnswer(parsed.value, { members: true });
}

/** The parsed body, or undefined when it is not JSON (dynalite answers that `SerializationException`). */
function parseJson(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) };
  } catch {
    return undefined;
  }
}

/** AWS's `ValidationException` for the first `null` {@link nestedNullPath} finds, else undefined. */
function nestedNullAnswer(body: unknown, options: { members: boolean }): AwsHttpResponse | undefined {
  const path = nestedNullPath(body, options);
  return path === undefined
    ? undefined
    : dynamoDbError(
        DYNAMODB_ERROR_TYPES.validation,
        `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
        400,
      );
}

/** A key that looks like an AWS member name (`Value`, `Keys`, `PutRequest`) rather than user data. */
const MEMBER_NAME = /^[A-Z][A-Za-z]*$/;

/**
 * Where a `null` below the top level of a request is (`requestItems.orders.1.member`, `item.x.M.y`), or
 * undefined; the path follows AWS's validation messages (top-level member in lower camel case, list
 * entries as `<n>.member`, 1-based). List entries and values under keys that are not AWS member names
 * count always; values of AWS members only with `members`.
 */
function nestedNullPath(body: unknown, options: { members: boolean }): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const walk = (value: unknown, path: string, member: boolean): string | undefined => {
    if (value === null) return member && !options.members ? undefined : path;
    if (typeof value !== "object") return undefined;
    const entries: [string, unknown, boolean][] = Array.isArray(value)
      ? value.map((entry, index) => [`${index + 1}.member`, entry, false])
      : Object.entries(value).map(([key, entry]) => [key, entry, MEMBER_NAME.test(key)]);
    for (const [key, entry, isMember] of entries) {
      const found = walk(entry, `${path}.${key}`, isMember);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const [member, value] of Object.entries(body)) {
    if (value === null || typeof value !== "object") continue;
    const found = walk(value, `${member.charAt(0).toLowerCase()}${member.slice(1)}`, false);
    if (found !== undefined) return found;
  }
  return undefined;
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
  /** Each (account, region)'s dynalite, reached through its table-transition ordering. */
  let instances = new Map<string, TableTransitions>();
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
      let dynalite = instances.get(key);
      if (dynalite === undefined) {
        const server = startDynalite(accountId, region);
        const drive = (request: AwsHttpRequest): Promise<AwsHttpResponse> =>
          driveDynalite(server, request, onInternalError, (error) => nullThrowExplained(request.body, error));
        dynalite = new TableTransitions(drive, { region });
        instances.set(key, dynalite);
      }
      const target = request.header("x-amz-target");
      const action = target?.startsWith(DYNAMODB_TARGET_PREFIX)
        ? target.slice(DYNAMODB_TARGET_PREFIX.length)
        : undefined;
      return refusal(action, request.body) ?? dynalite.answer(action, request);
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
