import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from "@aws-sdk/client-sqs";
import { VirtualEmulatorClock } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SqsFixture, startSqs } from "./helpers.js";

let fx: SqsFixture;
let clock: VirtualEmulatorClock;
let counter = 0;

beforeAll(async () => {
  clock = new VirtualEmulatorClock();
  fx = await startSqs({ clock });
});
afterAll(async () => {
  fx.sqs.destroy();
  await fx.aws.stop();
});

async function create(name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const unique = name.endsWith(".fifo") ? `${name.slice(0, -5)}-${++counter}.fifo` : `${name}-${++counter}`;
  const { QueueUrl } = await fx.sqs.send(new CreateQueueCommand({ QueueName: unique, Attributes: attributes }));
  const { Attributes } = await fx.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl ?? "", arn: Attributes?.QueueArn ?? "" };
}

async function receive(url: string, extra: { MaxNumberOfMessages?: number } = {}) {
  const { Messages = [] } = await fx.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MessageSystemAttributeNames: ["All"],
      MessageAttributeNames: ["All"],
      ...extra,
    }),
  );
  return Messages;
}

describe("SQS visibility and delays on a virtual clock", () => {
  it("redelivers a message when its visibility timeout passes", async () => {
    const { url } = await create("vis", { VisibilityTimeout: "30" });
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "a" }));
    expect(await receive(url)).toHaveLength(1);
    await clock.advance(29_999);
    expect(await receive(url)).toHaveLength(0);
    await clock.advance(1);
    const [again] = await receive(url);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe("2");
  });

  it("holds a message back for the queue's and the message's DelaySeconds", async () => {
    const { url } = await create("delay", { DelaySeconds: "10" });
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "queue-delay" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "own-delay", DelaySeconds: 20 }));
    expect(await receive(url)).toHaveLength(0);
    await clock.advance(10_000);
    expect((await receive(url)).map((m) => m.Body)).toEqual(["queue-delay"]);
    await clock.advance(10_000);
    expect((await receive(url)).map((m) => m.Body)).toEqual(["own-delay"]);
  });

  it("ends a long poll empty when WaitTimeSeconds passes", async () => {
    const { url } = await create("poll");
    const waiting = fx.aws.events.once("sqs.receive-waiting");
    const pending = fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await waiting;
    await clock.advance(20_000);
    expect((await pending).Messages).toBeUndefined();
  });

  it("wakes a long poll when a delayed message becomes visible", async () => {
    const { url } = await create("poll-delay");
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "later", DelaySeconds: 5 }));
    const waiting = fx.aws.events.once("sqs.receive-waiting");
    const pending = fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await waiting;
    await clock.advance(5_000);
    expect((await pending).Messages?.map((m) => m.Body)).toEqual(["later"]);
  });

  it("drops a message when MessageRetentionPeriod passes", async () => {
    const { url } = await create("retention", { MessageRetentionPeriod: "60" });
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "old" }));
    await clock.advance(60_000);
    expect(await receive(url)).toHaveLength(0);
  });
});

