/**
 * @module wake-on
 * Sources of "something changed, look again" signals for `probeUntil({ wakeOn })`: an EventEmitter or
 * EventTarget event, an async iterable, or a `subscribe(callback) => unsubscribe` function. All are
 * normalised to one subscribe function.
 */
import { type EventEmitterLike, type EventTargetLike, eventSource } from "./event-source.js";

/** A named event on an EventEmitter or EventTarget. */
export interface EmitterWakeSource {
  /** The emitter or target to listen on. */
  emitter: EventEmitterLike | EventTargetLike;
  /** The event name. */
  event: string | symbol;
}

/** `subscribe(callback)` that returns its own unsubscribe function. */
export type SubscribeWakeSource = (callback: () => void) => () => void;

/**
 * Anything `wakeOn` accepts: each event (or item) triggers an immediate attempt.
 *
 * @example
 * ```ts
 * const wakeOn: WakeSource = { emitter: queue, event: "message" };
 * ```
 */
export type WakeSource = EmitterWakeSource | AsyncIterable<unknown> | SubscribeWakeSource;

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
  );
}

function subscribeToIterable(iterable: AsyncIterable<unknown>, callback: () => void): () => void {
  const iterator = iterable[Symbol.asyncIterator]();
  let stopped = false;
  const pump = async (): Promise<void> => {
    while (!stopped) {
      const next = await iterator.next();
      if (next.done || stopped) return;
      callback();
    }
  };
  pump().catch(() => {
    // A failing wake source only stops the wake-ups; the interval keeps polling.
  });
  return () => {
    stopped = true;
    iterator.return?.().catch(() => {});
  };
}

/**
 * Turns a {@link WakeSource} into a subscribe function, or throws a `TypeError` naming `name`.
 * @internal
 */
export function toSubscribe(name: string, source: unknown): SubscribeWakeSource {
  if (typeof source === "function") {
    return (callback) => {
      const unsubscribe: unknown = source(callback);
      if (typeof unsubscribe !== "function") {
        throw new TypeError(`Expected \`${name}\` subscribe function to return an unsubscribe function`);
      }
      return unsubscribe as () => void;
    };
  }
  if (isAsyncIterable(source)) return (callback) => subscribeToIterable(source, callback);
  if (typeof source === "object" && source !== null && "emitter" in source && "event" in source) {
    const { emitter, event } = source as EmitterWakeSource;
    const { listen } = eventSource(`${name}.emitter`, emitter);
    return (callback) => listen(event, () => callback());
  }
  throw new TypeError(
    `Expected \`${name}\` to be { emitter, event }, an async iterable or a subscribe function, got ${source === null ? "null" : typeof source}`,
  );
}
