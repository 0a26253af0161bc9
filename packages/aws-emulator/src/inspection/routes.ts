/**
 * @module inspection/routes
 * The inspection and business-lock HTTP API, for tests and tools in other processes:
 *
 * | route | what |
 * |---|---|
 * | `GET /_probity/health` | `{ status, services, version }` |
 * | `GET /_probity/state` | queues (visible / in flight / delayed), topics, subscriptions, per account and region |
 * | `GET /_probity/events` | server-sent events, filtered by `queue`, `topic`, `type`, resumable with `Last-Event-ID` |
 * | `GET /_probity/sqs/messages?queue=…` | peek at a queue's messages without consuming them |
 * | `POST /_probity/clock/advance` | `{ "ms": 30000 }` moves a virtual clock |
 * | `POST /_probity/reset` | deletes everything |
 *
 * Aliases: LocalStack's `GET /_localstack/health` and `/_aws/sqs/messages`, moto's `POST /moto-api/reset`.
 * Errors are JSON: `{ "error": "<Code>", "message": "…" }`.
 */

import { type EmulatorClock, ScaledClock, VirtualEmulatorClock } from "../clock.js";
import type { SqsQueueView } from "../emulator.js";
import type { EmulatorEvents } from "../events.js";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import type { RawRoute } from "../server/handler.js";
import type { SnsSnapshot } from "../sns/model/sns-model.js";
import type { SqsQueue } from "../sqs/model/queue.js";
import { parseEventFilter } from "./event-filter.js";
import { DEFAULT_EVENT_LOG_CAPACITY, EventLog } from "./event-log.js";
import { answerLocalStackPeek, peekedMessageView } from "./peek.js";
import { DEFAULT_SSE_HEARTBEAT_MS, openEventStream } from "./sse.js";
import { emulatorVersion } from "./version.js";

/** What the inspection API reads and drives. @internal */
export interface InspectionDependencies {
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  /** Every queue, as the read-only view shows it. */
  queues(): SqsQueueView[];
  /** One queue of the model, for peeking. */
  findQueue(accountId: string, region: string, name: string): SqsQueue | undefined;
  /** Topics and subscriptions, once SNS is wired. @default undefined */
  sns?: (() => SnsSnapshot) | undefined;
  /** Names of the services this endpoint serves (`sqs`, `sns`, `dynamodb`). */
  services(): string[];
  reset(): void;
  readonly defaultAccountId: string;
  readonly defaultRegion: string;
  /** @default 1000 */
  eventLogCapacity?: number | undefined;
  /** @default 15000 */
  heartbeatMs?: number | undefined;
}

/** The inspection routes and their lifecycle. @internal */
export interface Inspection {
  readonly routes: RawRoute[];
  readonly log: EventLog;
  /** Number of open event streams. */
  readonly openStreams: number;
  /** Ends every event stream (the emulator is stopping). */
  close(): void;
}

