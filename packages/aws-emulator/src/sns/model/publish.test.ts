import { describe, expect, it } from "vitest";
import { createTestModel, queueArn } from "../../../test/sns/support.js";
import { AwsServiceError } from "../../errors.js";
import { signingCertUrl } from "./notification.js";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsServiceError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "no error";
}

function setup(attributes: Record<string, string> = {}, topic = "t", topicAttributes: Record<string, string> = {}) {
  const t = createTestModel();
  const topicArn = t.model.createTopic(t.scope, { name: topic, attributes: topicAttributes });
  const subscriptionArn = t.model.subscribe(t.scope, {
    topicArn,
    protocol: "sqs",
    endpoint: queueArn("q"),
    attributes,
  });
  return { ...t, topicArn, subscriptionArn };
}

describe("SnsModel.publish notification JSON", () => {
  it("writes the envelope exactly as AWS does when raw delivery is off", () => {
    const { model, scope, sqs, topicArn, subscriptionArn } = setup();
    const { messageId } = model.publish(
      scope,
      {
        topicArn,
        message: 'He said "hi"\n',
        subject: "Greeting",
        messageAttributes: {
          kind: { dataType: "String", stringValue: "x" },
          bin: { dataType: "Binary", binaryValue: new Uint8Array([1, 2, 3]) },
        },
      },
      "http://127.0.0.1:4566/",
    );
    const [body] = sqs.bodies(queueArn("q"));
    const signature = JSON.parse(body ?? "{}").Signature;
    expect(body).toBe(
      [
        "{",
        '  "Type" : "Notification",',
        `  "MessageId" : "${messageId}",`,
        `  "TopicArn" : "${topicArn}",`,
        '  "Subject" : "Greeting",',
        '  "Message" : "He said \\"hi\\"\\n",',
        '  "Timestamp" : "2026-01-02T03:04:05.678Z",',
        '  "SignatureVersion" : "1",',
        `  "Signature" : "${signature}",`,
        `  "SigningCertURL" : "${signingCertUrl("us-east-1")}",`,
        `  "UnsubscribeURL" : "http://127.0.0.1:4566/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}",`,
        '  "MessageAttributes" : {',
        '    "kind" : {"Type":"String","Value":"x"},',
        '    "bin" : {"Type":"Binary","Value":"AQID"}',
        "  }",
        "}",
      ].join("\n"),
    );
    expect(Buffer.from(signature, "base64")).toHaveLength(256);
    expect(signingCertUrl("us-east-1")).toMatch(
      /^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-[0-9a-f]{32}\.pem$/,
    );
  });

  it("omits Subject and MessageAttributes when not given and uses the public base URL by default", () => {
    const { model, scope, sqs, topicArn } = setup();
    model.publish(scope, { topicArn, message: "m" });
    const doc = JSON.parse(sqs.bodies(queueArn("q"))[0] ?? "{}");
    expect(Object.keys(doc)).toEqual([
      "Type",
      "MessageId",
      "TopicArn",
      "Message",
      "Timestamp",
      "SignatureVersion",
      "Signature",
      "SigningCertURL",
      "UnsubscribeURL",
    ]);
    expect(doc.UnsubscribeURL).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/\?Action=Unsubscribe&/);
    expect(sqs.deliveries[0]?.message.messageAttributes).toBeUndefined();
  });

  it("delivers the raw body with SQS message attributes when RawMessageDelivery is on", () => {
    const { model, scope, sqs, topicArn } = setup({ RawMessageDelivery: "true" });
    model.publish(scope, {
      topicArn,
      message: "raw",
      messageAttributes: {
        n: { dataType: "Number", stringValue: "42" },
        b: { dataType: "Binary", binaryValue: new Uint8Array([9]) },
        a: { dataType: "String.Array", stringValue: '["x",1]' },
      },
    });
    expect(sqs.deliveries[0]?.message).toEqual({
      body: "raw",
      messageAttributes: {
        n: { DataType: "Number", StringValue: "42" },
        b: { DataType: "Binary", BinaryValue: new Uint8Array([9]) },
        a: { DataType: "String.Array", StringValue: '["x",1]' },
      },
    });
  });

  it("picks the sqs entry of a MessageStructure=json message, else default", () => {
    const { model, scope, sqs, topicArn } = setup({ RawMessageDelivery: "true" });
    model.publish(scope, { topicArn, message: '{"default":"d","sqs":"s"}', messageStructure: "json" });
    model.publish(scope, { topicArn, message: '{"default":"d","http":"h"}', messageStructure: "json" });
    expect(sqs.bodies(queueArn("q"))).toEqual(["s", "d"]);
  });

  it.each([
    ["an empty message", { message: "" }, "InvalidParameter: Invalid parameter: Empty message"],
    [
      "a message over 256 KiB",
      { message: "x".repeat(262_145) },
      "InvalidParameter: Invalid parameter: Message too long",
    ],
    [
      "a message that fits only without its attributes",
      { message: "x".repeat(262_140), messageAttributes: { abc: { dataType: "String", stringValue: "y" } } },
      "InvalidParameter: Invalid parameter: Message too long",
    ],
    [
      "a 101-character subject",
      { message: "m", subject: "s".repeat(101) },
      "InvalidParameter: Invalid parameter: Subject",
    ],
    ["a subject with a line break", { message: "m", subject: "a\nb" }, "InvalidParameter: Invalid parameter: Subject"],
    [
      "an unknown MessageStructure",
      { message: "m", messageStructure: "xml" },
      "InvalidParameter: Invalid parameter: MessageStructure",
    ],
    [
      "a json structure without default",
      { message: '{"sqs":"x"}', messageStructure: "json" },
      "InvalidParameter: Invalid parameter: Message Structure - No default entry in JSON message body",
    ],
    [
      "a json structure that is not JSON",
      { message: "nope", messageStructure: "json" },
      "InvalidParameter: Invalid parameter: Message Structure - JSON message body failed to parse",
    ],
    [
      "a dedup id on a standard topic",
      { message: "m", messageDeduplicationId: "d" },
      "InvalidParameter: Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
    ],
    [
      "an unknown attribute type",
      { message: "m", messageAttributes: { a: { dataType: "Text", stringValue: "x" } } },
      "ParameterValueInvalid: The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    ],
    [
      "an empty attribute value",
      { message: "m", messageAttributes: { a: { dataType: "String", stringValue: "" } } },
      "ParameterValueInvalid: The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'.",
    ],
    [
      "a Number that is not a number",
      { message: "m", messageAttributes: { a: { dataType: "Number", stringValue: "12abc" } } },
      "ParameterValueInvalid: Could not cast message attribute 'a' value to number.",
    ],
    [
      "a String.Array that is not an array",
      { message: "m", messageAttributes: { a: { dataType: "String.Array", stringValue: '{"x":1}' } } },
      "ParameterValueInvalid: The message attribute 'a' has an invalid value for type 'String.Array'.",
    ],
    [
      "an attribute name starting with AWS.",
      { message: "m", messageAttributes: { "AWS.x": { dataType: "String", stringValue: "x" } } },
      "InvalidParameter: Invalid parameter: MessageAttributes Reason: Message attribute name 'AWS.x' can not start with AWS. or Amazon.",
    ],
    [
      "eleven attributes",
      {
        message: "m",
        messageAttributes: Object.fromEntries(
          Array.from({ length: 11 }, (_, i) => [`a${i}`, { dataType: "String", stringValue: "x" }]),
        ),
      },
      "InvalidParameter: Invalid parameter: MessageAttributes Reason: Number of message attributes [11] exceeds the allowed maximum [10].",
    ],
  ])("rejects %s", (_name, input, expected) => {
    const { model, scope, sqs, topicArn } = setup();
    expect(codeOf(() => model.publish(scope, { topicArn, ...input }))).toBe(expected);
    expect(sqs.deliveries).toEqual([]);
  });
});

