import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dynamoDbInternalError, jsonDepthExceeds } from "./dynamodb-errors.js";

describe("jsonDepthExceeds", () => {
  it("counts nested objects and arrays when they pass the limit", () => {
    expect(jsonDepthExceeds('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[[]]}]}', 4)).toBe(true);
  });

  it("ignores brackets when they are inside strings, escaped quotes included", () => {
    expect(jsonDepthExceeds(`{"a":"${"[{".repeat(50)}\\"${"[".repeat(50)}"}`, 2)).toBe(false);
  });

  it("does not count closed siblings when they sit side by side", () => {
    expect(jsonDepthExceeds("[[],[],[],[]]".repeat(100), 2)).toBe(false);
  });
});

describe("dynamoDbInternalError", () => {
  it("answers 500 InternalServerError with dynalite's checksum header when called", () => {
    const answer = dynamoDbInternalError();
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError" });
    expect(answer.headers["x-amz-crc32"]).toBe(String(crc32(answer.body)));
    expect(answer.headers["content-type"]).toBe("application/x-amz-json-1.0");
  });
});
