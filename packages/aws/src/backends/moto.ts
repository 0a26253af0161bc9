/**
 * @module backends/moto
 * The `moto()` backend: `python3 -m moto.server` on a free loopback port, killed on dispose.
 */

// The subpath: only the moto launcher, not the whole emulator (a test worker never needs that).
import { type MotoServer, motoUnavailableReason, startMotoServer } from "probity-aws-emulator/moto";
import { BackendUnavailableError } from "../errors.js";
import { type Backend, createBackend, TEST_CREDENTIALS } from "./backend.js";

/** Options of {@link moto}. */
export interface MotoBackendOptions {
  /** The Python interpreter with `moto[server]` installed. @default "python3" */
  python?: string;
  /** The region the client uses. @default "us-east-1" */
  region?: string;
  /** Aborts a pending start. @default undefined */
  signal?: AbortSignal;
}

/** The defaults of {@link MotoBackendOptions}. */
export const DEFAULT_MOTO_BACKEND_OPTIONS = Object.freeze({ python: "python3", region: "us-east-1" });

/**
 * Starts moto's stand-alone server and returns it as a backend.
 *
 * @throws BackendUnavailableError when Python or moto is missing (`reason` fits a test skip), or moto
 * does not start.
 * @example
 * ```ts
 * await using backend = await moto();
 * const bus = await SnsSqsTestClient.connect(backend);
 * ```
 */
export async function moto(options: MotoBackendOptions = {}): Promise<Backend> {
  const python = options.python ?? DEFAULT_MOTO_BACKEND_OPTIONS.python;
  const region = options.region ?? DEFAULT_MOTO_BACKEND_OPTIONS.region;
  const reason = motoUnavailableReason(python);
  if (reason !== undefined) throw new BackendUnavailableError({ backend: "moto", reason });
  let server: MotoServer;
  try {
    server = await startMotoServer({ python, ...(options.signal === undefined ? {} : { signal: options.signal }) });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new BackendUnavailableError({
      backend: "moto",
      reason: `moto server did not start: ${detail}`,
      cause: error,
    });
  }
  return createBackend({
    name: "moto",
    endpoint: server.endpoint,
    region,
    credentials: TEST_CREDENTIALS,
    capabilities: { purgeRateLimited: true, events: false, live: false, inspection: false },
    stop: () => server.stop(),
  });
}

/** Why {@link moto} cannot start here, or `undefined` when it can; synchronous, for `it.skipIf`. */
export function motoSkipReason(python: string = DEFAULT_MOTO_BACKEND_OPTIONS.python): string | undefined {
  return motoUnavailableReason(python);
}
