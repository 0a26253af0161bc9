/**
 * @module strategies
 * Poll strategies: pure `(attempt) => delayMs` functions, where `attempt` is the 1-based number of the
 * attempt that just finished. Pass one as `interval` to `probeUntil` or `probeDuring`.
 */
import type { IntervalOption } from "./configure.js";
import { assertFiniteNumber, assertOptionalFunction } from "./internal/validate.js";

/** A delay in ms as a function of the attempt that just finished (1-based). */
export type IntervalStrategy = (attempt: number) => number;

/**
 * The same delay after every attempt.
 *
 * @param ms - delay in milliseconds, > 0.
 * @throws TypeError when `ms` is not a finite number > 0.
 * @example
 * ```ts
 * await probeUntil(check, { interval: fixed(50) });
 * ```
 */
export function fixed(ms: number): IntervalStrategy {
  assertFiniteNumber("ms", ms, { min: 0, exclusiveMin: true });
  return () => ms;
}

/** Options of {@link fibonacci}. */
export interface FibonacciOptions {
  /**
   * Milliseconds per Fibonacci step: delays are `unit × 1, 1, 2, 3, 5, 8…`.
   * @default 10
   */
  unit?: number;
  /**
   * Upper bound of a delay.
   * @default 1000
   */
  max?: number;
}

/**
 * The defaults of {@link fibonacci}.
 *
 * @example
 * ```ts
 * DEFAULT_FIBONACCI_OPTIONS.unit; // 10
 * ```
 */
export const DEFAULT_FIBONACCI_OPTIONS: Readonly<Required<FibonacciOptions>> = Object.freeze({ unit: 10, max: 1000 });

/**
 * Delays that grow along the Fibonacci sequence (`unit × 1, 1, 2, 3, 5…`), capped at `max`. Gentler
 * than exponential: quick first checks, then backing off.
 *
 * @throws TypeError when `unit` or `max` is not a finite number > 0.
 * @example
 * ```ts
 * await probeUntil(check, { interval: fibonacci({ unit: 20, max: 500 }) });
 * ```
 */
export function fibonacci(options: FibonacciOptions = {}): IntervalStrategy {
  const { unit, max } = { ...DEFAULT_FIBONACCI_OPTIONS, ...options };
  assertFiniteNumber("unit", unit, { min: 0, exclusiveMin: true });
  assertFiniteNumber("max", max, { min: 0, exclusiveMin: true });
  return (attempt) => {
    let previous = 0;
    let current = 1;
    for (let step = 1; step < attempt && current * unit < max; step++) {
      [previous, current] = [current, previous + current];
    }
    return Math.min(current * unit, max);
  };
}

/** Options of {@link exponential}. */
export interface ExponentialOptions {
  /**
   * Delay after the first attempt, in ms.
   * @default 10
   */
  initial?: number;
  /**
   * Growth factor per attempt, ≥ 1.
   * @default 2
   */
  factor?: number;
  /**
   * Upper bound of a delay (before jitter).
   * @default 1000
   */
  max?: number;
  /**
   * Fraction of each delay that is randomised, 0..1: the delay is drawn from `[d × (1 − jitter), d]`.
   * @default 0
   */
  jitter?: number;
  /**
   * The random source for jitter, returning values in `[0, 1)`; inject one for reproducible tests.
   * @default Math.random
   */
  random?: () => number;
}

/**
 * The defaults of {@link exponential}.
 *
 * @example
 * ```ts
 * DEFAULT_EXPONENTIAL_OPTIONS.factor; // 2
 * ```
 */
export const DEFAULT_EXPONENTIAL_OPTIONS: Readonly<Required<ExponentialOptions>> = Object.freeze({
  initial: 10,
  factor: 2,
  max: 1000,
  jitter: 0,
  random: Math.random,
});

/**
 * Delays that grow geometrically (`initial × factor^(attempt − 1)`), capped at `max`, with optional jitter.
 *
 * @throws TypeError when an option is out of range.
 * @example
 * ```ts
 * await probeUntil(check, { interval: exponential({ initial: 5, factor: 2, max: 200, jitter: 0.5 }) });
 * ```
 */
export function exponential(options: ExponentialOptions = {}): IntervalStrategy {
  const { initial, factor, max, jitter, random } = { ...DEFAULT_EXPONENTIAL_OPTIONS, ...options };
  assertFiniteNumber("initial", initial, { min: 0, exclusiveMin: true });
  assertFiniteNumber("factor", factor, { min: 1 });
  assertFiniteNumber("max", max, { min: 0, exclusiveMin: true });
  assertFiniteNumber("jitter", jitter, { min: 0, max: 1 });
  assertOptionalFunction("random", random);
  return (attempt) => {
    const base = Math.min(initial * factor ** Math.max(0, attempt - 1), max);
    return jitter === 0 ? base : base * (1 - jitter * random());
  };
}

/**
 * The poll strategies behind one name: `strategies.fixed(50)`, `strategies.fibonacci()`,
 * `strategies.exponential({ max: 500 })`.
 *
 * @example
 * ```ts
 * await probeUntil(check, { interval: strategies.exponential({ initial: 5 }) });
 * ```
 */
export const strategies = Object.freeze({ fixed, fibonacci, exponential });

/**
 * Checks an `interval` option (a number > 0 or a function) and turns it into a function whose results
 * are checked on every call.
 * @internal
 */
export function toIntervalStrategy(name: string, option: IntervalOption): IntervalStrategy {
  if (typeof option === "number") {
    assertFiniteNumber(name, option, { min: 0, exclusiveMin: true });
    return () => option;
  }
  if (typeof option !== "function") {
    throw new TypeError(`Expected \`${name}\` to be a number > 0 or a function, got ${typeof option}`);
  }
  return (attempt) => {
    const delay = option(attempt);
    assertFiniteNumber(`${name}(${attempt})`, delay, { min: 0 });
    return delay;
  };
}
