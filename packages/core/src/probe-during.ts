/**
 * @module probe-during
 * `probeDuring`: assert that a probe keeps succeeding for a whole period, failing fast.
 */
import type { Clock } from "./clock.js";
import { getConfiguration, type IntervalOption, scaleTimeout } from "./configure.js";
import { toError } from "./errors.js";
import { settleWithin } from "./internal/settle-within.js";
import { assertFiniteNumber, checkSharedProbeOptions } from "./internal/validate.js";
import { type AttemptListener, attemptContext, type Probe, runAttempt } from "./probe.js";
import { atCallSite, captureCallSite, ProbeFailedError, ProbeTimeoutError } from "./probe-errors.js";
import { type IntervalStrategy, toIntervalStrategy } from "./strategies.js";

/** Options of {@link probeDuring}. */
export interface ProbeDuringOptions {
  /**
   * How long the probe must keep succeeding, in ms. The last attempt starts at or after this point.
   * Not scaled by `PROBITY_TIMEOUT_SCALE` (it is a property of the test, not a tolerance).
   */
  duration: number;
  /**
   * Delay between the end of one attempt and the start of the next: ms > 0 or a strategy.
   * @default getConfiguration().interval (100)
   */
  interval?: IntervalOption;
  /**
   * Grace period after `duration` for an attempt still in flight; past it the call rejects with a
   * {@link ProbeTimeoutError} and aborts the attempt. Scaled by `PROBITY_TIMEOUT_SCALE`.
   * @default getConfiguration().timeout (3000)
   */
  timeout?: number;
  /**
   * A name for the probe, used in every error message.
   * @default undefined
   */
  alias?: string;
  /**
   * Aborting it rejects promptly with `signal.reason` and aborts the attempt in flight.
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Called after every attempt; if it throws, the call rejects with that error.
   * @default undefined
   */
  onAttempt?: AttemptListener;
  /**
   * The time source.
   * @default getConfiguration().clock (realClock)
   */
  clock?: Clock;
}

/**
 * The defaults of {@link probeDuring} that do not come from {@link configure} (none yet: `interval`,
 * `timeout` and `clock` do).
 *
 * @example
 * ```ts
 * const options = { ...DEFAULT_PROBE_DURING_OPTIONS, duration: 500 };
 * ```
 */
export const DEFAULT_PROBE_DURING_OPTIONS = Object.freeze({});

/** {@link ProbeDuringOptions} after defaults, validation and scaling. */
export interface ResolvedProbeDuringOptions {
  duration: number;
  interval: IntervalStrategy;
  timeout: number;
  alias: string | undefined;
  signal: AbortSignal | undefined;
  onAttempt: AttemptListener | undefined;
  clock: Clock;
}

/**
 * Merges `options` with the configured defaults and validates them.
 *
 * @throws TypeError naming the first invalid option and the value it got.
 * @example
 * ```ts
 * resolveProbeDuringOptions({ duration: 500 }).interval(1); // 100
 * ```
 */
export function resolveProbeDuringOptions(options: ProbeDuringOptions): ResolvedProbeDuringOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Expected options to be an object with \`duration\`, got ${options === null ? "null" : typeof options}`,
    );
  }
  const config = getConfiguration();
  const merged = { ...DEFAULT_PROBE_DURING_OPTIONS, timeout: config.timeout, interval: config.interval, ...options };
  assertFiniteNumber("duration", merged.duration, { min: 0 });
  const interval = toIntervalStrategy("interval", merged.interval);
  assertFiniteNumber("timeout", merged.timeout, { min: 0 });
  const clock = checkSharedProbeOptions(merged, config.clock);
  return {
    duration: merged.duration,
    interval,
    timeout: scaleTimeout(merged.timeout),
    alias: merged.alias,
    signal: merged.signal,
    onAttempt: merged.onAttempt,
    clock,
  };
}

/**
 * Asserts that `probe` keeps succeeding for `duration` ms: it is called at once, then after every
 * `interval`, and the last attempt starts at or after `duration`. Resolves after that attempt succeeds;
 * rejects with a {@link ProbeFailedError} at the first failing attempt (fail fast).
 *
 * @throws {@link ProbeFailedError} at the first failure; {@link ProbeTimeoutError} when an attempt is still
 *   running `timeout` ms after `duration`; `signal.reason` on abort; `TypeError` for an invalid option.
 * @example
 * ```ts
 * await publishDuplicate(order);
 * await probeDuring(() => expect(queue.peek()).toHaveLength(0), { duration: 1_000, alias: "no second event" });
 * ```
 */
export function probeDuring(probe: Probe<unknown>, options: ProbeDuringOptions): Promise<void> {
  const callSite = captureCallSite(probeDuring);
  let resolved: ResolvedProbeDuringOptions;
  try {
    if (typeof probe !== "function") throw new TypeError(`Expected \`probe\` to be a function, got ${typeof probe}`);
    resolved = resolveProbeDuringOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  const { duration, interval, alias, onAttempt, clock } = resolved;
  let attempts = 0;
  let running = false;

  return settleWithin<void>(
    {
      clock,
      timeout: duration + resolved.timeout,
      signal: resolved.signal,
      onTimeout: (scope) => {
        const notes = running ? [`attempt ${attempts} was still running and was aborted`] : [];
        const details = { alias, elapsedMs: scope.elapsed(), attempts, lastValue: undefined, errors: [], notes };
        return atCallSite(() => new ProbeTimeoutError({ ...details, lastError: undefined }), callSite);
      },
    },
    (scope, settle) => {
      const finish = (attempt: number, startedAt: number, ok: boolean, outcome: unknown): void => {
        if (scope.settled) return;
        running = false;
        const now = scope.elapsed();
        const base = { attempt, elapsedMs: now, durationMs: now - startedAt };
        const error = ok ? undefined : toError(outcome);
        try {
          onAttempt?.(error ? { ...base, outcome: "failure", error } : { ...base, outcome: "success", value: outcome });
        } catch (thrown) {
          settle.reject(thrown);
          return;
        }
        if (error) {
          const details = { alias, elapsedMs: now, attempt, reason: "failed" as const, cause: error };
          settle.reject(atCallSite(() => new ProbeFailedError(details), callSite));
          return;
        }
        if (startedAt >= duration) {
          settle.resolve();
          return;
        }
        let delay: number;
        try {
          delay = interval(attempt);
        } catch (thrown) {
          settle.reject(thrown);
          return;
        }
        scope.setTimer(run, Math.max(0, Math.min(delay, duration - now)));
      };

      function run(): void {
        if (scope.settled) return;
        running = true;
        const attempt = ++attempts;
        const startedAt = scope.elapsed();
        runAttempt(probe, attemptContext(attempt, startedAt, scope), (ok, outcome) =>
          finish(attempt, startedAt, ok, outcome),
        );
      }

      run();
      return undefined;
    },
  );
}
