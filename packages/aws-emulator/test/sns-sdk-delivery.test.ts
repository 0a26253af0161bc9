import { PublishBatchCommand, PublishCommand, SetSubscriptionAttributesCommand } from "@aws-sdk/client-sns";
import { DeleteQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { EmulatorEvent } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SnsFixture, startSnsFixture } from "./sns-fixture.js";

let fx: SnsFixture;

beforeAll(async () => {
  fx = await startSnsFixture();
});
afterAll(() => fx.stop());

const ATTRIBUTES = {
  text: { DataType: "String", StringValue: "héllo" },
  count: { DataType: "Number", StringValue: "42.5" },
  blob: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
  tags: { DataType: "String.Array", StringValue: '["a","b",1]' },
};

describe("SNS to SQS delivery over the wire", () => {
  it("delivers the notification JSON exactly as AWS lays it out when raw delivery is off", async () => {
    const topicArn = await fx.topic("enveloped");
    const queue = await fx.queue("enveloped-q");
    const subscriptionArn = await fx.subscribe(topicArn, queue.arn);
    const { MessageId } = await fx.sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: "hello", Subject: "greeting", MessageAttributes: ATTRIBUTES }),
    );
    const [message] = await fx.receive(queue.url);
    const body = message?.Body ?? "";
    const notification = JSON.parse(body) as Record<string, unknown>;
    expect(Object.keys(notification)).toEqual([
      "Type",
      "MessageId",
      "TopicArn",
      "Subject",
      "Message",
      "Timestamp",
      "SignatureVersion",
      "Signature",
      "SigningCertURL",
      "UnsubscribeURL",
      "MessageAttributes",
    ]);
    expect(notification).toMatchObject({
      Type: "Notification",
      MessageId,
      TopicArn: topicArn,
      Subject: "greeting",
      Message: "hello",
      SignatureVersion: "1",
      UnsubscribeURL: `${fx.aws.endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
      MessageAttributes: {
        text: { Type: "String", Value: "héllo" },
        count: { Type: "Number", Value: "42.5" },
        blob: { Type: "Binary", Value: "AAH+/w==" },
        tags: { Type: "String.Array", Value: '["a","b",1]' },
      },
    });
    expect(notification.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.startsWith('{\n  "Type" : "Notification",\n  "MessageId" : ')).toBe(true);
    // Enveloped delivery carries the attributes inside the body only.
    expect(message?.MessageAttributes).toBeUndefined();
  });

  it("omits Subject and MessageAttributes from the notification when the publisher gave none", async () => {
    const topicArn = await fx.topic("bare");
    const queue = await fx.queue("bare-q");
    await fx.subscribe(topicArn, queue.arn);
    await fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message: "x" }));
    const [message] = await fx.receive(queue.url);
    const keys = Object.keys(JSON.parse(message?.Body ?? "{}"));
    expect(keys).not.toContain("Subject");
    expect(keys).not.toContain("MessageAttributes");
  });

  it("delivers the raw body and every attribute type as SQS attributes when RawMessageDelivery is true", async () => {
    const topicArn = await fx.topic("raw");
    const queue = await fx.queue("raw-q");
    await fx.subscribe(topicArn, queue.arn, { RawMessageDelivery: "true" });
    await fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message: '{"id":1}', MessageAttributes: ATTRIBUTES }));
    // The SDK verifies MD5OfBody and MD5OfMessageAttributes on this receive.
    const [message] = await fx.receive(queue.url);
    expect(message?.Body).toBe('{"id":1}');
    expect(message?.MessageAttributes).toEqual({
      text: { DataType: "String", StringValue: "héllo" },
      count: { DataType: "Number", StringValue: "42.5" },
      blob: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
      tags: { DataType: "String.Array", StringValue: '["a","b",1]' },
    });
  });

  it("delivers the sqs entry of a MessageStructure=json message and default elsewhere", async () => {
    const topicArn = await fx.topic("structured");
    const queue = await fx.queue("structured-q");
    await fx.subscribe(topicArn, queue.arn, { RawMessageDelivery: "true" });
    const Message = JSON.stringify({ default: "for everyone", sqs: "for queues" });
    await fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message, MessageStructure: "json" }));
    expect((await fx.receive(queue.url)).map((m) => m.Body)).toEqual(["for queues"]);
    await expect(
      fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message: '{"sqs":"x"}', MessageStructure: "json" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("keeps group order and drops duplicates when a FIFO topic feeds a FIFO queue", async () => {
    const topicArn = await fx.topic("orders.fifo", { ContentBasedDeduplication: "true" });
    const queue = await fx.queue("orders-q.fifo");
    await fx.subscribe(topicArn, queue.arn, { RawMessageDelivery: "true" });
    const results = [];
    for (const body of ["a1", "a2", "a1", "a3"]) {
      results.push(await fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message: body, MessageGroupId: "a" })));
    }
    expect(results[2]?.MessageId).toBe(results[0]?.MessageId);
    const messages = await fx.receive(queue.url);
    expect(messages.map((m) => m.Body)).toEqual(["a1", "a2", "a3"]);
    expect(messages.every((m) => m.Attributes?.MessageGroupId === "a")).toBe(true);
    const explicit = await fx.sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: "one", Message: "b1", MessageGroupId: "b", MessageDeduplicationId: "d-1" },
          { Id: "two", Message: "b1-again", MessageGroupId: "b", MessageDeduplicationId: "d-1" },
        ],
      }),
    );
    expect(explicit.Successful?.[1]?.MessageId).toBe(explicit.Successful?.[0]?.MessageId);
    expect(explicit.Successful?.[0]?.SequenceNumber).toMatch(/^\d+$/);
  });

  it("puts SequenceNumber into the notification when a FIFO topic delivers enveloped", async () => {
    const topicArn = await fx.topic("seq.fifo");
    const queue = await fx.queue("seq-q.fifo");
    await fx.subscribe(topicArn, queue.arn);
    const { SequenceNumber } = await fx.sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: "m", MessageGroupId: "g", MessageDeduplicationId: "1" }),
    );
    const [message] = await fx.receive(queue.url);
    const notification = JSON.parse(message?.Body ?? "{}") as Record<string, unknown>;
    expect(Object.keys(notification).slice(0, 4)).toEqual(["Type", "MessageId", "SequenceNumber", "TopicArn"]);
    expect(notification.SequenceNumber).toBe(SequenceNumber);
  });

  it("filters on message attributes and on the body when the subscriptions set FilterPolicy", async () => {
    const topicArn = await fx.topic("filtered");
    const byAttribute = await fx.queue("by-attribute");
    const byBody = await fx.queue("by-body");
    await fx.subscribe(topicArn, byAttribute.arn, {
      RawMessageDelivery: "true",
      FilterPolicy: JSON.stringify({ kind: [{ prefix: "order." }], amount: [{ numeric: [">", 100] }] }),
    });
    const bodySub = await fx.subscribe(topicArn, byBody.arn, { RawMessageDelivery: "true" });
    await fx.sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: bodySub,
        AttributeName: "FilterPolicyScope",
        AttributeValue: "MessageBody",
      }),
    );
    await fx.sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: bodySub,
        AttributeName: "FilterPolicy",
        AttributeValue: JSON.stringify({ customer: { country: [{ "anything-but": ["FR"] }] } }),
      }),
    );
    const filtered: EmulatorEvent[] = [];
    const off = fx.aws.events.on("sns.filtered-out", (event) => filtered.push(event));
    const publish = (message: object, kind: string, amount: string) =>
      fx.sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: JSON.stringify(message),
          MessageAttributes: {
            kind: { DataType: "String", StringValue: kind },
            amount: { DataType: "Number", StringValue: amount },
          },
        }),
      );
    await publish({ n: 1, customer: { country: "DE" } }, "order.created", "150");
    await publish({ n: 2, customer: { country: "FR" } }, "order.created", "50");
    await publish({ n: 3, customer: { country: "FR" } }, "customer.created", "500");
    off();
    expect((await fx.receive(byAttribute.url)).map((m) => JSON.parse(m.Body ?? "").n)).toEqual([1]);
    expect((await fx.receive(byBody.url)).map((m) => JSON.parse(m.Body ?? "").n)).toEqual([1]);
    expect(filtered).toHaveLength(4);
  });

  it("rejects an invalid filter policy with InvalidParameter when a subscription sets it", async () => {
    const topicArn = await fx.topic("bad-policy");
    const queue = await fx.queue("bad-policy-q");
    await expect(
      fx.subscribe(topicArn, queue.arn, { FilterPolicy: JSON.stringify({ a: [{ numeric: [">", "x"] }] }) }),
    ).rejects.toMatchObject({ name: "InvalidParameterException", $metadata: { httpStatusCode: 400 } });
  });

  it("sends the message to the subscription's dead-letter queue when the target queue was deleted", async () => {
    const topicArn = await fx.topic("redrive");
    const queue = await fx.queue("redrive-q");
    const dlq = await fx.queue("redrive-dlq");
    await fx.subscribe(topicArn, queue.arn, {
      RawMessageDelivery: "true",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
    });
    await fx.sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));
    const failed = fx.aws.events.once("sns.delivery-failed", { filter: (e) => e.topicArn === topicArn });
    const redriven = fx.aws.events.once("sns.delivered", { filter: (e) => e.topicArn === topicArn });
    await fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message: "lost" }));
    expect(await failed).toMatchObject({ endpoint: queue.arn, errorCode: "QueueDoesNotExist" });
    expect(await redriven).toMatchObject({ deadLetterTargetArn: dlq.arn });
    expect((await fx.receive(dlq.url)).map((m) => m.Body)).toEqual(["lost"]);
  });

  it("answers a waiting long poll with the message when Publish happens during the wait", async () => {
    const topicArn = await fx.topic("wake");
    const queue = await fx.queue("wake-q");
    await fx.subscribe(topicArn, queue.arn, { RawMessageDelivery: "true" });
    const waiting = fx.aws.events.once("sqs.receive-waiting", { filter: (e) => e.queueName === queue.name });
    const receive = fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await waiting;
    await fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message: "now" }));
    // A long poll that ran its 20 s would answer empty; getting the message proves Publish woke it.
    expect((await receive).Messages?.map((m) => m.Body)).toEqual(["now"]);
  });

  it("reports published and delivered events with topic and queue when a message fans out", async () => {
    const topicArn = await fx.topic("fan");
    const queues = [await fx.queue("fan-a"), await fx.queue("fan-b")];
    for (const q of queues) await fx.subscribe(topicArn, q.arn);
    const seen: EmulatorEvent[] = [];
    const off = fx.aws.events.on("*", (event) => {
      if (event.type.startsWith("sns.") || event.type === "sqs.message-sent") seen.push(event);
    });
    const { MessageId } = await fx.sns.send(new PublishCommand({ TopicArn: topicArn, Message: "x" }));
    off();
    expect(seen.map((e) => e.type)).toEqual([
      "sns.published",
      "sqs.message-sent",
      "sns.delivered",
      "sqs.message-sent",
      "sns.delivered",
    ]);
    expect(seen[0]).toMatchObject({ topicArn, messageId: MessageId, accountId: "000000000000", region: "us-east-1" });
    expect(seen[2]).toMatchObject({ protocol: "sqs", endpoint: queues[0]?.arn, messageId: MessageId });
  });
});
