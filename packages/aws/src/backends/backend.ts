/**
 * @module backends/backend
 * The backend interface: one place the test client talks to (embedded emulator, moto, LocalStack or
 * real AWS). Each implementation lives in its own file; users go through the `backends` facade.
 */

/** Static AWS credentials, the shape SDK v3 clients accept. */
export interface BackendCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The configuration to hand to any AWS SDK v3 client (`new SQSClient(backend.clientConfig)`). */
export interface BackendClientConfig {
  /** The endpoint URL; absent for real AWS (the SDK picks the regional endpoint). */
  readonly endpoint?: string;
  readonly region: string;
  /** Absent for real AWS (the SDK's default credential chain is used). */
  readonly credentials?: BackendCredentials;
}

/** The names of the built-in backends. */
export type BackendName = "embedded" | "moto" | "localstack" | "aws" | "remote";

/** What a backend can do beyond the SNS/SQS API, so the client picks the best strategy. */
export interface BackendCapabilities {
  /**
   * `PurgeQueue` is limited to once per 60 s per queue (real AWS, LocalStack, moto); the client then
   * falls back to receive + delete.
   */
  readonly purgeRateLimited: boolean;
  /** The backend emits an event stream ({@link Backend.subscribe}), so waits react to events instead of polling. */
  readonly events: boolean;
  /** Resources are real and cost money: names get a run prefix and are deleted on dispose. */
  readonly live: boolean;
  /**
   * The endpoint answers LocalStack's `GET /_aws/sqs/messages` (the embedded emulator and LocalStack do), so
   * `peek()` reads queues without receiving, leaving receive counts and visibility untouched.
   */
  readonly inspection: boolean;
}

/** Options of {@link Backend.subscribe}. */
export interface BackendSubscribeOptions {
  /**
   * Called when events may have been missed, meaning "look again" (a stream over the network calls it
   * once its connection is live, after a gap, and when the server restarted; an in-process stream never
   * misses events and never calls it).
   * @default undefined
   */
  onResync?: (() => void) | undefined;
}

/** What a resource the client created is, so a live backend can delete it on dispose. */
export interface CreatedResource {
  readonly kind: "queue" | "topic" | "subscription";
  /** Queue URL, topic ARN or subscription ARN. */
  readonly id: string;
}

/**
 * A place that speaks SNS and SQS. Dispose it (`await using backend = await backends.moto()`) to stop
 * what it started and delete what a live backend created.
 *
 * @example
 * ```ts
 * await using backend = await backends.fromEnv();
 * const sqs = new SQSClient(backend.clientConfig);
 * ```
 */
export interface Backend extends AsyncDisposable {
  /** Which backend this is, named in every error the client throws. */
  readonly name: BackendName | (string & {});
  /** The endpoint URL, absent for real AWS. */
  readonly endpoint: string | undefined;
  readonly region: string;
  /** Credentials to use; absent for real AWS (the default credential chain applies). */
  readonly credentials: BackendCredentials | undefined;
  /** Ready-made SDK v3 client configuration. */
  readonly clientConfig: BackendClientConfig;
  readonly capabilities: BackendCapabilities;
  /**
   * Maps a logical name to the name used on the backend. Identity except for live AWS, which adds a
   * unique run prefix so parallel runs never share a queue.
   */
  qualify(name: string): string;
  /** Called by the client for each resource it creates (live AWS deletes them on dispose). */
  track(resource: CreatedResource): void;
  /**
   * Subscribes to the backend's event stream, when `capabilities.events` is true; the listener hears
   * the name of each queue an event concerns (a dead-lettered message: its queue, then the dead-letter
   * queue). `embedded()` listens in-process; `remote()` (and so vitest
   * workers) share one `GET /_probity/events` connection, opened with the first listener and closed
   * with the last. Returns the unsubscribe function.
   */
  subscribe?(listener: (queueName: string) => void, options?: BackendSubscribeOptions): () => void;
  /** Stops what the backend started (a server, a container) and deletes what a live backend created. Idempotent. */
  dispose(): Promise<void>;
}

/** A short label for error messages: `moto (http://127.0.0.1:4566)`. @internal */
export function describeBackend(backend: Pick<Backend, "name" | "endpoint" | "region">): string {
  return backend.endpoint === undefined
    ? `${backend.name} (${backend.region})`
    : `${backend.name} (${backend.endpoint})`;
}

/** Options shared by backends that run on an endpoint. @internal */
export interface EndpointBackendInit {
  name: Backend["name"];
  endpoint: string | undefined;
  region: string;
  credentials: BackendCredentials | undefined;
  capabilities: BackendCapabilities;
  stop?: () => Promise<void>;
  qualify?: (name: string) => string;
  track?: (resource: CreatedResource) => void;
  subscribe?: (listener: (queueName: string) => void, options?: BackendSubscribeOptions) => () => void;
}

/**
 * Builds a {@link Backend} object from its parts; `dispose` runs `stop` once.
 * @internal
 */
export function createBackend(init: EndpointBackendInit): Backend {
  let disposing: Promise<void> | undefined;
  const dispose = (): Promise<void> => {
    disposing ??= init.stop?.() ?? Promise.resolve();
    return disposing;
  };
  const clientConfig: BackendClientConfig = {
    region: init.region,
    ...(init.endpoint === undefined ? {} : { endpoint: init.endpoint }),
    // A copy: the SDK writes feature tags onto the credentials object it is given.
    ...(init.credentials === undefined ? {} : { credentials: { ...init.credentials } }),
  };
  const backend: Backend = {
    name: init.name,
    endpoint: init.endpoint,
    region: init.region,
    credentials: init.credentials,
    clientConfig,
    capabilities: init.capabilities,
    qualify: init.qualify ?? ((name) => name),
    track: init.track ?? (() => undefined),
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
  if (init.subscribe !== undefined) backend.subscribe = init.subscribe;
  return backend;
}

/**
 * Credentials every emulator accepts. Not frozen: the SDK tags credential objects it is given.
 * @internal
 */
export const TEST_CREDENTIALS: BackendCredentials = { accessKeyId: "test", secretAccessKey: "test" };
