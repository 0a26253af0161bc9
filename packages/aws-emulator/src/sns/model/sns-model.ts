/**
 * @module sns/model/sns-model
 * The SNS model: topics and subscriptions per (account, region), tags, pagination, Publish and
 * PublishBatch with delivery to SQS and http/https. No HTTP requests, wire formats or emulator URLs:
 * the base URL for `UnsubscribeURL`/`SubscribeURL` is a plain parameter.
 */

import { randomBytes, randomUUID } from "node:crypto";
import type { EmulatorClock } from "../../clock.js";
import { AwsServiceError } from "../../errors.js";
import { invalidParameter, parseQueueArn, parseSubscriptionArn, parseTopicArn } from "./arn.js";
import { type DeliveryPorts, deliverToSubscription } from "./delivery.js";
import { defaultSnsBaseUrl, formatSubscriptionConfirmation } from "./notification.js";
import { checkPublishMessage, MAX_MESSAGE_BYTES, type PublishMessage } from "./publish-input.js";
import { SUBSCRIPTION_PROTOCOLS, Subscription } from "./subscription.js";
import { MAX_TAGS, Topic, validateTopicName } from "./topic.js";
import type { HttpDeliveryPort, SnsEvent, SnsEventListener, SnsScope, SqsDeliveryPort } from "./types.js";

/** Options of {@link SnsModel}. */
export interface SnsModelOptions {
  /** Time source for timestamps, the FIFO dedup window and token expiry. */
  clock: EmulatorClock;
  /** Delivery to SQS queues. */
  sqs: SqsDeliveryPort;
  /** Outbound HTTP for http/https subscriptions. @default undefined (such deliveries fail with an event) */
  http?: HttpDeliveryPort;
  /** Receives published/delivered/filtered-out/delivery-failed events. @default undefined */
  onEvent?: SnsEventListener;
  /** Message ids and subscription ids. @default crypto.randomUUID */
  newId?: () => string;
}

/** AWS: list operations return at most 100 items per page. */
export const PAGE_SIZE = 100;
/** AWS: a confirmation token is valid for 3 days. */
export const TOKEN_TTL_MS = 3 * 24 * 60 * 60 * 1000;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH_ENTRIES = 10;

/** A subscription as `ListSubscriptions` shows it (AWS member names are applied by the action table). */
export interface SubscriptionSummary {
  subscriptionArn: string;
  owner: string;
  protocol: string;
  endpoint: string;
  topicArn: string;
}

/** One PublishBatch entry. */
export interface PublishBatchEntry extends PublishMessage {
  readonly id: string;
}

/** The result of Publish. */
export interface PublishResult {
  messageId: string;
  sequenceNumber?: string;
}

/** The result of PublishBatch: per-entry successes and failures. */
export interface PublishBatchResult {
  successful: (PublishResult & { id: string })[];
  failed: { id: string; code: string; message: string; senderFault: boolean }[];
}

interface Partition {
  readonly topics: Map<string, Topic>;
  readonly subscriptions: Map<string, Subscription>;
  /** Subscriptions by topic ARN, in creation order. */
  readonly byTopic: Map<string, Map<string, Subscription>>;
}

function page<T>(items: readonly T[], nextToken: unknown): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== null && nextToken !== "") {
    const decoded = typeof nextToken === "string" ? Buffer.from(nextToken, "base64url").toString() : "";
    start = /^\d+$/.test(decoded) ? Number(decoded) : Number.NaN;
    if (!Number.isSafeInteger(start)) throw invalidParameter("NextToken");
  }
  const end = start + PAGE_SIZE;
  const slice = items.slice(start, end);
  return end < items.length
    ? { items: slice, nextToken: Buffer.from(String(end)).toString("base64url") }
    : { items: slice };
}

/**
 * The in-memory SNS service.
 *
 * @example
 * ```ts
 * const sns = new SnsModel({ clock, sqs: { deliver: (arn, m) => queues.push([arn, m]) } });
 * const scope = { accountId: "000000000000", region: "us-east-1" };
 * const topicArn = sns.createTopic(scope, { name: "orders" });
 * sns.subscribe(scope, { topicArn, protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:000000000000:q" });
 * sns.publish(scope, { topicArn, message: "hello" });
 * ```
 */
