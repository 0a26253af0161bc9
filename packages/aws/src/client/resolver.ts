/**
 * @module client/resolver
 * Exact name resolution for queues and topics, with every list call following all pages and a cache
 * that is dropped when the backend says a resource does not exist.
 * @internal
 */
import { ListTopicsCommand, type SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { type Backend, describeBackend } from "../backends/backend.js";
import { ResourceNotFoundError } from "../errors.js";

/** Whether an SDK error says the queue does not exist (JSON and Query protocol spellings). @internal */
export function isQueueMissing(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === "QueueDoesNotExist" || name === "AWS.SimpleQueueService.NonExistentQueue";
}

/** Whether an SDK error says the topic (or another SNS resource) does not exist. @internal */
export function isTopicMissing(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === "NotFound" || name === "NotFoundException";
}

/** The last segment of a queue URL or ARN, or the name itself. @internal */
export function queueNameOf(queue: string): string {
  if (queue.startsWith("http://") || queue.startsWith("https://")) {
    return new URL(queue).pathname.split("/").filter(Boolean).at(-1) ?? queue;
  }
  if (queue.startsWith("arn:")) return queue.split(":").at(-1) ?? queue;
  return queue;
}

/** The name of a topic ARN, or the name itself. @internal */
export function topicNameOf(topic: string): string {
  return topic.startsWith("arn:") ? (topic.split(":").at(-1) ?? topic) : topic;
}

/** Resolves names to queue URLs/ARNs and topic ARNs. @internal */
export class Resolver {
  readonly #sqs: SQSClient;
  readonly #sns: SNSClient;
  readonly #backend: Backend;
  readonly #pageSize: number;
  readonly #queueUrls = new Map<string, string>();
  readonly #queueArns = new Map<string, string>();
  readonly #topicArns = new Map<string, string>();

  constructor(sqs: SQSClient, sns: SNSClient, backend: Backend, pageSize: number) {
    this.#sqs = sqs;
    this.#sns = sns;
    this.#backend = backend;
    this.#pageSize = pageSize;
  }

  /** Remembers a queue the client created or found. */
  rememberQueue(queue: string, url: string, arn?: string): void {
    this.#queueUrls.set(queue, url);
    if (arn !== undefined) this.#queueArns.set(url, arn);
  }

  /** Remembers a topic the client created. */
  rememberTopic(topic: string, arn: string): void {
    this.#topicArns.set(topic, arn);
  }

  /** Forgets what is known about a queue (after a not-found answer). */
  forgetQueue(queue: string): void {
    const url = this.#queueUrls.get(queue);
    this.#queueUrls.delete(queue);
    if (url !== undefined) this.#queueArns.delete(url);
  }

  /** Forgets what is known about a topic (after a not-found answer). */
  forgetTopic(topic: string): void {
    this.#topicArns.delete(topic);
  }

  /** The URL of a queue given by name, URL or ARN; names match exactly. */
  async queueUrl(queue: string, signal?: AbortSignal): Promise<string> {
    if (queue.startsWith("http://") || queue.startsWith("https://")) return queue;
    const cached = this.#queueUrls.get(queue);
    if (cached !== undefined) return cached;
    const arnParts = queue.startsWith("arn:") ? queue.split(":") : undefined;
    const queueName = arnParts === undefined ? this.#backend.qualify(queue) : (arnParts[5] ?? queue);
    const owner = arnParts?.[4];
    try {
      const { QueueUrl } = await this.#sqs.send(
        new GetQueueUrlCommand({ QueueName: queueName, ...(owner ? { QueueOwnerAWSAccountId: owner } : {}) }),
        { abortSignal: signal },
      );
      if (QueueUrl === undefined) throw new Error("GetQueueUrl returned no QueueUrl");
      this.#queueUrls.set(queue, QueueUrl);
      return QueueUrl;
    } catch (error) {
      if (!isQueueMissing(error)) throw error;
      throw await this.queueNotFound(queue, error, signal);
    }
  }

  /** The ARN of a queue given by name, URL or ARN. */
  async queueArn(queue: string, signal?: AbortSignal): Promise<string> {
    if (queue.startsWith("arn:")) return queue;
    const url = await this.queueUrl(queue, signal);
    const cached = this.#queueArns.get(url);
    if (cached !== undefined) return cached;
    const { Attributes } = await this.#sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
      { abortSignal: signal },
    );
    const arn = Attributes?.QueueArn;
    if (arn === undefined) throw new Error(`GetQueueAttributes returned no QueueArn for ${url}`);
    this.#queueArns.set(url, arn);
    return arn;
  }

  /** The ARN of a topic given by name or ARN; names match the ARN's last segment exactly. */
  async topicArn(topic: string, signal?: AbortSignal): Promise<string> {
    if (topic.startsWith("arn:")) return topic;
    const cached = this.#topicArns.get(topic);
    if (cached !== undefined) return cached;
    const name = this.#backend.qualify(topic);
    const arns = await this.listTopicArns(signal);
    const arn = arns.find((candidate) => topicNameOf(candidate) === name);
    if (arn === undefined) {
      throw new ResourceNotFoundError({
        kind: "topic",
        name: topic,
        backend: describeBackend(this.#backend),
        existing: arns.map(topicNameOf),
      });
    }
    this.#topicArns.set(topic, arn);
    return arn;
  }

  /** Every queue URL, following `NextToken` through all pages. */
  async listQueueUrls(signal?: AbortSignal, prefix?: string): Promise<string[]> {
    const urls: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#sqs.send(
        new ListQueuesCommand({
          MaxResults: this.#pageSize,
          ...(token === undefined ? {} : { NextToken: token }),
          ...(prefix === undefined ? {} : { QueueNamePrefix: prefix }),
        }),
        { abortSignal: signal },
      );
      urls.push(...(page.QueueUrls ?? []));
      token = page.NextToken === "" ? undefined : page.NextToken;
    } while (token !== undefined);
    return urls;
  }

  /** Every topic ARN, following `NextToken` through all pages. */
  async listTopicArns(signal?: AbortSignal): Promise<string[]> {
    const arns: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#sns.send(new ListTopicsCommand(token === undefined ? {} : { NextToken: token }), {
        abortSignal: signal,
      });
      for (const topic of page.Topics ?? []) if (topic.TopicArn !== undefined) arns.push(topic.TopicArn);
      token = page.NextToken === "" ? undefined : page.NextToken;
    } while (token !== undefined);
    return arns;
  }

  /** A {@link ResourceNotFoundError} for a queue, listing the queues that do exist. */
  async queueNotFound(queue: string, cause: unknown, signal?: AbortSignal): Promise<ResourceNotFoundError> {
    this.forgetQueue(queue);
    let existing: string[] | undefined;
    try {
      existing = (await this.listQueueUrls(signal)).map(queueNameOf);
    } catch {
      existing = undefined;
    }
    return new ResourceNotFoundError({
      kind: "queue",
      name: queue,
      backend: describeBackend(this.#backend),
      cause,
      ...(existing === undefined ? {} : { existing }),
    });
  }

  /** A {@link ResourceNotFoundError} for a topic, listing the topics that do exist. */
  async topicNotFound(topic: string, cause: unknown, signal?: AbortSignal): Promise<ResourceNotFoundError> {
    this.forgetTopic(topic);
    let existing: string[] | undefined;
    try {
      existing = (await this.listTopicArns(signal)).map(topicNameOf);
    } catch {
      existing = undefined;
    }
    return new ResourceNotFoundError({
      kind: "topic",
      name: topic,
      backend: describeBackend(this.#backend),
      cause,
      ...(existing === undefined ? {} : { existing }),
    });
  }
}
