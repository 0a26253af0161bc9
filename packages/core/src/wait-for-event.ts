/**
 * @module wait-for-event
 * `waitForEvent`: await one event from a Node `EventEmitter` or a DOM `EventTarget`, with a filter, a
 * deadline and an abort signal, removing its listeners on every path.
 */
import type { Clock } from "./clock.js";
import { getConfiguration } from "./configure.js";
import { describeValue } from "./describe-value.js";
import { type EventEmitterLike, type EventTargetLike, eventSource } from "./event-source.js";
import { describePredicate, plural } from "./internal/describe-calls.js";
import { timedWait } from "./internal/timed-wait.js";
import { assertOptionalFunction } from "./internal/validate.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";
import { type LockWaitOptions, resolveLockWaitOptions } from "./lock-wait-options.js";

/**
 * Options for {@link waitForEvent}.
 *
 * @typeParam E - what the wait resolves with: the argument array for an EventEmitter, the `Event` for an EventTarget.
 */
export interface WaitForEventOptions<E> extends LockWaitOptions {
  /**
   * Only an event for which this returns `true` releases the wait. If it throws, the wait rejects with
   * that error.
   * @default every event matches
   */
  filter?: (event: E) => boolean;
  /**
   * The time source for the timeout.
   * @default getConfiguration().clock
   */
  clock?: Clock;
}

function describeEvent(event: unknown): string {
  if (!(event instanceof Event)) return describeValue(event, 120);
  const detail = event instanceof CustomEvent ? ` detail=${describeValue(event.detail, 100)}` : "";
  return `${event.constructor.name} ${JSON.stringify(event.type)}${detail}`;
}

/**
 * Waits for the event `name` on a DOM `EventTarget`; resolves with the `Event` object.
 *
 * @throws BusinessLockTimeoutError when no (matching) event arrives within `timeout`.
 * @example
 * ```ts
 * const message = await waitForEvent<MessageEvent>(port, "message", { timeout: 1_000 });
 * ```
 */
export function waitForEvent<E extends Event = Event>(
  target: EventTargetLike,
  name: string,
  options?: WaitForEventOptions<E>,
): Promise<E>;
/**
 * Waits for the event `name` on a Node `EventEmitter`; resolves with the listener's argument array.
 * An `error` event rejects with its first argument, unless `name` is `"error"`.
 *
 * @typeParam A - the event's argument tuple.
 * @throws BusinessLockTimeoutError when no (matching) event arrives within `timeout`.
 * @throws the error emitted as an `error` event.
 * @example
 * ```ts
 * const [order] = await waitForEvent<[Order]>(bus, "order", { filter: ([o]) => o.id === id });
 * ```
 */
export function waitForEvent<A extends unknown[] = unknown[]>(
  emitter: EventEmitterLike,
  name: string | symbol,
  options?: WaitForEventOptions<A>,
): Promise<A>;
export function waitForEvent(
  source: EventTargetLike | EventEmitterLike,
  name: string | symbol,
  options: WaitForEventOptions<unknown> = {},
): Promise<unknown> {
  const { timeout, signal } = resolveLockWaitOptions(options);
  assertOptionalFunction("filter", options.filter);
  const { kind, listen: on } = eventSource("emitter", source);
  const filter = options.filter;
  const label = `event ${describeValue(typeof name === "symbol" ? name : String(name))} on ${kind}`;
  let skipped = 0;
  let lastSkipped: unknown;
  return timedWait<unknown>({
    timeout,
    signal,
    clock: options.clock ?? getConfiguration().clock,
    subscribe(settle) {
      const offEvent = on(name, (...args: unknown[]) => {
        const event = kind === "EventTarget" ? args[0] : args;
        try {
          if (filter === undefined || filter(event)) {
            settle.resolve(event);
            return;
          }
        } catch (error) {
          settle.reject(error);
          return;
        }
        skipped += 1;
        lastSkipped = event;
      });
      if (kind === "EventTarget" || name === "error") return offEvent;
      const offError = on("error", (error: unknown) => settle.reject(error));
      return () => {
        offEvent();
        offError();
      };
    },
    onTimeout(elapsedMs) {
      const seen =
        skipped === 0
          ? "it was never emitted"
          : `${plural(skipped, "event")} did not match \`filter\` ${filter === undefined ? "" : describePredicate(filter)} (last: ${describeEvent(lastSkipped)})`;
      return new BusinessLockTimeoutError(`Timed out after ${timeout} ms waiting for ${label}: ${seen}`, {
        lock: label,
        timeout,
        elapsedMs,
        observed: skipped,
      });
    },
  });
}