function json(status: number, body: unknown): AwsHttpResponse {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function fail(status: number, error: string, message: string): AwsHttpResponse {
  return json(status, { error, message });
}

/** A JSON object body, or `undefined` when the body is not one. */
function parseJsonBody(body: string): Record<string, unknown> | undefined {
  if (body.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // not JSON: undefined below
  }
  return undefined;
}

function clockState(clock: EmulatorClock): Record<string, unknown> {
  const kind = clock instanceof VirtualEmulatorClock ? "virtual" : clock instanceof ScaledClock ? "scaled" : "real";
  return { kind, now: clock.now(), timeScale: clock instanceof ScaledClock ? clock.scale : 1 };
}

const PROBITY_PATHS = new Set([
  "/_probity/health",
  "/_probity/state",
  "/_probity/events",
  "/_probity/reset",
  "/_probity/sqs/messages",
  "/_probity/clock/advance",
]);

/**
 * Builds the inspection API over the emulator's state.
 * @internal
 */
export function createInspection(deps: InspectionDependencies): Inspection {
  const log = new EventLog(deps.events, deps.eventLogCapacity ?? DEFAULT_EVENT_LOG_CAPACITY);
  const closing = new AbortController();
  let openStreams = 0;

  const state = (baseUrl: string): Record<string, unknown> => {
    const queues = deps.queues().map((queue) => ({ ...queue, url: `${baseUrl}${queue.path}` }));
    const topics = deps.sns?.().topics ?? [];
    const partitions = new Map<string, { accountId: string; region: string; queues: string[]; topics: string[] }>();
    const partition = (accountId: string, region: string) => {
      const key = `${accountId}/${region}`;
      let entry = partitions.get(key);
      if (entry === undefined) {
        entry = { accountId, region, queues: [], topics: [] };
        partitions.set(key, entry);
      }
      return entry;
    };
    for (const queue of queues) partition(queue.accountId, queue.region).queues.push(queue.name);
    for (const topic of topics) partition(topic.accountId, topic.region).topics.push(topic.name);
    return {
      clock: clockState(deps.clock),
      services: deps.services(),
      inspection: { eventStreams: openStreams, lastEventId: log.lastId },
      partitions: [...partitions.values()],
      sqs: { queues },
      sns: {
        topics: topics.map(({ subscriptions, ...topic }) => ({ ...topic, subscriptions: subscriptions.length })),
        subscriptions: topics.flatMap((topic) =>
          topic.subscriptions.map((subscription) => ({
            topicArn: topic.topicArn,
            accountId: topic.accountId,
            region: topic.region,
            ...subscription,
          })),
        ),
      },
    };
  };

  const events = (request: AwsHttpRequest): AwsHttpResponse => {
    const params = new URLSearchParams(request.query);
    const rawLast = request.header("last-event-id") ?? params.get("lastEventId") ?? undefined;
    const lastEventId = rawLast === undefined || rawLast === "" ? undefined : Number(rawLast);
    if (lastEventId !== undefined && (!Number.isInteger(lastEventId) || lastEventId < 0)) {
      return fail(
        400,
        "InvalidRequest",
        `Last-Event-ID must be a non-negative integer, got ${JSON.stringify(rawLast)}`,
      );
    }
    const rawHeartbeat = params.get("heartbeat");
    const heartbeatMs =
      rawHeartbeat === null ? (deps.heartbeatMs ?? DEFAULT_SSE_HEARTBEAT_MS) : Number.parseInt(rawHeartbeat, 10);
    if (!Number.isInteger(heartbeatMs) || heartbeatMs < 10 || heartbeatMs > 3_600_000) {
      return fail(400, "InvalidRequest", `heartbeat must be an integer 10-3600000 (ms), got ${String(rawHeartbeat)}`);
    }
    const response = openEventStream({
      log,
      filter: parseEventFilter(params),
      lastEventId,
      signal: request.signal,
      closing: closing.signal,
      heartbeatMs,
    });
    const stream = response.stream;
    if (stream === undefined) return response;
    return {
      ...response,
      stream: async (write) => {
        openStreams++;
        try {
          await stream(write);
        } finally {
          openStreams--;
        }
      },
    };
  };

  const peek = (request: AwsHttpRequest): AwsHttpResponse => {
    const params = new URLSearchParams(request.query);
    const name = params.get("queue");
    if (name === null || name === "") {
      return fail(400, "InvalidRequest", "Query parameter `queue` (the queue name) is required.");
    }
    const accountId = params.get("accountId") || deps.defaultAccountId;
    const region = params.get("region") || deps.defaultRegion;
    const queue = deps.findQueue(accountId, region, name);
    if (queue === undefined) {
      return fail(404, "QueueDoesNotExist", `No queue named ${name} in account ${accountId}, region ${region}.`);
    }
    return json(200, {
      queue: { accountId, region, name: queue.name, arn: queue.arn },
      messages: queue.peek().map(peekedMessageView),
    });
  };

  const advance = async (request: AwsHttpRequest): Promise<AwsHttpResponse> => {
    const clock = deps.clock;
    if (!(clock instanceof VirtualEmulatorClock)) {
      return fail(
        400,
        "ClockNotVirtual",
        "The clock is not virtual: start the emulator with clock: 'virtual' (CLI: --clock virtual) to advance it.",
      );
    }
    const body = parseJsonBody(request.body);
    if (body === undefined)
      return fail(400, "InvalidRequest", 'The request body must be a JSON object like {"ms":30000}.');
    const ms = body.ms;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      return fail(400, "InvalidRequest", `Expected "ms" to be a finite number >= 0, got ${JSON.stringify(ms)}`);
    }
    await clock.advance(ms);
    return json(200, { advancedMs: ms, now: clock.now() });
  };

  const health = (): AwsHttpResponse =>
    json(200, { status: "ok", services: deps.services(), version: emulatorVersion() });

  const localStackHealth = (): AwsHttpResponse =>
    json(200, {
      services: Object.fromEntries(deps.services().map((name) => [name, "running"])),
      edition: "community",
      version: emulatorVersion(),
    });

  const methodNotAllowed = (request: AwsHttpRequest, allowed: string): AwsHttpResponse =>
    fail(405, "MethodNotAllowed", `${request.method} ${request.path} is not supported; use ${allowed}.`);

  const route: RawRoute = {
    name: "probity",
    matches: (request) =>
      request.path.startsWith("/_probity/") ||
      request.path === "/moto-api/reset" ||
      request.path === "/_localstack/health" ||
      request.path === "/_aws/sqs/messages" ||
      request.path.startsWith("/_aws/sqs/messages/"),
    handle: (request, baseUrl) => {
      const path = request.path;
      const read = request.method === "GET" || request.method === "HEAD";
      if (path === "/_aws/sqs/messages" || path.startsWith("/_aws/sqs/messages/")) {
        return answerLocalStackPeek(request, {
          find: deps.findQueue,
          defaultAccountId: deps.defaultAccountId,
          defaultRegion: deps.defaultRegion,
        });
      }
      if (path === "/_probity/reset" || path === "/moto-api/reset") {
        if (request.method !== "POST") return methodNotAllowed(request, "POST");
        deps.reset();
        return json(200, { reset: true });
      }
      if (path === "/_probity/clock/advance") {
        return request.method === "POST" ? advance(request) : methodNotAllowed(request, "POST");
      }
      if (!PROBITY_PATHS.has(path) && path !== "/_localstack/health") {
        return fail(404, "NotFound", `No inspection endpoint at ${path}.`);
      }
      if (!read) return methodNotAllowed(request, "GET");
      if (path === "/_probity/health") return health();
      if (path === "/_localstack/health") return localStackHealth();
      if (path === "/_probity/state") return json(200, state(baseUrl));
      if (path === "/_probity/events") return events(request);
      return peek(request);
    },
  };

  return {
    routes: [route],
    log,
    get openStreams() {
      return openStreams;
    },
    close: () => {
      closing.abort();
      log.stop();
    },
  };
}
