/**
 * @module emulator
 * `startAwsEmulator()`: an in-process AWS endpoint serving SQS, SNS, STS and DynamoDB (through dynalite)
 * on one loopback port, with its clock, event stream and read-only views of state. More services plug in
 * through `services` and `routes`.
 */

import { createEmulatorClock, type EmulatorClock, type EmulatorClockOption } from "./clock.js";
import { createDynamoDbRoute } from "./dynamodb/dynalite-route.js";
import { EmulatorEvents } from "./events.js";
import { createInspection } from "./inspection/routes.js";
import type { ServiceDefinition } from "./protocol/service.js";
import { AwsRequestHandler, type RawRoute, type RequestLogEntry } from "./server/handler.js";
import { listenNode } from "./server/node.js";
import type { EndpointReservation } from "./server/reservation.js";
import { createSigV4Verifier, type EmulatorCredential } from "./server/sigv4.js";
import type { SnsSnapshot } from "./sns/model/sns-model.js";
import { createSnsWiring } from "./sns/wiring.js";
import type { SqsDeliveryPort } from "./sqs/model/sqs-model.js";
import { SqsModel } from "./sqs/model/sqs-model.js";
import { createSqsService } from "./sqs/service.js";
import { createStsService } from "./sts/service.js";

/** What plug-in services get to build themselves (the SNS engineer's entry point). */
export interface EmulatorServiceContext {
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  /** Delivers messages into SQS queues by ARN. */
  readonly sqs: SqsDeliveryPort;
}

/** Options of {@link startAwsEmulator}. */
export interface AwsEmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** Region of unsigned requests (signed ones use their credential scope). @default "us-east-1" */
  region?: string;
  /** Account of requests whose access key id is not 12 digits. @default "000000000000" */
  accountId?: string;
  /** `"real"`, `"virtual"` (moves only with `advance`) or your own {@link EmulatorClock}. @default "real" */
  clock?: EmulatorClockOption;
  /** With the real clock: emulated time runs this many times faster (100: 30 s pass in 300 ms). @default 1 */
  timeScale?: number;
  /** Larger SQS/SNS/STS request bodies get HTTP 413 (DynamoDB's limit is AWS's 16 MiB). @default 4194304 */
  maxBodyBytes?: number;
  /** Extra services (SNS) built over the shared clock, events and SQS delivery port. @default [] */
  services?: ReadonlyArray<(context: EmulatorServiceContext) => ServiceDefinition>;
  /** Routes tried before protocol detection (DynamoDB proxy, …). @default [] */
  routes?: readonly RawRoute[];
  /** Called once per answered request (service, action, status, ms), e.g. for a request log. @default undefined */
  onRequest?: ((entry: RequestLogEntry) => void) | undefined;
  /**
   * Verify AWS Signature Version 4 on every SQS/SNS request with these keys: unsigned requests get
   * `MissingAuthenticationToken`, unknown keys `InvalidClientTokenId`, bad signatures `SignatureDoesNotMatch`
   * (all 403). `aws.credentials` then returns the first key. @default undefined (any credentials work)
   */
  requireAuth?: { readonly credentials: readonly EmulatorCredential[] };
  /** Receives warnings, e.g. about binding beyond loopback. @default console.warn */
  warn?: (message: string) => void;
  /**
   * Answer on a port reserved beforehand with `reserveEndpoint()` (`probity-aws-emulator/reserve`),
   * connections that already wait there first; `port` and `host` must then be left out.
   * @default undefined
   */
  reservation?: EndpointReservation | undefined;
}

/** The defaults of {@link AwsEmulatorOptions}. */
export const DEFAULT_AWS_EMULATOR_OPTIONS: Readonly<ResolvedOptions> = Object.freeze({
  port: 0,
  host: "127.0.0.1",
  region: "us-east-1",
  accountId: "000000000000",
  clock: "real",
  timeScale: 1,
  maxBodyBytes: 4 * 1_048_576,
});

/** Options after defaults. @internal */
export interface ResolvedOptions
  extends Pick<AwsEmulatorOptions, "services" | "routes" | "requireAuth" | "warn" | "onRequest" | "reservation"> {
  port: number;
  host: string;
  region: string;
  accountId: string;
  clock: EmulatorClockOption;
  timeScale: number;
  maxBodyBytes: number;
}

