import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InvalidMessageError } from "./errors.js";
import { build, JSON_BASE_COMPRESS_THRESHOLD, parse } from "./json-base.js";

describe("jsonBase.build", () => {
  it("writes the tomodachi JsonBase layout when given data and a topic", () => {
    const body = build(
      { customer_id: "c1", name: "John Doe" },
      { topic: "customer--created", serviceName: "customer", serviceUuid: "svc-uuid", now: () => 1_700_000_000_123 },
    );
    const envelope = JSON.parse(body);
    expect(envelope).toEqual({
      service: { name: "customer", uuid: "svc-uuid" },
      metadata: {
        message_uuid: expect.stringMatching(/^svc-uuid\.[0-9a-f-]{36}$/),
        protocol_version: "tomodachi-json-base--1.0.0",
        compatible_protocol_versions: ["json_base-wip"],
        timestamp: 1_700_000_000.123,
        topic: "customer--created",
        data_encoding: "raw",
      },
      data: { customer_id: "c1", name: "John Doe" },
    });
  });

  it("gives every message its own message_uuid when built twice", () => {
    const options = { topic: "t", serviceName: "s" };
    const first = JSON.parse(build({}, options)).metadata.message_uuid;
    const second = JSON.parse(build({}, options)).metadata.message_uuid;
    expect(first).not.toBe(second);
  });

  it("compresses as base64_gzip_json when the payload reaches 60 000 JSON characters", () => {
    const data = { blob: "x".repeat(JSON_BASE_COMPRESS_THRESHOLD) };
    const envelope = JSON.parse(build(data, { topic: "t", serviceName: "s" }));
    expect(envelope.metadata.data_encoding).toBe("base64_gzip_json");
    expect(typeof envelope.data).toBe("string");
    expect(parse(JSON.stringify(envelope))).toEqual(data);
  });
});

describe("jsonBase.parse", () => {
  it("returns the data when the envelope round-trips", () => {
    const data = { order_id: "o1", customer_id: "c1" };
    expect(parse(build(data, { topic: "order--created", serviceName: "order" }))).toEqual(data);
  });

  it("decodes base64_gzip_json written by tomodachi (zlib.compress + base64)", () => {
    const data = { order_id: "o1" };
    const body = JSON.stringify({
      metadata: { data_encoding: "base64_gzip_json" },
      data: deflateSync(JSON.stringify(data)).toString("base64"),
    });
    expect(parse(body)).toEqual(data);
  });

  it.each([
    ["not JSON", "{nope"],
    ["not an object", "[1,2]"],
    ["missing metadata", '{"data":{}}'],
    ["missing data", '{"metadata":{"data_encoding":"raw"}}'],
    ["an unknown encoding", '{"metadata":{"data_encoding":"rot13"},"data":{}}'],
    ["broken compressed data", '{"metadata":{"data_encoding":"base64_gzip_json"},"data":"!!"}'],
  ])("throws InvalidMessageError when the body is %s", (_, body) => {
    expect(() => parse(body)).toThrow(InvalidMessageError);
  });
});
