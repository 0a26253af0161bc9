import { describe, expect, it } from "vitest";
import { PayloadDecodeError } from "../errors.js";
import { raw } from "./raw.js";
import { text } from "./text.js";

describe("raw", () => {
  it("round-trips JSON when given nested data", () => {
    const data = { order_id: "o-1", lines: [{ qty: 2 }], note: "Zoë" };
    expect(raw.build(data)).toBe('{"order_id":"o-1","lines":[{"qty":2}],"note":"Zoë"}');
    expect(raw.parse(raw.build(data))).toEqual({ payload: data, metadata: undefined });
  });

  it("throws PayloadDecodeError not-json when the body is not JSON", () => {
    expect(() => raw.parse("<xml/>")).toThrow(PayloadDecodeError);
    expect(() => raw.parse("<xml/>")).toThrow(/the body is not JSON/);
  });

  it("throws a TypeError when data has no JSON form", () => {
    expect(() => raw.build(undefined)).toThrow(TypeError);
  });
});

describe("text", () => {
  it("returns the string unchanged when building and parsing", () => {
    expect(text.build("héllo {")).toBe("héllo {");
    expect(text.parse("héllo {")).toEqual({ payload: "héllo {", metadata: undefined });
  });

  it("throws a TypeError when data is not a string", () => {
    expect(() => text.build(1 as unknown as string)).toThrow(TypeError);
  });
});
