import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { StandardSchemaV1 } from "./schema.js";
import { formatIssuePath, formatIssues, isStandardSchema, validateSchema } from "./schema.js";

/** A hand-written Standard Schema whose validate answers asynchronously. */
const asyncEven: StandardSchemaV1<unknown, number> = {
  "~standard": {
    version: 1,
    vendor: "test",
    validate: async (value) =>
      typeof value === "number" && value % 2 === 0
        ? { value }
        : { issues: [{ message: "not even", path: [{ key: "n" }] }] },
  },
};

describe("validateSchema", () => {
  it("returns zod's transformed output when the value is valid", async () => {
    const schema = z.object({ id: z.string(), count: z.coerce.number().default(1) });
    await expect(validateSchema(schema, { id: "a", extra: true })).resolves.toEqual({
      ok: true,
      value: { id: "a", count: 1 },
    });
  });

  it("returns zod's issues with paths when the value is invalid", async () => {
    const schema = z.object({ orders: z.array(z.object({ order_id: z.string() })) });
    const result = await validateSchema(schema, { orders: [{ order_id: 1 }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatIssues(result.issues)).toEqual([
      "orders[0].order_id: Invalid input: expected string, received number",
    ]);
  });

  it("returns valibot's issues when the value is invalid", async () => {
    const schema = v.object({ name: v.pipe(v.string(), v.minLength(3)) });
    const result = await validateSchema(schema, { name: "ab" });
    expect(result.ok ? [] : formatIssues(result.issues)).toEqual(["name: Invalid length: Expected >=3 but received 2"]);
  });

  it("awaits the validator when it answers asynchronously", async () => {
    await expect(validateSchema(asyncEven, 4)).resolves.toEqual({ ok: true, value: 4 });
    await expect(validateSchema(asyncEven, 3)).resolves.toEqual({
      ok: false,
      issues: [{ message: "not even", path: [{ key: "n" }] }],
    });
  });

  it("throws a TypeError when given something that is not a Standard Schema", async () => {
    await expect(validateSchema({} as StandardSchemaV1, 1)).rejects.toThrow(TypeError);
  });
});

describe("isStandardSchema", () => {
  it("recognises zod, valibot and hand-written schemas when they carry ~standard version 1", () => {
    expect([z.string(), v.string(), asyncEven].map(isStandardSchema)).toEqual([true, true, true]);
  });

  it("rejects values when ~standard is missing or malformed", () => {
    const values = [
      null,
      1,
      {},
      { "~standard": { version: 2, validate: () => ({}) } },
      { "~standard": { version: 1 } },
    ];
    expect(values.map(isStandardSchema)).toEqual([false, false, false, false, false]);
  });
});

describe("formatIssuePath", () => {
  it("renders identifiers, indexes, odd keys and path segments when they are mixed", () => {
    expect(formatIssuePath(["a", 0, { key: "b" }, "with space", Symbol.for("s")])).toBe(
      'a[0].b["with space"][Symbol(s)]',
    );
  });

  it("renders (root) when the path is empty or missing", () => {
    expect([formatIssuePath(undefined), formatIssuePath([])]).toEqual(["(root)", "(root)"]);
  });
});
