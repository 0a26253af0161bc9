/**
 * SNS fan-out under load: 5 topics × 4 subscribed SQS queues (no filter, exact String, `anything-but`,
 * numeric range; raw and enveloped delivery mixed), 5,000 publishes × `RELIABILITY_SCALE` from 4 concurrent
 * producers (`Publish` and `PublishBatch`) against an emulator in its own process, drained by 2 long-polling
 * consumers per queue. Each queue must hold exactly the messages its policy lets through, computed here
 * independently of the emulator's matcher: no loss, no duplicates, nothing filtered in wrongly.
 */

import { setMaxListeners } from "node:events";
import {
  CreateTopicCommand,
  type MessageAttributeValue,
  PublishBatchCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChildEmulator,
  RELIABILITY_SCALE,
  scaled,
  sqsClient,
  startChildEmulator,
} from "./support/child-emulator.js";
import { seededRandom } from "./support/sqs-load.js";

const TOPICS = 5;
const TOTAL = scaled(5_000, 100);
const PRODUCERS = 4;
/** In-flight requests per producer. */
const PRODUCER_CONCURRENCY = 4;
const CONSUMERS_PER_QUEUE = 2;
const DEADLINE_MS = 120_000;

/** What the test knows about a published message: the attributes it was published with. */
interface Published {
  id: string;
  topic: number;
  colour: string | undefined;
  price: number | undefined;
}

/** One subscription kind: its policy as sent, and the same rule written independently for the expectation. */
interface Kind {
  name: string;
  policy: Record<string, unknown> | undefined;
  expects: (message: Published) => boolean;
}

const KINDS: Kind[] = [
  { name: "all", policy: undefined, expects: () => true },
  { name: "red", policy: { colour: ["red"] }, expects: (m) => m.colour === "red" },
  {
    name: "not-red-or-blue",
    policy: { colour: [{ "anything-but": ["red", "blue"] }] },
    // An absent attribute never matches a policy key (only `exists: false` would).
    expects: (m) => m.colour !== undefined && m.colour !== "red" && m.colour !== "blue",
  },
  {
    name: "price-100-500",
    policy: { price: [{ numeric: [">=", 100, "<", 500] }] },
    expects: (m) => m.price !== undefined && m.price >= 100 && m.price < 500,
  },
];

/** `RED` checks case sensitivity; `undefined` = attribute absent. */
const COLOURS = ["red", "blue", "green", "yellow", "RED", undefined] as const;
/** Boundaries and near-boundaries of the numeric range, besides random prices. */
const EDGE_PRICES = [99, 99.5, 100, 100.000001, 499.999999, 500, 500.5, -100, 0];

interface Subscriber {
  topic: number;
  kind: Kind;
  raw: boolean;
  queueUrl: string;
  expected: Set<string>;
  received: string[];
  /** Problems with a received message's shape (wrong topic, attributes lost). */
  problems: string[];
  done: AbortController;
}

let server: ChildEmulator;
let sqs: SQSClient;
let sns: SNSClient;

function snsClient(endpoint: string): SNSClient {
  return new SNSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  server = await startChildEmulator();
  sqs = sqsClient(server.endpoint);
  sns = snsClient(server.endpoint);
});

afterAll(async () => {
  sqs?.destroy();
  sns?.destroy();
  await server?.terminate();
});

/** Plans every message with seeded attributes: topic round-robin, colour and price random or absent. */
function plan(seed: number): Published[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  return Array.from({ length: TOTAL }, (_, n) => {
    const roll = random();
    const price = roll < 0.1 ? undefined : roll < 0.3 ? pick(EDGE_PRICES) : Math.floor(random() * 100_000) / 100;
    return { id: `m${n}`, topic: n % TOPICS, colour: pick(COLOURS), price };
  });
}

function attributesOf(message: Published): Record<string, MessageAttributeValue> {
  const attributes: Record<string, MessageAttributeValue> = {
    producer: { DataType: "String", StringValue: "reliability" },
  };
  if (message.colour !== undefined) attributes.colour = { DataType: "String", StringValue: message.colour };
  if (message.price !== undefined) attributes.price = { DataType: "Number", StringValue: String(message.price) };
  return attributes;
}

