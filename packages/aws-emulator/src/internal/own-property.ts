/**
 * @module internal/own-property
 * Writes a property as an own data property, even when its name is `__proto__`. Plain assignment
 * `object["__proto__"] = value` changes the object's prototype instead (a message attribute or map key
 * named `__proto__` would vanish, or graft the value's members onto the object); `defineProperty` does not.
 * @internal
 */

/**
 * Sets `target[key] = value` as an own, enumerable, writable property.
 * @example
 * ```ts
 * const map: Record<string, string> = {};
 * setOwn(map, "__proto__", "x"); // Object.keys(map) -> ["__proto__"], Object.prototype untouched
 * ```
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