/**
 * Merges and validates options.
 * @throws TypeError naming the option and the value it got.
 * @internal
 */
export function resolveAwsEmulatorOptions(options: AwsEmulatorOptions = {}): ResolvedOptions {
  const merged = { ...DEFAULT_AWS_EMULATOR_OPTIONS, ...stripUndefined(options) } as ResolvedOptions;
  if (options.reservation !== undefined) {
    if (options.port !== undefined || options.host !== undefined) {
      throw new TypeError("Expected either `reservation` or `port`/`host`, got both (the reservation has its own)");
    }
    if (options.reservation.settled) {
      throw new TypeError(
        `Expected a reservation still waiting, got one of ${options.reservation.endpoint} already taken over or released`,
      );
    }
    merged.port = options.reservation.port;
    merged.host = options.reservation.host;
  }
  if (!Number.isInteger(merged.port) || merged.port < 0 || merged.port > 65_535) {
    throw new TypeError(`Expected \`port\` to be an integer 0-65535, got ${String(merged.port)}`);
  }
  if (typeof merged.host !== "string" || merged.host === "") {
    throw new TypeError(`Expected \`host\` to be a non-empty string, got ${String(merged.host)}`);
  }
  if (typeof merged.region !== "string" || !/^[a-z0-9-]+$/.test(merged.region)) {
    throw new TypeError(`Expected \`region\` to look like us-east-1, got ${String(merged.region)}`);
  }
  if (typeof merged.accountId !== "string" || !/^\d{12}$/.test(merged.accountId)) {
    throw new TypeError(`Expected \`accountId\` to be 12 digits, got ${String(merged.accountId)}`);
  }
  if (!Number.isInteger(merged.maxBodyBytes) || merged.maxBodyBytes < 1_024) {
    throw new TypeError(`Expected \`maxBodyBytes\` to be an integer >= 1024, got ${String(merged.maxBodyBytes)}`);
  }
  return merged;
}

/**
 * The warning for a host that is reachable beyond this machine, or undefined for loopback hosts.
 * @internal
 */
export function nonLoopbackWarning(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(bare)) return undefined;
  return `probity-aws-emulator: listening on ${host}, which other machines may reach. The emulator has no access control unless requireAuth is set; bind 127.0.0.1 unless you mean it.`;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A queue as the read-only view shows it. */
export interface SqsQueueView {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  /** Path part of the queue URL: `/<accountId>/<name>` (prefix it with `endpoint`). */
  readonly path: string;
  readonly fifo: boolean;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** Long polls waiting on this queue right now. */
  readonly waitingReceives: number;
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** Read-only access to SQS state, for assertions and debugging. */
export interface SqsView {
  /** Every queue of every account and region. */
  queues(): SqsQueueView[];
  /** One queue; `accountId`/`region` default to the emulator's. */
  queue(name: string, where?: { accountId?: string; region?: string }): SqsQueueView | undefined;
  /** In-process delivery into queues by ARN (used by SNS). */
  readonly delivery: SqsDeliveryPort;
}

/** A topic and its subscriptions as the read-only view shows them. */
export type SnsTopicView = SnsSnapshot["topics"][number];

/** Read-only access to SNS state, for assertions and debugging. */
export interface SnsView {
  /** Every topic of every account and region, with its subscriptions. */
  topics(): SnsTopicView[];
  /** One topic by name; `accountId`/`region` default to the emulator's. */
  topic(name: string, where?: { accountId?: string; region?: string }): SnsTopicView | undefined;
}

/** A running emulator. */
export interface AwsEmulator {
  /** `http://127.0.0.1:<port>` — give it to SDK clients as `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  /** Any credentials work (these are convenient ones); with `requireAuth`, the first configured key. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  readonly sqs: SqsView;
  readonly sns: SnsView;
  /** The server core, for in-process requests without a socket. */
  readonly handler: AwsRequestHandler;
  /** Deletes every queue, topic, subscription and DynamoDB table in every account and region. */
  reset(): void;
  /** Ends long polls with empty answers, closes every socket and stops listening. Idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function queueView(queue: ReturnType<SqsModel["allQueues"]>[number]): SqsQueueView {
  return {
    accountId: queue.accountId,
    region: queue.region,
    name: queue.name,
    arn: queue.arn,
    path: `/${queue.accountId}/${queue.name}`,
    fifo: queue.fifo,
    visible: queue.visibleCount,
    inFlight: queue.inFlightCount,
    delayed: queue.delayedCount,
    waitingReceives: queue.waitingReceives,
    attributes: queue.attributes(),
    tags: Object.fromEntries(queue.tags),
  };
}

/**
 * Starts an emulator on a loopback port.
 *
 * @throws TypeError for invalid options; the listen error (e.g. `EADDRINUSE`).
 * @example
 * ```ts
 * await using aws = await startAwsEmulator({ port: 0 });
 * const sqs = new SQSClient({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials });
 * await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
 * ```
 */
export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const resolved = resolveAwsEmulatorOptions(options);
  const clock = createEmulatorClock(resolved.clock, resolved.timeScale);
  const events = new EmulatorEvents();
  const model = new SqsModel({ clock, events });
  const serviceContext: EmulatorServiceContext = { clock, events, sqs: model };
  const sns = createSnsWiring({ clock, events, sqs: model });
  const services = [
    createSqsService(model),
    sns.service,
    createStsService(),
    ...(resolved.services ?? []).map((build) => build(serviceContext)),
  ];
  const dynamodb = createDynamoDbRoute({ accountId: resolved.accountId, region: resolved.region });

