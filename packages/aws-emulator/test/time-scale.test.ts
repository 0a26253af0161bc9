/**
 * Production settings, test speed: a 30 s visibility timeout with maxReceiveCount 1 and a 60 s
 * DelaySeconds run unchanged, first with `timeScale: 100` (waiting only on long polls and events), then
 * on a virtual clock moved by hand. SNS's FIFO dedup window follows the same clock.
 */

import { PublishCommand } from "@aws-sdk/client-sns";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { VirtualEmulatorClock } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SnsFixture, startSnsFixture } from "./sns-fixture.js";

async function redriveSetup(fx: SnsFixture) {
  const dlq = await fx.queue("orders-dlq");
  const source = await fx.queue("orders", {
    VisibilityTimeout: "30",
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
  });
  const { MessageId } = await fx.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "poison" }));
  // Read before the receive: the visibility timeout starts inside it.
  const started = fx.aws.clock.now();
  expect((await fx.receive(source.url)).map((m) => m.Body)).toEqual(["poison"]);
  return { dlq, source, messageId: MessageId, started };
}

describe("timeScale 100", () => {
  let fx: SnsFixture;
  beforeAll(async () => {
    fx = await startSnsFixture({ timeScale: 100 });
  });
  afterAll(() => fx.stop());

  it("moves a message to the DLQ after its 30 s visibility timeout when a consumer keeps long-polling", async () => {
    const { dlq, source, messageId, started } = await redriveSetup(fx);
    const deadLettered = fx.aws.events.once("sqs.message-dead-lettered", { filter: (e) => e.messageId === messageId });
    let moved = false;
    void deadLettered.then(() => {
      moved = true;
    });
    // The failing consumer keeps polling with its production WaitTimeSeconds (20 s = 200 ms here).
    while (!moved) expect(await fx.receive(source.url, 20)).toEqual([]);
    const dead = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 20 }));
    expect(dead.Messages?.map((m) => m.MessageId)).toEqual([messageId]);
    expect(fx.aws.clock.now() - started).toBeGreaterThanOrEqual(30_000);
  });

  it("delivers a message with DelaySeconds 60 to a long poll once 60 emulated seconds pass", async () => {
    const queue = await fx.queue("delayed");
    const started = fx.aws.clock.now();
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "later", DelaySeconds: 60 }));
    let messages = await fx.receive(queue.url, 20);
    while (messages.length === 0) messages = await fx.receive(queue.url, 20);
    expect(messages.map((m) => m.Body)).toEqual(["later"]);
    expect(fx.aws.clock.now() - started).toBeGreaterThanOrEqual(60_000);
  });
});

describe("virtual clock", () => {
  let fx: SnsFixture;
  let clock: VirtualEmulatorClock;
  beforeAll(async () => {
    fx = await startSnsFixture({ clock: "virtual" });
    clock = fx.aws.clock as VirtualEmulatorClock;
  });
  afterAll(() => fx.stop());

  it("moves a message to the DLQ only after the clock advances past the visibility timeout", async () => {
    const { dlq, source, messageId } = await redriveSetup(fx);
    await clock.advance(29_999);
    expect(await fx.receive(source.url)).toEqual([]);
    expect(await fx.receive(dlq.url)).toEqual([]);
    const waiting = fx.aws.events.once("sqs.receive-waiting", { filter: (e) => e.queueName === dlq.name });
    const dead = fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 20 }));
    await waiting;
    await clock.advance(1);
    // The consumer's next receive finds the message over its limit and dead-letters it; the DLQ poll wakes.
    expect(await fx.receive(source.url)).toEqual([]);
    expect((await dead).Messages?.map((m) => m.MessageId)).toEqual([messageId]);
  });

  it("wakes a long poll when an advance makes a delayed message visible", async () => {
    const queue = await fx.queue("virtual-delay");
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "later", DelaySeconds: 60 }));
    await clock.advance(50_000);
    const waiting = fx.aws.events.once("sqs.receive-waiting", { filter: (e) => e.queueName === queue.name });
    const pending = fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await waiting;
    await clock.advance(10_000);
    expect((await pending).Messages?.map((m) => m.Body)).toEqual(["later"]);
  });

  it("forgets an SNS FIFO dedup id when the 5-minute window passes on the emulator clock", async () => {
    const topicArn = await fx.topic("dedup.fifo");
    const queue = await fx.queue("dedup-q.fifo");
    await fx.subscribe(topicArn, queue.arn, { RawMessageDelivery: "true" });
    const publish = (body: string) =>
      fx.sns.send(
        new PublishCommand({ TopicArn: topicArn, Message: body, MessageGroupId: "g", MessageDeduplicationId: "same" }),
      );
    const first = await publish("one");
    await clock.advance(299_999);
    expect((await publish("dropped")).MessageId).toBe(first.MessageId);
    await clock.advance(1);
    expect((await publish("two")).MessageId).not.toBe(first.MessageId);
    // SQS's own 5-minute dedup window moved with the same clock, so the second copy is accepted too.
    const bodies = (await fx.receive(queue.url)).map((m) => m.Body);
    expect(bodies).toEqual(["one", "two"]);
  });
});
