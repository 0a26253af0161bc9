import { describe, expect, it } from "vitest";
import { attributeWraps, DYNAMODB_MAX_ATTRIBUTE_WRAPS, storesItemTooDeep } from "./item-nesting.js";

const wrapped = (wraps: number, kind: "L" | "M" = "M"): unknown => {
  let value: unknown = { S: "x" };
  for (let i = 0; i < wraps; i++) value = kind === "L" ? { L: [value] } : { M: { k: value } };
  return value;
};

describe("attributeWraps", () => {
  it("counts the maps and lists around the deepest scalar", () => {
    expect(attributeWraps({ S: "x" })).toBe(0);
    expect(attributeWraps({ M: {} })).toBe(1);
    expect(attributeWraps({ L: [] })).toBe(1);
    expect(attributeWraps({ M: { a: { S: "x" }, b: { L: [{ N: "1" }, { M: { c: { BOOL: true } } }] } } })).toBe(3);
    expect(attributeWraps(wrapped(31, "L"))).toBe(31);
  });

  it("counts nothing in values that are not attribute values", () => {
    expect(attributeWraps(null)).toBe(0);
    expect(attributeWraps("M")).toBe(0);
    expect(attributeWraps({ M: [{ S: "x" }] })).toBe(0);
    expect(attributeWraps({ L: { a: { S: "x" } } })).toBe(0);
  });
});

describe("storesItemTooDeep", () => {
  const tooDeep = wrapped(DYNAMODB_MAX_ATTRIBUTE_WRAPS + 1);
  const deepest = wrapped(DYNAMODB_MAX_ATTRIBUTE_WRAPS);

  it("refuses an item, an attribute update or a batch put with 32 wraps and takes 31", () => {
    expect(storesItemTooDeep({ Item: { pk: { S: "a" }, v: tooDeep } })).toBe(true);
    expect(storesItemTooDeep({ Item: { pk: { S: "a" }, v: deepest } })).toBe(false);
    expect(storesItemTooDeep({ AttributeUpdates: { v: { Action: "PUT", Value: tooDeep } } })).toBe(true);
    expect(storesItemTooDeep({ AttributeUpdates: { v: { Action: "PUT", Value: deepest } } })).toBe(false);
    expect(
      storesItemTooDeep({ RequestItems: { t: [{ DeleteRequest: {} }, { PutRequest: { Item: { v: tooDeep } } }] } }),
    ).toBe(true);
    expect(storesItemTooDeep({ RequestItems: { t: [{ PutRequest: { Item: { v: deepest } } }] } })).toBe(false);
  });

  it("leaves expression values and malformed bodies to the rest of the validation", () => {
    expect(storesItemTooDeep({ ExpressionAttributeValues: { ":v": tooDeep } })).toBe(false);
    expect(storesItemTooDeep({ Item: null, AttributeUpdates: [tooDeep], RequestItems: { t: null } })).toBe(false);
    expect(storesItemTooDeep(null)).toBe(false);
  });
});
