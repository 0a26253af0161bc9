/**
 * @module backends/remote
 * The `remote()` backend: an SNS/SQS endpoint that is already running (started by a vitest
 * `globalSetup`, docker compose, or by hand). Disposing it stops nothing.
 */
import {
  type Backend,
  type BackendCapabilities,
  type BackendCredentials,
  createBackend,
  TEST_CREDENTIALS,
} from "./backend.js";

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
  /** @default { purgeRateLimited: true, events: false, live: false, inspection: false } */
  capabilities?: Partial<BackendCapabilities>;
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
  return createBackend({
    name: options.name ?? "remote",
    endpoint: options.endpoint,
    region: options.region ?? "us-east-1",
    credentials: options.credentials ?? TEST_CREDENTIALS,
    capabilities: { purgeRateLimited: true, events: false, live: false, inspection: false, ...options.capabilities },
  });
}
