/**
 * @module until
 * `until(predicate)`: turn a boolean condition into a probe, with a readable failure.
 */
import { isThenable, type Probe, type ProbeContext } from "./probe.js";
import { COUNTED_ERROR } from "./probe-errors.js";

/** A truthy-or-falsy check, sync or async. */
export type Predicate<T> = (context: ProbeContext) => T | PromiseLike<T>;

function falseError(description: string): Error {
  const error = new Error(`${description} was false`);
  Object.defineProperty(error, COUNTED_ERROR, { value: true });
  return error;
}

/**
 * Wraps a predicate as a probe that fails while the predicate returns (or resolves to) a falsy value and
 * succeeds with the truthy value. On timeout the message reads like
 * `probe "order stored" timed out after 3000 ms and 31 attempts; condition was false 31 times`.
 *
 * @param predicate - the condition; its truthy result becomes the probe's value.
 * @param description - what to call the condition in messages.
 * @default description "condition"
 * @example
 * ```ts
 * const order = await probeUntil(until(() => orders.get(id)), { alias: "order stored" });
 * ```
 */
export function until<T>(predicate: Predicate<T>, description = "condition"): Probe<Awaited<T>> {
  if (typeof predicate !== "function") {
    throw new TypeError(`Expected \`predicate\` to be a function, got ${typeof predicate}`);
  }
  const check = (value: Awaited<T>): Awaited<T> => {
    if (!value) throw falseError(description);
    return value;
  };
  return (context) => {
    const result = predicate(context);
    return isThenable(result) ? (result as PromiseLike<Awaited<T>>).then(check) : check(result as Awaited<T>);
  };
}
