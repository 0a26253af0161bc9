/**
 * @module internal/method-patch
 * Replaces a method on an object with a wrapper and puts the original back, coping with prototypes,
 * inherited methods, double wrapping (by probity or by `vi.spyOn`) and restores in any order.
 * @internal
 */

/** Any callable, as stored on an object. @internal */
export type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Invokes the original method for one call; `newTarget` is set when the method was called with `new`. @internal */
export type Interceptor = (original: AnyFunction, thisArg: unknown, args: unknown[], newTarget: unknown) => unknown;

/** A method replaced by {@link patchMethod}. @internal */
export interface MethodPatch {
  /** A readable name such as `Consumer.consume` or `Consumer.prototype.consume`. */
  readonly label: string;
  /** `false` once restored. */
  readonly active: boolean;
  /** Puts the original back (idempotent). */
  restore(): void;
}

type SavedProperty = { own: true; descriptor: PropertyDescriptor } | { own: false };

interface WrapperState {
  active: boolean;
  readonly target: object;
  readonly key: PropertyKey;
  readonly saved: SavedProperty;
}

const wrappers = new WeakMap<object, WrapperState>();

/**
 * Describes `target[key]` for messages: `Consumer.consume` for an instance, `Consumer.prototype.consume`
 * for a prototype, `Consumer.create` for a static method, `consume` for a plain object.
 * @internal
 */
export function describeMethod(target: object, key: PropertyKey): string {
  const name = typeof key === "symbol" ? `[${key.toString()}]` : String(key);
  const dotted = typeof key === "symbol" ? name : `.${name}`;
  if (typeof target === "function") return `${target.name || "(anonymous class)"}${dotted}`;
  const ownConstructor: unknown = Object.hasOwn(target, "constructor")
    ? (target as { constructor: unknown }).constructor
    : undefined;
  if (typeof ownConstructor === "function" && ownConstructor.prototype === target && ownConstructor.name) {
    return `${ownConstructor.name}.prototype${dotted}`;
  }
  const inherited: unknown = (Object.getPrototypeOf(target) as { constructor?: unknown } | null)?.constructor;
  if (typeof inherited === "function" && inherited.name && inherited !== Object) return `${inherited.name}${dotted}`;
  return name;
}

function findProperty(target: object, key: PropertyKey): { descriptor: PropertyDescriptor; own: boolean } | undefined {
  for (let owner: object | null = target; owner !== null; owner = Object.getPrototypeOf(owner) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key);
    if (descriptor !== undefined) return { descriptor, own: owner === target };
  }
  return undefined;
}

function typeOfValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}

function install(target: object, key: PropertyKey, descriptor: PropertyDescriptor): void {
  const current = Object.getOwnPropertyDescriptor(target, key);
  if (current !== undefined && !current.configurable) {
    (target as Record<PropertyKey, unknown>)[key] = descriptor.value;
  } else {
    Object.defineProperty(target, key, descriptor);
  }
}

function putBack(state: WrapperState): void {
  let saved = state.saved;
  // If what we saved is itself a probity wrapper that was restored while we sat on top of it, skip past it.
  for (;;) {
    if (!saved.own) break;
    const inner = wrappers.get(saved.descriptor.value as object);
    if (inner === undefined || inner.active) break;
    saved = inner.saved;
  }
  if (saved.own) install(state.target, state.key, saved.descriptor);
  else delete (state.target as Record<PropertyKey, unknown>)[state.key];
}

/**
 * Replaces `target[key]` with a wrapper that sends every call through `intercept` while the patch is
 * active, and straight to the original once restored.
 *
 * @throws TypeError when `target` is not an object, the property is missing, an accessor, not a
 *   function, read-only, or the object cannot take a new property.
 * @internal
 */
export function patchMethod(target: unknown, key: PropertyKey, intercept: Interceptor, alias?: string): MethodPatch {
  if ((typeof target !== "object" && typeof target !== "function") || target === null) {
    throw new TypeError(`Cannot probe method ${String(key)}: the target is ${typeOfValue(target)}, not an object`);
  }
  const label = alias ?? describeMethod(target, key);
  const found = findProperty(target, key);
  if (found === undefined) throw new TypeError(`Cannot probe ${label}: there is no such method`);
  const { descriptor, own } = found;
  if (descriptor.get !== undefined || descriptor.set !== undefined) {
    throw new TypeError(`Cannot probe ${label}: it is a getter/setter (an accessor property), not a method`);
  }
  const original: unknown = descriptor.value;
  if (typeof original !== "function") {
    throw new TypeError(`Cannot probe ${label}: it is ${typeOfValue(original)}, not a function`);
  }
  if (own && !descriptor.configurable && !descriptor.writable) {
    throw new TypeError(`Cannot probe ${label}: the property is read-only (non-writable and non-configurable)`);
  }
  if (!own && !Object.isExtensible(target)) {
    throw new TypeError(`Cannot probe ${label}: the object is not extensible (frozen, sealed or preventExtensions)`);
  }
  const method = original as AnyFunction;
  const state: WrapperState = {
    active: true,
    target,
    key,
    saved: own ? { own: true, descriptor } : { own: false },
  };
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    // `new wrapper()` must build an instance of the original, not of the wrapper.
    const newTarget: unknown = new.target === wrapper ? method : new.target;
    if (state.active) return intercept(method, this, args, newTarget);
    return newTarget === undefined
      ? Reflect.apply(method, this, args)
      : Reflect.construct(method, args, newTarget as AnyFunction);
  };
  Object.defineProperty(wrapper, "name", { value: method.name, configurable: true });
  Object.defineProperty(wrapper, "length", { value: method.length, configurable: true });
  wrappers.set(wrapper, state);
  install(target, key, {
    value: wrapper,
    writable: own ? descriptor.writable : true,
    enumerable: descriptor.enumerable,
    configurable: own ? descriptor.configurable : true,
  });
  return {
    label,
    get active() {
      return state.active;
    },
    restore() {
      if (!state.active) return;
      state.active = false;
      const current = Object.getOwnPropertyDescriptor(target, key);
      // Someone (another probe, vi.spyOn) wrapped on top of us: stay in place as a pass-through.
      if (current?.value === wrapper) putBack(state);
    },
  };
}