describe("SnsModel.publish filtering and redrive", () => {
  it("delivers only to subscriptions whose filter policy matches and reports the rest", () => {
    const t = createTestModel();
    const topicArn = t.model.createTopic(t.scope, { name: "t" });
    t.model.subscribe(t.scope, {
      topicArn,
      protocol: "sqs",
      endpoint: queueArn("orders"),
      attributes: { FilterPolicy: '{"kind":["order"]}' },
    });
    t.model.subscribe(t.scope, {
      topicArn,
      protocol: "sqs",
      endpoint: queueArn("big"),
      attributes: { FilterPolicy: '{"total":[{"numeric":[">",100]}]}', FilterPolicyScope: "MessageBody" },
    });
    t.model.publish(t.scope, {
      topicArn,
      message: '{"total":150}',
      messageAttributes: { kind: { dataType: "String", stringValue: "refund" } },
    });
    expect(t.sqs.deliveries.map((d) => d.queueArn)).toEqual([queueArn("big")]);
    expect(t.events.map((e) => e.type)).toEqual(["sns.published", "sns.filtered-out", "sns.delivered"]);
  });

  it("sends to the RedrivePolicy dead-letter queue when the queue is gone", () => {
    const { model, scope, sqs, events, topicArn } = setup({
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn("dlq") }),
    });
    sqs.missing.add(queueArn("q"));
    model.publish(scope, { topicArn, message: "m" });
    expect(sqs.deliveries.map((d) => d.queueArn)).toEqual([queueArn("dlq")]);
    expect(events.map((e) => e.type)).toEqual(["sns.published", "sns.delivery-failed", "sns.delivered"]);
    const failed = events[1];
    expect(failed?.type === "sns.delivery-failed" && (failed.error as AwsServiceError).code).toBe("QueueDoesNotExist");
  });

  it("drops the message when the queue is gone and no RedrivePolicy is set", () => {
    const { model, scope, sqs, events, topicArn } = setup();
    sqs.missing.add(queueArn("q"));
    expect(model.publish(scope, { topicArn, message: "m" }).messageId).toBeTruthy();
    expect(sqs.deliveries).toEqual([]);
    expect(events.at(-1)?.type).toBe("sns.delivery-failed");
  });

  it("posts notifications to confirmed http subscriptions and not to pending ones", async () => {
    const t = createTestModel();
    const topicArn = t.model.createTopic(t.scope, { name: "t" });
    t.model.subscribe(t.scope, { topicArn, protocol: "http", endpoint: "http://a.test/" });
    t.model.subscribe(t.scope, { topicArn, protocol: "http", endpoint: "http://b.test/" });
    const token = JSON.parse(t.http.requests[1]?.body ?? "{}").Token;
    t.model.confirmSubscription(t.scope, topicArn, token);
    const delivered = new Promise((resolve) => {
      t.events.push = (...added) => {
        for (const event of added) if (event.type === "sns.delivered") resolve(event);
        return 0;
      };
    });
    t.model.publish(t.scope, { topicArn, message: "m" });
    expect(await delivered).toMatchObject({ type: "sns.delivered", endpoint: "http://b.test/" });
    const posts = t.http.requests.slice(2);
    expect(posts.map((p) => p.url)).toEqual(["http://b.test/"]);
    expect(posts[0]?.headers["x-amz-sns-message-type"]).toBe("Notification");
    expect(JSON.parse(posts[0]?.body ?? "{}").Message).toBe("m");
  });
});

