import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { parseXml, startAwsEmulator, VirtualEmulatorClock } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonRequest, type SqsFixture, startSqs, untilTrue } from "./helpers.js";
import { frameData, nextFrame, readSse } from "./sse.js";

let fx: SqsFixture;

beforeAll(async () => {
  fx = await startSqs();
});
afterAll(async () => {
  fx.sqs.destroy();
  await fx.aws.stop();
});

async function getJson(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fx.aws.endpoint}${path}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl } = await fx.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return QueueUrl as string;
}

async function openEvents(query = "", headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${fx.aws.endpoint}/_probity/events${query}`, { signal: controller.signal, headers });
  const frames = readSse(response);
  const ready = await nextFrame(frames, (frame) => frame.event === "ready");
  return { response, frames, ready, close: () => controller.abort() };
}

async function eventStreams(): Promise<number> {
  const { body } = await getJson("/_probity/state");
  return (body.inspection as { eventStreams: number }).eventStreams;
}

describe("GET /_probity/events", () => {
  it("streams a matching event with an id when a message is sent to the filtered queue", async () => {
    const orders = await createQueue("sse-orders");
    const other = await createQueue("sse-other");
    const stream = await openEvents("?queue=sse-orders&type=sqs.message-sent");
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: other, MessageBody: "not for you" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: orders, MessageBody: "hello" }));
    const frame = await nextFrame(stream.frames, (f) => f.data !== undefined && f.event === undefined);
    expect(frameData(frame)).toMatchObject({ type: "sqs.message-sent", queueName: "sse-orders", body: "hello" });
    expect(Number(frame.id)).toBeGreaterThan(Number((frameData(stream.ready) as { lastEventId: number }).lastEventId));
    stream.close();
  });

  it("replays missed events after Last-Event-ID when a client reconnects", async () => {
    const url = await createQueue("sse-resume");
    const first = await openEvents("?queue=sse-resume");
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "one" }));
    const seen = await nextFrame(first.frames, (f) => f.id !== undefined);
    first.close();
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "two" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "three" }));
    const again = await openEvents("?queue=sse-resume&type=sqs.message-sent", { "last-event-id": seen.id as string });
    const replayed = [
      await nextFrame(again.frames, (f) => f.id !== undefined),
      await nextFrame(again.frames, (f) => f.id !== undefined),
    ];
    expect(replayed.map((f) => frameData(f).body)).toEqual(["two", "three"]);
    expect(Number(replayed[1]?.id)).toBeGreaterThan(Number(replayed[0]?.id));
    again.close();
  });

  it("releases the subscription when the client disconnects", async () => {
    const stream = await openEvents();
    expect(await eventStreams()).toBeGreaterThanOrEqual(1);
    stream.close();
    for (let turn = 0; turn < 1_000 && (await eventStreams()) > 0; turn++) {
      // each turn awaits a full HTTP round trip, which lets the server see the disconnect
    }
    expect(await eventStreams()).toBe(0);
  });

  it("sends heartbeat comments at the requested interval", async () => {
    const stream = await openEvents("?heartbeat=10");
    const beat = await nextFrame(stream.frames, (f) => f.comment === "heartbeat");
    expect(beat.comment).toBe("heartbeat");
    stream.close();
  });

  it("ends the stream cleanly when the emulator stops", async () => {
    const aws = await startAwsEmulator({ port: 0 });
    const response = await fetch(`${aws.endpoint}/_probity/events`);
    const frames = readSse(response);
    await nextFrame(frames, (f) => f.event === "ready");
    await aws.stop();
    const rest: unknown[] = [];
    for await (const frame of frames) rest.push(frame);
    expect(rest).toEqual([]);
  });

  it("streams through the fetch-style handler and releases the stream when the reader cancels", async () => {
    const response = await fx.aws.handler.handle(new Request(`${fx.aws.endpoint}/_probity/events?queue=in-process`));
    const frames = readSse(response);
    await nextFrame(frames, (f) => f.event === "ready");
    await createQueue("in-process");
    const frame = await nextFrame(frames, (f) => f.id !== undefined);
    expect(frameData(frame)).toMatchObject({ type: "sqs.queue-created", queueName: "in-process" });
    await frames.return(undefined);
    expect(await eventStreams()).toBe(0);
  });

  it("answers 400 with a JSON error when Last-Event-ID is not a number", async () => {
    const { status, body } = await getJson("/_probity/events", { headers: { "last-event-id": "abc" } });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "InvalidRequest" });
  });
});

describe("GET /_probity/sqs/messages", () => {
  it("shows visible and in-flight messages without changing receive counts when peeking", async () => {
    const url = await createQueue("peek-me");
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "a" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "b" }));
    const received = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 }));
    expect(received.Messages).toHaveLength(1);
    const inFlightBody = received.Messages?.[0]?.Body;

    const peek = await getJson("/_probity/sqs/messages?queue=peek-me");
    await getJson("/_probity/sqs/messages?queue=peek-me");
    expect(peek.status).toBe(200);
    const messages = peek.body.messages as { body: string; inFlight: boolean; receiveCount: number }[];
    expect(messages.map((m) => [m.body, m.inFlight, m.receiveCount])).toEqual([
      ["a", inFlightBody === "a", inFlightBody === "a" ? 1 : 0],
      ["b", inFlightBody === "b", inFlightBody === "b" ? 1 : 0],
    ]);

    const attributes = await fx.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe("1");
    expect(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("1");
    const other = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["All"] }));
    expect(other.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe("1");
  });

  it("answers 400 without a queue and 404 for an unknown queue", async () => {
    expect(await getJson("/_probity/sqs/messages")).toMatchObject({ status: 400, body: { error: "InvalidRequest" } });
    expect(await getJson("/_probity/sqs/messages?queue=nope")).toMatchObject({
      status: 404,
      body: { error: "QueueDoesNotExist" },
    });
  });
});

describe("GET /_aws/sqs/messages (LocalStack alias)", () => {
  it("answers the ReceiveMessage XML shape, hiding in-flight messages unless ShowInvisible", async () => {
    const url = await createQueue("ls-peek");
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "first" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "second" }));
    const received = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 }));
    const handle = received.Messages?.[0]?.ReceiptHandle as string;

    const xml = await fetch(`${fx.aws.endpoint}/_aws/sqs/messages?QueueUrl=${encodeURIComponent(url)}`);
    expect(xml.headers.get("content-type")).toMatch(/xml/);
    const parsed = parseXml(await xml.text()) as {
      ReceiveMessageResponse: { ReceiveMessageResult: { Message: { Body: string; ReceiptHandle: string } } };
    };
    const only = parsed.ReceiveMessageResponse.ReceiveMessageResult.Message;
    expect(only.ReceiptHandle).toBe("SQS/BACKDOOR/ACCESS");

    const all = await fetch(
      `${fx.aws.endpoint}/_aws/sqs/messages?ShowInvisible=true&QueueUrl=${encodeURIComponent(url)}`,
      {
        headers: { accept: "application/json" },
      },
    );
    const body = (await all.json()) as { Messages: { Body: string; Attributes: Record<string, string> }[] };
    expect(body.Messages.map((m) => m.Attributes.IsVisible).sort()).toEqual(["false", "true"]);
    // The in-flight message keeps its receipt handle: peeking changed nothing.
    await fx.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }),
    );
  });

  it("answers QueueDoesNotExist the AWS JSON way for an unknown queue", async () => {
    const response = await fetch(`${fx.aws.endpoint}/_aws/sqs/messages/us-east-1/000000000000/missing`, {
      headers: { accept: "application/json" },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: "com.amazonaws.sqs#QueueDoesNotExist" });
  });
});

describe("GET /_probity/state", () => {
  it("reports queue counts per account and region", async () => {
    const url = await createQueue("state-counts", { DelaySeconds: "0" });
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "now" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "later", DelaySeconds: 600 }));
    await fetch(`${fx.aws.endpoint}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AmazonSQS.CreateQueue",
        authorization:
          "AWS4-HMAC-SHA256 Credential=111122223333/20250101/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=x",
      },
      body: JSON.stringify({ QueueName: "elsewhere" }),
    });
    const { status, body } = await getJson("/_probity/state");
    expect(status).toBe(200);
    const queues = (body.sqs as { queues: Record<string, unknown>[] }).queues;
    expect(queues.find((q) => q.name === "state-counts")).toMatchObject({
      visible: 1,
      inFlight: 0,
      delayed: 1,
      url,
    });
    expect(body.partitions).toContainEqual({
      accountId: "111122223333",
      region: "eu-west-1",
      queues: ["elsewhere"],
      topics: [],
    });
    expect(body.clock).toMatchObject({ kind: "real", timeScale: 1 });
  });
});

