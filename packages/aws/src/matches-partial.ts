/**
 * @module matches-partial
 * Deep partial matching, the rule behind `expectMessage({ match })` and `toReceiveMessage`: every
 * member the expectation names must match; members it leaves out are ignored.
 */

import { describeValue } from "probity";

/** One place where the actual value differs from the expectation. */
export interface PartialMismatch {
  /** Where, e.g. `payload.orders[0].order_id` (`(root)` for the value itself). */
  path: string;
  /** What the expectation asked for (for a predicate or matcher: its description). */
  expected: unknown;
  /** What was there (`undefined` when missing). */
  actual: unknown;
  /** A one-line explanation. */
  reason: string;
}

/** What {@link matchesPartial} returns. */
export interface PartialMatchResult {
  /** Whether every named member matched. */
  pass: boolean;
  /** The mismatches, in document order, at most {@link MAX_REPORTED_MISMATCHES}. */
  mismatches: PartialMismatch[];
  /** `"matches"` or a readable list of the mismatches, one per line. */
  description: string;
}

/** How many mismatches a {@link PartialMatchResult} keeps. */
export const MAX_REPORTED_MISMATCHES = 20;

/** A vitest/jest asymmetric matcher such as `expect.any(String)` or `expect.stringContaining("x")`. */
interface AsymmetricMatcher {
  asymmetricMatch(actual: unknown): boolean;
  /** vitest and jest describe the matcher here (`Any<Number>`); `toString` is only its kind (`Any`). */
  toAsymmetricMatcher?(): string;
}

function describeMatcher(matcher: AsymmetricMatcher): string {
  return typeof matcher.toAsymmetricMatcher === "function" ? matcher.toAsymmetricMatcher() : String(matcher);
}

function isAsymmetricMatcher(value: unknown): value is AsymmetricMatcher {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === "function"
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const segment = IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (path === "") return segment;
  return segment.startsWith("[") ? `${path}${segment}` : `${path}.${segment}`;
}

/**
 * Checks that `actual` contains everything `expected` names, recursively:
 * - plain objects: each key of `expected` must be present in `actual` and match; extra keys are fine;
 * - arrays: same length, each element matched partially;
 * - functions: predicates, `(actual) => boolean`;
 * - asymmetric matchers (`expect.any(Number)`, `expect.stringMatching(/x/)`): their own rule;
 * - regular expressions: tested against a string;
 * - `Date`s and byte arrays: equal contents;
 * - anything else: `===` (with `NaN` equal to itself).
 *
 * @returns whether it matched, every mismatch with its path, and a readable description.
 *
 * @example
 * ```ts
 * const result = matchesPartial({ payload: { id: "1", n: 2 } }, { payload: { id: "2" } });
 * result.pass;        // false
 * result.description; // 'payload.id: expected "2", got "1"'
 * ```
 */
export function matchesPartial(actual: unknown, expected: unknown): PartialMatchResult {
  const mismatches: PartialMismatch[] = [];
  compare(actual, expected, "", mismatches);
  const kept = mismatches.slice(0, MAX_REPORTED_MISMATCHES);
  let description = kept.map((mismatch) => `${mismatch.path || "(root)"}: ${mismatch.reason}`).join("\n");
  if (mismatches.length > kept.length) description += `\n… and ${mismatches.length - kept.length} more`;
  return { pass: mismatches.length === 0, mismatches: kept, description: description || "matches" };
}

function compare(actual: unknown, expected: unknown, path: string, out: PartialMismatch[]): void {
  const fail = (reason: string, shownExpected: unknown = expected): void => {
    out.push({ path: path || "(root)", expected: shownExpected, actual, reason });
  };
  if (isAsymmetricMatcher(expected)) {
    if (!expected.asymmetricMatch(actual)) fail(`expected ${describeMatcher(expected)}, got ${render(actual)}`);
    return;
  }
  if (typeof expected === "function") {
    let passed = false;
    let thrown = "";
    try {
      passed = Boolean((expected as (value: unknown) => unknown)(actual));
    } catch (error) {
      thrown = ` (it threw ${error instanceof Error ? error.message : String(error)})`;
    }
    const name = expected.name || "anonymous";
    if (!passed) fail(`predicate ${name} rejected ${render(actual)}${thrown}`, `[predicate ${name}]`);
    return;
  }
  if (expected instanceof RegExp) {
    const ok =
      typeof actual === "string"
        ? new RegExp(expected.source, expected.flags.replace(/[gy]/g, "")).test(actual)
        : actual instanceof RegExp && actual.source === expected.source && actual.flags === expected.flags;
    if (!ok) fail(`expected a match for ${String(expected)}, got ${render(actual)}`);
    return;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date) || actual.getTime() !== expected.getTime())
      fail(`expected ${render(expected)}, got ${render(actual)}`);
    return;
  }
  if (ArrayBuffer.isView(expected)) {
    if (!ArrayBuffer.isView(actual) || !bytesEqual(actual, expected))
      fail(`expected ${render(expected)}, got ${render(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      fail(`expected an array, got ${render(actual)}`);
      return;
    }
    if (actual.length !== expected.length) {
      fail(`expected ${expected.length} items, got ${actual.length}: ${render(actual)}`);
      return;
    }
    expected.forEach((item, index) => {
      compare(actual[index], item, childPath(path, index), out);
    });
    return;
  }
  if (isPlainObject(expected)) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) {
      fail(`expected an object, got ${render(actual)}`);
      return;
    }
    for (const [key, item] of Object.entries(expected)) {
      const child = childPath(path, key);
      if (!(key in actual) && item !== undefined) {
        out.push({ path: child, expected: item, actual: undefined, reason: `missing (expected ${render(item)})` });
        continue;
      }
      compare((actual as Record<string, unknown>)[key], item, child, out);
    }
    return;
  }
  if (!(actual === expected || (Number.isNaN(actual) && Number.isNaN(expected)))) {
    fail(`expected ${render(expected)}, got ${render(actual)}`);
  }
}

function bytesEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const left = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const right = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

/** A short single-line rendering for mismatch descriptions (probity's own, cut shorter). */
function render(value: unknown): string {
  return describeValue(value, 120);
}
