/**
 * @module configure
 * Process-wide defaults shared by probes and business locks, and the CI timeout multiplier.
 */
import { type Clock, realClock } from "./clock.js";
import { assertFiniteNumber } from "./internal/validate.js";

/** A delay in milliseconds, or a function of the attempt number (1-based) that returns one. */
export type IntervalOption = number | ((attempt: number) => number);

/** Defaults used whenever a probe or lock is called without the matching option. */
export interface ProbityConfiguration {
  /**
   * How long a probe or lock waits before it fails, in milliseconds, before scaling.
   * @default 3000
   */
  timeout: number;
  /**
   * Delay between probe attempts.
   * @default 100
   */
  interval: IntervalOption;
  /**
   * Multiplier applied to every timeout (not to intervals). Read from `PROBITY_TIMEOUT_SCALE` at load.
   * @default 1
   */
  timeoutScale: number;
  /**
   * The time source.
   * @default realClock
   */
  clock: Clock;
}

function timeoutScaleFromEnv(): number {
  const raw = globalThis.process?.env?.PROBITY_TIMEOUT_SCALE;
  if (raw === undefined || raw === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new TypeError(`Expected PROBITY_TIMEOUT_SCALE to be a number > 0, got ${JSON.stringify(raw)}`);
  }
  return scale;
}

/** The built-in defaults, before {@link configure} and before `PROBITY_TIMEOUT_SCALE`. */
export const DEFAULT_CONFIGURATION: Readonly<ProbityConfiguration> = Object.freeze({
  timeout: 3000,
  interval: 100,
  timeoutScale: 1,
  clock: realClock,
});

let current: Readonly<ProbityConfiguration> = Object.freeze({
  ...DEFAULT_CONFIGURATION,
  timeoutScale: timeoutScaleFromEnv(),
});

/**
 * Changes the defaults for every later probe and lock in this process. Returns the previous
 * configuration, so a test can restore it.
 *
 * @throws TypeError when a value is out of range; nothing is changed then.
 * @example
 * ```ts
 * configure({ timeout: 10_000, interval: 50 });
 * ```
 */
export function configure(changes: Partial<ProbityConfiguration>): Readonly<ProbityConfiguration> {
  const next = { ...current, ...changes };
  assertFiniteNumber("timeout", next.timeout, { min: 0 });
  if (typeof next.interval === "number") assertFiniteNumber("interval", next.interval, { min: 0, exclusiveMin: true });
  else if (typeof next.interval !== "function") {
    throw new TypeError(`Expected \`interval\` to be a number or a function, got ${typeof next.interval}`);
  }
  assertFiniteNumber("timeoutScale", next.timeoutScale, { min: 0, exclusiveMin: true });
  const previous = current;
  current = Object.freeze(next);
  return previous;
}

/** The defaults currently in force. */
export function getConfiguration(): Readonly<ProbityConfiguration> {
  return current;
}

/** Restores the built-in defaults (with `PROBITY_TIMEOUT_SCALE` re-read from the environment). */
export function resetConfiguration(): void {
  current = Object.freeze({ ...DEFAULT_CONFIGURATION, timeoutScale: timeoutScaleFromEnv() });
}

/**
 * Applies the configured timeout scale to a timeout in milliseconds.
 * @internal
 */
export function scaleTimeout(ms: number): number {
  return ms * current.timeoutScale;
}
