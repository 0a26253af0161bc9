/**
 * @module internal/validate
 * Option validation shared by every public function: invalid options fail at once with a
 * `TypeError` naming the option and the value it got.
 * @internal
 */

import type { Clock } from "../clock.js";

/** Bounds for {@link assertFiniteNumber}. */
export interface NumberBounds {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  integer?: boolean;
}

/** Throws a TypeError unless `value` is a finite number within the bounds. */
export function assertFiniteNumber(name: string, value: unknown, bounds: NumberBounds = {}): asserts value is number {
  const { min, max, exclusiveMin = false, integer = false } = bounds;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (exclusiveMin ? value > min : value >= min)) &&
    (max === undefined || value <= max);
  if (!ok) {
    const parts = [integer ? "an integer" : "a finite number"];
    if (min !== undefined) parts.push(`${exclusiveMin ? ">" : ">="} ${min}`);
    if (max !== undefined) parts.push(`<= ${max}`);
    throw new TypeError(`Expected \`${name}\` to be ${parts.join(" ")}, got ${renderValue(value)}`);
  }
}

/** Throws a TypeError unless `value` is undefined or a function. */
export function assertOptionalFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function") {
    throw new TypeError(`Expected \`${name}\` to be a function, got ${renderValue(value)}`);
  }
}

/** Throws a TypeError unless `value` is undefined or an AbortSignal. */
export function assertOptionalSignal(value: unknown): void {
  if (value !== undefined && !(value instanceof AbortSignal)) {
    throw new TypeError(`Expected \`signal\` to be an AbortSignal, got ${renderValue(value)}`);
  }
}

/** The options `probeUntil` and `probeDuring` share, as given (after defaults are merged). */
interface SharedProbeOptions {
  onAttempt?: unknown;
  signal?: unknown;
  alias?: unknown;
  clock?: Clock | undefined;
}

/**
 * Checks the options both probes take (`onAttempt`, `signal`, `alias`, `clock`) and returns the clock
 * to use: the given one, else `fallback` (the configured clock).
 */
export function checkSharedProbeOptions(options: SharedProbeOptions, fallback: Clock): Clock {
  assertOptionalFunction("onAttempt", options.onAttempt);
  assertOptionalSignal(options.signal);
  if (options.alias !== undefined && typeof options.alias !== "string") {
    throw new TypeError(`Expected \`alias\` to be a string, got ${typeof options.alias}`);
  }
  const clock = options.clock ?? fallback;
  if (typeof clock?.now !== "function" || typeof clock.setTimeout !== "function") {
    throw new TypeError("Expected `clock` to implement now(), setTimeout() and clearTimeout()");
  }
  return clock;
}

function renderValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  return typeof value;
}
