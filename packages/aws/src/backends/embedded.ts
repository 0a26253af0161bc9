/**
 * @module backends/embedded
 * The `embedded()` backend: probity's in-process SNS/SQS emulator (`probity-aws-emulator`) on a free
 * loopback port, stopped on dispose. Its event stream wakes the client's waits (`drained`) at once.
 */

import type { EndpointReservation } from "probity-aws-emulator/reserve";
import { BackendUnavailableError } from "../errors.js";
import { type Backend, createBackend } from "./backend.js";
import { queueNamesOfEvent } from "./event-queues.js";

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
  /**
   * Answer on a port reserved beforehand with {@link reserveEndpoint} — connections already waiting there
   * first — instead of `port`. The backend owns it from then on: it is released if the start fails, and
   * on dispose. @default undefined
   */
  reservation?: EndpointReservation;
}

/** The defaults of {@link EmbeddedBackendOptions}. */
export const DEFAULT_EMBEDDED_BACKEND_OPTIONS = Object.freeze({ port: 0, region: "us-east-1", timeScale: 1 });

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
  try {
    return await startEmbedded(options);
  } catch (error) {
    await options.reservation?.release();
    throw error;
  }
}

async function startEmbedded(options: EmbeddedBackendOptions): Promise<Backend> {
  options.signal?.throwIfAborted();
  if (options.reservation !== undefined && options.port !== undefined) {
    throw new TypeError("Expected either `reservation` or `port`, got both (the reservation has its own port)");
  }
  // Loaded on first use, so suites on other backends never load the emulator.
  let module: typeof import("probity-aws-emulator");
  try {
    module = await import("probity-aws-emulator");
  } catch (error) {
    throw new BackendUnavailableError({
      backend: "embedded",
      reason: `probity-aws-emulator could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  const aws = await module.startAwsEmulator({
    ...(options.reservation === undefined
      ? { port: options.port ?? DEFAULT_EMBEDDED_BACKEND_OPTIONS.port }
      : { reservation: options.reservation }),
    region: options.region ?? DEFAULT_EMBEDDED_BACKEND_OPTIONS.region,
    timeScale: options.timeScale ?? DEFAULT_EMBEDDED_BACKEND_OPTIONS.timeScale,
  });
  return createBackend({
    name: "embedded",
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    capabilities: { purgeRateLimited: false, events: true, live: false, inspection: true },
    stop: () => aws.stop(),
    subscribe: (listener) =>
      aws.events.on("*", (event) => {
        for (const queueName of queueNamesOfEvent(event)) listener(queueName);
      }),
  });
}
