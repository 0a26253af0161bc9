import { describe, expect, it } from "vitest";
import { pythonSkipReason, runPython } from "../test/python.js";
import { formatPythonFloat, parsePythonJson, pythonFloat, pythonJsonDumps, quotePythonString } from "./python-json.js";

const withPython = it.skipIf(pythonSkipReason !== undefined);

function doubleFromHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

/** Python re-serialises our output; a byte-identical result means Python reads and writes it the same way. */
function pythonRoundTrip(texts: string[]): string[] {
  const script = "import json,sys\nprint(json.dumps([json.dumps(json.loads(t)) for t in json.load(sys.stdin)]))";
  return JSON.parse(runPython(script, JSON.stringify(texts))) as string[];
}

describe("formatPythonFloat", () => {
  withPython("matches repr(float) for random bit patterns and edge values when Python renders them", () => {
    const script = `
import json, random, struct, sys
random.seed(7)
values = [0.1, 0.2 + 0.1, 1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.00012, 123456789.125, 5e-324,
          1.7976931348623157e308, 2.0**53, 2.0**53 + 2, 1e22, 1e21, 1e-7, 100.0, 1.5, 3.0, 1e23, 4.35, 0.3]
while len(values) < 4000:
    bits = random.getrandbits(64)
    (value,) = struct.unpack(">d", bits.to_bytes(8, "big"))
    if value == value and value not in (float("inf"), float("-inf")):
        values.append(value)
values += [random.uniform(-1e6, 1e6) for _ in range(1000)] + [float(random.randint(-10**17, 10**17)) for _ in range(500)]
print(json.dumps([[struct.pack(">d", v).hex(), json.dumps(v)] for v in values]))`;
    const cases = JSON.parse(runPython(script)) as [string, string][];
    const mismatches = cases
      .map(([hex, expected]) => ({ hex, expected, actual: formatPythonFloat(doubleFromHex(hex)) }))
      .filter(({ expected, actual }) => expected !== actual);
    expect(mismatches).toEqual([]);
    expect(cases.length).toBeGreaterThan(5000);
  });

  it("writes non-finite values and signed zero as json.dumps does when given NaN, ±Infinity and -0", () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0].map(formatPythonFloat)).toEqual([
      "NaN",
      "Infinity",
      "-Infinity",
      "-0.0",
      "0.0",
    ]);
  });

  it("adds .0 and switches to exponent form at 1e16 when the value is integral", () => {
    expect(formatPythonFloat(3)).toBe("3.0");
    expect(formatPythonFloat(1e15)).toBe("1000000000000000.0");
    expect(formatPythonFloat(1e16)).toBe("1e+16");
    expect(formatPythonFloat(1.5e-7)).toBe("1.5e-07");
    expect(formatPythonFloat(-0.0001)).toBe("-0.0001");
  });
});

describe("quotePythonString", () => {
  withPython(
    "matches json.dumps for random strings when they mix ASCII, controls, BMP, astral and lone surrogates",
    () => {
      const script = `
import json, random
random.seed(11)
pools = [(0, 0x80), (0, 0x20), (0x7f, 0x100), (0x100, 0xd800), (0xd800, 0xe000), (0xe000, 0x10000), (0x10000, 0x110000)]
cases = []
for _ in range(1500):
    cps = []
    for _ in range(random.randint(0, 12)):
        low, high = random.choice(pools)
        cps.append(random.randrange(low, high))
    cases.append([cps, json.dumps("".join(chr(c) for c in cps))])
print(json.dumps(cases))`;
      const cases = JSON.parse(runPython(script)) as [number[], string][];
      const mismatches = cases
        .map(([codePoints, expected]) => ({ expected, actual: quotePythonString(String.fromCodePoint(...codePoints)) }))
        .filter(({ expected, actual }) => expected !== actual);
      expect(mismatches).toEqual([]);
    },
  );

  it("escapes non-ASCII as lowercase surrogate pairs when a character is astral", () => {
    expect(quotePythonString('é😀"\\\n\u007f')).toBe('"\\u00e9\\ud83d\\ude00\\"\\\\\\n\\u007f"');
  });
});

describe("pythonJsonDumps", () => {
  it("uses Python's separators when the value is nested", () => {
    expect(pythonJsonDumps({ a: [1, { b: null }], c: true, d: "x", e: {}, f: [] })).toBe(
      '{"a": [1, {"b": null}], "c": true, "d": "x", "e": {}, "f": []}',
    );
  });

  it("writes safe integers as int and other numbers as float when given numbers, bigints and pythonFloat", () => {
    expect(pythonJsonDumps([5, -3, 2.5, 2 ** 53, 1e20, 12345678901234567890n, pythonFloat(5), pythonFloat(1e20)])).toBe(
      "[5, -3, 2.5, 9007199254740992.0, 1e+20, 12345678901234567890, 5.0, 1e+20]",
    );
  });

  withPython(
    "is a fixed point of Python's json.loads/json.dumps when given unicode, nesting, floats and big ints",
    () => {
      const values: unknown[] = [
        { customer_id: "c-1", name: "Zoë Ñandú 😀", orders: [{ order_id: "o-1", total: 10.25 }] },
        { text: 'tab\tquote"backslash\\ nul\u0000 del\u007f line\u2028 lone\ud800' },
        { nested: { deeper: { deepest: [[], [{}], [1, [2, [3.5e-9]]]] } } },
        { floats: [0.1, 1 / 3, -1e-300, 1.7976931348623157e308, Number.NaN, Number.NEGATIVE_INFINITY] },
        { ints: [0, -1, Number.MAX_SAFE_INTEGER, 123456789012345678901234567890n], floatOne: pythonFloat(1) },
        [null, true, false, "", " "],
        "just a string",
        42,
      ];
      const ours = values.map((value) => pythonJsonDumps(value) ?? "");
      expect(pythonRoundTrip(ours)).toEqual(ours);
    },
  );

  it("follows JSON.stringify when values are undefined, functions or have toJSON", () => {
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(pythonJsonDumps({ a: undefined, b: () => 1, c: [undefined, Symbol("s")], d: date })).toBe(
      `{"c": [null, null], "d": "2024-01-02T03:04:05.000Z"}`,
    );
    expect(pythonJsonDumps(undefined)).toBeUndefined();
  });

  it("keeps JavaScript property order when keys are integer-like", () => {
    expect(pythonJsonDumps({ b: 1, 2: 2, a: 3, 1: 4 })).toBe('{"1": 4, "2": 2, "b": 1, "a": 3}');
  });

  it("throws a TypeError when the structure is circular", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => pythonJsonDumps(circular)).toThrow(TypeError);
  });

  it("writes a shared, non-circular object twice when it appears twice", () => {
    const shared = { x: 1 };
    expect(pythonJsonDumps([shared, shared])).toBe('[{"x": 1}, {"x": 1}]');
  });
});

describe("parsePythonJson", () => {
  it("reads NaN and Infinity tokens when they are outside strings", () => {
    expect(parsePythonJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN -Infinity \\" Infinity"}')).toEqual({
      a: Number.NaN,
      b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
      c: 'NaN -Infinity " Infinity',
    });
  });

  it("throws a SyntaxError when the text is not JSON", () => {
    expect(() => parsePythonJson("{nope")).toThrow(SyntaxError);
    expect(() => parsePythonJson("NaNa")).toThrow(SyntaxError);
  });
});
