/**
 * @module backends/backends
 * The `backends` facade: one entry point for every place the test client can run against.
 */
import { aws } from "./aws.js";
import { embedded } from "./embedded.js";
import { fromEnv } from "./from-env.js";
import { localstack } from "./localstack.js";
import { moto } from "./moto.js";
import { remote } from "./remote.js";

/**
 * Every backend factory: `embedded()` (in-process emulator, the default), `moto()`, `localstack()`,
 * `aws()` (opt-in, `PROBITY_AWS_LIVE=1`), `remote({ endpoint })` (already running) and `fromEnv()`
 * (`PROBITY_BACKEND`).
 *
 * @example
 * ```ts
 * await using backend = await backends.moto();
 * const bus = await SnsSqsTestClient.connect(backend);
 * ```
 */
export const backends = Object.freeze({ embedded, moto, localstack, aws, remote, fromEnv });