describe("SnsModel.publish FIFO", () => {
  const fifo = { FifoTopic: "true" };

  it("requires MessageGroupId and a dedup id or content-based deduplication", () => {
    const { model, scope, topicArn } = setup({}, "t.fifo", fifo);
    expect(codeOf(() => model.publish(scope, { topicArn, message: "m", messageDeduplicationId: "d" }))).toBe(
      "InvalidParameter: Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
    );
    expect(codeOf(() => model.publish(scope, { topicArn, message: "m", messageGroupId: "g" }))).toMatch(
      /ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly/,
    );
  });

  it("passes group and dedup ids to SQS and adds SequenceNumber to the envelope", () => {
    const { model, scope, sqs, topicArn } = setup({}, "t.fifo", fifo);
    const result = model.publish(scope, { topicArn, message: "m", messageGroupId: "g", messageDeduplicationId: "d" });
    expect(result.sequenceNumber).toMatch(/^\d{20}$/);
    const message = sqs.deliveries[0]?.message;
    expect(message).toMatchObject({ messageGroupId: "g", messageDeduplicationId: "d" });
    const keys = Object.keys(JSON.parse(message?.body ?? "{}"));
    expect(keys.slice(0, 3)).toEqual(["Type", "MessageId", "SequenceNumber"]);
  });

  it("drops a duplicate within 5 minutes and returns the first message id", () => {
    const { model, scope, sqs, clock, topicArn } = setup({}, "t.fifo", { ...fifo, ContentBasedDeduplication: "true" });
    const first = model.publish(scope, { topicArn, message: "same", messageGroupId: "g" });
    clock.advance(5 * 60 * 1000 - 1);
    const second = model.publish(scope, { topicArn, message: "same", messageGroupId: "g" });
    expect(second).toEqual(first);
    expect(sqs.deliveries).toHaveLength(1);
    expect(sqs.deliveries[0]?.message.messageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    clock.advance(1);
    const third = model.publish(scope, { topicArn, message: "same", messageGroupId: "g" });
    expect(third.messageId).not.toBe(first.messageId);
    expect(BigInt(third.sequenceNumber ?? "0")).toBeGreaterThan(BigInt(first.sequenceNumber ?? "0"));
    expect(sqs.deliveries).toHaveLength(2);
  });
});

describe("SnsModel.publishBatch", () => {
  it("publishes each entry and reports per-entry failures", () => {
    const { model, scope, sqs, topicArn } = setup();
    const result = model.publishBatch(scope, topicArn, [
      { id: "a", message: "one" },
      { id: "b", message: "" },
      { id: "c", message: "three" },
    ]);
    expect(result.successful.map((s) => s.id)).toEqual(["a", "c"]);
    expect(result.failed).toEqual([
      { id: "b", code: "InvalidParameter", message: "Invalid parameter: Empty message", senderFault: true },
    ]);
    expect(sqs.deliveries).toHaveLength(2);
  });

  it.each([
    ["no entries", [], "EmptyBatchRequest"],
    [
      "eleven entries",
      Array.from({ length: 11 }, (_, i) => ({ id: `e${i}`, message: "m" })),
      "TooManyEntriesInBatchRequest",
    ],
    [
      "duplicate ids",
      [
        { id: "a", message: "m" },
        { id: "a", message: "m" },
      ],
      "BatchEntryIdsNotDistinct",
    ],
    ["an invalid id", [{ id: "a b", message: "m" }], "InvalidBatchEntryId"],
    [
      "entries over 256 KiB together",
      [
        { id: "a", message: "x".repeat(200_000) },
        { id: "b", message: "x".repeat(100_000) },
      ],
      "BatchRequestTooLong",
    ],
  ])("rejects %s as a whole", (_name, entries, code) => {
    const { model, scope, topicArn } = setup();
    expect(codeOf(() => model.publishBatch(scope, topicArn, entries))).toMatch(new RegExp(`^${code}:`));
  });
});
