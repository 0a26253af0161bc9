/**
 * @module test/differential/sns-scenarios
 * The SNS differential scenarios: short, deterministic sequences of SDK v3 SNS calls, with SQS queues as
 * subscribers so deliveries can be read back (long polls, no sleeps). Notifications are compared on their
 * key order and content, with ids, timestamps, signatures and URLs replaced by placeholders.
 */

import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  type SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { expect } from "vitest";
import type { Scenario, ScenarioContext } from "./harness.js";

/** The clients an SNS scenario calls: SNS for the topic, SQS to read what was delivered. */
export interface SnsClients {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
}

type Context = ScenarioContext<SnsClients>;

/** Envelope keys whose values differ per run or per server. */
const ENVELOPE_PLACEHOLDERS = new Set(["MessageId", "Timestamp", "Signature", "SigningCertURL", "UnsubscribeURL"]);

/**
 * What a received SQS message looks like for comparison: a raw body as is, an SNS envelope as its key
 * order plus its values (per-run values as placeholders).
 */
function delivered(message: Message): unknown {
  const body = message.Body ?? "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { raw: body, MessageAttributes: message.MessageAttributes };
  }
  if (typeof parsed !== "object" || parsed === null || (parsed as { Type?: unknown }).Type !== "Notification") {
    return { raw: body };
  }
  const envelope = parsed as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(envelope)) {
    values[key] = ENVELOPE_PLACEHOLDERS.has(key) ? `<${key}>` : value;
  }
  return { keys: Object.keys(envelope), values };
}

/** Creates a topic and returns its ARN (a made-up one if the call failed, so later steps still run). */
async function createTopic(context: Context, suffix: string, attributes?: Record<string, string>): Promise<string> {
  const created = await context.ok(`create topic ${suffix}`, ({ sns }) =>
    sns.send(new CreateTopicCommand({ Name: context.queueName(suffix), Attributes: attributes })),
  );
  return created?.TopicArn ?? `arn:aws:sns:us-east-1:000000000000:${context.queueName(suffix)}`;
}

/** Creates a queue the topic may deliver to and returns its URL and ARN. */
async function createQueue(context: Context, suffix: string): Promise<{ url: string; arn: string }> {
  const created = await context.ok(`create queue ${suffix}`, ({ sqs }) =>
    sqs.send(new CreateQueueCommand({ QueueName: context.queueName(suffix) })),
  );
  const url = created?.QueueUrl ?? "";
  const attributes = await context.ok(`get queue arn ${suffix}`, ({ sqs }) =>
    sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] })),
  );
  return { url, arn: attributes?.Attributes?.QueueArn ?? "" };
}

/** Long-polls `url` once and records what arrived. */
async function receive(context: Context, label: string, url: string, expectedCount?: number): Promise<void> {
  const result = await context.ok(label, async ({ sqs }) => {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 2,
        MessageAttributeNames: ["All"],
      }),
    );
    return { messages: (received.Messages ?? []).map(delivered) };
  });
  // Equal transcripts could both be empty: where the scenario knows how many must arrive, say so.
  if (expectedCount !== undefined)
    expect(result?.messages, `${label} at ${context.endpoint}`).toHaveLength(expectedCount);
}

