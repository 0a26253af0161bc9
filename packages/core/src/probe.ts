/**
 * @module probe
 * The types shared by `probeUntil` and `probeDuring`: what a probe receives and what `onAttempt` hears.
 */

/** What every probe attempt receives. */
export interface ProbeContext {
  /** 1-based number of this attempt. */
  readonly attempt: number;
  /**
   * Aborted when the probe gives up while this attempt runs (deadline: a `TimeoutError` DOMException;
   * caller abort: the caller's reason). Pass it on to `fetch`, SDK calls and the like.
   */
  readonly signal: AbortSignal;
  /** Milliseconds since the probe was called, when this attempt started. */
  readonly elapsed: number;
}

/**
 * A check: sync or async; it succeeds by returning (any value, falsy ones included) and fails by throwing.
 *
 * @example
 * ```ts
 * const probe: Probe<Order> = async ({ signal }) => (await fetch(url, { signal })).json();
 * ```
 */
export type Probe<T> = (context: ProbeContext) => T | PromiseLike<T>;

interface AttemptEventBase {
  /** 1-based attempt number. */
  readonly attempt: number;
  /** Milliseconds since the probe was called, when the attempt finished. */
  readonly elapsedMs: number;
  /** How long the attempt ran, in ms. */
  readonly durationMs: number;
}

/**
 * One finished attempt, as reported to `onAttempt`: a discriminated union on `outcome`.
 *
 * @example
 * ```ts
 * onAttempt: (event) => { if (event.outcome === "failure") log(event.attempt, event.error.message); }
 * ```
 */
export type AttemptEvent<T = unknown> =
  | (AttemptEventBase & { readonly outcome: "success"; readonly value: T })
  | (AttemptEventBase & { readonly outcome: "failure"; readonly error: Error });

/** A listener for {@link AttemptEvent}s; if it throws, the probe rejects with that error. */
export type AttemptListener<T = unknown> = (event: AttemptEvent<T>) => void;

/** Whether `value` has a callable `then`. @internal */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === "function"
  );
}

/**
 * The context of one attempt. `signal` is read through `scope` on first use, so a probe that never looks
 * at it never creates an AbortController.
 * @internal
 */
export function attemptContext(
  attempt: number,
  elapsed: number,
  scope: { readonly signal: AbortSignal },
): ProbeContext {
  return {
    attempt,
    elapsed,
    get signal() {
      return scope.signal;
    },
  };
}

/**
 * Calls `probe` and reports its outcome through `done`: synchronously for a sync probe, later for an
 * async one. Never throws.
 * @internal
 */
export function runAttempt<T>(
  probe: Probe<T>,
  context: ProbeContext,
  done: (ok: boolean, outcome: unknown) => void,
): void {
  let result: unknown;
  try {
    result = probe(context);
  } catch (error) {
    done(false, error);
    return;
  }
  if (isThenable(result)) {
    result.then(
      (value) => done(true, value),
      (error: unknown) => done(false, error),
    );
  } else {
    done(true, result);
  }
}
