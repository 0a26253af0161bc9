/**
 * @module internal/settle-within
 * The frame every deadline-bound wait in probity runs in: a promise that settles once, rejects AT its
 * deadline (not after whatever is in flight finishes) or when the caller's signal aborts, and on
 * settling clears every timer it handed out, removes its abort listener and runs the caller's cleanup.
 * Probes use it for their loop; business locks can use it for `nextCall`, `waitForEvent` and friends.
 * @internal
 */
import type { Clock, TimerHandle } from "../clock.js";

/** What {@link settleWithin} hands to its executor. */
export interface SettleScope {
  /** The clock the deadline runs on. */
  readonly clock: Clock;
  /** `clock.now()` when the wait started. */
  readonly startedAt: number;
  /** The timeout in ms from `startedAt`, or `Infinity` when there is none. */
  readonly timeout: number;
  /**
   * Aborted when the wait rejects because of its deadline (reason: a `TimeoutError` DOMException) or the
   * caller's signal (reason: the caller's reason). Never aborted on resolve, so a value tied to it (a
   * `fetch` body, say) stays usable.
   */
  readonly signal: AbortSignal;
  /** True once the wait has resolved or rejected. */
  readonly settled: boolean;
  /** Milliseconds since `startedAt`. */
  elapsed(): number;
  /**
   * Like `clock.setTimeout`, but the timer is cleared automatically when the wait settles; after settling
   * it schedules nothing.
   */
  setTimer(callback: () => void, ms: number): TimerHandle;
  /** Clears a timer from {@link SettleScope.setTimer}. */
  clearTimer(handle: TimerHandle): void;
}

/** Options of {@link settleWithin}. */
export interface SettleWithinOptions {
  /** The time source. */
  clock: Clock;
  /** Milliseconds until the deadline; `undefined` or `Infinity` means no deadline. */
  timeout?: number | undefined;
  /** The caller's signal; aborting it rejects the wait with `signal.reason`. */
  signal?: AbortSignal | undefined;
  /** Builds the rejection at the deadline; called once, before any cleanup runs. */
  onTimeout: (scope: SettleScope) => unknown;
}

/** Resolve or reject the wait; later calls are ignored. */
export type Settle<T> = { resolve: (value: T) => void; reject: (reason: unknown) => void };

/**
 * Runs `executor` inside a deadline- and signal-bound frame. The executor may return a cleanup function,
 * run exactly once when the wait settles (for whatever reason), before the promise settles.
 * A pre-aborted signal rejects at once without calling the executor; an executor that throws rejects.
 */
export function settleWithin<T>(
  options: SettleWithinOptions,
  executor: (scope: SettleScope, settle: Settle<T>) => (() => void) | undefined,
): Promise<T> {
  const { clock, signal: callerSignal } = options;
  const timeout = options.timeout ?? Number.POSITIVE_INFINITY;
  if (callerSignal?.aborted) return Promise.reject(callerSignal.reason);

  return new Promise<T>((resolvePromise, rejectPromise) => {
    // Created on first use of `scope.signal`: most probes never look at it, and an AbortController plus
    // its abort reason cost more than the rest of a probe's bookkeeping.
    let controller: AbortController | undefined;
    const timers = new Set<TimerHandle>();
    const startedAt = clock.now();
    let settled = false;
    let cleanup: (() => void) | undefined;
    let deadlineTimer: TimerHandle | undefined;

    const scope: SettleScope = {
      clock,
      startedAt,
      timeout,
      get signal() {
        controller ??= new AbortController();
        return controller.signal;
      },
      get settled() {
        return settled;
      },
      elapsed: () => clock.now() - startedAt,
      setTimer(callback, ms) {
        if (settled) return undefined;
        const handle = clock.setTimeout(() => {
          timers.delete(handle);
          callback();
        }, ms);
        timers.add(handle);
        return handle;
      },
      clearTimer(handle) {
        if (timers.delete(handle)) clock.clearTimeout(handle);
      },
    };

    const finish = (ok: boolean, outcome: unknown, abortReason?: () => unknown): void => {
      if (settled) return;
      settled = true;
      if (deadlineTimer !== undefined) clock.clearTimeout(deadlineTimer);
      for (const handle of timers) clock.clearTimeout(handle);
      timers.clear();
      callerSignal?.removeEventListener("abort", onAbort);
      try {
        cleanup?.();
      } catch {
        // A failing cleanup must not hide the outcome.
      }
      if (abortReason !== undefined) controller?.abort(abortReason());
      if (ok) resolvePromise(outcome as T);
      else rejectPromise(outcome);
    };

    function onAbort(): void {
      const reason = callerSignal?.reason;
      finish(false, reason, () => reason ?? new DOMException("This operation was aborted", "AbortError"));
    }

    callerSignal?.addEventListener("abort", onAbort, { once: true });
    if (Number.isFinite(timeout)) {
      deadlineTimer = clock.setTimeout(() => {
        if (settled) return;
        let error: unknown;
        try {
          error = options.onTimeout(scope);
        } catch (thrown) {
          error = thrown;
        }
        finish(false, error, () => new DOMException("The deadline passed", "TimeoutError"));
      }, timeout);
    }

    try {
      const returned = executor(scope, {
        resolve: (value) => finish(true, value),
        reject: (reason) => finish(false, reason, () => reason ?? new DOMException("Rejected", "AbortError")),
      });
      if (settled) returned?.();
      else cleanup = returned;
    } catch (error) {
      finish(false, error, () => error);
    }
  });
}
