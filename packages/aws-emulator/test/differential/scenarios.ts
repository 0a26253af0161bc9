/**
 * @module test/differential/scenarios
 * The differential scenarios: each is a short, deterministic sequence of SDK v3 calls (no real waits: the
 * visibility and redrive scenarios use ChangeMessageVisibility 0 instead of waiting for a timeout).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from "@aws-sdk/client-sqs";
import type { Scenario, ScenarioContext } from "./harness.js";

async function createQueue(
  context: ScenarioContext,
  suffix: string,
  Attributes?: Record<string, string>,
): Promise<string> {
  const created = await context.ok(`create ${suffix}`, (sqs) =>
    sqs.send(new CreateQueueCommand({ QueueName: context.queueName(suffix), Attributes })),
  );
  return created?.QueueUrl ?? `${context.endpoint}/000000000000/${context.queueName(suffix)}`;
}

const missingUrl = (context: ScenarioContext): string =>
  `${context.endpoint}/000000000000/${context.queueName("missing")}`;

/** Every scenario, in the order they run. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "queue-lifecycle",
    async run(context) {
      const name = context.queueName("life");
      const Attributes = { VisibilityTimeout: "60", DelaySeconds: "2", MaximumMessageSize: "2048" };
      await context.ok("create", (sqs) => sqs.send(new CreateQueueCommand({ QueueName: name, Attributes })));
      await context.ok("create again with the same attributes", (sqs) =>
        sqs.send(new CreateQueueCommand({ QueueName: name, Attributes })),
      );
      await context.fails("create again with different attributes", (sqs) =>
        sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: "61" } })),
      );
      const url = await context.ok("get url", (sqs) => sqs.send(new GetQueueUrlCommand({ QueueName: name })));
      await context.ok("get attributes", (sqs) =>
        sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url?.QueueUrl,
            AttributeNames: [
              "VisibilityTimeout",
              "DelaySeconds",
              "MaximumMessageSize",
              "MessageRetentionPeriod",
              "ReceiveMessageWaitTimeSeconds",
              "ApproximateNumberOfMessages",
              "ApproximateNumberOfMessagesNotVisible",
              "ApproximateNumberOfMessagesDelayed",
              "QueueArn",
              "CreatedTimestamp",
            ],
          }),
        ),
      );
      await context.ok("delete", (sqs) => sqs.send(new DeleteQueueCommand({ QueueUrl: url?.QueueUrl })));
      await context.fails("get url after delete", (sqs) => sqs.send(new GetQueueUrlCommand({ QueueName: name })));
    },
  },
  {
    name: "list-queues",
    async run(context) {
      for (const suffix of ["a", "b", "c"]) await createQueue(context, suffix);
      await context.ok("list with prefix", (sqs) =>
        sqs.send(new ListQueuesCommand({ QueueNamePrefix: context.queueName("") })),
      );
      await context.ok("list with a longer prefix", (sqs) =>
        sqs.send(new ListQueuesCommand({ QueueNamePrefix: context.queueName("b") })),
      );
      await context.ok("list with a prefix nothing matches", (sqs) =>
        sqs.send(new ListQueuesCommand({ QueueNamePrefix: context.queueName("zzz") })),
      );
    },
  },
  {
    name: "queue-attributes",
    async run(context) {
      const url = await createQueue(context, "attrs");
      await context.ok("set attributes", (sqs) =>
        sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: url,
            Attributes: { VisibilityTimeout: "120", ReceiveMessageWaitTimeSeconds: "5", MessageRetentionPeriod: "600" },
          }),
        ),
      );
      await context.ok("get the attributes that were set", (sqs) =>
        sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ["VisibilityTimeout", "ReceiveMessageWaitTimeSeconds", "MessageRetentionPeriod"],
          }),
        ),
      );
      await context.fails("get attributes of a queue that does not exist", (sqs) =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: missingUrl(context), AttributeNames: ["All"] })),
      );
      const unknownAttribute: Record<string, string> = { NotAnAttribute: "1" };
      await context.fails("set an unknown attribute", (sqs) =>
        sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: unknownAttribute })),
      );
      await context.fails("set VisibilityTimeout out of range", (sqs) =>
        sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "43201" } })),
      );
    },
  },
  {
    name: "send-receive-delete",
    async run(context) {
      const url = await createQueue(context, "messages");
      await context.ok("send with message attributes", (sqs) =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: url,
            MessageBody: "héllo ✓",
            MessageAttributes: {
              color: { DataType: "String", StringValue: "blue" },
              count: { DataType: "Number", StringValue: "7" },
              blob: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
            },
          }),
        ),
      );
      const received = await context.ok("receive with all attributes", (sqs) =>
        sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp", "SenderId"],
            WaitTimeSeconds: 0,
          }),
        ),
      );
      const handle = received?.Messages?.[0]?.ReceiptHandle;
      await context.ok("delete", (sqs) => sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: handle })));
      await context.ok("receive from the emptied queue", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 })),
      );
      await context.fails("send to a queue that does not exist", (sqs) =>
        sqs.send(new SendMessageCommand({ QueueUrl: missingUrl(context), MessageBody: "x" })),
      );
    },
  },
  {
    name: "message-attribute-filters",
    async run(context) {
      const url = await createQueue(context, "filters");
      await context.ok("send with three attributes", (sqs) =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: url,
            MessageBody: "filtered",
            MessageAttributes: {
              "order.id": { DataType: "String", StringValue: "o-1" },
              "order.total": { DataType: "Number", StringValue: "12.5" },
              trace: { DataType: "String", StringValue: "t-1" },
            },
          }),
        ),
      );
      await context.ok("receive only order.* attributes", (sqs) =>
        sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ["order.*"], VisibilityTimeout: 0 }),
        ),
      );
      await context.ok("receive only the trace attribute", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ["trace"], VisibilityTimeout: 0 })),
      );
      await context.ok("receive without attribute names", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 })),
      );
    },
  },
  {
    name: "batch-with-failures",
    async run(context) {
      const url = await createQueue(context, "batch");
      await context.ok(
        "send a batch of three",
        (sqs) =>
          sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: [0, 1, 2].map((i) => ({ Id: `m${i}`, MessageBody: `body ${i}` })),
            }),
          ),
        { unordered: ["Successful"] },
      );
      await context.fails("send a batch with duplicate ids", (sqs) =>
        sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: [
              { Id: "same", MessageBody: "1" },
              { Id: "same", MessageBody: "2" },
            ],
          }),
        ),
      );
      await context.fails("send a batch of eleven", (sqs) =>
        sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: "x" })),
          }),
        ),
      );
      await context.fails("send an empty batch", (sqs) =>
        sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] })),
      );
      const received = await context.ok(
        "receive the batch",
        (sqs) => sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 })),
        { unordered: ["Messages"] },
      );
      const entries = (received?.Messages ?? []).map((message, i) => ({
        Id: `d${i}`,
        ReceiptHandle: message.ReceiptHandle,
      }));
      await context.ok(
        "delete the batch plus one invalid receipt handle",
        (sqs) =>
          sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: url,
              Entries: [...entries, { Id: "bogus", ReceiptHandle: "not-a-receipt-handle" }],
            }),
          ),
        { unordered: ["Successful", "Failed"] },
      );
    },
  },
  {
    name: "visibility",
    async run(context) {
      const url = await createQueue(context, "visibility", { VisibilityTimeout: "30" });
      await context.ok("send", (sqs) => sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "v" })));
      const first = await context.ok("receive", (sqs) =>
        sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
        ),
      );
      await context.ok("receive while in flight", (sqs) => sqs.send(new ReceiveMessageCommand({ QueueUrl: url })));
      await context.ok("count while in flight", (sqs) =>
        sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
          }),
        ),
      );
      const handle = first?.Messages?.[0]?.ReceiptHandle;
      await context.ok("make visible now", (sqs) =>
        sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 })),
      );
      const second = await context.ok("receive again", (sqs) =>
        sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
        ),
      );
      await context.ok(
        "change visibility in a batch",
        (sqs) =>
          sqs.send(
            new ChangeMessageVisibilityBatchCommand({
              QueueUrl: url,
              Entries: [
                { Id: "ok", ReceiptHandle: second?.Messages?.[0]?.ReceiptHandle, VisibilityTimeout: 0 },
                { Id: "bad", ReceiptHandle: "not-a-receipt-handle", VisibilityTimeout: 0 },
              ],
            }),
          ),
        { unordered: ["Successful", "Failed"] },
      );
      await context.fails("change visibility beyond 12 hours", (sqs) =>
        sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 43_201 }),
        ),
      );
    },
  },
  {
    name: "dead-letter",
    async run(context) {
      const dlq = await createQueue(context, "dlq");
      const arn = await context.ok("get the DLQ arn", (sqs) =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ["QueueArn"] })),
      );
      const source = await createQueue(context, "source", {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn?.Attributes?.QueueArn, maxReceiveCount: 1 }),
      });
      await context.ok("get the redrive policy", (sqs) =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ["RedrivePolicy"] })),
      );
      await context.ok("send", (sqs) =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: source,
            MessageBody: "poison",
            MessageAttributes: { kind: { DataType: "String", StringValue: "bad" } },
          }),
        ),
      );
      const first = await context.ok("first receive", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: source })),
      );
      await context.ok("make visible now", (sqs) =>
        sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: source,
            ReceiptHandle: first?.Messages?.[0]?.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        ),
      );
      await context.ok("second receive moves it to the DLQ", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: source })),
      );
      await context.ok("receive from the DLQ", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MessageAttributeNames: ["All"] })),
      );
      await context.ok("list dead-letter source queues", (sqs) =>
        sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq })),
      );
    },
  },
  {
    name: "fifo",
    async run(context) {
      const url = await createQueue(context, "orders.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true" });
      for (const body of ["first", "second", "third"]) {
        await context.ok(`send ${body}`, (sqs) =>
          sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: "g" })),
        );
      }
      await context.ok("send a duplicate of first", (sqs) =>
        sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "first", MessageGroupId: "g" })),
      );
      await context.ok("send with an explicit deduplication id", (sqs) =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: url,
            MessageBody: "fourth",
            MessageGroupId: "g",
            MessageDeduplicationId: "dedup-4",
          }),
        ),
      );
      await context.fails("send without a group id", (sqs) =>
        sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "orphan" })),
      );
      const head = await context.ok("receive one", (sqs) =>
        sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MessageSystemAttributeNames: ["MessageGroupId", "MessageDeduplicationId"],
          }),
        ),
      );
      await context.ok("receive while the group is in flight", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: url })),
      );
      await context.ok("delete the head", (sqs) =>
        sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: head?.Messages?.[0]?.ReceiptHandle })),
      );
      await context.ok("receive the rest in order", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 })),
      );
      await context.fails("create a FIFO queue without the .fifo suffix", (sqs) =>
        sqs.send(new CreateQueueCommand({ QueueName: context.queueName("plain"), Attributes: { FifoQueue: "true" } })),
      );
    },
  },
  {
    name: "purge",
    async run(context) {
      const url = await createQueue(context, "purge");
      await context.ok(
        "send three",
        (sqs) =>
          sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: ["a", "b", "c"].map((id) => ({ Id: id, MessageBody: id })),
            }),
          ),
        { unordered: ["Successful"] },
      );
      await context.ok("count before purge", (sqs) =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] })),
      );
      await context.ok("purge", (sqs) => sqs.send(new PurgeQueueCommand({ QueueUrl: url })));
      await context.ok("count after purge", (sqs) =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] })),
      );
      await context.ok("receive after purge", (sqs) => sqs.send(new ReceiveMessageCommand({ QueueUrl: url })));
      await context.fails("purge a queue that does not exist", (sqs) =>
        sqs.send(new PurgeQueueCommand({ QueueUrl: missingUrl(context) })),
      );
    },
  },
  {
    name: "tags",
    async run(context) {
      const created = await context.ok("create with tags", (sqs) =>
        sqs.send(new CreateQueueCommand({ QueueName: context.queueName("tagged"), tags: { team: "probity" } })),
      );
      const url = created?.QueueUrl;
      await context.ok("tag", (sqs) =>
        sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { env: "test", owner: "differential" } })),
      );
      await context.ok("untag", (sqs) => sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ["owner"] })));
      await context.ok("list tags", (sqs) => sqs.send(new ListQueueTagsCommand({ QueueUrl: url })));
      await context.fails("list tags of a queue that does not exist", (sqs) =>
        sqs.send(new ListQueueTagsCommand({ QueueUrl: missingUrl(context) })),
      );
    },
  },
  {
    name: "invalid-parameters",
    async run(context) {
      const url = await createQueue(context, "params");
      await context.fails("receive more than ten", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })),
      );
      await context.fails("long poll longer than twenty seconds", (sqs) =>
        sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 21 })),
      );
      await context.fails("delay longer than fifteen minutes", (sqs) =>
        sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "late", DelaySeconds: 901 })),
      );
      await context.fails("create a queue with an invalid name", (sqs) =>
        sqs.send(new CreateQueueCommand({ QueueName: "has spaces!" })),
      );
      await context.fails("send a body with a character SQS does not allow", (sqs) =>
        sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "bell \u0007" })),
      );
      await context.fails("delete with an invalid receipt handle", (sqs) =>
        sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: "not-a-receipt-handle" })),
      );
    },
  },
];
