/**
 * @module internal/describe-calls
 * Renders recorded method calls for timeout messages.
 * @internal
 */
import { describeValue } from "../describe-value.js";

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

/** What {@link describeMethodTimeout} needs to know about a probe. @internal */
export interface MethodTimeoutFacts {
  name: string;
  timeout: number;
  calls: readonly DescribableCall[];
  finished: readonly DescribableCall[];
  /** `false` for a finished call an earlier `nextCall` already took. */
  available(call: DescribableCall): boolean;
  restored: boolean;
  where: ((call: DescribableCall) => boolean) | undefined;
  /** Set for `called({ times })`, unset for `nextCall`. */
  times: number | undefined;
}

function safeMatch(where: (call: DescribableCall) => boolean, call: DescribableCall): boolean {
  try {
    return where(call);
  } catch {
    return false;
  }
}

/**
 * The message of a method probe's timeout: what was awaited, how many calls started and finished, and
 * for a `where` filter the recent calls that did not match. @internal
 */
export function describeMethodTimeout(facts: MethodTimeoutFacts): string {
  const { name, timeout, calls, finished, available, where, times } = facts;
  const filter = where === undefined ? "" : ` matching \`where\` ${describePredicate(where)}`;
  const wanted =
    times === undefined
      ? `the next call of ${name}${filter} to finish`
      : `${name} to finish ${plural(times, "call")}${filter}`;
  const seen: string[] = [];
  if (calls.length === 0) seen.push("it was never called");
  else {
    seen.push(`${plural(finished.length, "call")} finished`);
    const pending = calls.filter((call) => call.type === "pending").length;
    if (pending > 0) seen.push(`${pending} still running`);
  }
  if (facts.restored) seen.push("the probe was restored");
  let detail = "";
  if (where !== undefined) {
    const rejected = finished.filter((call) => available(call) && !safeMatch(where, call));
    if (rejected.length > 0) detail = `; these did not match:${describeCalls(rejected)}`;
  } else if (times === undefined && finished.length > 0 && !finished.some(available)) {
    detail = " (every one already taken by an earlier nextCall)";
  }
  return `Timed out after ${timeout} ms waiting for ${wanted}: ${seen.join(", ")}${detail}`;
}
