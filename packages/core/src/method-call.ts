/**
 * @module method-call
 * The record of one call seen by a method probe — a discriminated union on `type` — and the type
 * helpers that carry a method's argument and result types into it.
 */

/** The keys of `T` whose values are functions: what {@link probeMethod} accepts as a method name. */
export type MethodKey<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never;
}[keyof T];

/** The parameter tuple of a method type. */
export type MethodArgs<F> = F extends (...args: infer A) => unknown ? A : never;

/** What a method's call settles with: its return value, awaited when it returns a promise. */
export type MethodResult<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

interface MethodCallBase<A extends readonly unknown[]> {
  /** Position in start order, from 0. */
  readonly index: number;
  /** The arguments, as passed. */
  readonly args: A;
  /** The receiver (`this`) of the call: the instance, for a probed prototype. */
  readonly this: unknown;
  /** `clock.now()` when the call started. */
  readonly startedAt: number;
}

/** A call that has started but not finished (an async method whose promise is still pending). */
export interface PendingMethodCall<A extends readonly unknown[] = unknown[]> extends MethodCallBase<A> {
  readonly type: "pending";
  readonly result?: undefined;
  readonly error?: undefined;
  readonly durationMs?: undefined;
}

/** A call that returned (for an async method: whose promise fulfilled). */
export interface ReturnedMethodCall<A extends readonly unknown[] = unknown[], R = unknown> extends MethodCallBase<A> {
  readonly type: "returned";
  /** The return value, or the fulfilment value of the returned promise. */
  readonly result: R;
  readonly error?: undefined;
  /** Milliseconds from start to return (or to fulfilment). */
  readonly durationMs: number;
}

/** A call that threw (for an async method: whose promise rejected). */
export interface ThrewMethodCall<A extends readonly unknown[] = unknown[]> extends MethodCallBase<A> {
  readonly type: "threw";
  readonly result?: undefined;
  /** The thrown value or rejection reason, unchanged. */
  readonly error: unknown;
  /** Milliseconds from start to throw (or to rejection). */
  readonly durationMs: number;
}

/** A call that has finished, either way. */
export type FinishedMethodCall<A extends readonly unknown[] = unknown[], R = unknown> =
  | ReturnedMethodCall<A, R>
  | ThrewMethodCall<A>;

/** One recorded call, discriminated on `type`. */
export type MethodCall<A extends readonly unknown[] = unknown[], R = unknown> =
  | PendingMethodCall<A>
  | FinishedMethodCall<A, R>;
