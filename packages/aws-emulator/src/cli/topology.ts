/**
 * @module cli/topology
 * The `--init` file: topics, queues (with dead-letter queues) and SNS -> SQS subscriptions to create
 * before the emulator reports ready. Validation names the exact entry that is wrong, e.g.
 * `queues[0].dlq.maxReceiveCount must be an integer 1-1000`.
 *
 * ```json
 * { "topics": ["order--created"],
 *   "queues": [{ "name": "customer--order-created", "dlq": { "name": "customer--order-created--dlq", "maxReceiveCount": 3 } }],
 *   "subscriptions": [{ "topic": "order--created", "queue": "customer--order-created", "raw": false }] }
 * ```
 */

import { readFile } from "node:fs/promises";
import { CliUsageError } from "./args.js";

/** A queue's dead-letter queue. */
export interface TopologyDeadLetterQueue {
  name: string;
  /** Receives before a message moves to the DLQ (1-1000). */
  maxReceiveCount: number;
  /** Extra SQS attributes of the DLQ. @default {} */
  attributes?: Record<string, string>;
}

/** A queue to create. */
export interface TopologyQueue {
  name: string;
  /** Extra SQS attributes (`VisibilityTimeout`, `FifoQueue`, …). @default {} */
  attributes?: Record<string, string>;
  /** Created first, then wired with a `RedrivePolicy`. @default undefined */
  dlq?: TopologyDeadLetterQueue;
}

/** A topic to create. */
export interface TopologyTopic {
  name: string;
  /** SNS topic attributes (`FifoTopic`, …). @default {} */
  attributes?: Record<string, string>;
}

/** An SNS -> SQS subscription. */
export interface TopologySubscription {
  topic: string;
  queue: string;
  /** `RawMessageDelivery`. @default false */
  raw: boolean;
  /** A filter policy object. @default undefined */
  filterPolicy?: Record<string, unknown>;
  /** @default "MessageAttributes" */
  filterPolicyScope?: "MessageAttributes" | "MessageBody";
}

/** A validated `--init` file. */
export interface Topology {
  topics: TopologyTopic[];
  queues: TopologyQueue[];
  subscriptions: TopologySubscription[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Json, where: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new CliUsageError(`${where} has an unknown key "${key}"`);
  }
}

function name(value: unknown, where: string): string {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(value)) {
    throw new CliUsageError(`${where} must be a name of 1-80 letters, digits, - or _ (optionally .fifo)`);
  }
  return value;
}

