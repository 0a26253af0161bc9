/**
 * @module method-probe
 * `probeMethod`: wrap a real method, record every call as it starts and as it finishes, and let a test
 * await the next finished call — the business lock of the seed article's `MethodProbe`.
 */
import type { Clock } from "./clock.js";
import { getConfiguration } from "./configure.js";
import { type DescribableCall, describeMethodTimeout } from "./internal/describe-calls.js";
import { type AnyFunction, type MethodPatch, patchMethod } from "./internal/method-patch.js";
import { type Settle, timedWait } from "./internal/timed-wait.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";
import { type LockWaitOptions, resolveLockWaitOptions } from "./lock-wait-options.js";
import type {
  FinishedMethodCall,
  MethodArgs,
  MethodCall,
  MethodKey,
  MethodResult,
  PendingMethodCall,
} from "./method-call.js";

/** Options for {@link probeMethod}. */
export interface ProbeMethodOptions {
  /**
   * The name used in timeout errors.
   * @default derived from the target: `Consumer.consume`, `Consumer.prototype.consume`, or the method name
   */
  alias?: string;
  /**
   * The time source for `startedAt`, `durationMs` and timeouts.
   * @default getConfiguration().clock
   */
  clock?: Clock;
}

/** Options for {@link MethodProbe.nextCall} and {@link MethodProbe.nextReturn}. */
export interface NextCallOptions<A extends readonly unknown[] = unknown[], R = unknown> extends LockWaitOptions {
  /**
   * Only a finished call for which this returns `true` releases the wait; other calls stay available to
   * later waits. If it throws, the wait rejects with that error.
   * @default every call matches
   */
  where?: (call: FinishedMethodCall<A, R>) => boolean;
}

/** Options for {@link MethodProbe.called}. */
export interface CalledOptions<A extends readonly unknown[] = unknown[], R = unknown> extends NextCallOptions<A, R> {
  /**
   * How many finished (matching) calls to wait for, counting calls that finished before the wait.
   * @default 1
   */
  times?: number;
}

/**
 * A probe on one method, created by {@link probeMethod}.
 *
 * @typeParam A - the method's parameter tuple.
 * @typeParam R - what a call settles with (the awaited return type).
 */
export interface MethodProbe<A extends readonly unknown[] = unknown[], R = unknown> extends Disposable {
  /** The name used in messages, e.g. `Consumer.consume`. */
  readonly name: string;
  /** Every call in start order, pending ones included (a snapshot). */
  readonly calls: readonly MethodCall<A, R>[];
  /** How many calls have started. */
  readonly callCount: number;
  /** The call that finished most recently, or `undefined`. */
  readonly lastCall: FinishedMethodCall<A, R> | undefined;
  /** `true` once {@link MethodProbe.restore} has run. */
  readonly restored: boolean;
  /**
   * Resolves with the earliest finished call not yet taken by another `nextCall`/`nextReturn`, waiting
   * for one if needed. Calls that finished before this was called count: nothing is lost between the
   * act and the await. Each call is handed out once.
   *
   * @throws BusinessLockTimeoutError when no (matching) call finishes within `timeout`.
   */
  nextCall(options?: NextCallOptions<A, R>): Promise<FinishedMethodCall<A, R>>;
  /**
   * Like {@link MethodProbe.nextCall}, but resolves with the call's result and rejects with the
   * method's own error if that call threw.
   */
  nextReturn(options?: NextCallOptions<A, R>): Promise<R>;
  /**
   * Waits until at least `times` calls (matching `where`) have finished in total, then resolves with
   * all of them. Does not take calls away from `nextCall`.
   *
   * @throws BusinessLockTimeoutError when fewer have finished within `timeout`.
   */
  called(options?: CalledOptions<A, R>): Promise<readonly FinishedMethodCall<A, R>[]>;
  /** Puts the original method back; later calls are not recorded. Idempotent. */
  restore(): void;
}

interface CallWaiter {
  readonly where: ((call: FinishedMethodCall) => boolean) | undefined;
  readonly settle: Settle<FinishedMethodCall>;
}

class MethodProbeImpl implements MethodProbe {
  readonly #patch: MethodPatch;
  readonly #clock: Clock;
  readonly #calls: MethodCall[] = [];
  readonly #finished: FinishedMethodCall[] = [];
  readonly #taken = new WeakSet<FinishedMethodCall>();
  readonly #waiters: CallWaiter[] = [];
  readonly #watchers = new Set<() => void>();

