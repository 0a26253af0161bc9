/**
 * @module internal/timed-wait
 * "Wait for a condition that a callback signals, with a deadline, an abort signal and cleanup": the one
 * primitive every business lock is built on.
 * @internal
 */
import type { Clock, TimerHandle } from "../clock.js";

/** The two ways to end a {@link timedWait}; calls after the first are ignored. @internal */
export interface Settle<T> {
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** What {@link timedWait} needs. @internal */
export interface TimedWaitSpec<T> {
  /** Milliseconds until {@link TimedWaitSpec.onTimeout} is used to reject; `Infinity` for none. */
  timeout: number;
  signal: AbortSignal | undefined;
  clock: Clock;
  /**
   * Subscribes to whatever releases the wait. May settle synchronously (the condition already holds).
   * Returns the cleanup that unsubscribes; it runs exactly once, on whichever path settles the wait.
   */
  subscribe(settle: Settle<T>): (() => void) | undefined;
  /** Builds the rejection for a timeout; `elapsedMs` is measured on the clock. */
  onTimeout(elapsedMs: number): Error;
}

/**
 * Waits until `subscribe` settles, the deadline passes or `signal` aborts, then removes every listener
 * and clears the timer. A pre-aborted signal rejects with its reason without subscribing. The timeout
 * error's stack points at the caller of `timedWait`, not at a timer callback.
 * @internal
 */
export function timedWait<T>(spec: TimedWaitSpec<T>): Promise<T> {
  const { timeout, signal, clock } = spec;
  const trace = new Error();
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const startedAt = clock.now();
    let done = false;
    let cleanup: (() => void) | undefined;
    let timer: TimerHandle | undefined;
    const onAbort = (): void => settle.reject(signal?.reason);
    const finish = (): void => {
      done = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      cleanup?.();
    };
    const settle: Settle<T> = {
      resolve(value) {
        if (done) return;
        finish();
        resolve(value);
      },
      reject(reason) {
        if (done) return;
        finish();
        reject(reason);
      },
    };
    try {
      cleanup = spec.subscribe(settle);
    } catch (error) {
      settle.reject(error);
    }
    if (done) {
      // Settled while subscribing: `finish` ran before the cleanup was known.
      cleanup?.();
      return;
    }
    if (Number.isFinite(timeout)) {
      timer = clock.setTimeout(() => {
        const error = spec.onTimeout(clock.now() - startedAt);
        error.stack = `${error.name}: ${error.message}\n${(trace.stack ?? "").split("\n").slice(1).join("\n")}`;
        settle.reject(error);
      }, timeout);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
