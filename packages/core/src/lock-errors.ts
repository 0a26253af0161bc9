/**
 * @module lock-errors
 * The error every business lock rejects with when its deadline passes.
 */
import { ProbityError } from "./errors.js";

/** What a {@link BusinessLockTimeoutError} reports besides its message. */
export interface BusinessLockTimeoutDetails {
  /** What was awaited, e.g. `Consumer.consume`, `latch`, `event "ready"`. */
  lock: string;
  /** The deadline that passed, in milliseconds, after scaling. */
  timeout: number;
  /** How long the wait actually lasted, in milliseconds, on the lock's clock. */
  elapsedMs: number;
  /** How many relevant things did happen while waiting (finished calls, events, count-downs). */
  observed: number;
}

/**
 * Thrown (as a rejection) when a business lock — a method probe, a barrier, a latch, a deferred or an
 * event wait — is not released before its `timeout`. The message names the lock, how long it waited
 * and what did happen instead (for a method: how many calls finished and why they did not match).
 *
 * @example
 * ```ts
 * try {
 *   await consume.nextCall({ timeout: 1_000 });
 * } catch (error) {
 *   if (error instanceof BusinessLockTimeoutError) console.log(error.lock, error.observed);
 * }
 * ```
 */
export class BusinessLockTimeoutError extends ProbityError {
  /** What was awaited, e.g. `Consumer.consume`. */
  readonly lock: string;
  /** The deadline that passed, in milliseconds, after scaling. */
  readonly timeout: number;
  /** How long the wait lasted, in milliseconds. */
  readonly elapsedMs: number;
  /** How many relevant things did happen while waiting. */
  readonly observed: number;

  constructor(message: string, details: BusinessLockTimeoutDetails) {
    super(message, "ERR_BUSINESS_LOCK_TIMEOUT");
    this.name = "BusinessLockTimeoutError";
    this.lock = details.lock;
    this.timeout = details.timeout;
    this.elapsedMs = details.elapsedMs;
    this.observed = details.observed;
  }
}
