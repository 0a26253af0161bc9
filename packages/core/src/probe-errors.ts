/**
 * @module probe-errors
 * The errors probes reject with. Both say what was seen (alias, elapsed time, attempts, the last error
 * as `cause`), and both carry the stack of the line that called the probe, not of a timer callback.
 * A caller's abort is not wrapped: the probe rejects with `signal.reason` itself (an `AbortError`
 * DOMException unless the caller chose another reason).
 */
import { describeValue } from "./describe-value.js";
import { ProbityError } from "./errors.js";

/** One distinct failure message and how many attempts failed with it. */
export interface ProbeErrorCount {
  /** `error.message` of the failed attempts (`name: message` when the name is not plain `Error`). */
  readonly message: string;
  /** How many attempts failed with this message. */
  readonly count: number;
}

/** The fields of a {@link ProbeTimeoutError}, as its constructor takes them. */
export interface ProbeTimeoutDetails {
  alias: string | undefined;
  elapsedMs: number;
  attempts: number;
  lastValue: unknown;
  lastError: Error | undefined;
  errors: readonly ProbeErrorCount[];
  /** Extra sentences for the message (an attempt still running, a hold that did not last…). */
  notes: readonly string[];
}

/** Renders how to name a probe in a message. @internal */
export function subject(alias: string | undefined): string {
  return alias === undefined ? "probe" : `probe "${alias}"`;
}

/** `name: message` for non-plain errors, so `TypeError`s stand out. @internal */
export function errorText(error: Error): string {
  return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
}

/** Marks an error whose repetition reads better as "… 31 times" (see {@link until}). @internal */
export const COUNTED_ERROR = Symbol.for("probity.countedError");

function renderLastError(error: Error, count: number): string {
  const text = errorText(error);
  if ((error as Error & { [COUNTED_ERROR]?: boolean })[COUNTED_ERROR]) {
    return `${text} ${count} time${count === 1 ? "" : "s"}`;
  }
  return count > 1 ? `last error (seen ${count} times): ${text}` : `last error: ${text}`;
}

/**
 * `probeUntil` did not see the condition in time. The message names the alias, the elapsed time, the
 * number of attempts and the last error; when an assertion error was last (vitest, chai, `node:assert`),
 * its `expected`/`actual` are copied here so the test runner prints a diff.
 *
 * @example
 * ```ts
 * try {
 *   await probeUntil(() => expect(queue.size).toBe(1), { alias: "one event queued" });
 * } catch (error) {
 *   if (error instanceof ProbeTimeoutError) console.log(error.attempts, error.errors);
 * }
 * ```
 */
export class ProbeTimeoutError extends ProbityError {
  /** The probe's alias, if it was given one. */
  readonly alias: string | undefined;
  /** Milliseconds from the call to the deadline. */
  readonly elapsedMs: number;
  /** How many attempts started. */
  readonly attempts: number;
  /** The last value a successful attempt returned (`holdFor`), otherwise `undefined`. */
  readonly lastValue: unknown;
  /** Distinct failure messages with their counts, most frequent first. */
  readonly errors: readonly ProbeErrorCount[];
  /** Copied from the last error when it carries one (assertion errors), so runners show a diff. */
  readonly expected?: unknown;
  /** Copied from the last error when it carries one (assertion errors), so runners show a diff. */
  readonly actual?: unknown;
  /** Copied from the last error when it carries one. */
  readonly showDiff?: boolean;