  constructor(target: unknown, key: PropertyKey, options: ProbeMethodOptions) {
    this.#clock = options.clock ?? getConfiguration().clock;
    this.#patch = patchMethod(
      target,
      key,
      (original, thisArg, args, newTarget) => this.#invoke(original, thisArg, args, newTarget),
      options.alias,
    );
  }

  get name(): string {
    return this.#patch.label;
  }

  get calls(): readonly MethodCall[] {
    return [...this.#calls];
  }

  get callCount(): number {
    return this.#calls.length;
  }

  get lastCall(): FinishedMethodCall | undefined {
    return this.#finished.at(-1);
  }

  get restored(): boolean {
    return !this.#patch.active;
  }

  #invoke(original: AnyFunction, thisArg: unknown, args: unknown[], newTarget: unknown): unknown {
    const pending: PendingMethodCall = Object.freeze({
      type: "pending",
      index: this.#calls.length,
      args,
      this: thisArg,
      startedAt: this.#clock.now(),
    });
    this.#calls.push(pending);
    let value: unknown;
    try {
      value =
        newTarget === undefined
          ? Reflect.apply(original, thisArg, args)
          : Reflect.construct(original, args, newTarget as AnyFunction);
    } catch (error) {
      this.#finish(pending, { type: "threw", error });
      throw error;
    }
    if (value instanceof Promise) {
      // Observe without changing what the caller gets: the same promise, rejections included. Both
      // handlers are given, so this derived promise never rejects unhandled.
      value.then(
        (result: unknown) => this.#finish(pending, { type: "returned", result }),
        (error: unknown) => this.#finish(pending, { type: "threw", error }),
      );
    } else {
      this.#finish(pending, { type: "returned", result: value });
    }
    return value;
  }

  #finish(
    pending: PendingMethodCall,
    outcome: { type: "returned"; result: unknown } | { type: "threw"; error: unknown },
  ) {
    const call = Object.freeze({ ...pending, ...outcome, durationMs: this.#clock.now() - pending.startedAt });
    this.#calls[pending.index] = call;
    this.#finished.push(call);
    for (const waiter of [...this.#waiters]) {
      let matches: boolean;
      try {
        matches = waiter.where === undefined || waiter.where(call);
      } catch (error) {
        waiter.settle.reject(error);
        continue;
      }
      if (matches) {
        this.#taken.add(call);
        waiter.settle.resolve(call);
        break;
      }
    }
    for (const watcher of [...this.#watchers]) watcher();
  }

  nextCall(options: NextCallOptions = {}): Promise<FinishedMethodCall> {
    const { timeout, signal } = resolveLockWaitOptions(options);
    const where = options.where;
    return timedWait<FinishedMethodCall>({
      timeout,
      signal,
      clock: this.#clock,
      subscribe: (settle) => {
        const available = this.#finished.find((call) => !this.#taken.has(call) && (where === undefined || where(call)));
        if (available !== undefined) {
          this.#taken.add(available);
          settle.resolve(available);
          return undefined;
        }
        const waiter: CallWaiter = { where, settle };
        this.#waiters.push(waiter);
        return () => {
          const position = this.#waiters.indexOf(waiter);
          if (position >= 0) this.#waiters.splice(position, 1);
        };
      },
      onTimeout: (elapsedMs) => this.#timeoutError(timeout, elapsedMs, where, undefined),
    });
  }

  async nextReturn(options: NextCallOptions = {}): Promise<unknown> {
    const call = await this.nextCall(options);
    if (call.type === "threw") throw call.error;
    return call.result;
  }

  called(options: CalledOptions = {}): Promise<readonly FinishedMethodCall[]> {
    const { timeout, signal } = resolveLockWaitOptions(options);
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new TypeError(`Expected \`times\` to be an integer >= 1, got ${String(times)}`);
    }
    const where = options.where;
    return timedWait<readonly FinishedMethodCall[]>({
      timeout,
      signal,
      clock: this.#clock,
      subscribe: (settle) => {
        const check = (): void => {
          try {
            const matching = where === undefined ? [...this.#finished] : this.#finished.filter(where);
            if (matching.length >= times) settle.resolve(matching);
          } catch (error) {
            settle.reject(error);
          }
        };
        check();
        this.#watchers.add(check);
        return () => this.#watchers.delete(check);
      },
      onTimeout: (elapsedMs) => this.#timeoutError(timeout, elapsedMs, where, times),
    });
  }

  #timeoutError(
    timeout: number,
    elapsedMs: number,
    where: CallWaiter["where"],
    times: number | undefined,
  ): BusinessLockTimeoutError {
    const message = describeMethodTimeout({
      name: this.name,
      timeout,
      calls: this.#calls,
      finished: this.#finished,
      available: (call) => !this.#taken.has(call as FinishedMethodCall),
      restored: this.restored,
      where: where as ((call: DescribableCall) => boolean) | undefined,
      times,
    });
    return new BusinessLockTimeoutError(message, {
      lock: this.name,
      timeout,
      elapsedMs,
      observed: this.#finished.length,
    });
  }

  restore(): void {
    this.#patch.restore();
  }

  [Symbol.dispose](): void {
    this.restore();
  }
}

/**
 * Wraps `target[methodName]` so every call still runs the original — same `this`, arguments, return
 * value and thrown error — and is recorded as it starts and as it finishes. Await
 * {@link MethodProbe.nextCall} to continue the moment the real method has done its work.
 *
 * An async method (one that returns a native `Promise`) finishes when that promise settles; the caller
 * receives the very same promise. Probe a prototype to observe every instance. `restore()` or `using`
 * puts the original back.
 *
 * @param target - an instance, a prototype, a class (static methods) or a plain object.
 * @param methodName - a key of `target` whose value is a function; its types flow into the call records.
 * @throws TypeError when the method is missing, not a function, a getter/setter or cannot be replaced.
 * @example
 * ```ts
 * using consume = probeMethod(consumer, "consume");
 * await bus.publish("orders", order);
 * const call = await consume.nextCall({ timeout: 5_000 });
 * expect(call.type).toBe("returned");
 * expect(call.args[0]).toEqual(order);
 * ```
 */
export function probeMethod<T extends object, K extends MethodKey<T>>(
  target: T,
  methodName: K,
  options: ProbeMethodOptions = {},
): MethodProbe<MethodArgs<T[K]>, MethodResult<T[K]>> {
  return new MethodProbeImpl(target, methodName, options) as unknown as MethodProbe<
    MethodArgs<T[K]>,
    MethodResult<T[K]>
  >;
}
