/**
 * @module wake-on
 * Sources of "something changed, look again" signals for `probeUntil({ wakeOn })`: an EventEmitter or
 * EventTarget event, an async iterable, or a `subscribe(callback) => unsubscribe` function. All are
 * normalised to one subscribe function.
 */

/** The part of Node's `EventEmitter` that `wakeOn` uses. */
export interface EventEmitterLike {
  on(event: string | symbol, listener: (...args: unknown[]) => void): unknown;
  off(event: string | symbol, listener: (...args: unknown[]) => void): unknown;
}

/** The part of the DOM `EventTarget` that `wakeOn` uses. */
export interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

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

function isEventTarget(value: unknown): value is EventTargetLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as EventTargetLike).addEventListener === "function" &&
    typeof (value as EventTargetLike).removeEventListener === "function"
  );
}

function isEventEmitter(value: unknown): value is EventEmitterLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as EventEmitterLike).on === "function" &&
    typeof (value as EventEmitterLike).off === "function"
  );
}

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
    if (isEventTarget(emitter)) {
      const type = String(event);
      return (callback) => {
        const listener = () => callback();
        emitter.addEventListener(type, listener);
        return () => emitter.removeEventListener(type, listener);
      };
    }
    if (isEventEmitter(emitter)) {
      return (callback) => {
        const listener = () => callback();
        emitter.on(event, listener);
        return () => emitter.off(event, listener);
      };
    }
    throw new TypeError(`Expected \`${name}.emitter\` to be an EventEmitter or EventTarget`);
  }
  throw new TypeError(
    `Expected \`${name}\` to be { emitter, event }, an async iterable or a subscribe function, got ${source === null ? "null" : typeof source}`,
  );
}