export class SnsModel {
  readonly #partitions = new Map<string, Partition>();
  readonly #clock: EmulatorClock;
  readonly #ports: DeliveryPorts;
  readonly #newId: () => string;

  constructor(options: SnsModelOptions) {
    this.#clock = options.clock;
    this.#newId = options.newId ?? randomUUID;
    const onEvent = options.onEvent;
    const emit = (event: SnsEvent): void => {
      try {
        onEvent?.(event);
      } catch {
        // A listener must never break delivery.
      }
    };
    this.#ports = {
      sqs: options.sqs,
      ...(options.http === undefined ? {} : { http: options.http }),
      emit,
      now: () => this.#clock.now(),
    };
  }

  #partition(accountId: string, region: string): Partition {
    const key = `${accountId}/${region}`;
    let partition = this.#partitions.get(key);
    if (partition === undefined) {
      partition = { topics: new Map(), subscriptions: new Map(), byTopic: new Map() };
      this.#partitions.set(key, partition);
    }
    return partition;
  }

  #topic(scope: SnsScope, arn: unknown, parameter = "TopicArn"): { topic: Topic; partition: Partition } {
    const parsed = parseTopicArn(arn, parameter);
    if (parsed.region !== scope.region) throw invalidParameter(parameter);
    const partition = this.#partition(parsed.accountId, parsed.region);
    const topic = partition.topics.get(parsed.name);
    if (topic === undefined) throw new AwsServiceError("NotFound", "Topic does not exist", { status: 404 });
    return { topic, partition };
  }

  #subscription(scope: SnsScope, arn: unknown): Subscription {
    const parsed = parseSubscriptionArn(arn);
    const sub = this.#partition(parsed.accountId, scope.region).subscriptions.get(String(arn));
    if (sub === undefined) throw new AwsServiceError("NotFound", "Subscription does not exist", { status: 404 });
    return sub;
  }

  /**
   * Creates a topic, or returns the existing one when the attributes and tags match.
   * @returns the topic ARN.
   * @throws AwsServiceError `InvalidParameter` for a bad name or attribute, or an existing topic with other attributes.
   */
  createTopic(
    scope: SnsScope,
    input: { name: unknown; attributes?: Readonly<Record<string, string>>; tags?: Readonly<Record<string, string>> },
  ): string {
    const attributes = input.attributes ?? {};
    const fifo = (attributes.FifoTopic ?? "").toLowerCase() === "true";
    const name = validateTopicName(input.name, fifo);
    const partition = this.#partition(scope.accountId, scope.region);
    const existing = partition.topics.get(name);
    if (existing !== undefined) {
      const same = Object.entries(attributes).every(([key, value]) =>
        key === "FifoTopic"
          ? (value.toLowerCase() === "true") === existing.fifo
          : existing.attributes.get(key) === value,
      );
      if (!same) throw invalidParameter("Attributes Reason: Topic already exists with different attributes");
      const tags = Object.entries(input.tags ?? {});
      if (tags.length > 0 && tags.some(([key, value]) => existing.tags.get(key) !== value)) {
        throw invalidParameter("Tags Reason: Topic already exists with different tags");
      }
      return existing.arn;
    }
    const topic = new Topic(scope.accountId, scope.region, name, fifo);
    for (const [key, value] of Object.entries(attributes)) topic.setAttribute(key, value, true);
    this.#applyTags(topic, input.tags ?? {});
    partition.topics.set(name, topic);
    partition.byTopic.set(topic.arn, new Map());
    return topic.arn;
  }

  /** Deletes a topic and its subscriptions; deleting a missing topic succeeds, like AWS. */
  deleteTopic(scope: SnsScope, topicArn: unknown): void {
    const parsed = parseTopicArn(topicArn);
    const partition = this.#partition(parsed.accountId, scope.region);
    if (!partition.topics.delete(parsed.name)) return;
    for (const arn of partition.byTopic.get(String(topicArn))?.keys() ?? []) partition.subscriptions.delete(arn);
    partition.byTopic.delete(String(topicArn));
  }

  /** Lists topic ARNs, 100 per page. @throws AwsServiceError `InvalidParameter` for a bad token. */
  listTopics(scope: SnsScope, nextToken?: unknown): { topicArns: string[]; nextToken?: string } {
    const arns = [...this.#partition(scope.accountId, scope.region).topics.values()].map((t) => t.arn);
    const { items, nextToken: next } = page(arns, nextToken);
    return next === undefined ? { topicArns: items } : { topicArns: items, nextToken: next };
  }

  /** The `GetTopicAttributes` map. @throws AwsServiceError `NotFound`. */
  getTopicAttributes(scope: SnsScope, topicArn: unknown): Record<string, string> {
    const { topic, partition } = this.#topic(scope, topicArn);
    const subs = [...(partition.byTopic.get(topic.arn)?.values() ?? [])];
    const confirmed = subs.filter((s) => s.confirmed).length;
    return topic.describe({ pending: subs.length - confirmed, confirmed });
  }

  /** Sets one topic attribute. @throws AwsServiceError `NotFound`, `InvalidParameter`. */
  setTopicAttribute(scope: SnsScope, topicArn: unknown, name: unknown, value: unknown): void {
    const { topic } = this.#topic(scope, topicArn);
    if (typeof name !== "string") throw invalidParameter("AttributeName");
    topic.setAttribute(name, typeof value === "string" ? value : "");
  }

  /**
   * Subscribes an endpoint. `http`/`https` subscriptions start pending and receive a
   * SubscriptionConfirmation (with `SubscribeURL` under `baseUrl`) through the HTTP port.
   * @returns the subscription ARN, or `"pending confirmation"` unless `returnSubscriptionArn`.
   * @throws AwsServiceError `NotFound` (topic), `InvalidParameter` (protocol, endpoint, attributes).
   */
  subscribe(
    scope: SnsScope,
    input: {
      topicArn: unknown;
      protocol: unknown;
      endpoint?: unknown;
      attributes?: Readonly<Record<string, string>>;
      returnSubscriptionArn?: boolean;
      baseUrl?: string;
    },
  ): string {
    const { topic, partition } = this.#topic(scope, input.topicArn);
    const protocol = String(input.protocol ?? "");
    if (!SUBSCRIPTION_PROTOCOLS.has(protocol)) {
      throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
    }
    const endpoint = typeof input.endpoint === "string" ? input.endpoint : "";
    this.#checkEndpoint(topic, protocol, endpoint);
    const attributes = input.attributes ?? {};
    const topicSubs = partition.byTopic.get(topic.arn) ?? new Map<string, Subscription>();
    const existing = [...topicSubs.values()].find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing !== undefined) {
      const current = existing.describe();
      if (Object.entries(attributes).some(([key, value]) => current[key] !== value)) {
        throw invalidParameter("Attributes Reason: Subscription already exists with different attributes");
      }
      return existing.confirmed || input.returnSubscriptionArn === true ? existing.arn : "pending confirmation";
    }
    const needsToken = protocol === "http" || protocol === "https" || protocol.startsWith("email");
    const token = needsToken ? randomBytes(64).toString("hex") : undefined;
    const now = this.#clock.now();
    const sub = new Subscription(
      `${topic.arn}:${this.#newId()}`,
      topic.arn,
      scope.accountId,
      protocol,
      endpoint,
      token,
      now,
    );
    const ordered = Object.entries(attributes).sort(
      ([a], [b]) => Number(b === "FilterPolicyScope") - Number(a === "FilterPolicyScope"),
    );
    for (const [key, value] of ordered) sub.setAttribute(key, value);
    partition.subscriptions.set(sub.arn, sub);
    topicSubs.set(sub.arn, sub);
    if (token !== undefined && protocol.startsWith("http")) {
      this.#sendConfirmation(topic, sub, token, input.baseUrl ?? defaultSnsBaseUrl(topic.region));
    }
    return sub.confirmed || input.returnSubscriptionArn === true ? sub.arn : "pending confirmation";
  }

  #checkEndpoint(topic: Topic, protocol: string, endpoint: string): void {
    if (protocol === "sqs") {
      const queue = parseQueueArn(endpoint);
      if (queue === undefined) throw invalidParameter("SQS endpoint ARN");
      if (queue.queueName.endsWith(".fifo") && !topic.fifo) {
        throw invalidParameter(
          "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
        );
      }
    } else if (protocol === "http" || protocol === "https") {
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`)) {
        throw invalidParameter("Endpoint must match the specified protocol");
      }
    } else if (endpoint === "") {
      throw invalidParameter("Endpoint");
    }
  }

  #sendConfirmation(topic: Topic, sub: Subscription, token: string, baseUrl: string): void {
    const messageId = this.#newId();
    const body = formatSubscriptionConfirmation({
      messageId,
      token,
      topicArn: topic.arn,
      region: topic.region,
      timestamp: this.#clock.now(),
      baseUrl,
    });
    const headers = {
      "content-type": "text/plain; charset=UTF-8",
      "x-amz-sns-message-type": "SubscriptionConfirmation",
      "x-amz-sns-message-id": messageId,
      "x-amz-sns-topic-arn": topic.arn,
    };
    const http = this.#ports.http;
    if (http === undefined) return;
    http.post({ url: sub.endpoint, headers, body }).catch(() => undefined);
  }

  /**
   * Confirms a pending subscription with the token it was sent.
   * @returns the subscription ARN.
   * @throws AwsServiceError `NotFound` (topic), `InvalidParameter` (unknown or expired token).
   */
  confirmSubscription(scope: SnsScope, topicArn: unknown, token: unknown): string {
    const { topic, partition } = this.#topic(scope, topicArn);
    const sub = [...(partition.byTopic.get(topic.arn)?.values() ?? [])].find((s) => s.token === token);
    if (sub === undefined) throw invalidParameter("Token");
    if (!sub.confirmed && this.#clock.now() - sub.createdAt > TOKEN_TTL_MS) throw invalidParameter("Token");
    sub.confirmed = true;
    return sub.arn;
  }

  /** Deletes a subscription; a missing one succeeds. @throws AwsServiceError `InvalidParameter` for a bad ARN. */
  unsubscribe(scope: SnsScope, subscriptionArn: unknown): void {
    const parsed = parseSubscriptionArn(subscriptionArn);
    const partition = this.#partition(parsed.accountId, scope.region);
    const sub = partition.subscriptions.get(String(subscriptionArn));
    if (sub === undefined) return;
    partition.subscriptions.delete(sub.arn);
    partition.byTopic.get(sub.topicArn)?.delete(sub.arn);
    const topic = partition.topics.get(parseTopicArn(sub.topicArn).name);
    if (topic !== undefined) topic.subscriptionsDeleted++;
  }

  /** Lists every subscription of the account and region, 100 per page. */
  listSubscriptions(
    scope: SnsScope,
    nextToken?: unknown,
  ): { subscriptions: SubscriptionSummary[]; nextToken?: string } {
    const subs = [...this.#partition(scope.accountId, scope.region).subscriptions.values()];
    return this.#summaries(subs, nextToken);
  }

  /** Lists a topic's subscriptions, 100 per page. @throws AwsServiceError `NotFound`. */
  listSubscriptionsByTopic(
    scope: SnsScope,
    topicArn: unknown,
    nextToken?: unknown,
  ): { subscriptions: SubscriptionSummary[]; nextToken?: string } {
    const { topic, partition } = this.#topic(scope, topicArn);
    return this.#summaries([...(partition.byTopic.get(topic.arn)?.values() ?? [])], nextToken);
  }

  #summaries(subs: Subscription[], nextToken: unknown): { subscriptions: SubscriptionSummary[]; nextToken?: string } {
    const { items, nextToken: next } = page(subs, nextToken);
    const subscriptions = items.map((s) => ({
      subscriptionArn: s.listedArn,
      owner: s.owner,
      protocol: s.protocol,
      endpoint: s.endpoint,
      topicArn: s.topicArn,
    }));
    return next === undefined ? { subscriptions } : { subscriptions, nextToken: next };
  }

  /** The `GetSubscriptionAttributes` map. @throws AwsServiceError `NotFound`, `InvalidParameter`. */
  getSubscriptionAttributes(scope: SnsScope, subscriptionArn: unknown): Record<string, string> {
    return this.#subscription(scope, subscriptionArn).describe();
  }

  /** Sets one subscription attribute. @throws AwsServiceError `NotFound`, `InvalidParameter`. */
  setSubscriptionAttribute(scope: SnsScope, subscriptionArn: unknown, name: unknown, value: unknown): void {
    const sub = this.#subscription(scope, subscriptionArn);
    if (typeof name !== "string") throw invalidParameter("AttributeName");
    sub.setAttribute(name, typeof value === "string" ? value : "");
  }

  /**
   * Publishes to a topic and delivers to every confirmed subscription whose filter policy matches.
   * SQS deliveries happen before this returns.
   * @param baseUrl - base of `UnsubscribeURL`. @default `https://sns.<region>.amazonaws.com`
   * @throws AwsServiceError `NotFound`, `InvalidParameter`, `ParameterValueInvalid`.
   */
  publish(scope: SnsScope, input: PublishMessage & { topicArn: unknown }, baseUrl?: string): PublishResult {
    const { topic, partition } = this.#topic(scope, input.topicArn);
    return this.#publish(topic, partition, input, baseUrl);
  }

  #publish(topic: Topic, partition: Partition, input: PublishMessage, baseUrl: string | undefined): PublishResult {
    const checked = checkPublishMessage(topic, input);
    const timestamp = this.#clock.now();
    let messageId: string;
    let sequenceNumber: string | undefined;
    if (topic.fifo && checked.deduplicationId !== undefined) {
      const key =
        topic.dedupScope === "MessageGroup"
          ? `${input.messageGroupId}\u0000${checked.deduplicationId}`
          : checked.deduplicationId;
      const entry = topic.dedupe(key, timestamp, this.#newId);
      if (entry.duplicate) return { messageId: entry.messageId, sequenceNumber: entry.sequenceNumber };
      ({ messageId, sequenceNumber } = entry);
    } else {
      messageId = this.#newId();
    }
    this.#ports.emit({
      type: "sns.published",
      accountId: topic.accountId,
      region: topic.region,
      topicArn: topic.arn,
      messageId,
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
      at: timestamp,
    });
    const publication = {
      topic,
      input,
      checked,
      messageId,
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
      timestamp,
      baseUrl: baseUrl ?? defaultSnsBaseUrl(topic.region),
    };
    for (const sub of [...(partition.byTopic.get(topic.arn)?.values() ?? [])]) {
      if (sub.confirmed) deliverToSubscription(publication, sub, this.#ports);
    }
    return sequenceNumber === undefined ? { messageId } : { messageId, sequenceNumber };
  }

  /**
   * Publishes up to 10 messages; per-entry validation errors become `failed` entries.
   * @throws AwsServiceError `NotFound`, `EmptyBatchRequest`, `TooManyEntriesInBatchRequest`,
   *   `BatchEntryIdsNotDistinct`, `InvalidBatchEntryId`, `BatchRequestTooLong`, `InvalidParameter`.
   */
  publishBatch(
    scope: SnsScope,
    topicArn: unknown,
    entries: readonly PublishBatchEntry[],
    baseUrl?: string,
  ): PublishBatchResult {
    const { topic, partition } = this.#topic(scope, topicArn);
    if (entries.length === 0)
      throw new AwsServiceError("EmptyBatchRequest", "The batch request doesn't contain any entries.");
    if (entries.length > MAX_BATCH_ENTRIES) {
      throw new AwsServiceError(
        "TooManyEntriesInBatchRequest",
        "The batch request contains more entries than permissible.",
      );
    }
    const ids = new Set<string>();
    let bytes = 0;
    for (const entry of entries) {
      if (typeof entry.id !== "string" || !BATCH_ENTRY_ID.test(entry.id)) {
        throw new AwsServiceError(
          "InvalidBatchEntryId",
          "The Id of a batch entry in a batch request doesn't abide by the specification.",
        );
      }
      if (ids.has(entry.id)) {
        throw new AwsServiceError(
          "BatchEntryIdsNotDistinct",
          "Two or more batch entries in the request have the same Id.",
        );
      }
      ids.add(entry.id);
      bytes += Buffer.byteLength(typeof entry.message === "string" ? entry.message : "", "utf8");
    }
    if (bytes > MAX_MESSAGE_BYTES) {
      throw new AwsServiceError(
        "BatchRequestTooLong",
        "The length of all the messages put together is more than the limit.",
      );
    }
    if (topic.fifo && entries.some((entry) => entry.messageGroupId === undefined)) {
      throw invalidParameter("The MessageGroupId parameter is required for FIFO topics");
    }
    const result: PublishBatchResult = { successful: [], failed: [] };
    for (const entry of entries) {
      try {
        result.successful.push({ id: entry.id, ...this.#publish(topic, partition, entry, baseUrl) });
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        result.failed.push({ id: entry.id, code: error.code, message: error.message, senderFault: error.senderFault });
      }
    }
    return result;
  }

  #tagged(scope: SnsScope, resourceArn: unknown): Topic {
    try {
      return this.#topic(scope, resourceArn, "ResourceArn").topic;
    } catch (error) {
      if (error instanceof AwsServiceError && error.code === "NotFound") {
        throw new AwsServiceError("ResourceNotFound", "Resource does not exist", { status: 404 });
      }
      throw error;
    }
  }

  #applyTags(topic: Topic, tags: Readonly<Record<string, string>>): void {
    const merged = new Map(topic.tags);
    for (const [key, value] of Object.entries(tags)) {
      if (key.length === 0 || key.length > 128 || typeof value !== "string" || value.length > 256) {
        throw invalidParameter("Tags");
      }
      merged.set(key, value);
    }
    if (merged.size > MAX_TAGS) {
      throw new AwsServiceError("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
    }
    for (const [key, value] of merged) topic.tags.set(key, value);
  }

  /** Adds or replaces topic tags. @throws AwsServiceError `ResourceNotFound`, `TagLimitExceeded`, `InvalidParameter`. */
  tagResource(scope: SnsScope, resourceArn: unknown, tags: Readonly<Record<string, string>>): void {
    this.#applyTags(this.#tagged(scope, resourceArn), tags);
  }

  /** Removes topic tags. @throws AwsServiceError `ResourceNotFound`. */
  untagResource(scope: SnsScope, resourceArn: unknown, tagKeys: readonly string[]): void {
    const topic = this.#tagged(scope, resourceArn);
    for (const key of tagKeys) topic.tags.delete(key);
  }

  /** A topic's tags. @throws AwsServiceError `ResourceNotFound`. */
  listTagsForResource(scope: SnsScope, resourceArn: unknown): Record<string, string> {
    return Object.fromEntries(this.#tagged(scope, resourceArn).tags);
  }

  /** A read-only snapshot of every topic and subscription, for inspection APIs. */
  snapshot(): SnsSnapshot {
    const topics: SnsSnapshot["topics"] = [];
    for (const partition of this.#partitions.values()) {
      for (const topic of partition.topics.values()) {
        topics.push({
          topicArn: topic.arn,
          name: topic.name,
          accountId: topic.accountId,
          region: topic.region,
          fifo: topic.fifo,
          subscriptions: [...(partition.byTopic.get(topic.arn)?.values() ?? [])].map((s) => ({
            subscriptionArn: s.arn,
            protocol: s.protocol,
            endpoint: s.endpoint,
            confirmed: s.confirmed,
            rawMessageDelivery: s.rawMessageDelivery,
            ...(s.filterPolicy === undefined ? {} : { filterPolicy: s.filterPolicy.source }),
          })),
        });
      }
    }
    return { topics };
  }

  /** Removes every topic and subscription. */
  reset(): void {
    this.#partitions.clear();
  }
}

/** What {@link SnsModel.snapshot} returns. */
export interface SnsSnapshot {
  topics: {
    topicArn: string;
    name: string;
    accountId: string;
    region: string;
    fifo: boolean;
    subscriptions: {
      subscriptionArn: string;
      protocol: string;
      endpoint: string;
      confirmed: boolean;
      rawMessageDelivery: boolean;
      filterPolicy?: string;
    }[];
  }[];
}
