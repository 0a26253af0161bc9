/**
 * @module backends/localstack
 * The `localstack()` backend: a LocalStack container started through `@testcontainers/localstack`, an
 * optional peer dependency loaded only when this backend is used.
 */
import { BackendUnavailableError } from "../errors.js";
import { type Backend, createBackend, TEST_CREDENTIALS } from "./backend.js";
import { dockerUnavailableReason } from "./docker.js";

/** Options of {@link localstack}. */
export interface LocalStackBackendOptions {
  /** The LocalStack image. @default "localstack/localstack:4" */
  image?: string;
  /** The region the client uses. @default "us-east-1" */
  region?: string;
  /** Aborts a pending start (checked between steps: testcontainers cannot cancel a pull). @default undefined */
  signal?: AbortSignal;
}

/** The defaults of {@link LocalStackBackendOptions}. */
export const DEFAULT_LOCALSTACK_BACKEND_OPTIONS = Object.freeze({
  image: "localstack/localstack:4",
  region: "us-east-1",
});

/** The part of `@testcontainers/localstack` this backend uses. */
interface LocalStackModule {
  LocalstackContainer: new (
    image: string,
  ) => {
    start(): Promise<{ getConnectionUri(): string; stop(): Promise<unknown> }>;
  };
}

function isLocalStackModule(value: unknown): value is LocalStackModule {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { LocalstackContainer?: unknown }).LocalstackContainer === "function"
  );
}

const LOCALSTACK_MODULE = "@testcontainers/localstack";

/**
 * Starts LocalStack in Docker and returns it as a backend.
 *
 * @throws BackendUnavailableError with reason `Docker not available: …` when no Docker engine answers,
 * or when `@testcontainers/localstack` is not installed.
 * @example
 * ```ts
 * await using backend = await localstack();
 * const bus = await SnsSqsTestClient.connect(backend);
 * ```
 */
export async function localstack(options: LocalStackBackendOptions = {}): Promise<Backend> {
  options.signal?.throwIfAborted();
  const docker = await dockerUnavailableReason();
  if (docker !== undefined) throw new BackendUnavailableError({ backend: "localstack", reason: docker });
  let module: unknown;
  try {
    module = await import(LOCALSTACK_MODULE);
  } catch (error) {
    throw new BackendUnavailableError({
      backend: "localstack",
      reason: `${LOCALSTACK_MODULE} is not installed: npm install --save-dev ${LOCALSTACK_MODULE}`,
      cause: error,
    });
  }
  if (!isLocalStackModule(module)) {
    throw new BackendUnavailableError({
      backend: "localstack",
      reason: `${LOCALSTACK_MODULE} has no LocalstackContainer`,
    });
  }
  options.signal?.throwIfAborted();
  const container = await new module.LocalstackContainer(
    options.image ?? DEFAULT_LOCALSTACK_BACKEND_OPTIONS.image,
  ).start();
  return createBackend({
    name: "localstack",
    endpoint: container.getConnectionUri(),
    region: options.region ?? DEFAULT_LOCALSTACK_BACKEND_OPTIONS.region,
    credentials: TEST_CREDENTIALS,
    capabilities: { purgeRateLimited: true, events: false, live: false, inspection: true },
    stop: async () => {
      await container.stop();
    },
  });
}
