import { describe, expect, it } from "vitest";
import { encodeAttributes } from "./encode-attributes.js";

describe("encodeAttributes", () => {
  it("infers the data type when given plain values", () => {
    const bytes = new Uint8Array([1]);
    expect(encodeAttributes({ s: "x", n: 1.5, big: 10n, b: bytes, tags: ["a"] }, "sns")).toEqual({
      s: { DataType: "String", StringValue: "x" },
      n: { DataType: "Number", StringValue: "1.5" },
      big: { DataType: "Number", StringValue: "10" },
      b: { DataType: "Binary", BinaryValue: bytes },
      tags: { DataType: "String.Array", StringValue: '["a"]' },
    });
  });

  it("keeps the data type when given an explicit one", () => {
    expect(encodeAttributes({ price: { dataType: "Number.float", value: "1.0" } }, "sqs")).toEqual({
      price: { DataType: "Number.float", StringValue: "1.0" },
    });
  });

  it("returns undefined when there are no attributes", () => {
    expect(encodeAttributes(undefined, "sqs")).toBeUndefined();
  });

  it("throws a TypeError naming the attribute when a string array goes to SQS", () => {
    expect(() => encodeAttributes({ tags: ["a"] }, "sqs")).toThrow("Attribute `tags` is a string array");
  });

  it("throws a TypeError naming the attribute when a number is not finite", () => {
    expect(() => encodeAttributes({ n: Number.NaN }, "sns")).toThrow(
      "Expected attribute `n` to be a finite number, got NaN",
    );
  });

  it("throws a TypeError naming the attribute when the value has another type", () => {
    expect(() => encodeAttributes({ flag: true as unknown as string }, "sns")).toThrow("got boolean");
  });
});