describe("health, reset and errors", () => {
  it("reports services and version on both health routes", async () => {
    const probity = await getJson("/_probity/health");
    expect(probity.body).toMatchObject({ status: "ok", services: expect.arrayContaining(["sqs"]) });
    expect(probity.body.version).toMatch(/^\d+\.\d+\.\d+/);
    const localstack = await getJson("/_localstack/health");
    expect(localstack.body).toMatchObject({ services: { sqs: "running" }, edition: "community" });
  });

  it("empties every queue when reset through the probity or moto route", async () => {
    const aws = await startAwsEmulator({ port: 0 });
    for (const path of ["/_probity/reset", "/moto-api/reset"]) {
      await jsonRequest(aws.endpoint, "CreateQueue", { QueueName: "wipe-me" });
      const response = await fetch(`${aws.endpoint}${path}`, { method: "POST" });
      expect(await response.json()).toEqual({ reset: true });
      expect(aws.sqs.queues()).toEqual([]);
    }
    await aws.stop();
  });

  it("answers JSON errors for unknown paths and wrong methods", async () => {
    expect(await getJson("/_probity/nope")).toMatchObject({ status: 404, body: { error: "NotFound" } });
    expect(await getJson("/_probity/reset")).toMatchObject({ status: 405, body: { error: "MethodNotAllowed" } });
    expect(await getJson("/_probity/state", { method: "POST" })).toMatchObject({ status: 405 });
  });
});

