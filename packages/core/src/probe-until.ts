/**
 * @module probe-until
 * `probeUntil`: call a probe until it stops throwing, with a real deadline.
 */
import type { Clock } from "./clock.js";
import { getConfiguration, type IntervalOption, scaleTimeout } from "./configure.js";
import { toError } from "./errors.js";
import { settleWithin } from "./internal/settle-within.js";
import { assertFiniteNumber, assertOptionalFunction, checkSharedProbeOptions } from "./internal/validate.js";
import { type AttemptListener, attemptContext, type Probe, runAttempt } from "./probe.js";
import {
  atCallSite,
  captureCallSite,
  errorText,
  ProbeFailedError,
  type ProbeFailedReason,
  ProbeTimeoutError,
} from "./probe-errors.js";
import { type IntervalStrategy, toIntervalStrategy } from "./strategies.js";
import { type SubscribeWakeSource, toSubscribe, type WakeSource } from "./wake-on.js";

/** Options of {@link probeUntil}. */
export interface ProbeUntilOptions<T = unknown> {
  /**
   * A real deadline in ms: the promise rejects at this moment even while an attempt runs (whose
   * `signal` is then aborted). Multiplied by `PROBITY_TIMEOUT_SCALE` / `configure({ timeoutScale })`.
   * @default getConfiguration().timeout (3000)
   */
  timeout?: number;
  /**
   * Delay between the end of one attempt and the start of the next: ms > 0, or a strategy
   * (`fixed`, `fibonacci`, `exponential`, or any `(attempt) => ms`). Attempts never overlap.
   * @default getConfiguration().interval (100)
   */
  interval?: IntervalOption;
  /**
   * Delay before the first attempt, in ms.
   * @default 0
   */
  pollDelay?: number;
  /**
   * Resolve only once the probe has succeeded continuously for this many ms (any failure restarts the
   * count). Must not exceed `timeout`.
   * @default 0
   */
  holdFor?: number;
  /**
   * Reject with a `ProbeFailedError` (reason `"too-early"`) if the first success comes earlier than this
   * many ms after the call. Must be less than `timeout`.
   * @default 0
   */
  atLeast?: number;
  /**
   * Event sources that trigger an immediate attempt (attempts still never overlap; an event during an
   * attempt queues one more). The interval stays as the fallback.
   * @default undefined
   */
  wakeOn?: WakeSource | readonly WakeSource[];
  /**
   * Return `true` for an error that will not go away by retrying (a 500, a `TypeError`): the probe then
   * rejects at once with a `ProbeFailedError` whose `cause` is that error.
   * @default undefined
   */
  failFast?: (error: Error) => boolean;
  /**
   * A name for the probe, used in every error message.
   * @default undefined
   */
  alias?: string;
  /**
   * Aborting it rejects the probe promptly with `signal.reason` and aborts the attempt in flight.
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Called after every attempt with its outcome; if it throws, the probe rejects with that error.
   * @default undefined
   */
  onAttempt?: AttemptListener<T>;
  /**
   * The time source.
   * @default getConfiguration().clock (realClock)
   */
  clock?: Clock;
}

/**
 * The defaults of {@link probeUntil} that do not come from {@link configure} (`timeout`, `interval` and
 * `clock` do).
 *
 * @example
 * ```ts
 * DEFAULT_PROBE_UNTIL_OPTIONS.pollDelay; // 0
 * ```
 */
export const DEFAULT_PROBE_UNTIL_OPTIONS = Object.freeze({
  pollDelay: 0,
  holdFor: 0,
  atLeast: 0,
});

/** {@link ProbeUntilOptions} after defaults, validation and scaling. */
export interface ResolvedProbeUntilOptions<T> {
  timeout: number;
  interval: IntervalStrategy;
  pollDelay: number;
  holdFor: number;
  atLeast: number;
  wakeOn: SubscribeWakeSource[];
  failFast: ((error: Error) => boolean) | undefined;
  alias: string | undefined;
  signal: AbortSignal | undefined;
  onAttempt: AttemptListener<T> | undefined;
  clock: Clock;
}

/**
 * Merges `options` with {@link DEFAULT_PROBE_UNTIL_OPTIONS} and the configured defaults, validates every
 * option and scales the timeout.
 *
 * @throws TypeError naming the first invalid option and the value it got.
 * @example
 * ```ts
 * resolveProbeUntilOptions({ timeout: 500 }).timeout; // 500 × PROBITY_TIMEOUT_SCALE
 * ```
 */
