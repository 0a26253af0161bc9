/**
 * @module method-barrier
 * `methodBarrier`: the seed article's `MethodBarrier` — a semaphore released each time a method finishes,
 * that also fails when the method failed.
 */
import type { LockWaitOptions } from "./lock-wait-options.js";
import type { MethodKey } from "./method-call.js";
import { type MethodProbe, type ProbeMethodOptions, probeMethod } from "./method-probe.js";

/** Options for {@link methodBarrier}; the same as for `probeMethod`. */
export type MethodBarrierOptions = ProbeMethodOptions;

/** A barrier on one method, created by {@link methodBarrier}. */
export interface MethodBarrier extends Disposable {
  /** The name used in messages, e.g. `Consumer.consume`. */
  readonly name: string;
  /**
   * Resolves once the method has finished one more call than earlier traversals consumed — calls that
   * finished before `traverse()` count — and rejects with the method's own error if that call threw.
   *
   * @throws BusinessLockTimeoutError when no call finishes within `timeout`.
   * @throws the method's own error (unchanged) when the call threw or its promise rejected.
   */
  traverse(options?: LockWaitOptions): Promise<void>;
  /** Puts the original method back (idempotent). */
  restore(): void;
}

/**
 * Places a barrier on `target[methodName]`: each finished call lets one `traverse()` through. Use it
 * to say "the consumer ran and did not fail" without looking at arguments or results; use
 * `probeMethod` when you need those.
 *
 * @throws TypeError when the method is missing, not a function, a getter/setter or cannot be replaced.
 * @example
 * ```ts
 * using barrier = methodBarrier(consumer, "consume");
 * await bus.publish("orders", order);
 * await barrier.traverse({ timeout: 5_000 }); // rejects with consume's own error if it threw
 * ```
 */
export function methodBarrier<T extends object, K extends MethodKey<T>>(
  target: T,
  methodName: K,
  options: MethodBarrierOptions = {},
): MethodBarrier {
  const probe: MethodProbe = probeMethod(target, methodName, options) as unknown as MethodProbe;
  return {
    name: probe.name,
    async traverse(waitOptions) {
      await probe.nextReturn(waitOptions);
    },
    restore: () => probe.restore(),
    [Symbol.dispose]: () => probe.restore(),
  };
}
