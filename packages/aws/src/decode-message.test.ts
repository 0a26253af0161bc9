import type { Message } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeMessage } from "./decode-message.js";
import type { Envelope } from "./envelope.js";
import { createJsonBase } from "./envelopes/json-base.js";
import { text } from "./envelopes/text.js";
import { PayloadDecodeError } from "./errors.js";

const TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:customer--created";
const envelope = createJsonBase({
  service: { name: "customer", uuid: "svc-1" },
  uuid: () => "u-1",
  now: () => 1700000000.5,
});
const CustomerCreated = z.object({ customer_id: z.string(), name: z.string() });

/** The SNS notification JSON SQS receives when raw message delivery is off (layout as AWS writes it). */
function notification(message: string, attributes: Record<string, { Type: string; Value: string }> = {}): string {
  return JSON.stringify(
    {
      Type: "Notification",
      MessageId: "sns-message-1",
      TopicArn: TOPIC_ARN,
      Message: message,
      Timestamp: "2024-05-01T12:00:00.000Z",
      SignatureVersion: "1",
      Signature: "EXAMPLE",
      SigningCertURL: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000.pem",
      UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
      MessageAttributes: attributes,
    },
    null,
    2,
  );
}

async function decodeError(promise: Promise<unknown>): Promise<PayloadDecodeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PayloadDecodeError)) throw new Error(`expected a PayloadDecodeError, got ${String(error)}`);
  return error;
}