export function resolveProbeUntilOptions<T>(options: ProbeUntilOptions<T> = {}): ResolvedProbeUntilOptions<T> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Expected options to be an object, got ${options === null ? "null" : typeof options}`);
  }
  const config = getConfiguration();
  const merged = { ...DEFAULT_PROBE_UNTIL_OPTIONS, timeout: config.timeout, interval: config.interval, ...options };
  const { timeout, pollDelay, holdFor, atLeast } = merged;
  assertFiniteNumber("timeout", timeout, { min: 0 });
  const interval = toIntervalStrategy("interval", merged.interval);
  assertFiniteNumber("pollDelay", pollDelay, { min: 0 });
  assertFiniteNumber("holdFor", holdFor, { min: 0, max: timeout });
  if (atLeast !== 0) assertFiniteNumber("atLeast", atLeast, { min: 0, max: timeout });
  if (atLeast !== 0 && atLeast >= timeout) {
    throw new TypeError(`Expected \`atLeast\` to be < timeout (${timeout}), got ${atLeast}`);
  }
  assertOptionalFunction("failFast", merged.failFast);
  const clock = checkSharedProbeOptions(merged, config.clock);
  const sources = merged.wakeOn === undefined ? [] : Array.isArray(merged.wakeOn) ? merged.wakeOn : [merged.wakeOn];
  const wakeOn = sources.map((source, index) =>
    toSubscribe(Array.isArray(merged.wakeOn) ? `wakeOn[${index}]` : "wakeOn", source),
  );
  return {
    timeout: scaleTimeout(timeout),
    interval,
    pollDelay,
    holdFor,
    atLeast,
    wakeOn,
    failFast: merged.failFast,
    alias: merged.alias,
    signal: merged.signal,
    onAttempt: merged.onAttempt,
    clock,
  };
}

/**
 * Calls `probe({ attempt, signal, elapsed })` until it returns (or resolves) without throwing, and
 * resolves with that value. Falsy values are successes; only throwing is a failure.
 *
 * The timeout is a real deadline: the promise rejects with a {@link ProbeTimeoutError} at that moment,
 * even while an attempt hangs (its `signal` is aborted). After the promise settles the probe is never
 * called again and no timer or listener is left behind. Timers come from the `clock` (real timers
 * captured at import by default, so `vi.useFakeTimers()` cannot freeze a probe).
 *
 * @param probe - the check; throw (or reject) while the condition does not hold.
 * @returns the value of the first successful attempt (after `holdFor`, the latest one).
 * @throws {@link ProbeTimeoutError} at the deadline; {@link ProbeFailedError} on `failFast` or `atLeast`;
 *   `signal.reason` when the caller aborts; `TypeError` for an invalid option, before any attempt.
 * @example
 * ```ts
 * const payload = await probeUntil(
 *   () => {
 *     const events = queue.peek();
 *     if (events.length !== 1) throw new Error(`expected exactly 1 event, got ${events.length}`);
 *     return events[0].payload;
 *   },
 *   { timeout: 3_000, interval: 100, alias: "customer--created has one event", wakeOn: { emitter: queue, event: "message" } },
 * );
 * ```
 */