describe("POST /_probity/clock/advance", () => {
  it("answers 400 ClockNotVirtual when the clock is real", async () => {
    const answer = await getJson("/_probity/clock/advance", { method: "POST", body: '{"ms":1000}' });
    expect(answer).toMatchObject({ status: 400, body: { error: "ClockNotVirtual" } });
  });

  it("makes an in-flight message visible again when it advances past the visibility timeout", async () => {
    const clock = new VirtualEmulatorClock();
    const aws = await startAwsEmulator({ port: 0, clock });
    const sqs = new SQSClient({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "tick" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 30 }));
    expect(aws.sqs.queue("tick")?.inFlight).toBe(1);
    const before = clock.now();
    const response = await fetch(`${aws.endpoint}/_probity/clock/advance`, { method: "POST", body: '{"ms":30000}' });
    expect(await response.json()).toEqual({ advancedMs: 30_000, now: before + 30_000 });
    expect(aws.sqs.queue("tick")?.visible).toBe(1);
    sqs.destroy();
    await aws.stop();
  });

  it("answers 400 for a body that is not JSON or a negative ms", async () => {
    const aws = await startAwsEmulator({ port: 0, clock: "virtual" });
    for (const body of ["not json", '{"ms":-1}', '{"ms":"10"}']) {
      const response = await fetch(`${aws.endpoint}/_probity/clock/advance`, { method: "POST", body });
      expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([400, "InvalidRequest"]);
    }
    await aws.stop();
  });
});

describe("aws.events in-process", () => {
  it("calls a filtered subscriber only for its queue when messages are sent to two queues", async () => {
    const seen: string[] = [];
    const { subscribe } = fx.aws.events; // bound: usable as a wakeOn source as is
    const off = subscribe((event) => seen.push(event.type), { queue: "sub-a", type: "sqs.message-*" });
    const a = await createQueue("sub-a");
    const b = await createQueue("sub-b");
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: b, MessageBody: "b" }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: a, MessageBody: "a" }));
    off();
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: a, MessageBody: "after" }));
    expect(seen).toEqual(["sqs.message-sent"]);
  });

  it("yields events from stream() until the signal aborts", async () => {
    const controller = new AbortController();
    const stream = fx.aws.events.stream({ filter: { queue: "iter" }, signal: controller.signal });
    const url = await createQueue("iter");
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "1" }));
    const types: string[] = [];
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "sqs.message-sent") controller.abort();
    }
    expect(types).toEqual(["sqs.queue-created", "sqs.message-sent"]);
  });
});

describe("onRequest", () => {
  it("reports service, action and status once per request", async () => {
    const entries: { service: string; action: string; status: number }[] = [];
    const aws = await startAwsEmulator({ port: 0, onRequest: (entry) => entries.push(entry) });
    await jsonRequest(aws.endpoint, "ListQueues", {});
    await jsonRequest(aws.endpoint, "GetQueueUrl", { QueueName: "missing" });
    await fetch(`${aws.endpoint}/_probity/health`);
    await untilTrue(() => entries.length === 3);
    expect(entries.map((e) => [e.service, e.action, e.status])).toEqual([
      ["sqs", "ListQueues", 200],
      ["sqs", "GetQueueUrl", 400],
      ["probity", "/_probity/health", 200],
    ]);
    await aws.stop();
  });
});
