/**
 * @module errors
 * The root of every error probity throws. Each subclass has a fixed `name`, a stable `code` and,
 * where one exists, the underlying error as `cause`.
 */

import { describeValue } from "./describe-value.js";

/** Options accepted by every {@link ProbityError} constructor. */
export interface ProbityErrorOptions {
  /** The error that led to this one. */
  cause?: unknown;
}

/**
 * Base class of all probity errors; `instanceof ProbityError` catches any of them.
 *
 * @example
 * ```ts
 * try { await probeUntil(check); } catch (error) {
 *   if (error instanceof ProbityError) console.log(error.code);
 * }
 * ```
 */
export class ProbityError extends Error {
  /** A stable, machine-readable identifier such as `ERR_PROBE_TIMEOUT`. */
  readonly code: string;

  constructor(message: string, code: string, options: ProbityErrorOptions = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "ProbityError";
    this.code = code;
  }
}

/**
 * Turns anything thrown into an `Error`, so callers can always read `.message`.
 * @internal
 */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  const error = new Error(`Non-error was thrown: ${describeValue(value)}`);
  (error as Error & { thrown: unknown }).thrown = value;
  return error;
}