export function probeUntil<T>(probe: Probe<T>, options: ProbeUntilOptions<Awaited<T>> = {}): Promise<Awaited<T>> {
  const callSite = captureCallSite(probeUntil);
  let resolved: ResolvedProbeUntilOptions<Awaited<T>>;
  try {
    if (typeof probe !== "function") throw new TypeError(`Expected \`probe\` to be a function, got ${typeof probe}`);
    resolved = resolveProbeUntilOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  const { timeout, interval, pollDelay, holdFor, atLeast, failFast, alias, onAttempt, clock } = resolved;

  let attempts = 0;
  let running = false;
  let wakePending = false;
  let wakeQueued = false;
  let started = false;
  let nextTimer: unknown;
  let lastValue: unknown;
  let lastError: Error | undefined;
  let holdingSince: number | undefined;
  let succeededBefore = false;
  const errorCounts = new Map<string, number>();

  const timeoutError = (elapsedMs: number): ProbeTimeoutError => {
    const notes: string[] = [];
    if (running) notes.push(`attempt ${attempts} was still running and was aborted`);
    if (holdingSince !== undefined) {
      notes.push(`it held for ${Math.round(elapsedMs - holdingSince)} of ${holdFor} ms (holdFor)`);
    }
    const errors = [...errorCounts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count);
    return atCallSite(
      () => new ProbeTimeoutError({ alias, elapsedMs, attempts, lastValue, lastError, errors, notes }),
      callSite,
    );
  };

  return settleWithin<Awaited<T>>(
    { clock, timeout, signal: resolved.signal, onTimeout: (scope) => timeoutError(scope.elapsed()) },
    (scope, settle) => {
      const fail = (reason: ProbeFailedReason, attempt: number, cause: unknown, detail?: string): void => {
        const details = {
          alias,
          elapsedMs: scope.elapsed(),
          attempt,
          reason,
          ...(cause === undefined ? {} : { cause }),
          ...(detail ? { detail } : {}),
        };
        settle.reject(atCallSite(() => new ProbeFailedError(details), callSite));
      };

      const report = (event: Parameters<AttemptListener<Awaited<T>>>[0]): boolean => {
        if (onAttempt === undefined) return true;
        try {
          onAttempt(event);
          return true;
        } catch (error) {
          settle.reject(error);
          return false;
        }
      };

      const schedule = (delay: number): void => {
        if (wakePending) {
          wakePending = false;
          queueWake();
          return;
        }
        // An attempt due at or after the deadline would never start: let the deadline timer fire alone.
        if (scope.elapsed() + delay < timeout) nextTimer = scope.setTimer(run, delay);
      };

      const finish = (attempt: number, startedAt: number, ok: boolean, outcome: unknown): void => {
        if (scope.settled) return;
        running = false;
        const now = scope.elapsed();
        const durationMs = now - startedAt;
        if (ok) {
          const value = outcome as Awaited<T>;
          lastValue = value;
          if (!report({ attempt, elapsedMs: now, durationMs, outcome: "success", value })) return;
          if (!succeededBefore && now < atLeast) {
            const detail = `was satisfied after ${Math.round(now)} ms, earlier than atLeast ${atLeast} ms (attempt ${attempt})`;
            fail("too-early", attempt, undefined, detail);
            return;
          }
          succeededBefore = true;
          holdingSince ??= now;
          const held = now - holdingSince;
          if (held >= holdFor) {
            settle.resolve(value);
            return;
          }
          schedule(Math.min(nextDelay(attempt), holdFor - held));
          return;
        }
        const error = toError(outcome);
        lastError = error;
        holdingSince = undefined;
        const key = errorText(error);
        errorCounts.set(key, (errorCounts.get(key) ?? 0) + 1);
        if (!report({ attempt, elapsedMs: now, durationMs, outcome: "failure", error })) return;
        let stop = false;
        try {
          stop = failFast?.(error) === true;
        } catch (thrown) {
          settle.reject(thrown);
          return;
        }
        if (stop) fail("fail-fast", attempt, error);
        else schedule(nextDelay(attempt));
      };

      const nextDelay = (attempt: number): number => {
        try {
          return interval(attempt);
        } catch (error) {
          settle.reject(error);
          return Number.POSITIVE_INFINITY;
        }
      };

      function run(): void {
        if (scope.settled) return;
        if (running) {
          wakePending = true;
          return;
        }
        if (nextTimer !== undefined) {
          scope.clearTimer(nextTimer);
          nextTimer = undefined;
        }
        started = true;
        running = true;
        const attempt = ++attempts;
        const startedAt = scope.elapsed();
        runAttempt(probe, attemptContext(attempt, startedAt, scope), (ok, outcome) =>
          finish(attempt, startedAt, ok, outcome),
        );
      }

      function queueWake(): void {
        if (wakeQueued) return;
        wakeQueued = true;
        queueMicrotask(() => {
          wakeQueued = false;
          run();
        });
      }

      const onWake = (): void => {
        if (scope.settled || !started) return;
        if (running) wakePending = true;
        else queueWake();
      };

      const unsubscribes: (() => void)[] = [];
      try {
        for (const subscribe of resolved.wakeOn) unsubscribes.push(subscribe(onWake));
      } catch (error) {
        for (const unsubscribe of unsubscribes) unsubscribe();
        throw error;
      }
      if (pollDelay > 0) nextTimer = scope.setTimer(run, pollDelay);
      else run();
      return () => {
        for (const unsubscribe of unsubscribes) unsubscribe();
      };
    },
  );
}
