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
    expect(storesItemTooDeep("PutItem", { Item: { pk: { S: "a" }, v: tooDeep } })).toBe(true);
    expect(storesItemTooDeep("PutItem", { Item: { pk: { S: "a" }, v: deepest } })).toBe(false);
    expect(storesItemTooDeep("UpdateItem", { AttributeUpdates: { v: { Action: "PUT", Value: tooDeep } } })).toBe(true);
    expect(storesItemTooDeep("UpdateItem", { AttributeUpdates: { v: { Action: "PUT", Value: deepest } } })).toBe(false);
    const batch = (item: unknown) => ({ RequestItems: { t: [{ DeleteRequest: {} }, { PutRequest: { Item: item } }] } });
    expect(storesItemTooDeep("BatchWriteItem", batch({ v: tooDeep }))).toBe(true);
    expect(storesItemTooDeep("BatchWriteItem", batch({ v: deepest }))).toBe(false);
  });

  it("looks only where the action stores attributes, and only at well-formed items", () => {
    expect(storesItemTooDeep("GetItem", { Item: { v: tooDeep } })).toBe(false); // a stray member
    expect(storesItemTooDeep("constructor", { Item: { v: tooDeep } })).toBe(false);
    expect(storesItemTooDeep(undefined, { Item: { v: tooDeep } })).toBe(false);
    expect(storesItemTooDeep("Query", { ExpressionAttributeValues: { ":v": tooDeep } })).toBe(false);
    expect(storesItemTooDeep("PutItem", { Item: [tooDeep] })).toBe(false); // dynalite's SerializationException
    expect(storesItemTooDeep("UpdateItem", { AttributeUpdates: [{ Value: tooDeep }] })).toBe(false);
    expect(storesItemTooDeep("BatchWriteItem", { RequestItems: { t: null } })).toBe(false);
    expect(storesItemTooDeep("PutItem", null)).toBe(false);
  });
});
