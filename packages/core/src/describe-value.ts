/**
 * @module describe-value
 * A short, single-line rendering of any value, the one probity's error messages and mismatch reports use.
 */

/**
 * Renders any value on one line for an error message or a mismatch report, cut to `maxLength`
 * characters (the last one then `…`). Strings are quoted; plain data is JSON; the values JSON would
 * lose or hide get their own form: `undefined`, `NaN`, `Infinity`, `12n`, `Symbol(x)`,
 * `[Function name]`, `TypeError: message`, `/re/g`, a `Date` as its ISO time (`Invalid Date`), a byte
 * array or other view as `Uint8Array(16)`. Never throws (cyclic values fall back to `String(value)`).
 *
 * @param value - anything.
 * @param maxLength - the longest result, in UTF-16 code units. @default 200
 * @returns the rendering, at most `maxLength` long.
 *
 * @example
 * ```ts
 * describeValue({ id: "1", n: 2 });         // '{"id":"1","n":2}'
 * describeValue("hi");                       // '"hi"'
 * describeValue(new Uint8Array(16));         // 'Uint8Array(16)'
 * describeValue(new TypeError("bad input")); // 'TypeError: bad input'
 * describeValue("x".repeat(300), 10);        // '"xxxxxxxx…'
 * ```
 */
export function describeValue(value: unknown, maxLength = 200): string {
  let text: string;
  if (typeof value === "string") text = JSON.stringify(value);
  else if (value === undefined) text = "undefined";
  else if (typeof value === "number" && !Number.isFinite(value)) text = String(value);
  else if (typeof value === "function") text = `[Function ${value.name || "anonymous"}]`;
  else if (typeof value === "bigint") text = `${value}n`;
  else if (typeof value === "symbol") text = value.toString();
  else if (value instanceof Error) text = `${value.name}: ${value.message}`;
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  else if (value instanceof RegExp) text = String(value);
  else if (ArrayBuffer.isView(value)) text = `${value.constructor.name}(${value.byteLength})`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
