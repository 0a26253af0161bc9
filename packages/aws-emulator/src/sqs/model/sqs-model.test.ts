import { describe, expect, it } from "vitest";
import { VirtualEmulatorClock } from "../../clock.js";
import { AwsServiceError } from "../../errors.js";
import { EmulatorEvents } from "../../events.js";
import { SqsModel } from "./sqs-model.js";

const scope = { accountId: "000000000000", region: "us-east-1" };

function setup() {
  const clock = new VirtualEmulatorClock(1_700_000_000_000);
  const events = new EmulatorEvents();
  const model = new SqsModel({ clock, events });
  return { clock, events, model };
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsServiceError) return error.code;
    throw error;
  }
  return undefined;
}

describe("SqsModel queues", () => {
  it("returns the existing queue when created again with the same attributes", () => {
    const { model } = setup();
    const first = model.createQueue(scope, "q", { VisibilityTimeout: "10" });
    const again = model.createQueue(scope, "q", { VisibilityTimeout: "10" });
    expect(again.created).toBe(false);
    expect(again.queue).toBe(first.queue);
    expect(code(() => model.createQueue(scope, "q", { VisibilityTimeout: "11" }))).toBe("QueueNameExists");
  });

  it("rejects bad names and attributes when creating", () => {
    const { model } = setup();
    expect(code(() => model.createQueue(scope, "bad name"))).toBe("InvalidParameterValue");
    expect(code(() => model.createQueue(scope, "x.fifo"))).toBe("InvalidParameterValue");
    expect(code(() => model.createQueue(scope, "x", { Bogus: "1" }))).toBe("InvalidAttributeName");
    expect(code(() => model.createQueue(scope, "x", { VisibilityTimeout: "-1" }))).toBe("InvalidAttributeValue");
    expect(code(() => model.createQueue(scope, "x", { ContentBasedDeduplication: "true" }))).toBe(
      "InvalidAttributeName",
    );
  });

  it("keeps accounts and regions apart when names collide", () => {
    const { model } = setup();
    model.createQueue(scope, "q");
    model.createQueue({ ...scope, region: "eu-west-1" }, "q");
    expect(model.listQueues(scope)).toHaveLength(1);
    expect(model.findQueue("111111111111", "us-east-1", "q")).toBeUndefined();
  });
});

describe("SqsQueue messages", () => {
  it("hides a received message until its visibility timeout expires", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q", { VisibilityTimeout: "30" });
    queue.send({ body: "a", senderId: "me" });
    const [first] = await queue.receive();
    expect(first?.content.body).toBe("a");
    expect(await queue.receive()).toEqual([]);
    expect(queue.inFlightCount).toBe(1);
    await clock.advance(30_000);
    const [again] = await queue.receive();
    expect(again?.receiveCount).toBe(2);
    expect(again?.receiptHandle).not.toBe(first?.receiptHandle);
  });

  it("ignores a stale receipt handle when deleting", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q", { VisibilityTimeout: "1" });
    queue.send({ body: "a", senderId: "me" });
    const [first] = await queue.receive();
    await clock.advance(1_000);
    const [second] = await queue.receive();
    queue.deleteMessage(first?.receiptHandle ?? "");
    expect(queue.size).toBe(1);
    queue.deleteMessage(second?.receiptHandle ?? "");
    expect(queue.size).toBe(0);
    expect(code(() => queue.deleteMessage("garbage"))).toBe("ReceiptHandleIsInvalid");
  });

  it("makes a message visible at once when its visibility is changed to 0", async () => {
    const { model } = setup();
    const { queue } = model.createQueue(scope, "q");
    queue.send({ body: "a", senderId: "me" });
    const [first] = await queue.receive();
    queue.changeVisibility(first?.receiptHandle ?? "", 0);
    expect(queue.visibleCount).toBe(1);
    expect(code(() => queue.changeVisibility(first?.receiptHandle ?? "", 0))).toBe("MessageNotInflight");
  });

  it("delays a message by its DelaySeconds when sent", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q");
    queue.send({ body: "a", senderId: "me", delaySeconds: 5 });
    expect(queue.delayedCount).toBe(1);
    expect(await queue.receive()).toEqual([]);
    await clock.advance(5_000);
    expect((await queue.receive()).map((m) => m.content.body)).toEqual(["a"]);
  });

  it("drops messages older than the retention period when it passes", async () => {
    const { model, clock, events } = setup();
    const { queue } = model.createQueue(scope, "q", { MessageRetentionPeriod: "60" });
    const expired: string[] = [];
    events.on("sqs.message-expired", (e) => expired.push(e.messageId));
    const { messageId } = queue.send({ body: "a", senderId: "me" });
    await clock.advance(30_000);
    queue.send({ body: "b", senderId: "me" });
    await clock.advance(30_000);
    expect(expired).toEqual([messageId]);
    expect(queue.size).toBe(1);
  });

  it("rejects invalid bodies and attributes when sending", () => {
    const { model } = setup();
    const { queue } = model.createQueue(scope, "q", { MaximumMessageSize: "1024" });
    expect(code(() => queue.send({ body: "", senderId: "me" }))).toBe("MissingParameter");
    expect(code(() => queue.send({ body: "\u0000", senderId: "me" }))).toBe("InvalidMessageContents");
    expect(code(() => queue.send({ body: "x".repeat(1025), senderId: "me" }))).toBe("InvalidParameterValue");
    expect(
      code(() =>
        queue.send({ body: "x", senderId: "me", messageAttributes: { n: { dataType: "Number", stringValue: "abc" } } }),
      ),
    ).toBe("InvalidParameterValue");
  });
});

