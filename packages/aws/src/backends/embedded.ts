/**
 * @module backends/embedded
 * The `embedded()` backend: probity's in-process SNS/SQS emulator (`probity-aws-emulator`) on a free
 * loopback port, stopped on dispose. Its event stream wakes the client's waits at once.
 */
import { BackendUnavailableError } from "../errors.js";
import { type Backend, createBackend } from "./backend.js";

/** Options of {@link embedded}, passed on to `startAwsEmulator`. */
export interface EmbeddedBackendOptions {
  /** TCP port on 127.0.0.1; `0` picks a free one. @default 0 */
  port?: number;
  /** The emulator's default region. @default "us-east-1" */
  region?: string;
  /** Emulated time runs this many times faster (100: a 30 s visibility timeout passes in 300 ms). @default 1 */
  timeScale?: number;
  /** Aborts a pending start. @default undefined */
  signal?: AbortSignal;
}

/** The defaults of {@link EmbeddedBackendOptions}. */
export const DEFAULT_EMBEDDED_BACKEND_OPTIONS = Object.freeze({ port: 0, region: "us-east-1", timeScale: 1 });

/** The part of `probity-aws-emulator` this backend uses (typed here so the client builds without it). */
interface EmulatorModule {
  startAwsEmulator(options: { port?: number; region?: string; timeScale?: number }): Promise<{
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly events?: { on(type: "*", listener: (event: { queueName?: string }) => void): () => void };
    stop(): Promise<void>;
  }>;
}

function isEmulatorModule(value: unknown): value is EmulatorModule {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { startAwsEmulator?: unknown }).startAwsEmulator === "function"
  );
}

/** The module name, in a variable so bundlers and tsc do not require it at build time. */
const EMULATOR_MODULE = "probity-aws-emulator";

/**
 * Starts the embedded emulator and returns it as a backend.
 *
 * @throws BackendUnavailableError when the emulator package cannot be loaded or started.
 * @example
 * ```ts
 * await using backend = await embedded();
 * const bus = await SnsSqsTestClient.connect(backend);
 * ```
 */
export async function embedded(options: EmbeddedBackendOptions = {}): Promise<Backend> {
  options.signal?.throwIfAborted();
  let module: unknown;
  try {
    module = await import(EMULATOR_MODULE);
  } catch (error) {
    throw new BackendUnavailableError({
      backend: "embedded",
      reason: `${EMULATOR_MODULE} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  if (!isEmulatorModule(module)) {
    throw new BackendUnavailableError({
      backend: "embedded",
      reason: `${EMULATOR_MODULE} does not export startAwsEmulator yet`,
    });
  }
  const aws = await module.startAwsEmulator({
    port: options.port ?? DEFAULT_EMBEDDED_BACKEND_OPTIONS.port,
    region: options.region ?? DEFAULT_EMBEDDED_BACKEND_OPTIONS.region,
    timeScale: options.timeScale ?? DEFAULT_EMBEDDED_BACKEND_OPTIONS.timeScale,
  });
  const events = aws.events;
  return createBackend({
    name: "embedded",
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    capabilities: { purgeRateLimited: false, events: events !== undefined, live: false },
    stop: () => aws.stop(),
    ...(events === undefined
      ? {}
      : {
          subscribe: (listener: (queueName: string) => void) =>
            events.on("*", (event) => {
              if (typeof event.queueName === "string") listener(event.queueName);
            }),
        }),
  });
}
