import { describe, expect, it } from "vitest";
import { describeValue } from "./describe-value.js";

describe("describeValue", () => {
  it("renders strings quoted and plain data as JSON when given them", () => {
    expect(describeValue("hi")).toBe('"hi"');
    expect(describeValue({ id: "1", n: [2, null] })).toBe('{"id":"1","n":[2,null]}');
    expect(describeValue(null)).toBe("null");
    expect(describeValue(true)).toBe("true");
  });

  it("names the values JSON would lose when given them", () => {
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(Number.NaN)).toBe("NaN");
    expect(describeValue(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(describeValue(12n)).toBe("12n");
    expect(describeValue(Symbol("x"))).toBe("Symbol(x)");
    expect(describeValue(function named() {})).toBe("[Function named]");
    expect(describeValue(() => 1)).toBe("[Function anonymous]");
  });

  it("renders errors, dates, regular expressions and byte arrays by what they hold", () => {
    expect(describeValue(new TypeError("bad input"))).toBe("TypeError: bad input");
    expect(describeValue(new Date(Date.UTC(2024, 0, 1)))).toBe("2024-01-01T00:00:00.000Z");
    expect(describeValue(new Date(Number.NaN))).toBe("Invalid Date");
    expect(describeValue(/a+/gi)).toBe("/a+/gi");
    expect(describeValue(new Uint8Array(16))).toBe("Uint8Array(16)");
  });

  it("falls back to String when the value is cyclic", () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe("[object Object]");
  });

  it("cuts the rendering with an ellipsis when it is longer than maxLength", () => {
    expect(describeValue("x".repeat(300), 10)).toBe(`"${"x".repeat(8)}…`);
    expect(describeValue("x".repeat(300))).toHaveLength(200);
    expect(describeValue("abc", 5)).toBe('"abc"');
  });
});
