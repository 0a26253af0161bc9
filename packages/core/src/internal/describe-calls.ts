/**
 * @module internal/describe-calls
 * Renders recorded method calls for timeout messages.
 * @internal
 */
import { describeValue } from "../errors.js";

/** The parts of a call record a message needs. @internal */
export interface DescribableCall {
  readonly type: "pending" | "returned" | "threw";
  readonly index: number;
  readonly args: readonly unknown[];
  readonly result?: unknown;
  readonly error?: unknown;
}

/** One line per call: `#2 ("order-1", {"id":1}) returned true`. @internal */
export function describeCall(call: DescribableCall): string {
  const args = call.args.map((arg) => describeValue(arg, 60)).join(", ");
  const outcome =
    call.type === "returned"
      ? `returned ${describeValue(call.result, 60)}`
      : call.type === "threw"
        ? `threw ${describeValue(call.error, 80)}`
        : "still running";
  return `#${call.index} (${args}) ${outcome}`;
}

/** Lists the last `max` calls, one per indented line, saying how many earlier ones were left out. @internal */
export function describeCalls(calls: readonly DescribableCall[], max = 5): string {
  const shown = calls.slice(-max).map((call) => `\n  ${describeCall(call)}`);
  const hidden = calls.length - shown.length;
  return `${hidden > 0 ? `\n  … ${hidden} earlier` : ""}${shown.join("")}`;
}

/** A short rendering of a predicate's source for messages: `(call) => call.args[0] === 2`. @internal */
export function describePredicate(predicate: (...args: never[]) => unknown): string {
  const source = String(predicate).replace(/\s+/g, " ").trim();
  return source.length > 80 ? `${source.slice(0, 79)}…` : source;
}

/** `1 call`, `2 calls`. @internal */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