describe("SqsQueue long polling", () => {
  it("answers a waiting receive in the same tick when a message is sent", async () => {
    const { model } = setup();
    const { queue } = model.createQueue(scope, "q");
    const waiting = queue.receive({ waitTimeSeconds: 20 });
    expect(queue.waitingReceives).toBe(1);
    queue.send({ body: "wake", senderId: "me" });
    expect((await waiting).map((m) => m.content.body)).toEqual(["wake"]);
  });

  it("answers a waiting receive when a visibility timeout expires", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q", { VisibilityTimeout: "5" });
    queue.send({ body: "a", senderId: "me" });
    await queue.receive();
    const waiting = queue.receive({ waitTimeSeconds: 20 });
    await clock.advance(5_000);
    expect((await waiting).map((m) => m.receiveCount)).toEqual([2]);
  });

  it("long-polls for the queue's ReceiveMessageWaitTimeSeconds when the receive names no wait", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q", { ReceiveMessageWaitTimeSeconds: "10" });
    const waiting = queue.receive();
    expect(queue.waitingReceives).toBe(1);
    await clock.advance(10_000);
    expect(await waiting).toEqual([]);
    expect(queue.waitingReceives).toBe(0);
  });

  it("ends waiting receives empty when the queue is deleted", async () => {
    const { model } = setup();
    const { queue } = model.createQueue(scope, "q");
    const waiting = queue.receive({ waitTimeSeconds: 20 });
    model.deleteQueue(queue);
    expect(await waiting).toEqual([]);
    expect(code(() => queue.send({ body: "x", senderId: "me" }))).toBe("QueueDoesNotExist");
  });

  it("ends empty when the wait time passes or the signal aborts", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q");
    const timedOut = queue.receive({ waitTimeSeconds: 2 });
    await clock.advance(2_000);
    expect(await timedOut).toEqual([]);
    const controller = new AbortController();
    const aborted = queue.receive({ waitTimeSeconds: 20, signal: controller.signal });
    controller.abort();
    expect(await aborted).toEqual([]);
    expect(queue.waitingReceives).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe("SqsQueue dead-lettering", () => {
  it("moves a message to the DLQ when its receive count exceeds maxReceiveCount", async () => {
    const { model, clock, events } = setup();
    const dlq = model.createQueue(scope, "dlq").queue;
    const { queue } = model.createQueue(scope, "q", {
      VisibilityTimeout: "1",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
    });
    const moved: string[] = [];
    events.on("sqs.message-dead-lettered", (e) => moved.push(e.deadLetterQueueArn));
    const { messageId } = queue.send({ body: "poison", senderId: "me" });
    for (let i = 0; i < 2; i++) {
      expect(await queue.receive()).toHaveLength(1);
      await clock.advance(1_000);
    }
    expect(await queue.receive()).toEqual([]);
    expect(moved).toEqual([dlq.arn]);
    const [dead] = await dlq.receive();
    expect(dead?.messageId).toBe(messageId);
    expect(dead?.deadLetterSourceArn).toBe(queue.arn);
    expect(dead?.receiveCount).toBe(1);
    expect(model.deadLetterSourceQueues(dlq).map((q) => q.name)).toEqual(["q"]);
  });

  it("rejects a redrive policy when the DLQ denies it or does not exist", () => {
    const { model } = setup();
    const dlq = model.createQueue(scope, "dlq", { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' }).queue;
    const policy = (arn: string) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 1 });
    expect(code(() => model.createQueue(scope, "q", { RedrivePolicy: policy(dlq.arn) }))).toBe("InvalidAttributeValue");
    expect(code(() => model.createQueue(scope, "q", { RedrivePolicy: policy(`${dlq.arn}x`) }))).toBe(
      "InvalidAttributeValue",
    );
  });

  it("moves messages back to their source when a move task runs", async () => {
    const { model, clock } = setup();
    const dlq = model.createQueue(scope, "dlq").queue;
    const { queue } = model.createQueue(scope, "q", {
      VisibilityTimeout: "1",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    queue.send({ body: "a", senderId: "me" });
    await queue.receive();
    await clock.advance(1_000);
    await queue.receive();
    expect(dlq.size).toBe(1);
    const handle = model.startMoveTask(dlq.arn);
    await clock.advance(0);
    expect(model.listMoveTasks(dlq.arn)[0]).toMatchObject({ taskHandle: handle, status: "COMPLETED" });
    expect(queue.visibleCount).toBe(1);
    expect(code(() => model.cancelMoveTask(handle))).toBe("InvalidParameterValue");
  });
});

describe("SqsQueue FIFO", () => {
  it("keeps group order and blocks a group while one of its messages is in flight", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q.fifo", { FifoQueue: "true", VisibilityTimeout: "5" });
    for (const [body, group] of [
      ["a1", "a"],
      ["b1", "b"],
      ["a2", "a"],
    ] as const) {
      queue.send({ body, senderId: "me", messageGroupId: group, messageDeduplicationId: body });
    }
    const first = await queue.receive({ maxMessages: 1 });
    expect(first.map((m) => m.content.body)).toEqual(["a1"]);
    const second = await queue.receive({ maxMessages: 10 });
    expect(second.map((m) => m.content.body)).toEqual(["b1"]);
    await clock.advance(5_000);
    const again = await queue.receive({ maxMessages: 10 });
    expect(again.map((m) => m.content.body)).toEqual(["a1", "a2", "b1"]);
    const [a1, a2] = again;
    expect(BigInt(a1?.sequenceNumber ?? "0") < BigInt(a2?.sequenceNumber ?? "0")).toBe(true);
  });

  it("drops a duplicate within 5 minutes and accepts it after", async () => {
    const { model, clock } = setup();
    const { queue } = model.createQueue(scope, "q.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true" });
    const first = queue.send({ body: "same", senderId: "me", messageGroupId: "g" });
    const dup = queue.send({ body: "same", senderId: "me", messageGroupId: "g" });
    expect(dup).toMatchObject({ duplicate: true, messageId: first.messageId });
    expect(queue.size).toBe(1);
    await clock.advance(300_000);
    expect(queue.send({ body: "same", senderId: "me", messageGroupId: "g" }).duplicate).toBe(false);
  });

  it("requires a group id and a dedup id when sending to a FIFO queue", () => {
    const { model } = setup();
    const { queue } = model.createQueue(scope, "q.fifo", { FifoQueue: "true" });
    expect(code(() => queue.send({ body: "x", senderId: "me" }))).toBe("MissingParameter");
    expect(code(() => queue.send({ body: "x", senderId: "me", messageGroupId: "g" }))).toBe("InvalidParameterValue");
    expect(
      code(() =>
        queue.send({ body: "x", senderId: "me", messageGroupId: "g", messageDeduplicationId: "d", delaySeconds: 1 }),
      ),
    ).toBe("InvalidParameterValue");
  });
});

describe("SqsQueue cost at depth", () => {
  it("receives and deletes from the head without scanning when 10,000 messages wait", async () => {
    const { model } = setup();
    const { queue } = model.createQueue(scope, "deep");
    for (let i = 0; i < 10_000; i++) queue.send({ body: `m${i}`, senderId: "me" });
    const [head] = await queue.receive();
    expect(head?.content.body).toBe("m0");
    queue.deleteMessage(head?.receiptHandle ?? "");
    expect(queue.size).toBe(9_999);
    expect(queue.visibleCount).toBe(9_999);
  });
});

describe("SqsModel as SqsDeliveryPort", () => {
  it("stores a delivered message when the ARN names a queue", async () => {
    const { model } = setup();
    const { queue } = model.createQueue(scope, "target");
    const result = model.deliver(queue.arn, {
      body: "from sns",
      messageAttributes: { a: { dataType: "String", stringValue: "1" } },
    });
    const [message] = await queue.receive();
    expect(message?.messageId).toBe(result.messageId);
    expect(message?.content.senderId).toBe("000000000000");
  });

  it("throws QueueDoesNotExist with the legacy code when the ARN names no queue", () => {
    const { model } = setup();
    try {
      model.deliver("arn:aws:sqs:us-east-1:000000000000:gone", { body: "x" });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: "QueueDoesNotExist",
        queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue",
      });
    }
  });
});
