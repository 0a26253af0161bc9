/**
 * @module python-json
 * JSON exactly as Python's `json.dumps` writes it with its defaults (`", "` and `": "` separators,
 * `ensure_ascii=True`, `allow_nan=True`, floats as `repr`), and a reader that also accepts the
 * `NaN`/`Infinity` tokens Python emits. tomodachi's envelopes are built this way, so matching it byte
 * for byte lets a TypeScript test publish messages indistinguishable from a Python service's.
 *
 * JavaScript has one number type where Python has `int` and `float`; the mapping is:
 * - a safe integer (`Number.isSafeInteger`) is written as a Python `int` (`5`);
 * - any other number is written as a Python `float` repr (`2.5`, `1e+16`, `1e-05`, `NaN`, `-0.0`);
 * - a `bigint` is written as an exact `int`;
 * - wrap a number with {@link pythonFloat} to force `float` (`pythonFloat(5)` is written `5.0`).
 *
 * Object keys are written in JavaScript's property order, in which integer-like keys (`"1"`, `"2"`)
 * come first; everything else keeps insertion order, like a Python `dict`.
 */

/**
 * A number that {@link pythonJsonDumps} writes as a Python `float`, even when it is integral.
 * `JSON.stringify` still sees a plain number (through `toJSON`).
 *
 * @example
 * ```ts
 * pythonJsonDumps({ price: pythonFloat(10) }); // '{"price": 10.0}'
 * ```
 */
export class PythonFloat {
  /** The wrapped number. */
  readonly value: number;

  constructor(value: number) {
    if (typeof value !== "number") throw new TypeError(`PythonFloat expects a number, got ${typeof value}`);
    this.value = value;
  }

  /** Lets `JSON.stringify` write the plain number. */
  toJSON(): number {
    return this.value;
  }
}

/**
 * Marks `value` to be written as a Python `float` by {@link pythonJsonDumps}.
 *
 * @example
 * ```ts
 * pythonJsonDumps([pythonFloat(1), 1]); // '[1.0, 1]'
 * ```
 */
export function pythonFloat(value: number): PythonFloat {
  return new PythonFloat(value);
}

/**
 * Renders a number as Python's `repr(float)`: the shortest digits that round-trip, positional when
 * the decimal exponent is in [-4, 16), scientific otherwise (`1e+16`, `1.5e-07`), `.0` on integral
 * values, and `NaN`, `Infinity`, `-Infinity` as `json.dumps` writes them.
 *
 * @example
 * ```ts
 * formatPythonFloat(1e16); // "1e+16"
 * formatPythonFloat(3);    // "3.0"
 * ```
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const { digits, exponent } = shortestDigits(Math.abs(value));
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponentText = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${exponentText}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/**
 * The shortest round-trip significant digits of a positive finite number and its decimal exponent
 * (value = d.ddd × 10^exponent), read from `Number#toString`, which the spec pins to the closest
 * shortest representation (as Python's repr does).
 */
function shortestDigits(value: number): { digits: string; exponent: number } {
  const text = value.toString();
  const [mantissa = "", exponentPart] = text.split("e");
  const [integer = "", fraction = ""] = mantissa.split(".");
  const all = integer + fraction;
  const leadingZeros = all.length - all.replace(/^0+/, "").length;
  const digits = all.slice(leadingZeros).replace(/0+$/, "");
  const exponent = integer.length - 1 - leadingZeros + (exponentPart === undefined ? 0 : Number(exponentPart));
  return { digits, exponent };
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/**
 * Quotes a string as `json.dumps(s, ensure_ascii=True)` does: printable ASCII stays, the seven short
 * escapes are used, and every other UTF-16 code unit becomes a lowercase `\uXXXX` (so astral
 * characters become surrogate pairs and lone surrogates survive).
 *
 * @example
 * ```ts
 * quotePythonString("é😀"); // '"\\u00e9\\ud83d\\ude00"'
 * ```
 */
export function quotePythonString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: json.dumps escapes exactly these control characters.
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (char) => {
    return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

/**
 * Serialises a value exactly as Python's `json.dumps(value)` would serialise the equivalent Python
 * object, byte for byte. Values that are not JSON (functions, symbols, `undefined`) follow
 * `JSON.stringify`: skipped in objects, `null` in arrays; `toJSON()` is honoured (so a `Date` becomes
 * its ISO string). See the module notes for how numbers map to `int` and `float`.
 *
 * @param value - the value to serialise.
 * @returns the JSON text, or `undefined` when `value` itself is not serialisable (like `JSON.stringify`).
 * @throws TypeError on a circular structure.
 *
 * @example
 * ```ts
 * pythonJsonDumps({ name: "Zoë", n: 1, x: 0.5, list: [true, null] });
 * // '{"name": "Zo\\u00eb", "n": 1, "x": 0.5, "list": [true, null]}'
 * ```
 */
export function pythonJsonDumps(value: unknown): string | undefined {
  return encode(value, "", []);
}

function encode(input: unknown, key: string, stack: object[]): string | undefined {
  let value = input;
  if (value instanceof PythonFloat) return formatPythonFloat(value.value);
  if (typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
    if (value instanceof PythonFloat) return formatPythonFloat(value.value);
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case "string":
      return quotePythonString(value);
    case "number":
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : formatPythonFloat(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (stack.includes(value)) throw new TypeError("pythonJsonDumps: circular reference detected");
      stack.push(value);
      try {
        return Array.isArray(value) ? encodeArray(value, stack) : encodeObject(value, stack);
      } finally {
        stack.pop();
      }
    default:
      return undefined;
  }
}

function encodeArray(value: readonly unknown[], stack: object[]): string {
  const items = value.map((item, index) => encode(item, String(index), stack) ?? "null");
  return `[${items.join(", ")}]`;
}

function encodeObject(value: object, stack: object[]): string {
  const entries: string[] = [];
  for (const key of Object.keys(value)) {
    const encoded = encode((value as Record<string, unknown>)[key], key, stack);
    if (encoded !== undefined) entries.push(`${quotePythonString(key)}: ${encoded}`);
  }
  return `{${entries.join(", ")}}`;
}

const PYTHON_CONSTANTS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/**
 * Parses JSON like Python's `json.loads`: standard JSON plus the `NaN`, `Infinity` and `-Infinity`
 * tokens that `json.dumps` writes for non-finite floats.
 *
 * @throws SyntaxError when the text is not JSON.
 *
 * @example
 * ```ts
 * parsePythonJson('{"x": NaN}'); // { x: NaN }
 * ```
 */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    const nonce = `probity-python-constant:${crypto.randomUUID()}:`;
    const marker = `\u0000${nonce}`;
    const rewritten = replaceConstants(text, `\\u0000${nonce}`);
    return JSON.parse(rewritten, (_key, item: unknown) =>
      typeof item === "string" && item.startsWith(marker) ? PYTHON_CONSTANTS[item.slice(marker.length)] : item,
    );
  }
}

/** Replaces `NaN`/`Infinity`/`-Infinity` tokens outside strings with marked strings. */
function replaceConstants(text: string, marker: string): string {
  let out = "";
  let copiedUpTo = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    const token = ["-Infinity", "Infinity", "NaN"].find((candidate) => text.startsWith(candidate, index));
    if (token === undefined) continue;
    out += `${text.slice(copiedUpTo, index)}"${marker}${token}"`;
    index += token.length - 1;
    copiedUpTo = index + 1;
  }
  return out + text.slice(copiedUpTo);
}
