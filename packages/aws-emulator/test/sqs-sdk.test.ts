import {
  AddPermissionCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiveMessageCommand,
  RemovePermissionCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SqsFixture, startSqs, untilTrue } from "./helpers.js";

let fx: SqsFixture;
let counter = 0;

beforeAll(async () => {
  fx = await startSqs();
});
afterAll(async () => {
  fx.sqs.destroy();
  await fx.aws.stop();
});

async function createQueue(attributes: Record<string, string> = {}, name = `q-${++counter}`): Promise<string> {
  const { QueueUrl } = await fx.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (QueueUrl === undefined) throw new Error("no QueueUrl");
  return QueueUrl;
}

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; code: string | undefined; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, code: e.Code, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

describe("SQS queues through SDK v3", () => {
  it("returns the same URL when CreateQueue repeats with equal attributes", async () => {
    const first = await createQueue({ VisibilityTimeout: "20" }, "idempotent");
    expect(first).toBe(`${fx.aws.endpoint}/000000000000/idempotent`);
    expect(await createQueue({ VisibilityTimeout: "20" }, "idempotent")).toBe(first);
    expect(await createQueue({}, "idempotent")).toBe(first);
  });

  it("throws QueueNameExists (QueueAlreadyExists) when attributes differ", async () => {
    await createQueue({ VisibilityTimeout: "20" }, "clash");
    const error = await errorOf(
      fx.sqs.send(new CreateQueueCommand({ QueueName: "clash", Attributes: { VisibilityTimeout: "21" } })),
    );
    expect(error).toMatchObject({ name: "QueueNameExists", code: "QueueAlreadyExists", status: 400 });
    await expect(
      fx.sqs.send(new CreateQueueCommand({ QueueName: "clash", Attributes: { VisibilityTimeout: "22" } })),
    ).rejects.toBeInstanceOf(QueueNameExists);
  });

  it("resolves the URL when GetQueueUrl names an existing queue", async () => {
    const url = await createQueue({}, "lookup");
    expect((await fx.sqs.send(new GetQueueUrlCommand({ QueueName: "lookup" }))).QueueUrl).toBe(url);
    const error = await errorOf(fx.sqs.send(new GetQueueUrlCommand({ QueueName: "nope" })));
    expect(error).toMatchObject({ name: "QueueDoesNotExist", code: "AWS.SimpleQueueService.NonExistentQueue" });
  });

  it("filters by prefix and pages when ListQueues has MaxResults", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) await createQueue({}, name);
    const all = await fx.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "page-" }));
    expect(all.QueueUrls?.map((url) => url.split("/").pop())).toEqual(["page-a", "page-b", "page-c"]);
    expect(all.NextToken).toBeUndefined();
    const first = await fx.sqs.send(new ListQueuesCommand({ QueueNamePrefix: "page-", MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    const second = await fx.sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: "page-", MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.QueueUrls?.map((url) => url.split("/").pop())).toEqual(["page-c"]);
    expect(second.NextToken).toBeUndefined();
  });

  it("forgets a queue when it is deleted", async () => {
    const url = await createQueue();
    await fx.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expect(fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "x" }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
  });

  it("reports counts and settings when GetQueueAttributes asks for All or one name", async () => {
    const url = await createQueue({ DelaySeconds: "0", VisibilityTimeout: "45" });
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "a" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "b" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "c", DelaySeconds: 900 }));
    await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    const { Attributes } = await fx.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: "1",
      ApproximateNumberOfMessagesNotVisible: "1",
      ApproximateNumberOfMessagesDelayed: "1",
      VisibilityTimeout: "45",
      MaximumMessageSize: "1048576",
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${url.split("/").pop()}`,
    });
    const one = await fx.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["VisibilityTimeout"] }),
    );
    expect(one.Attributes).toEqual({ VisibilityTimeout: "45" });
  });

  it("changes settings when SetQueueAttributes is valid and rejects bad values", async () => {
    const url = await createQueue();
    await fx.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "5" } }));
    const { Attributes } = await fx.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["VisibilityTimeout"] }),
    );
    expect(Attributes?.VisibilityTimeout).toBe("5");
    const bad = await errorOf(
      fx.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "50000" } })),
    );
    expect(bad.name).toBe("InvalidAttributeValue");
    const unknown = await errorOf(
      fx.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Nope: "1" } as never })),
    );
    expect(unknown.name).toBe("InvalidAttributeName");
  });

  it("stores, lists and removes tags when tagging", async () => {
    const { QueueUrl: url } = await fx.sqs.send(new CreateQueueCommand({ QueueName: "tagged", tags: { team: "a" } }));
    await fx.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { env: "test" } }));
    expect((await fx.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ team: "a", env: "test" });
    await fx.sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ["team"] }));
    expect((await fx.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ env: "test" });
  });

  it("records permissions in the Policy attribute when added and removed", async () => {
    const url = await createQueue();
    await fx.sqs.send(
      new AddPermissionCommand({
        QueueUrl: url,
        Label: "p1",
        AWSAccountIds: ["111111111111"],
        Actions: ["SendMessage"],
      }),
    );
    const { Attributes } = await fx.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }),
    );
    expect(JSON.parse(Attributes?.Policy ?? "{}").Statement[0]).toMatchObject({
      Sid: "p1",
      Action: ["SQS:SendMessage"],
    });
    const dup = await errorOf(
      fx.sqs.send(new AddPermissionCommand({ QueueUrl: url, Label: "p1", AWSAccountIds: ["1"], Actions: ["*"] })),
    );
    expect(dup.name).toBe("InvalidParameterValue");
    await fx.sqs.send(new RemovePermissionCommand({ QueueUrl: url, Label: "p1" }));
    const after = await fx.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }));
    expect(after.Attributes?.Policy).toBeUndefined();
  });

  it("keeps regions and accounts apart when clients sign with different scopes", async () => {
    await createQueue({}, "scoped");
    const other = new SQSClient({
      endpoint: fx.aws.endpoint,
      region: "eu-west-1",
      credentials: { accessKeyId: "123456789012", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    expect((await other.send(new ListQueuesCommand({ QueueNamePrefix: "scoped" }))).QueueUrls).toBeUndefined();
    const { QueueUrl } = await other.send(new CreateQueueCommand({ QueueName: "scoped" }));
    expect(QueueUrl).toBe(`${fx.aws.endpoint}/123456789012/scoped`);
    const { Attributes } = await other.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    expect(Attributes?.QueueArn).toBe("arn:aws:sqs:eu-west-1:123456789012:scoped");
    other.destroy();
  });
});

describe("SQS messages through SDK v3", () => {
  it("round-trips body and attributes with MD5 checks on when sending and receiving", async () => {
    const url = await createQueue();
    const body = "héllo \r\n <xml> & \u{1F600}";
    const sent = await fx.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: body,
        MessageAttributes: {
          color: { DataType: "String", StringValue: "red" },
          count: { DataType: "Number", StringValue: "42" },
          blob: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 2, 255]) },
          "meta.trace": { DataType: "String.custom", StringValue: "t-1" },
        },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } },
      }),
    );
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    const { Messages } = await fx.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
      }),
    );
    const [message] = Messages ?? [];
    expect(message?.Body).toBe(body);
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.MessageAttributes?.blob?.BinaryValue).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(message?.Attributes).toMatchObject({
      ApproximateReceiveCount: "1",
      AWSTraceHeader: "Root=1-abc",
      SenderId: "test",
    });
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThan(0);
    expect(Number(message?.Attributes?.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(message?.Attributes?.SentTimestamp),
    );
  });

  it("returns only the attributes asked for when MessageAttributeNames filters by name and prefix", async () => {
    const url = await createQueue();
    await fx.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: "x",
        MessageAttributes: {
          "a.one": { DataType: "String", StringValue: "1" },
          "a.two": { DataType: "String", StringValue: "2" },
          b: { DataType: "String", StringValue: "3" },
        },
      }),
    );
    const { Messages } = await fx.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ["a.*"],
        MessageSystemAttributeNames: ["SentTimestamp"],
        VisibilityTimeout: 0,
      }),
    );
    expect(Object.keys(Messages?.[0]?.MessageAttributes ?? {}).sort()).toEqual(["a.one", "a.two"]);
    expect(Object.keys(Messages?.[0]?.Attributes ?? {})).toEqual(["SentTimestamp"]);
    const byName = await fx.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ["b"], VisibilityTimeout: 0 }),
    );
    expect(Object.keys(byName.Messages?.[0]?.MessageAttributes ?? {})).toEqual(["b"]);
    const none = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(none.Messages?.[0]?.MessageAttributes).toBeUndefined();
    expect(none.Messages?.[0]?.MD5OfMessageAttributes).toBeUndefined();
  });

  it("returns at most MaxNumberOfMessages and rejects 11", async () => {
    const url = await createQueue();
    await fx.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `body-${i}` })),
      }),
    );
    const { Messages } = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 7 }));
    expect(Messages).toHaveLength(7);
    const error = await errorOf(fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })));
    expect(error.name).toBe("InvalidParameterValue");
  });

  it("reports per-entry failures when a batch mixes good and bad entries", async () => {
    const url = await createQueue();
    const result = await fx.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "good", MessageBody: "ok" },
          { Id: "bad", MessageBody: "x", MessageAttributes: { n: { DataType: "Number", StringValue: "abc" } } },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(["good"]);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: "bad", SenderFault: true, Code: "InvalidParameterValue" }),
    ]);
  });

  it("rejects whole batches when entries are too many, repeated or too large", async () => {
    const url = await createQueue();
    const entries = (n: number, body = "x") =>
      Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: body }));
    expect(
      (await errorOf(fx.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(11) })))).name,
    ).toBe("TooManyEntriesInBatchRequest");
    expect((await errorOf(fx.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] })))).name).toBe(
      "EmptyBatchRequest",
    );
    const repeated = [
      { Id: "same", MessageBody: "a" },
      { Id: "same", MessageBody: "b" },
    ];
    expect((await errorOf(fx.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: repeated })))).name).toBe(
      "BatchEntryIdsNotDistinct",
    );
    expect(
      (
        await errorOf(
          fx.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: "bad id!", MessageBody: "a" }] })),
        )
      ).name,
    ).toBe("InvalidBatchEntryId");
    const big = entries(2, "x".repeat(600_000));
    expect((await errorOf(fx.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: big })))).name).toBe(
      "BatchRequestTooLong",
    );
  });

  it("rejects a body over MaximumMessageSize and invalid characters", async () => {
    const url = await createQueue({ MaximumMessageSize: "1024" });
    expect(
      (await errorOf(fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "x".repeat(1025) })))).name,
    ).toBe("InvalidParameterValue");
    expect((await errorOf(fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "\u0001" })))).name).toBe(
      "InvalidMessageContents",
    );
  });

  it("deletes with the latest receipt handle and batch-deletes with per-entry results", async () => {
    const url = await createQueue();
    await fx.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [0, 1, 2].map((i) => ({ Id: `m${i}`, MessageBody: `${i}` })),
      }),
    );
    const { Messages = [] } = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(3);
    await fx.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }));
    const batch = await fx.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "a", ReceiptHandle: Messages[1]?.ReceiptHandle },
          { Id: "b", ReceiptHandle: "not-a-handle" },
        ],
      }),
    );
    expect(batch.Successful?.map((entry) => entry.Id)).toEqual(["a"]);
    expect(batch.Failed?.[0]).toMatchObject({ Id: "b", Code: "ReceiptHandleIsInvalid" });
    expect(fx.aws.sqs.queue(url.split("/").pop() ?? "")?.inFlight).toBe(1);
  });

  it("makes a message visible again when its visibility is changed to 0", async () => {
    const url = await createQueue();
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "again" }));
    const first = await fx.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );
    const handle = first.Messages?.[0]?.ReceiptHandle;
    await fx.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }),
    );
    const second = await fx.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
    );
    expect(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe("2");
    const stale = await errorOf(
      fx.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 10 })),
    );
    expect(stale.name).toBe("InvalidParameterValue");
    const batch = await fx.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "ok", ReceiptHandle: second.Messages?.[0]?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: "gone", ReceiptHandle: handle, VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(batch.Successful?.map((entry) => entry.Id)).toEqual(["ok"]);
    expect(batch.Failed?.map((entry) => entry.Id)).toEqual(["gone"]);
  });

  it("empties the queue when purged", async () => {
    const url = await createQueue();
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "a" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "b", DelaySeconds: 60 }));
    await fx.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    const view = fx.aws.sqs.queue(url.split("/").pop() ?? "");
    expect([view?.visible, view?.delayed, view?.inFlight]).toEqual([0, 0, 0]);
  });
});

describe("SQS long polling through SDK v3", () => {
  it("returns a waiting receive as soon as a message is sent", async () => {
    const url = await createQueue();
    const name = url.split("/").pop() ?? "";
    const waiting = fx.aws.events.once("sqs.receive-waiting", { filter: (e) => e.queueName === name });
    const receive = fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await waiting;
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "wake up" }));
    expect((await receive).Messages?.map((m) => m.Body)).toEqual(["wake up"]);
  });

  it("cancels the wait when the client aborts the request", async () => {
    const url = await createQueue();
    const name = url.split("/").pop() ?? "";
    const waiting = fx.aws.events.once("sqs.receive-waiting", { filter: (e) => e.queueName === name });
    const controller = new AbortController();
    const receive = fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), {
      abortSignal: controller.signal,
    });
    await waiting;
    controller.abort();
    await expect(receive).rejects.toThrow();
    await untilTrue(() => fx.aws.sqs.queue(name)?.waitingReceives === 0);
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "kept" }));
    expect(fx.aws.sqs.queue(name)?.visible).toBe(1);
  });

  it("ends waiting receives empty when the emulator stops", async () => {
    const own = await startSqs();
    const { QueueUrl } = await own.sqs.send(new CreateQueueCommand({ QueueName: "stopping" }));
    const waiting = own.aws.events.once("sqs.receive-waiting");
    const receive = own.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await waiting;
    await own.aws.stop();
    const answer = await receive;
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(answer.Messages).toBeUndefined();
    own.sqs.destroy();
  });
});
