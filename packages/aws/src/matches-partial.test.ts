import { describe, expect, it } from "vitest";
import { MAX_REPORTED_MISMATCHES, matchesPartial } from "./matches-partial.js";

const message = {
  payload: { customer_id: "c-1", name: "John Doe", orders: [{ order_id: "o-1", total: 10.5 }], note: null },
  attributes: { type: "CustomerCreated", version: 2, blob: new Uint8Array([1, 2]) },
  at: new Date(Date.UTC(2024, 0, 1)),
};

describe("matchesPartial", () => {
  it("passes when the expectation names a subset of members", () => {
    const result = matchesPartial(message, { payload: { name: "John Doe", orders: [{ order_id: "o-1" }] } });
    expect(result).toEqual({ pass: true, mismatches: [], description: "matches" });
  });

  it("reports every mismatch with its path when several members differ", () => {
    const result = matchesPartial(message, {
      payload: { customer_id: "c-2", orders: [{ total: 11 }], missing: 1 },
      attributes: { type: "CustomerCreated", version: "2" },
    });
    expect(result.pass).toBe(false);
    expect(result.description).toBe(
      [
        'payload.customer_id: expected "c-2", got "c-1"',
        "payload.orders[0].total: expected 11, got 10.5",
        "payload.missing: missing (expected 1)",
        'attributes.version: expected "2", got 2',
      ].join("\n"),
    );
    expect(result.mismatches[0]).toEqual({
      path: "payload.customer_id",
      expected: "c-2",
      actual: "c-1",
      reason: 'expected "c-2", got "c-1"',
    });
  });

  it("requires equal length when the expectation is an array", () => {
    const result = matchesPartial([1, 2, 3], [1, 2]);
    expect(result.description).toBe("(root): expected 2 items, got 3: [1,2,3]");
  });

  it("uses predicates, regular expressions and asymmetric matchers when given them", () => {
    expect(
      matchesPartial(message, {
        payload: { customer_id: /^c-\d$/, name: expect.stringContaining("John"), orders: expect.any(Array) },
        attributes: {
          version: function positive(value: unknown) {
            return typeof value === "number" && value > 0;
          },
        },
      }).pass,
    ).toBe(true);
    const failed = matchesPartial(message, {
      payload: { customer_id: /^x/, name: expect.any(Number) },
      attributes: {
        version: function negative(value: unknown) {
          return typeof value === "number" && value < 0;
        },
      },
    });
    expect(failed.description).toBe(
      [
        'payload.customer_id: expected a match for /^x/, got "c-1"',
        'payload.name: expected Any<Number>, got "John Doe"',
        "attributes.version: predicate negative rejected 2",
      ].join("\n"),
    );
  });

  it("reports a throwing predicate as a mismatch when it throws", () => {
    const result = matchesPartial(1, () => {
      throw new Error("nope");
    });
    expect(result.description).toBe("(root): predicate anonymous rejected 1 (it threw nope)");
  });

  it("compares dates, bytes, null and NaN by value when they appear", () => {
    expect(
      matchesPartial(
        { ...message, n: Number.NaN },
        {
          at: new Date(Date.UTC(2024, 0, 1)),
          attributes: { blob: new Uint8Array([1, 2]) },
          payload: { note: null },
          n: Number.NaN,
        },
      ).pass,
    ).toBe(true);
    expect(matchesPartial(message, { attributes: { blob: new Uint8Array([1, 3]) } }).description).toBe(
      "attributes.blob: expected Uint8Array(2), got Uint8Array(2)",
    );
    expect(matchesPartial({ a: null }, { a: {} }).description).toBe("a: expected an object, got null");
  });

  it("treats an expected undefined as matching a missing member", () => {
    expect(matchesPartial({}, { a: undefined }).pass).toBe(true);
  });

  it("quotes keys in paths when they are not identifiers", () => {
    expect(matchesPartial({ "a-b": [{ "c d": 1 }] }, { "a-b": [{ "c d": 2 }] }).description).toBe(
      '["a-b"][0]["c d"]: expected 2, got 1',
    );
  });

  it("caps the reported mismatches when there are many", () => {
    const actual = Array.from({ length: 30 }, () => 0);
    const result = matchesPartial(
      actual,
      Array.from({ length: 30 }, () => 1),
    );
    expect(result.mismatches).toHaveLength(MAX_REPORTED_MISMATCHES);
    expect(result.description.endsWith("… and 10 more")).toBe(true);
  });
});
