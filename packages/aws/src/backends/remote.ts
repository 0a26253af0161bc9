/**
 * @module backends/remote
 * The `remote()` backend: an SNS/SQS endpoint that is already running (started by a vitest
 * `globalSetup`, docker compose, or by hand). Disposing it stops nothing but its event stream. With
 * `capabilities.events`, waits wake on the endpoint's `GET /_probity/events` stream.
 */
import {
  type Backend,
  type BackendCapabilities,
  type BackendCredentials,
  createBackend,
  TEST_CREDENTIALS,
} from "./backend.js";
import { EventStream, NoEventStreamError } from "./event-stream.js";

/**
 * The event stream path (below the endpoint) and filter a remote backend listens on: every event
 * that names a queue is an `sqs.*` one.
 * @internal
 */
export const REMOTE_EVENTS_PATH = "/_probity/events?type=sqs.*";

/** Where a running backend is: what `globalSetup` hands to test workers. */
export interface RemoteBackendOptions {
  /** The endpoint URL, e.g. `http://127.0.0.1:4566`. */
  endpoint: string;
  /** @default "us-east-1" */
  region?: string;
  /** @default { accessKeyId: "test", secretAccessKey: "test" } */
  credentials?: BackendCredentials;
  /** The name errors show. @default "remote" */
  name?: string;
  /**
   * What the endpoint can do. `events: true` says it serves probity's `GET /_probity/events` (the
   * embedded emulator does): the backend then implements `subscribe` over it.
   * @default { purgeRateLimited: true, events: false, live: false, inspection: false }
   */
  capabilities?: Partial<BackendCapabilities>;
  /**
   * Hears that an endpoint said to have events has no event stream (it answered 404): waits then poll.
   * Said once per backend; dropped connections are retried quietly. @default console.warn
   */
  warn?: (message: string) => void;
}

/**
 * Connects to an endpoint that is already running.
 *
 * @throws TypeError when `endpoint` is not an http(s) URL.
 * @example
 * ```ts
 * const backend = remote({ endpoint: "http://127.0.0.1:4566", name: "localstack" });
 * ```
 */
export function remote(options: RemoteBackendOptions): Backend {
  let url: URL | undefined;
  try {
    url = new URL(options.endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TypeError(`Expected \`endpoint\` to be an http(s) URL, got ${JSON.stringify(options.endpoint)}`);
  }
  const capabilities: BackendCapabilities = {
    purgeRateLimited: true,
    events: false,
    live: false,
    inspection: false,
    ...options.capabilities,
  };
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const events = capabilities.events
    ? new EventStream({
        url: `${options.endpoint.replace(/\/+$/, "")}${REMOTE_EVENTS_PATH}`,
        onError: (error) => {
          if (error instanceof NoEventStreamError) warn(`probity-aws: ${error.message}`);
        },
      })
    : undefined;
  return createBackend({
    name: options.name ?? "remote",
    endpoint: options.endpoint,
    region: options.region ?? "us-east-1",
    credentials: options.credentials ?? TEST_CREDENTIALS,
    capabilities,
    ...(events === undefined
      ? {}
      : {
          subscribe: (listener, subscribeOptions) => events.subscribe(listener, subscribeOptions),
          stop: async () => events.dispose(),
        }),
  });
}