function attributes(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new CliUsageError(`${where} must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== "string" && typeof entry !== "number" && typeof entry !== "boolean") {
      throw new CliUsageError(`${where}.${key} must be a string`);
    }
    out[key] = String(entry);
  }
  return out;
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new CliUsageError(`${where} must be an array`);
  return value;
}

function parseQueue(value: unknown, where: string): TopologyQueue {
  if (typeof value === "string") return { name: name(value, where) };
  if (!isObject(value)) throw new CliUsageError(`${where} must be a queue name or an object with "name"`);
  onlyKeys(value, where, ["name", "attributes", "dlq"]);
  const queue: TopologyQueue = { name: name(value.name, `${where}.name`) };
  const attrs = attributes(value.attributes, `${where}.attributes`);
  if (attrs !== undefined) queue.attributes = attrs;
  if (value.dlq !== undefined) {
    const dlq = value.dlq;
    if (!isObject(dlq)) throw new CliUsageError(`${where}.dlq must be an object with "name" and "maxReceiveCount"`);
    onlyKeys(dlq, `${where}.dlq`, ["name", "maxReceiveCount", "attributes"]);
    const count = dlq.maxReceiveCount;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 1_000) {
      throw new CliUsageError(`${where}.dlq.maxReceiveCount must be an integer 1-1000`);
    }
    queue.dlq = { name: name(dlq.name, `${where}.dlq.name`), maxReceiveCount: count };
    const dlqAttrs = attributes(dlq.attributes, `${where}.dlq.attributes`);
    if (dlqAttrs !== undefined) queue.dlq.attributes = dlqAttrs;
  }
  return queue;
}

function parseTopic(value: unknown, where: string): TopologyTopic {
  if (typeof value === "string") return { name: name(value, where) };
  if (!isObject(value)) throw new CliUsageError(`${where} must be a topic name or an object with "name"`);
  onlyKeys(value, where, ["name", "attributes"]);
  const topic: TopologyTopic = { name: name(value.name, `${where}.name`) };
  const attrs = attributes(value.attributes, `${where}.attributes`);
  if (attrs !== undefined) topic.attributes = attrs;
  return topic;
}

function parseSubscription(value: unknown, where: string): TopologySubscription {
  if (!isObject(value)) throw new CliUsageError(`${where} must be an object with "topic" and "queue"`);
  onlyKeys(value, where, ["topic", "queue", "raw", "filterPolicy", "filterPolicyScope"]);
  const subscription: TopologySubscription = {
    topic: name(value.topic, `${where}.topic`),
    queue: name(value.queue, `${where}.queue`),
    raw: false,
  };
  if (value.raw !== undefined) {
    if (typeof value.raw !== "boolean") throw new CliUsageError(`${where}.raw must be true or false`);
    subscription.raw = value.raw;
  }
  if (value.filterPolicy !== undefined) {
    if (!isObject(value.filterPolicy)) throw new CliUsageError(`${where}.filterPolicy must be an object`);
    subscription.filterPolicy = value.filterPolicy;
  }
  if (value.filterPolicyScope !== undefined) {
    if (value.filterPolicyScope !== "MessageAttributes" && value.filterPolicyScope !== "MessageBody") {
      throw new CliUsageError(`${where}.filterPolicyScope must be "MessageAttributes" or "MessageBody"`);
    }
    subscription.filterPolicyScope = value.filterPolicyScope;
  }
  return subscription;
}

/**
 * Validates a parsed `--init` document.
 * @throws CliUsageError naming the first invalid entry.
 * @example
 * ```ts
 * parseTopology({ queues: [{ name: "q", dlq: { name: "q-dlq", maxReceiveCount: 3 } }] });
 * ```
 */
export function parseTopology(document: unknown): Topology {
  if (!isObject(document)) throw new CliUsageError("the file must hold a JSON object");
  onlyKeys(document, "the file", ["topics", "queues", "subscriptions"]);
  const topics = list(document.topics, "topics").map((entry, i) => parseTopic(entry, `topics[${i}]`));
  const queues = list(document.queues, "queues").map((entry, i) => parseQueue(entry, `queues[${i}]`));
  const subscriptions = list(document.subscriptions, "subscriptions").map((entry, i) =>
    parseSubscription(entry, `subscriptions[${i}]`),
  );
  const topicNames = new Set<string>();
  topics.forEach((topic, i) => {
    if (topicNames.has(topic.name)) throw new CliUsageError(`topics[${i}] repeats the topic "${topic.name}"`);
    topicNames.add(topic.name);
  });
  const queueNames = new Set<string>();
  const addQueue = (queueName: string, where: string): void => {
    if (queueNames.has(queueName)) throw new CliUsageError(`${where} repeats the queue "${queueName}"`);
    queueNames.add(queueName);
  };
  queues.forEach((queue, i) => {
    addQueue(queue.name, `queues[${i}]`);
    if (queue.dlq !== undefined) addQueue(queue.dlq.name, `queues[${i}].dlq`);
  });
  subscriptions.forEach((subscription, i) => {
    if (!topicNames.has(subscription.topic)) {
      throw new CliUsageError(`subscriptions[${i}].topic "${subscription.topic}" is not listed in "topics"`);
    }
    if (!queueNames.has(subscription.queue)) {
      throw new CliUsageError(`subscriptions[${i}].queue "${subscription.queue}" is not listed in "queues"`);
    }
  });
  return { topics, queues, subscriptions };
}

/**
 * Reads and validates an `--init` file.
 * @throws CliUsageError `--init <path>: <what is wrong>` when it cannot be read, is not JSON or is invalid.
 */
export async function loadTopology(path: string): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : String(code ?? error);
    throw new CliUsageError(`--init ${path}: cannot read the file (${reason})`, { cause: error });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`--init ${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  try {
    return parseTopology(document);
  } catch (error) {
    if (error instanceof CliUsageError) throw new CliUsageError(`--init ${path}: ${error.message}`, { cause: error });
    throw error;
  }
}