async function createTopology(messages: Published[]): Promise<{ topicArns: string[]; subscribers: Subscriber[] }> {
  const topicArns: string[] = [];
  const subscribers: Subscriber[] = [];
  for (let topic = 0; topic < TOPICS; topic++) {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `fanout-${topic}` }));
    topicArns.push(TopicArn as string);
    for (const [k, kind] of KINDS.entries()) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `fanout-${topic}-${kind.name}` }));
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
      // Raw and enveloped alternate, so every policy is seen both ways across the topics.
      const raw = (topic + k) % 2 === 1;
      await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: "sqs",
          Endpoint: Attributes?.QueueArn,
          ReturnSubscriptionArn: true,
          Attributes: {
            RawMessageDelivery: String(raw),
            ...(kind.policy === undefined ? {} : { FilterPolicy: JSON.stringify(kind.policy) }),
          },
        }),
      );
      const expected = new Set(messages.filter((m) => m.topic === topic && kind.expects(m)).map((m) => m.id));
      subscribers.push({
        topic,
        kind,
        raw,
        queueUrl: QueueUrl as string,
        expected,
        received: [],
        problems: [],
        done: new AbortController(),
      });
    }
  }
  return { topicArns, subscribers };
}

/** Publishes `messages` with `Publish` (even producers) or `PublishBatch` of 10 (odd ones). */
async function produce(producer: number, messages: Published[], topicArns: string[], signal: AbortSignal) {
  const client = snsClient(server.endpoint);
  try {
    const batch = producer % 2 === 1;
    // A batch goes to one topic, so the batch producers group their messages by topic first.
    const work: Published[][] = batch
      ? Array.from({ length: TOPICS }, (_, topic) => messages.filter((m) => m.topic === topic)).flatMap((list) =>
          Array.from({ length: Math.ceil(list.length / 10) }, (_, i) => list.slice(i * 10, i * 10 + 10)),
        )
      : messages.map((m) => [m]);
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let chunk = work[next++]; chunk !== undefined; chunk = work[next++]) {
        const first = chunk[0] as Published;
        const topicArn = topicArns[first.topic];
        if (batch) {
          const result = await client.send(
            new PublishBatchCommand({
              TopicArn: topicArn,
              PublishBatchRequestEntries: chunk.map((m) => ({
                Id: m.id,
                Message: m.id,
                MessageAttributes: attributesOf(m),
              })),
            }),
            { abortSignal: signal },
          );
          if ((result.Failed ?? []).length > 0) throw new Error(`publish failed: ${JSON.stringify(result.Failed)}`);
        } else {
          await client.send(
            new PublishCommand({ TopicArn: topicArn, Message: first.id, MessageAttributes: attributesOf(first) }),
            { abortSignal: signal },
          );
        }
      }
    };
    await Promise.all(Array.from({ length: PRODUCER_CONCURRENCY }, lane));
  } finally {
    client.destroy();
  }
}

/** Reads the message id and checks the delivery's shape (envelope topic, raw attributes). */
function idOf(subscriber: Subscriber, message: Message, topicArn: string): string {
  const body = message.Body ?? "";
  if (subscriber.raw) {
    if (message.MessageAttributes?.producer?.StringValue !== "reliability") {
      subscriber.problems.push(`${body}: raw delivery lost its message attributes`);
    }
    return body;
  }
  const envelope = JSON.parse(body) as { Type?: string; TopicArn?: string; Message?: string };
  if (envelope.Type !== "Notification" || envelope.TopicArn !== topicArn) {
    subscriber.problems.push(`${envelope.Message}: envelope ${envelope.Type} from ${envelope.TopicArn}`);
  }
  return envelope.Message ?? "";
}

