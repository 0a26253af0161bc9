/**
 * @module event-source
 * The one normalisation of "something that emits named events" used by `waitForEvent` and
 * `probeUntil({ wakeOn })`: a Node `EventEmitter` (`on` + `off`/`removeListener`) or a DOM `EventTarget`.
 */
import { describeValue } from "./describe-value.js";

/** The part of a DOM `EventTarget` probity uses. */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** The part of a Node `EventEmitter` probity uses (`off` or `removeListener` suffices). */
export interface EventEmitterLike {
  on(name: string | symbol, listener: (...args: unknown[]) => void): unknown;
  off?(name: string | symbol, listener: (...args: unknown[]) => void): unknown;
  removeListener?(name: string | symbol, listener: (...args: unknown[]) => void): unknown;
}

/** @internal */
export function isEventTarget(value: unknown): value is EventTargetLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<EventTargetLike>).addEventListener === "function" &&
    typeof (value as Partial<EventTargetLike>).removeEventListener === "function"
  );
}

/** @internal */
export function isEventEmitter(value: unknown): value is EventEmitterLike {
  if (typeof value !== "object" || value === null) return false;
  const emitter = value as Partial<EventEmitterLike>;
  return (
    typeof emitter.on === "function" &&
    (typeof emitter.off === "function" || typeof emitter.removeListener === "function")
  );
}

/** A subscription function over one event source: adds `listener` for `name`, returns its removal. @internal */
export type Listen = (name: string | symbol, listener: (...args: unknown[]) => void) => () => void;

/**
 * Normalises an EventEmitter or EventTarget to one {@link Listen} function, or throws a `TypeError`
 * naming the option `optionName`. EventTarget listeners receive the `Event` as their only argument.
 * @internal
 */
export function eventSource(
  optionName: string,
  source: unknown,
): { kind: "EventTarget" | "EventEmitter"; listen: Listen } {
  if (isEventTarget(source)) {
    return {
      kind: "EventTarget",
      listen(name, listener) {
        const type = String(name);
        source.addEventListener(type, listener);
        return () => source.removeEventListener(type, listener);
      },
    };
  }
  if (isEventEmitter(source)) {
    return {
      kind: "EventEmitter",
      listen(name, listener) {
        source.on(name, listener);
        return () => (source.off ?? source.removeListener)?.call(source, name, listener);
      },
    };
  }
  throw new TypeError(
    `Expected \`${optionName}\` to be an EventEmitter (on/off) or an EventTarget (addEventListener), got ${describeValue(source, 60)}`,
  );
}