describe("decodeMessage", () => {
  const data = { customer_id: "c-1", name: "John Doe" };

  it("unwraps the SNS notification and applies the envelope when raw delivery is off", async () => {
    const body = envelope.build(data, { topic: "customer--created" });
    const message: Message = {
      MessageId: "sqs-1",
      ReceiptHandle: "rh-1",
      Body: notification(body, {
        type: { Type: "String", Value: "CustomerCreated" },
        version: { Type: "Number", Value: "2" },
        blob: { Type: "Binary", Value: Buffer.from([1, 2, 3]).toString("base64") },
        tags: { Type: "String.Array", Value: '["a", 1]' },
      }),
      Attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1700000000500", SenderId: "AIDA" },
    };
    const decoded = await decodeMessage(message, { envelope, schema: CustomerCreated, queue: "customer--created" });
    expect(decoded).toMatchObject({
      payload: data,
      metadata: { messageUuid: "svc-1.u-1", timestamp: 1700000000.5, topic: "customer--created", dataEncoding: "raw" },
      attributes: { type: "CustomerCreated", version: 2, blob: new Uint8Array([1, 2, 3]), tags: ["a", 1] },
      systemAttributes: { approximateReceiveCount: 1, sentTimestamp: 1700000000500, senderId: "AIDA" },
      messageId: "sqs-1",
      receiptHandle: "rh-1",
      body,
      raw: message,
      notification: { messageId: "sns-message-1", topicArn: TOPIC_ARN, topic: "customer--created", message: body },
    });
  });

  it("decodes SQS message attributes into the same shape when delivery is raw", async () => {
    const decoded = await decodeMessage(
      {
        Body: envelope.build(data),
        MessageAttributes: {
          type: { DataType: "String", StringValue: "CustomerCreated" },
          version: { DataType: "Number.int", StringValue: "2" },
          blob: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) },
          wire: { DataType: "Binary", BinaryValue: "AQID" },
        },
      },
      { envelope },
    );
    expect(decoded.notification).toBeUndefined();
    expect(decoded.attributes).toEqual({
      type: "CustomerCreated",
      version: 2,
      blob: new Uint8Array([1, 2, 3]),
      wire: new Uint8Array([1, 2, 3]),
    });
  });

  it("parses plain JSON when no envelope is given", async () => {
    await expect(decodeMessage({ Body: '{"a": [1, NaN]}' })).resolves.toMatchObject({
      payload: { a: [1, Number.NaN] },
    });
  });

  it("leaves a notification wrapped when unwrapNotification is false", async () => {
    const body = notification("hello");
    const decoded = await decodeMessage({ Body: body }, { envelope: text, unwrapNotification: false });
    expect(decoded.payload).toBe(body);
    expect(decoded.notification).toBeUndefined();
  });

  it.each([
    ["Type is not Notification", { Type: "SubscriptionConfirmation" }],
    ["TopicArn is not an SNS ARN", { TopicArn: "arn:aws:sqs:us-east-1:000000000000:q" }],
    ["Message is not a string", { Message: { a: 1 } }],
    ["MessageId is missing", { MessageId: undefined }],
  ])("does not unwrap when %s", async (_label, override) => {
    const document = { ...JSON.parse(notification("inner")), ...override };
    const body = JSON.stringify(document);
    const decoded = await decodeMessage({ Body: body });
    expect(decoded.notification).toBeUndefined();
    expect(decoded.body).toBe(body);
  });

  it("throws not-json naming queue and topic when the notification's message is not JSON", async () => {
    const error = await decodeError(decodeMessage({ Body: notification("oops") }, { envelope, queue: "q" }));
    expect(error).toMatchObject({
      reason: "not-json",
      queue: "q",
      topic: "customer--created",
      envelope: "jsonBase",
      body: "oops",
    });
    expect(error.message).toMatch(
      /^Cannot decode message from queue "q", topic "customer--created" with envelope jsonBase/,
    );
  });

  it("throws wrong-envelope when the body is raw JSON but jsonBase is expected", async () => {
    const error = await decodeError(decodeMessage({ Body: JSON.stringify(data) }, { envelope, queue: "q" }));
    expect(error).toMatchObject({ reason: "wrong-envelope", queue: "q" });
    expect(error.message).toContain('keys: "customer_id", "name"');
  });

  it("throws schema-mismatch with path: message issues when the payload does not fit the schema", async () => {
    const body = envelope.build({ customer_id: 7 }, { topic: "customer--created" });
    const error = await decodeError(decodeMessage({ Body: body }, { envelope, schema: CustomerCreated, queue: "q" }));
    expect(error).toMatchObject({ reason: "schema-mismatch", queue: "q", topic: "customer--created", body });
    expect(error.message).toContain(
      "  customer_id: Invalid input: expected string, received number\n  name: Invalid input",
    );
  });

  it("wraps a custom envelope's own error as wrong-envelope when it throws", async () => {
    const failing: Envelope<never> = {
      name: "failing",
      build: () => "",
      parse: () => {
        throw new RangeError("boom");
      },
    };
    const error = await decodeError(decodeMessage({ Body: "x" }, { envelope: failing }));
    expect(error).toMatchObject({
      reason: "wrong-envelope",
      envelope: "failing",
      detail: "envelope failing threw: boom",
    });
    expect(error.cause).toBeInstanceOf(RangeError);
  });

  it("awaits an asynchronous envelope and schema when both answer later", async () => {
    const asyncEnvelope: Envelope<string, { length: number }, string> = {
      name: "async",
      build: async (value) => value,
      parse: async (body) => ({ payload: body, metadata: { length: body.length } }),
    };
    const decoded = await decodeMessage(
      { Body: "abcd" },
      { envelope: asyncEnvelope, schema: z.string().transform(async (s) => s.toUpperCase()) },
    );
    expect(decoded).toMatchObject({ payload: "ABCD", metadata: { length: 4 } });
  });

  it("reports schema-mismatch when the validator itself throws", async () => {
    const throwing = z.string().transform(() => {
      throw new Error("validator exploded");
    });
    const error = await decodeError(decodeMessage({ Body: '"x"' }, { schema: throwing }));
    expect(error).toMatchObject({ reason: "schema-mismatch", detail: "the validator threw: validator exploded" });
  });

  it.each([
    ["envelope", { envelope: { name: "x" } }],
    ["schema", { schema: { parse: () => 1 } }],
    ["unwrapNotification", { unwrapNotification: "yes" }],
  ])("rejects with a TypeError naming %s when that option is invalid", async (name, options) => {
    await expect(decodeMessage({ Body: "{}" }, options as never)).rejects.toThrow(new RegExp(`option "${name}"`));
    await expect(decodeMessage({ Body: "{}" }, options as never)).rejects.toThrow(TypeError);
  });
});