  const reset = (): void => {
    model.reset();
    sns.model.reset();
    dynamodb.reset();
  };
  const inspection = createInspection({
    clock,
    events,
    queues: () => model.allQueues().map(queueView),
    findQueue: (accountId, region, name) => model.findQueue(accountId, region, name),
    sns: () => sns.model.snapshot(),
    services: () => [
      ...services.map((service) => service.name),
      dynamodb.name,
      ...(resolved.routes ?? []).map((r) => r.name),
    ],
    reset,
    defaultAccountId: resolved.accountId,
    defaultRegion: resolved.region,
  });
  const auth = resolved.requireAuth;
  const handler = new AwsRequestHandler({
    services,
    ...(auth === undefined ? {} : { authorize: createSigV4Verifier(auth.credentials) }),
    defaultRegion: resolved.region,
    defaultAccountId: resolved.accountId,
    routes: [...inspection.routes, dynamodb, ...(resolved.routes ?? [])],
    onRequest: resolved.onRequest,
  });
  const server = await listenNode(handler, {
    host: resolved.host,
    port: resolved.port,
    maxBodyBytes: resolved.maxBodyBytes,
    bodyLimits: [dynamodb.bodyLimit],
    reservation: resolved.reservation,
  });
  const warning = nonLoopbackWarning(server.host);
  if (warning !== undefined) (resolved.warn ?? console.warn)(warning);
  const hostForUrl = server.host.includes(":") ? `[${server.host}]` : server.host;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      inspection.close();
      model.releaseWaiters();
      // Let the released long polls write their empty answers before the sockets close.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await server.close();
      reset();
    })();
    return stopping;
  };

  return {
    endpoint: `http://${hostForUrl}:${server.port}`,
    port: server.port,
    region: resolved.region,
    accountId: resolved.accountId,
    // Not frozen: SDK v3 tags the credentials object it is given.
    credentials:
      auth?.credentials[0] === undefined
        ? { accessKeyId: "test", secretAccessKey: "test" }
        : { accessKeyId: auth.credentials[0].accessKeyId, secretAccessKey: auth.credentials[0].secretAccessKey },
    clock,
    events,
    handler,
    sqs: {
      queues: () => model.allQueues().map(queueView),
      queue: (name, where = {}) => {
        const queue = model.findQueue(where.accountId ?? resolved.accountId, where.region ?? resolved.region, name);
        return queue === undefined ? undefined : queueView(queue);
      },
      delivery: model,
    },
    sns: {
      topics: () => sns.model.snapshot().topics,
      topic: (name, where = {}) => {
        const accountId = where.accountId ?? resolved.accountId;
        const region = where.region ?? resolved.region;
        return sns.model
          .snapshot()
          .topics.find((t) => t.name === name && t.accountId === accountId && t.region === region);
      },
    },
    reset,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