  constructor(details: ProbeTimeoutDetails) {
    const lastCount = details.lastError
      ? (details.errors.find((entry) => entry.message === errorText(details.lastError as Error))?.count ?? 1)
      : 0;
    const parts = [
      `${subject(details.alias)} timed out after ${Math.round(details.elapsedMs)} ms and ${details.attempts} attempt${details.attempts === 1 ? "" : "s"}`,
    ];
    if (details.lastError) parts.push(renderLastError(details.lastError, lastCount));
    else if (details.attempts === 0) parts.push("no attempt ran");
    parts.push(...details.notes);
    let message = parts.join("; ");
    if (details.errors.length > 1) {
      const lines = details.errors.slice(0, 10).map((entry) => `  ${entry.count} × ${entry.message}`);
      if (details.errors.length > 10) lines.push(`  … and ${details.errors.length - 10} more`);
      message += `\ndistinct errors:\n${lines.join("\n")}`;
    }
    super(message, "ERR_PROBE_TIMEOUT", details.lastError ? { cause: details.lastError } : {});
    this.name = "ProbeTimeoutError";
    this.alias = details.alias;
    this.elapsedMs = details.elapsedMs;
    this.attempts = details.attempts;
    this.lastValue = details.lastValue;
    this.errors = details.errors;
    const last = details.lastError as
      | (Error & { expected?: unknown; actual?: unknown; showDiff?: unknown })
      | undefined;
    if (last && "expected" in last && "actual" in last) {
      this.expected = last.expected;
      this.actual = last.actual;
      if (typeof last.showDiff === "boolean") this.showDiff = last.showDiff;
    }
  }
}

/** Why a {@link ProbeFailedError} was raised. */
export type ProbeFailedReason = "failed" | "fail-fast" | "too-early";

/** The fields of a {@link ProbeFailedError}, as its constructor takes them. */
export interface ProbeFailedDetails {
  alias: string | undefined;
  elapsedMs: number;
  attempt: number;
  reason: ProbeFailedReason;
  cause?: unknown;
  /** Replaces the generated message tail (after the subject). */
  detail?: string;
}

/**
 * A probe stopped before its deadline: `probeDuring` saw a failing attempt (`reason: "failed"`),
 * `probeUntil`'s `failFast` accepted an error (`"fail-fast"`), or its `atLeast` was violated
 * (`"too-early"`). `cause` is the attempt's error, when there is one.
 *
 * @example
 * ```ts
 * await expect(probeDuring(() => expect(queue.size).toBe(0), { duration: 500 }))
 *   .rejects.toBeInstanceOf(ProbeFailedError);
 * ```
 */
export class ProbeFailedError extends ProbityError {
  /** The probe's alias, if it was given one. */
  readonly alias: string | undefined;
  /** Milliseconds from the call to the failure. */
  readonly elapsedMs: number;
  /** The number of the attempt that failed (1-based). */
  readonly attempt: number;
  /** Why the probe stopped. */
  readonly reason: ProbeFailedReason;

  constructor(details: ProbeFailedDetails) {
    const cause = details.cause instanceof Error ? errorText(details.cause) : describeValue(details.cause);
    const tail =
      details.detail ??
      `${details.reason === "fail-fast" ? "failed fast" : "failed"} at attempt ${details.attempt} after ${Math.round(details.elapsedMs)} ms: ${cause}`;
    super(`${subject(details.alias)} ${tail}`, "ERR_PROBE_FAILED", "cause" in details ? { cause: details.cause } : {});
    this.name = "ProbeFailedError";
    this.alias = details.alias;
    this.elapsedMs = details.elapsedMs;
    this.attempt = details.attempt;
    this.reason = details.reason;
  }
}

/**
 * Creates an error whose `stack` starts with its own message and continues with the frames of a call
 * site captured earlier (see {@link captureCallSite}). The error captures no frames of its own, and the
 * stack is rendered on first read: formatting frames (source maps, `prepareStackTrace` hooks) is the
 * slow part, and a probe should reject at its deadline, not after rendering a stack nobody may read.
 * @internal
 */
export function atCallSite<E extends Error>(create: () => E, callSite: { stack?: string }): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let error: E;
  try {
    error = create();
  } finally {
    Error.stackTraceLimit = limit;
  }
  let stack: string | undefined;
  Object.defineProperty(error, "stack", {
    configurable: true,
    enumerable: false,
    get() {
      if (stack === undefined) {
        const frames = callSite.stack?.split("\n").slice(1).join("\n");
        stack = `${error.name}: ${error.message}${frames ? `\n${frames}` : ""}`;
      }
      return stack;
    },
    set(value: string) {
      stack = value;
    },
  });
  return error;
}

/**
 * Captures the stack of whoever called `fn`, cheaply, before any asynchronous work starts.
 * @internal
 */
export function captureCallSite(fn: (...args: never[]) => unknown): { stack?: string } {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  return holder;
}