/** Long-polls one queue until it has received as many messages as expected, or the run is aborted. */
async function consume(subscriber: Subscriber, topicArn: string, deadline: AbortSignal): Promise<void> {
  const client = sqsClient(server.endpoint);
  const signal = AbortSignal.any([subscriber.done.signal, deadline]);
  try {
    while (!signal.aborted) {
      let messages: Message[] | undefined;
      try {
        ({ Messages: messages } = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: subscriber.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 20,
            MessageAttributeNames: ["All"],
          }),
          { abortSignal: signal },
        ));
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
      if (messages === undefined || messages.length === 0) continue;
      for (const message of messages) subscriber.received.push(idOf(subscriber, message, topicArn));
      const result = await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: subscriber.queueUrl,
          Entries: messages.map((message, n) => ({ Id: `d${n}`, ReceiptHandle: message.ReceiptHandle as string })),
        }),
      );
      if ((result.Failed ?? []).length > 0) throw new Error(`delete failed: ${JSON.stringify(result.Failed)}`);
      if (subscriber.received.length >= subscriber.expected.size) subscriber.done.abort();
    }
  } finally {
    client.destroy();
  }
}

async function backlog(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed)
  );
}

describe("SNS fan-out under load", () => {
  it("delivers every message to exactly the subscribers whose filter policy it passes when 4 producers publish concurrently", async () => {
    const messages = plan(20240601);
    const { topicArns, subscribers } = await createTopology(messages);
    for (const subscriber of subscribers) {
      // A policy that lets nothing or everything through would not test filtering.
      if (subscriber.kind.policy !== undefined) {
        expect(subscriber.expected.size, subscriber.queueUrl).toBeGreaterThan(0);
        expect(subscriber.expected.size, subscriber.queueUrl).toBeLessThan(TOTAL / TOPICS);
      }
    }
    const deadline = AbortSignal.timeout(DEADLINE_MS);
    // Every consumer and producer listens to the one deadline.
    setMaxListeners(0, deadline);
    const started = performance.now();
    const consumers = subscribers.flatMap((subscriber) =>
      Array.from({ length: CONSUMERS_PER_QUEUE }, () =>
        consume(subscriber, topicArns[subscriber.topic] as string, deadline),
      ),
    );
    const plans: Published[][] = Array.from({ length: PRODUCERS }, () => []);
    for (const [n, message] of messages.entries()) plans[n % PRODUCERS]?.push(message);
    await Promise.all(plans.map((list, producer) => produce(producer, list, topicArns, deadline)));
    const publishedMs = performance.now() - started;
    await Promise.all(consumers);
    const elapsedMs = performance.now() - started;

    const deliveries = subscribers.reduce((sum, subscriber) => sum + subscriber.received.length, 0);
    console.info(
      `[reliability] sns fan-out: ${TOTAL} publishes (scale ${RELIABILITY_SCALE}) to ${TOPICS} topics × ${KINDS.length} queues, ${deliveries} deliveries; published in ${Math.round(publishedMs)} ms = ${Math.round((TOTAL / publishedMs) * 1000)} publishes/s, drained in ${Math.round(elapsedMs)} ms = ${Math.round((deliveries / elapsedMs) * 1000)} deliveries/s`,
    );
    for (const subscriber of subscribers) {
      console.info(
        `[reliability]   topic ${subscriber.topic} ${subscriber.kind.name} (${subscriber.raw ? "raw" : "enveloped"}): ${subscriber.received.length}/${subscriber.expected.size}`,
      );
    }

    for (const subscriber of subscribers) {
      const label = `topic ${subscriber.topic} ${subscriber.kind.name}`;
      const seen = new Set<string>();
      const duplicates = subscriber.received.filter((id) => seen.has(id) || !seen.add(id));
      const missing = [...subscriber.expected].filter((id) => !seen.has(id));
      const wronglyIn = [...seen].filter((id) => !subscriber.expected.has(id));
      expect({ label, duplicates, missing: missing.slice(0, 20), wronglyIn: wronglyIn.slice(0, 20) }).toEqual({
        label,
        duplicates: [],
        missing: [],
        wronglyIn: [],
      });
      expect(subscriber.problems.slice(0, 20), label).toEqual([]);
      // Nothing left behind that a stopped consumer did not read (SQS delivery happens before Publish returns).
      expect(await backlog(subscriber.queueUrl), label).toBe(0);
    }
  });
});
