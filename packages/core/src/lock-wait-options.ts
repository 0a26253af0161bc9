/**
 * @module lock-wait-options
 * The options every business-lock wait accepts (`nextCall`, `traverse`, `latch.wait`, `waitForEvent`…),
 * and how they are resolved against the process-wide configuration.
 */
import { getConfiguration, scaleTimeout } from "./configure.js";
import { assertOptionalSignal } from "./internal/validate.js";

/**
 * Options accepted by every business-lock wait.
 *
 * @example
 * ```ts
 * await consume.nextCall({ timeout: 5_000, signal: AbortSignal.timeout(10_000) });
 * ```
 */
export interface LockWaitOptions {
  /**
   * How long to wait, in milliseconds, before rejecting with a `BusinessLockTimeoutError`. Multiplied by
   * the configured `timeoutScale` (`PROBITY_TIMEOUT_SCALE`). `Infinity` waits for ever.
   * @default getConfiguration().timeout (3000)
   */
  timeout?: number;
  /**
   * Cancels the wait: it rejects with `signal.reason` at once (also when already aborted), and every
   * listener and timer is removed.
   * @default undefined
   */
  signal?: AbortSignal;
}

/**
 * Lock wait options with the defaults applied and the timeout scaled.
 * @internal
 */
export interface ResolvedLockWaitOptions {
  timeout: number;
  signal: AbortSignal | undefined;
}

/**
 * Merges `options` with the configured defaults, validates them and scales the timeout.
 *
 * @throws TypeError naming the option when `timeout` is not a number >= 0 or `signal` is not an AbortSignal.
 * @internal
 */
export function resolveLockWaitOptions(options: LockWaitOptions = {}): ResolvedLockWaitOptions {
  const timeout = options.timeout ?? getConfiguration().timeout;
  if (typeof timeout !== "number" || Number.isNaN(timeout) || timeout < 0) {
    throw new TypeError(`Expected \`timeout\` to be a number >= 0 (or Infinity), got ${String(timeout)}`);
  }
  assertOptionalSignal(options.signal);
  return { timeout: scaleTimeout(timeout), signal: options.signal };
}
