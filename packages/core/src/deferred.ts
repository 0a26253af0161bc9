/**
 * @module deferred
 * A promise with its `resolve` and `reject` on the outside: the smallest business lock.
 */
import type { Clock } from "./clock.js";
import { getConfiguration } from "./configure.js";
import { timedWait } from "./internal/timed-wait.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";
import { type LockWaitOptions, resolveLockWaitOptions } from "./lock-wait-options.js";

/** Options for {@link deferred}. */
export interface DeferredOptions {
  /**
   * Named in timeout errors from {@link Deferred.wait}.
   * @default "deferred"
   */
  alias?: string;
  /**
   * The time source for {@link Deferred.wait} timeouts.
   * @default getConfiguration().clock
   */
  clock?: Clock;
}

/**
 * A promise plus the functions that settle it.
 *
 * @typeParam T - the fulfilment value.
 */
export interface Deferred<T> {
  /** Settles when {@link Deferred.resolve} or {@link Deferred.reject} is first called. */
  readonly promise: Promise<T>;
  /** Fulfils the promise (or follows `value` if it is a promise). Ignored once settled. */
  resolve(value: T | PromiseLike<T>): void;
  /** Rejects the promise with `reason`. Ignored once settled. */
  reject(reason?: unknown): void;
  /** `true` once `resolve` or `reject` has been called. */
  readonly settled: boolean;
  /**
   * Waits for the promise with a deadline and an abort signal.
   *
   * @returns the fulfilment value.
   * @throws BusinessLockTimeoutError when it is not settled within `timeout`.
   * @throws the rejection reason when the deferred is rejected, or `signal.reason` when aborted.
   */
  wait(options?: LockWaitOptions): Promise<T>;
}

/**
 * Creates a {@link Deferred}: hand `resolve` to the code under test (a callback, a fake, a spy
 * implementation) and await `promise` — or `wait()` for a deadline — in the test.
 *
 * A rejected deferred that nobody awaits is an unhandled rejection, exactly as for any promise.
 *
 * @example
 * ```ts
 * const saved = deferred<Order>();
 * repository.onSave = (order) => saved.resolve(order);
 * await bus.publish(order);
 * expect(await saved.wait({ timeout: 1_000 })).toEqual(order);
 * ```
 */
export function deferred<T = void>(options: DeferredOptions = {}): Deferred<T> {
  const alias = options.alias ?? "deferred";
  let settled = false;
  let resolvePromise!: (value: T | PromiseLike<T>) => void;
  let rejectPromise!: (reason?: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    resolvePromise = resolve;
    rejectPromise = reject;
  });
  return {
    promise,
    get settled() {
      return settled;
    },
    resolve(value) {
      if (settled) return;
      settled = true;
      resolvePromise(value);
    },
    reject(reason) {
      if (settled) return;
      settled = true;
      rejectPromise(reason);
    },
    wait(waitOptions) {
      const { timeout, signal } = resolveLockWaitOptions(waitOptions);
      return timedWait<T>({
        timeout,
        signal,
        clock: options.clock ?? getConfiguration().clock,
        subscribe(settle) {
          promise.then(settle.resolve, settle.reject);
          return undefined;
        },
        onTimeout: (elapsedMs) =>
          new BusinessLockTimeoutError(
            `Timed out after ${timeout} ms waiting for ${alias} to be ${settled ? "fulfilled (it was resolved with a promise still pending)" : "resolved: resolve() and reject() were never called"}`,
            { lock: alias, timeout, elapsedMs, observed: settled ? 1 : 0 },
          ),
      });
    },
  };
}