/** Every SNS scenario, in the order they run. */
export const SNS_SCENARIOS: readonly Scenario<SnsClients>[] = [
  {
    name: "topic-lifecycle",
    async run(context) {
      const arn = await createTopic(context, "life");
      await context.ok("create the same topic again", ({ sns }) =>
        sns.send(new CreateTopicCommand({ Name: context.queueName("life") })),
      );
      await context.ok("set DisplayName", ({ sns }) =>
        sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "DisplayName", AttributeValue: "D" })),
      );
      await context.ok("get attributes", ({ sns }) => sns.send(new GetTopicAttributesCommand({ TopicArn: arn })));
      await context.ok("list topics", ({ sns }) => sns.send(new ListTopicsCommand({})), { unordered: ["Topics"] });
      await context.ok("delete", ({ sns }) => sns.send(new DeleteTopicCommand({ TopicArn: arn })));
      await context.fails("get attributes of the deleted topic", ({ sns }) =>
        sns.send(new GetTopicAttributesCommand({ TopicArn: arn })),
      );
      await context.fails("set attributes of a missing topic", ({ sns }) =>
        sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: "DisplayName", AttributeValue: "x" })),
      );
    },
  },
  {
    name: "subscription-attributes",
    async run(context) {
      const topic = await createTopic(context, "subs");
      const queue = await createQueue(context, "subs");
      const subscribed = await context.ok("subscribe sqs", ({ sns }) =>
        sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: "sqs", Endpoint: queue.arn })),
      );
      const subscription = subscribed?.SubscriptionArn ?? "";
      await context.ok("list subscriptions by topic", ({ sns }) =>
        sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic })),
      );
      await context.ok("set RawMessageDelivery", ({ sns }) =>
        sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn: subscription,
            AttributeName: "RawMessageDelivery",
            AttributeValue: "true",
          }),
        ),
      );
      await context.ok("set FilterPolicy", ({ sns }) =>
        sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn: subscription,
            AttributeName: "FilterPolicy",
            AttributeValue: JSON.stringify({ colour: ["red"] }),
          }),
        ),
      );
      await context.ok("get subscription attributes", ({ sns }) =>
        sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription })),
      );
      await context.fails("set an invalid FilterPolicy", ({ sns }) =>
        sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn: subscription,
            AttributeName: "FilterPolicy",
            AttributeValue: JSON.stringify({ colour: "red" }),
          }),
        ),
      );
      await context.ok("unsubscribe", ({ sns }) => sns.send(new UnsubscribeCommand({ SubscriptionArn: subscription })));
      await context.ok("list subscriptions after unsubscribe", ({ sns }) =>
        sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topic })),
      );
    },
  },
  {
    name: "publish-enveloped-and-raw",
    async run(context) {
      const topic = await createTopic(context, "pub");
      const enveloped = await createQueue(context, "env");
      const raw = await createQueue(context, "raw");
      await context.ok("subscribe enveloped", ({ sns }) =>
        sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: "sqs", Endpoint: enveloped.arn })),
      );
      await context.ok("subscribe raw", ({ sns }) =>
        sns.send(
          new SubscribeCommand({
            TopicArn: topic,
            Protocol: "sqs",
            Endpoint: raw.arn,
            Attributes: { RawMessageDelivery: "true" },
          }),
        ),
      );
      await context.ok("publish", ({ sns }) =>
        sns.send(
          new PublishCommand({
            TopicArn: topic,
            Subject: "greeting",
            Message: "hello",
            MessageAttributes: { colour: { DataType: "String", StringValue: "red" } },
          }),
        ),
      );
      await receive(context, "receive enveloped", enveloped.url);
      await receive(context, "receive raw", raw.url);
    },
  },
  {
    name: "filter-policy",
    async run(context) {
      const topic = await createTopic(context, "filter");
      const queue = await createQueue(context, "filter");
      await context.ok("subscribe with a filter policy", ({ sns }) =>
        sns.send(
          new SubscribeCommand({
            TopicArn: topic,
            Protocol: "sqs",
            Endpoint: queue.arn,
            Attributes: {
              RawMessageDelivery: "true",
              FilterPolicyScope: "MessageAttributes",
              FilterPolicy: JSON.stringify({ colour: ["red"], size: [{ numeric: [">", 3] }] }),
            },
          }),
        ),
      );
      const publish = (label: string, colour: string, size: string) =>
        context.ok(label, ({ sns }) =>
          sns.send(
            new PublishCommand({
              TopicArn: topic,
              Message: label,
              MessageAttributes: {
                colour: { DataType: "String", StringValue: colour },
                size: { DataType: "Number", StringValue: size },
              },
            }),
          ),
        );
      await publish("publish non-matching colour", "blue", "5");
      await publish("publish non-matching size", "red", "2");
      await publish("publish matching", "red", "5");
      await receive(context, "receive only the match", queue.url, 1);
      await context.fails("subscribe with an invalid filter policy", ({ sns }) =>
        sns.send(
          new SubscribeCommand({
            TopicArn: topic,
            Protocol: "sqs",
            Endpoint: queue.arn,
            Attributes: { FilterPolicy: JSON.stringify({ size: [{ numeric: ["<>", 3] }] }) },
          }),
        ),
      );
    },
  },
  {
    name: "publish-batch",
    async run(context) {
      const topic = await createTopic(context, "batch");
      const queue = await createQueue(context, "batch");
      await context.ok("subscribe raw", ({ sns }) =>
        sns.send(
          new SubscribeCommand({
            TopicArn: topic,
            Protocol: "sqs",
            Endpoint: queue.arn,
            Attributes: { RawMessageDelivery: "true" },
          }),
        ),
      );
      await context.ok("publish batch with a failing entry", ({ sns }) =>
        sns.send(
          new PublishBatchCommand({
            TopicArn: topic,
            PublishBatchRequestEntries: [
              { Id: "one", Message: "first" },
              {
                Id: "two",
                Message: "second",
                MessageAttributes: { bad: { DataType: "Number", StringValue: "not-a-number" } },
              },
            ],
          }),
        ),
      );
      await receive(context, "receive the successful entry", queue.url);
      await context.fails("publish batch with duplicate ids", ({ sns }) =>
        sns.send(
          new PublishBatchCommand({
            TopicArn: topic,
            PublishBatchRequestEntries: [
              { Id: "same", Message: "a" },
              { Id: "same", Message: "b" },
            ],
          }),
        ),
      );
    },
  },
  {
    name: "topic-tags",
    async run(context) {
      const topic = await createTopic(context, "tags");
      await context.ok("tag", ({ sns }) =>
        sns.send(
          new TagResourceCommand({
            ResourceArn: topic,
            Tags: [
              { Key: "team", Value: "a" },
              { Key: "env", Value: "test" },
            ],
          }),
        ),
      );
      await context.ok("untag", ({ sns }) =>
        sns.send(new UntagResourceCommand({ ResourceArn: topic, TagKeys: ["env"] })),
      );
      await context.ok("list tags", ({ sns }) => sns.send(new ListTagsForResourceCommand({ ResourceArn: topic })), {
        unordered: ["Tags"],
      });
      await context.fails("tag a missing topic", ({ sns }) =>
        sns.send(new TagResourceCommand({ ResourceArn: `${topic}-missing`, Tags: [{ Key: "k", Value: "v" }] })),
      );
    },
  },
  {
    name: "invalid-parameters",
    async run(context) {
      const topic = await createTopic(context, "invalid");
      await context.fails("create a topic with an invalid name", ({ sns }) =>
        sns.send(new CreateTopicCommand({ Name: "bad name!" })),
      );
      await context.fails("publish without a target", ({ sns }) => sns.send(new PublishCommand({ Message: "x" })));
      await context.fails("publish to a missing topic", ({ sns }) =>
        sns.send(new PublishCommand({ TopicArn: `${topic}-missing`, Message: "x" })),
      );
      await context.fails("subscribe with an unknown protocol", ({ sns }) =>
        sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: "carrier-pigeon", Endpoint: "x" })),
      );
      await context.fails("get attributes of a missing subscription", ({ sns }) =>
        sns.send(
          new GetSubscriptionAttributesCommand({ SubscriptionArn: `${topic}:00000000-0000-0000-0000-000000000000` }),
        ),
      );
    },
  },
];
