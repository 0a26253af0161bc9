import { describe, expect, it } from "vitest";
import { decodeSnsAttributes, decodeSqsAttributes, decodeSystemAttributes } from "./attributes.js";

describe("decodeSqsAttributes", () => {
  it("decodes strings, numbers and binaries when types carry custom suffixes", () => {
    expect(
      decodeSqsAttributes({
        id: { DataType: "String.uuid", StringValue: "u" },
        n: { DataType: "Number.float", StringValue: "1.50" },
        b: { DataType: "Binary.png", BinaryValue: "AAE=" },
      }),
    ).toEqual({ id: "u", n: 1.5, b: new Uint8Array([0, 1]) });
  });

  it("returns an empty object when there are no attributes", () => {
    expect(decodeSqsAttributes(undefined)).toEqual({});
  });
});

describe("decodeSnsAttributes", () => {
  it("keeps a String.Array's text when it is not a JSON array", () => {
    expect(decodeSnsAttributes({ tags: { Type: "String.Array", Value: "not json" } })).toEqual({ tags: "not json" });
  });
});

describe("decodeSystemAttributes", () => {
  it("camel-cases names and turns counts and timestamps into numbers when given AWS names", () => {
    expect(
      decodeSystemAttributes({
        ApproximateReceiveCount: "3",
        ApproximateFirstReceiveTimestamp: "1700000000000",
        MessageGroupId: "g",
        AWSTraceHeader: "Root=1",
        DeadLetterQueueSourceArn: "arn:aws:sqs:us-east-1:000000000000:q",
        SomethingNew: "x",
        Missing: undefined,
      }),
    ).toEqual({
      approximateReceiveCount: 3,
      approximateFirstReceiveTimestamp: 1700000000000,
      messageGroupId: "g",
      awsTraceHeader: "Root=1",
      deadLetterQueueSourceArn: "arn:aws:sqs:us-east-1:000000000000:q",
      somethingNew: "x",
    });
  });
});
