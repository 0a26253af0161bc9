/**
 * @module latch
 * A count-down latch: opens once `countDown()` has been called `count` times.
 */
import type { Clock } from "./clock.js";
import { getConfiguration } from "./configure.js";
import { timedWait } from "./internal/timed-wait.js";
import { assertFiniteNumber } from "./internal/validate.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";
import { type LockWaitOptions, resolveLockWaitOptions } from "./lock-wait-options.js";

/** Options for {@link latch}. */
export interface LatchOptions {
  /**
   * Named in timeout errors.
   * @default "latch"
   */
  alias?: string;
  /**
   * The time source for timeouts.
   * @default getConfiguration().clock
   */
  clock?: Clock;
}

/** A count-down latch created by {@link latch}. */
export interface Latch {
  /** How many count-downs are still missing; never below 0. */
  readonly count: number;
  /** `true` once {@link Latch.count} has reached 0. */
  readonly open: boolean;
  /**
   * Counts down by `n` (clamped at 0); reaching 0 releases every waiter.
   * @param n - a positive integer. @default 1
   * @throws TypeError when `n` is not a positive integer.
   */
  countDown(n?: number): void;
  /**
   * Resolves once the count reaches 0 (at once if it already has).
   * @throws BusinessLockTimeoutError when the count has not reached 0 within `timeout`.
   */
  wait(options?: LockWaitOptions): Promise<void>;
}

/**
 * Creates a latch that opens after `count` count-downs — for "all three consumers finished", whoever
 * counts down first.
 *
 * @param count - count-downs needed, an integer >= 0 (0 is open already).
 * @throws TypeError when `count` is not an integer >= 0.
 * @example
 * ```ts
 * const done = latch(3);
 * worker.on("done", () => done.countDown());
 * await done.wait({ timeout: 5_000 });
 * ```
 */
export function latch(count: number, options: LatchOptions = {}): Latch {
  assertFiniteNumber("count", count, { min: 0, integer: true });
  const alias = options.alias ?? "latch";
  const initial = count;
  let remaining = count;
  const waiters = new Set<() => void>();
  return {
    get count() {
      return remaining;
    },
    get open() {
      return remaining === 0;
    },
    countDown(n = 1) {
      assertFiniteNumber("n", n, { min: 1, integer: true });
      if (remaining === 0) return;
      remaining = Math.max(0, remaining - n);
      if (remaining > 0) return;
      for (const release of [...waiters]) release();
    },
    wait(waitOptions) {
      const { timeout, signal } = resolveLockWaitOptions(waitOptions);
      return timedWait<void>({
        timeout,
        signal,
        clock: options.clock ?? getConfiguration().clock,
        subscribe(settle) {
          if (remaining === 0) {
            settle.resolve();
            return undefined;
          }
          const release = (): void => settle.resolve();
          waiters.add(release);
          return () => waiters.delete(release);
        },
        onTimeout: (elapsedMs) =>
          new BusinessLockTimeoutError(
            `Timed out after ${timeout} ms waiting for ${alias} to open: counted down ${initial - remaining} of ${initial} times, ${remaining} missing`,
            { lock: alias, timeout, elapsedMs, observed: initial - remaining },
          ),
      });
    },
  };
}