describe("SQS dead-letter queues on a virtual clock", () => {
  it("moves a message to the DLQ after maxReceiveCount receives, keeping body and attributes", async () => {
    const dlq = await create("dlq");
    const source = await create("src", {
      VisibilityTimeout: "10",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
    });
    const sent = await fx.sqs.send(
      new SendMessageCommand({
        QueueUrl: source.url,
        MessageBody: "poison",
        MessageAttributes: { kind: { DataType: "String", StringValue: "bad" } },
      }),
    );
    for (let i = 0; i < 2; i++) {
      expect(await receive(source.url)).toHaveLength(1);
      await clock.advance(10_000);
    }
    expect(await receive(source.url)).toHaveLength(0);
    const [dead] = await receive(dlq.url);
    expect(dead).toMatchObject({ MessageId: sent.MessageId, Body: "poison" });
    expect(dead?.MessageAttributes?.kind?.StringValue).toBe("bad");
    expect(dead?.Attributes?.DeadLetterQueueSourceArn).toBe(source.arn);
    const { queueUrls } = await fx.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq.url }));
    expect(queueUrls).toEqual([source.url]);
  });

  it("rejects a standard DLQ for a FIFO source", async () => {
    const dlq = await create("std-dlq");
    await expect(
      fx.sqs.send(
        new CreateQueueCommand({
          QueueName: "fifo-src.fifo",
          Attributes: {
            FifoQueue: "true",
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
          },
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidAttributeValue" });
  });

  it("redrives messages back to the source when a move task runs and lists it", async () => {
    const dlq = await create("move-dlq");
    const source = await create("move-src", {
      VisibilityTimeout: "1",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "m" }));
    await receive(source.url);
    await clock.advance(1_000);
    await receive(source.url);
    const { TaskHandle } = await fx.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    expect(TaskHandle).toBeTruthy();
    const running = await fx.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    expect(running.Results?.[0]).toMatchObject({ Status: "RUNNING", ApproximateNumberOfMessagesToMove: 1 });
    await clock.advance(0);
    const done = await fx.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    expect(done.Results?.[0]).toMatchObject({ Status: "COMPLETED", ApproximateNumberOfMessagesMoved: 1 });
    expect((await receive(source.url)).map((m) => m.Body)).toEqual(["m"]);
    await expect(fx.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }))).rejects.toMatchObject({
      name: "InvalidParameterValue",
    });
  });

  it("cancels a move task while it runs", async () => {
    const dlq = await create("cancel-dlq");
    const source = await create("cancel-src", {
      VisibilityTimeout: "1",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "m" }));
    await receive(source.url);
    await clock.advance(1_000);
    await receive(source.url);
    const { TaskHandle } = await fx.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    const cancelled = await fx.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBe(0);
    const list = await fx.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
    expect(list.Results?.[0]?.Status).toBe("CANCELLED");
  });
});

describe("SQS FIFO queues", () => {
  it("delivers in order within a group and blocks the group while a message is in flight", async () => {
    const { url } = await create("order.fifo", {
      FifoQueue: "true",
      ContentBasedDeduplication: "true",
      VisibilityTimeout: "30",
    });
    await fx.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: ["a1", "a2", "a3"].map((body) => ({ Id: body, MessageBody: body, MessageGroupId: "a" })),
      }),
    );
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "b1", MessageGroupId: "b" }));
    const first = await receive(url, { MaxNumberOfMessages: 2 });
    expect(first.map((m) => m.Body)).toEqual(["a1", "a2"]);
    const second = await receive(url, { MaxNumberOfMessages: 10 });
    expect(second.map((m) => m.Body)).toEqual(["b1"]);
    await clock.advance(30_000);
    const third = await receive(url, { MaxNumberOfMessages: 10 });
    expect(third.filter((m) => m.Attributes?.MessageGroupId === "a").map((m) => m.Body)).toEqual(["a1", "a2", "a3"]);
    const sequence = third.map((m) => BigInt(m.Attributes?.SequenceNumber ?? "0"));
    expect(sequence[1]).toBeGreaterThan(sequence[0] ?? 0n);
  });

  it("drops duplicates by content or id within the 5-minute window", async () => {
    const { url } = await create("dedup.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true" });
    const first = await fx.sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: "same", MessageGroupId: "g" }),
    );
    const dup = await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "same", MessageGroupId: "g" }));
    expect(dup.MessageId).toBe(first.MessageId);
    expect(dup.SequenceNumber).toBe(first.SequenceNumber);
    await fx.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: "other",
        MessageGroupId: "g",
        MessageDeduplicationId: "id-1",
      }),
    );
    await fx.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: "other2",
        MessageGroupId: "g",
        MessageDeduplicationId: "id-1",
      }),
    );
    expect(fx.aws.sqs.queue(url.split("/").pop() ?? "")?.visible).toBe(2);
    await clock.advance(300_000);
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "same", MessageGroupId: "g" }));
    expect(fx.aws.sqs.queue(url.split("/").pop() ?? "")?.visible).toBe(3);
  });

  it("requires MessageGroupId when sending to a FIFO queue", async () => {
    const { url } = await create("strict.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true" });
    await expect(fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "x" }))).rejects.toMatchObject({
      name: "MissingParameter",
    });
  });
});
