/**
 * @module client/sns-sqs-test-client
 * `SnsSqsTestClient`: create topics and queues, publish and send enveloped messages, receive them
 * decoded and validated, and wait on the bus (`expectMessage`, `expectNoMessage`, `drained`), against
 * any backend.
 */
import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { BusinessLockTimeoutError, ProbityError, probeUntil, type SubscribeWakeSource } from "probity";
import { type Backend, describeBackend } from "../backends/backend.js";
import { type DecodedMessage, type DecodedPayload, decodeMessage } from "../decode-message.js";
import type { Envelope } from "../envelope.js";
import { raw as rawEnvelope } from "../envelopes/raw.js";
import { BackendUnavailableError, BusRequestError, ResourceNotFoundError } from "../errors.js";
import { fifoDedupId } from "../fifo-dedup-id.js";
import type { StandardSchemaV1 } from "../schema.js";
import { encodeAttributes } from "./encode-attributes.js";
import { expectMessage, expectNoMessage } from "./expectations.js";
import {
  assertOptionalInteger,
  type ConnectOptions,
  type CreateQueueOptions,
  type CreateTopicOptions,
  DEFAULT_CLIENT_OPTIONS,
  type DeadLetterOptions,
  type DeadLettersOptions,
  type DecodeOptions,
  type DrainedOptions,
  type ExpectMessageOptions,
  type ExpectNoMessageOptions,
  type PeekOptions,
  type PublishOptions,
  type QueueAttributes,
  type QueueRef,
  type ReceiveOptions,
  type SendOptions,
  type SubscribeToOptions,
  type Subscription,
  type TopicRef,
} from "./options.js";
import { inspectionApi, type PeekStrategy, receiveAndRelease, releaseMessages } from "./peek-strategy.js";
import { isQueueMissing, isTopicMissing, queueNameOf, Resolver, topicNameOf } from "./resolver.js";

/** A decoded message as the reading methods return it. */
export type ReceivedMessage<TPayload, TMetadata, TSchema> = DecodedMessage<
  DecodedPayload<TPayload, TSchema>,
  TMetadata
>;

/**
 * The SNS/SQS test client. Every method takes an `AbortSignal`, resolves names exactly (a name, URL
 * or ARN; never a suffix match) and names the queue or topic and the backend in its errors.
 *
 * @example
 * ```ts
 * await using backend = await backends.moto();
 * const bus = await SnsSqsTestClient.connect(backend);
 * await bus.subscribeTo({ topic: "order--created", queue: "customer--order-created" });
 * await bus.publish({ topic: "order--created", data: { order_id: "o-1" }, envelope: jsonBase });
 * const message = await bus.expectMessage("customer--order-created", { envelope: jsonBase, match: { order_id: "o-1" } });
 * ```
 */
export class SnsSqsTestClient implements AsyncDisposable {
  /** The backend this client talks to. */
  readonly backend: Backend;
  /** The SQS client, for anything this class does not cover. */
  readonly sqs: SQSClient;
  /** The SNS client, for anything this class does not cover. */
  readonly sns: SNSClient;
  readonly #resolver: Resolver;
  readonly #peekStrategy: PeekStrategy;
  readonly #label: string;

  private constructor(backend: Backend, options: ConnectOptions) {
    this.backend = backend;
    this.sqs = new SQSClient(backend.clientConfig);
    this.sns = new SNSClient(backend.clientConfig);
    this.#label = describeBackend(backend);
    this.#resolver = new Resolver(this.sqs, this.sns, backend, options.pageSize ?? DEFAULT_CLIENT_OPTIONS.pageSize);
    this.#peekStrategy =
      options.peekStrategy ??
      (backend.capabilities.inspection && backend.endpoint !== undefined
        ? inspectionApi(backend.endpoint)
        : receiveAndRelease);
  }

  /**
   * Connects to a backend and checks that it answers.
   *
   * @throws BackendUnavailableError when the backend does not answer; TypeError for an invalid option.
   * @example
   * ```ts
   * const bus = await SnsSqsTestClient.connect(await backends.fromEnv());
   * ```
   */
  static async connect(backend: Backend, options: ConnectOptions = {}): Promise<SnsSqsTestClient> {
    assertOptionalInteger("pageSize", options.pageSize, 1, 1000);
    options.signal?.throwIfAborted();
    const client = new SnsSqsTestClient(backend, options);
    try {
      await client.#resolver.listQueueUrls(options.signal);
    } catch (error) {
      client.close();
      if (options.signal?.aborted) throw options.signal.reason;
      throw new BackendUnavailableError({
        backend: client.#label,
        reason: `it does not answer ListQueues: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    return client;
  }

  /** A label for messages: `moto (http://127.0.0.1:4566)`. */
  get label(): string {
    return this.#label;
  }

  /**
   * Creates a topic, or returns the existing one of that name.
   *
   * @throws TypeError for a FIFO topic whose name does not end in `.fifo`; BusRequestError.
   * @example
   * ```ts
   * const { arn } = await bus.createTopic("order--created");
   * ```
   */
  async createTopic(name: string, options: CreateTopicOptions = {}): Promise<TopicRef> {
    const fifo = options.fifo ?? name.endsWith(".fifo");
    if (fifo && !name.endsWith(".fifo")) {
      throw new TypeError(`Expected a FIFO topic name to end in ".fifo", got ${JSON.stringify(name)}`);
    }
    const attributes: Record<string, string> = { ...options.attributes };
    if (fifo) attributes.FifoTopic = "true";
    if (options.contentBasedDeduplication === true) attributes.ContentBasedDeduplication = "true";
    const real = this.backend.qualify(name);
    const { TopicArn } = await this.#call("CreateTopic", `topic "${name}"`, options.signal, () =>
      this.sns.send(new CreateTopicCommand({ Name: real, Attributes: attributes }), { abortSignal: options.signal }),
    );
    if (TopicArn === undefined) throw new Error(`CreateTopic returned no TopicArn for "${name}"`);
    this.#resolver.rememberTopic(name, TopicArn);
    this.backend.track({ kind: "topic", id: TopicArn });
    return { name: real, arn: TopicArn };
  }

  /**
   * Creates a queue (and its dead-letter queue), or brings an existing one to the requested
   * attributes; idempotent.
   *
   * @throws TypeError for an invalid option; BusRequestError.
   * @example
   * ```ts
   * await bus.createQueue("orders.fifo", { dlq: { name: "orders-dlq.fifo", maxReceiveCount: 1 }, visibilityTimeout: 5 });
   * ```
   */
  async createQueue(name: string, options: CreateQueueOptions = {}): Promise<QueueRef> {
    assertOptionalInteger("visibilityTimeout", options.visibilityTimeout, 0, 43_200);
    assertOptionalInteger("delaySeconds", options.delaySeconds, 0, 900);
    const fifo = options.fifo ?? name.endsWith(".fifo");
    if (fifo && !name.endsWith(".fifo")) {
      throw new TypeError(`Expected a FIFO queue name to end in ".fifo", got ${JSON.stringify(name)}`);
    }
    const dlq = normaliseDlq(options.dlq);
    const attributes: Record<string, string> = { ...options.attributes };
    if (options.visibilityTimeout !== undefined) attributes.VisibilityTimeout = String(options.visibilityTimeout);
    if (options.delaySeconds !== undefined) attributes.DelaySeconds = String(options.delaySeconds);
    if (options.contentBasedDeduplication === true) attributes.ContentBasedDeduplication = "true";
    if (dlq !== undefined) {
      const target = await this.createQueue(dlq.name, { fifo, ...signalOf(options.signal) });
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: target.arn,
        maxReceiveCount: dlq.maxReceiveCount,
      });
    }
    const real = this.backend.qualify(name);
    const url = await this.#call("CreateQueue", `queue "${name}"`, options.signal, async () => {
      const existing = await this.sqs
        .send(new GetQueueUrlCommand({ QueueName: real }), { abortSignal: options.signal })
        .catch((error: unknown) => {
          if (isQueueMissing(error)) return undefined;
          throw error;
        });
      if (existing?.QueueUrl !== undefined) {
        if (Object.keys(attributes).length > 0) {
          await this.sqs.send(new SetQueueAttributesCommand({ QueueUrl: existing.QueueUrl, Attributes: attributes }), {
            abortSignal: options.signal,
          });
        }
        return existing.QueueUrl;
      }
      const created = await this.sqs.send(
        new CreateQueueCommand({
          QueueName: real,
          Attributes: { ...attributes, ...(fifo ? { FifoQueue: "true" } : {}) },
        }),
        { abortSignal: options.signal },
      );
      if (created.QueueUrl === undefined) throw new Error(`CreateQueue returned no QueueUrl for "${name}"`);
      this.backend.track({ kind: "queue", id: created.QueueUrl });
      return created.QueueUrl;
    });
    this.#resolver.rememberQueue(name, url);
    const arn = await this.#resolver.queueArn(url, options.signal);
    return { name: real, url, arn };
  }

  /**
   * Subscribes a queue to a topic, creating whatever is missing (topic, queue, dead-letter queue),
   * allowing the topic to send to the queue in the queue policy, and updating raw delivery and filter
   * policy of an existing subscription. Idempotent.
   *
   * @throws TypeError for an invalid option; BusRequestError.
   * @example
   * ```ts
   * await bus.subscribeTo({ topic: "order--created", queue: "customer--order-created", raw: false,
   *   dlq: { name: "customer--order-created--dlq", maxReceiveCount: 3 } });
   * ```
   */
  async subscribeTo(options: SubscribeToOptions): Promise<Subscription> {
    const { signal } = options;
    const fifo = options.topic.endsWith(".fifo");
    const topic = await this.createTopic(options.topic, { fifo, ...signalOf(signal) });
    const queue = await this.createQueue(options.queue, {
      ...signalOf(signal),
      ...(options.dlq === undefined ? {} : { dlq: options.dlq }),
    });
    await this.#allowTopic(queue, topic, signal);
    const attributes: Record<string, string> = {
      RawMessageDelivery: String(options.raw ?? DEFAULT_CLIENT_OPTIONS.raw),
    };
    if (options.filterPolicy !== undefined) {
      attributes.FilterPolicy =
        typeof options.filterPolicy === "string" ? options.filterPolicy : JSON.stringify(options.filterPolicy);
    }
    if (options.filterPolicyScope !== undefined) attributes.FilterPolicyScope = options.filterPolicyScope;
    const subscriptionArn = await this.#call("Subscribe", `topic "${options.topic}"`, signal, async () => {
      const existing = await this.#findSubscription(topic.arn, queue.arn, signal);
      if (existing !== undefined) {
        for (const [AttributeName, AttributeValue] of Object.entries(attributes)) {
          await this.sns.send(
            new SetSubscriptionAttributesCommand({ SubscriptionArn: existing, AttributeName, AttributeValue }),
            { abortSignal: signal },
          );
        }
        return existing;
      }
      const { SubscriptionArn } = await this.sns.send(
        new SubscribeCommand({
          TopicArn: topic.arn,
          Protocol: "sqs",
          Endpoint: queue.arn,
          Attributes: attributes,
          ReturnSubscriptionArn: true,
        }),
        { abortSignal: signal },
      );
      if (SubscriptionArn === undefined) throw new Error("Subscribe returned no SubscriptionArn");
      this.backend.track({ kind: "subscription", id: SubscriptionArn });
      return SubscriptionArn;
    });
    const subscription: Subscription = { topic, queue, subscriptionArn };
    const dlq = normaliseDlq(options.dlq);
    if (dlq !== undefined) {
      const url = await this.#resolver.queueUrl(dlq.name, signal);
      subscription.dlq = { name: queueNameOf(url), url, arn: await this.#resolver.queueArn(url, signal) };
    }
    return subscription;
  }

  /**
   * Publishes `data` to a topic, wrapped by the envelope. On a FIFO topic the group id defaults to
   * `"probity"` and the deduplication id to the SHA-256 of the body.
   *
   * @returns the SNS message id and the body that was published.
   * @throws ResourceNotFoundError when the topic does not exist; TypeError for an invalid attribute;
   * BusRequestError.
   * @example
   * ```ts
   * await bus.publish({ topic: "order--created", data: { order_id: "o-1" }, envelope: jsonBase, attributes: { priority: 1 } });
   * ```
   */
  async publish<TData>(options: PublishOptions<TData>): Promise<{ messageId: string | undefined; body: string }> {
    const { signal } = options;
    signal?.throwIfAborted();
    const envelope = (options.envelope ?? rawEnvelope) as Envelope<unknown, unknown, TData>;
    const attributes = encodeAttributes(options.attributes, "sns");
    const body = await envelope.build(options.data, { topic: topicNameOf(options.topic) });
    const fifo = options.topic.endsWith(".fifo");
    const topicArn = await this.#resolver.topicArn(options.topic, signal);
    const result = await this.#call("Publish", `topic "${options.topic}"`, signal, async () => {
      try {
        return await this.sns.send(
          new PublishCommand({
            TopicArn: topicArn,
            Message: body,
            ...(attributes === undefined ? {} : { MessageAttributes: attributes }),
            ...(options.subject === undefined ? {} : { Subject: options.subject }),
            ...fifoIds(fifo, body, options.groupId, options.dedupId),
          }),
          { abortSignal: signal },
        );
      } catch (error) {
        if (isTopicMissing(error)) throw await this.#resolver.topicNotFound(options.topic, error, signal);
        throw error;
      }
    });
    return { messageId: result.MessageId, body };
  }

  /**
   * Sends `data` straight to a queue, wrapped by the envelope. On a FIFO queue the group id defaults
   * to `"probity"` and the deduplication id to the SHA-256 of the body.
   *
   * @returns the SQS message id and the body that was sent.
   * @throws ResourceNotFoundError when the queue does not exist; TypeError for an invalid option or
   * attribute; BusRequestError.
   * @example
   * ```ts
   * await bus.send({ queue: "orders", data: { id: 1 }, attributes: { kind: "test" }, delaySeconds: 1 });
   * ```
   */
  async send<TData>(options: SendOptions<TData>): Promise<{ messageId: string | undefined; body: string }> {
    const { signal } = options;
    signal?.throwIfAborted();
    assertOptionalInteger("delaySeconds", options.delaySeconds, 0, 900);
    const envelope = (options.envelope ?? rawEnvelope) as Envelope<unknown, unknown, TData>;
    const attributes = encodeAttributes(options.attributes, "sqs");
    const body = await envelope.build(options.data, { queue: queueNameOf(options.queue) });
    const fifo = queueNameOf(options.queue).endsWith(".fifo");
    const result = await this.#withQueue("SendMessage", options.queue, signal, (url) =>
      this.sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          ...(attributes === undefined ? {} : { MessageAttributes: attributes }),
          ...(options.delaySeconds === undefined ? {} : { DelaySeconds: options.delaySeconds }),
          ...fifoIds(fifo, body, options.groupId, options.dedupId),
        }),
        { abortSignal: signal },
      ),
    );
    return { messageId: result.MessageId, body };
  }

  /**
   * Receives messages, decodes and validates them, and deletes them (unless `ack: false`). When a
   * message cannot be decoded, every message of the call is made visible again and the error thrown.
   *
   * @throws PayloadDecodeError; ResourceNotFoundError; TypeError for an invalid option; BusRequestError.
   * @example
   * ```ts
   * const [message] = await bus.receive("customer--created", { envelope: jsonBase, schema: CustomerCreated, wait: 1 });
   * ```
   */
  async receive<TPayload = unknown, TMetadata = unknown, TSchema extends StandardSchemaV1 | undefined = undefined>(
    queue: string,
    options: ReceiveOptions<TPayload, TMetadata, TSchema> = {},
  ): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    assertOptionalInteger("max", options.max, 1, Number.MAX_SAFE_INTEGER);
    assertOptionalInteger("wait", options.wait, 0, 20);
    assertOptionalInteger("visibilityTimeout", options.visibilityTimeout, 0, 43_200);
    const max = options.max ?? DEFAULT_CLIENT_OPTIONS.max;
    const ack = options.ack ?? DEFAULT_CLIENT_OPTIONS.ack;
    return this.#withQueue("ReceiveMessage", queue, signal, async (url) => {
      const messages: Message[] = [];
      while (messages.length < max) {
        const { Messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MaxNumberOfMessages: Math.min(10, max - messages.length),
            WaitTimeSeconds: messages.length === 0 ? (options.wait ?? DEFAULT_CLIENT_OPTIONS.wait) : 0,
            ...(options.visibilityTimeout === undefined ? {} : { VisibilityTimeout: options.visibilityTimeout }),
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["All"],
          }),
          { abortSignal: signal },
        );
        messages.push(...Messages);
        if (Messages.length < 10) break;
      }
      let decoded: ReceivedMessage<TPayload, TMetadata, TSchema>[];
      try {
        decoded = await this.#decodeAll(queue, messages, options);
      } catch (error) {
        await releaseMessages(this.sqs, url, messages);
        throw error;
      }
      if (ack) await this.#deleteMessages(url, messages, signal);
      return decoded;
    });
  }

  /**
   * Returns the visible messages of a queue without consuming them (see the peek strategy: by default
   * each peek counts as a receive for `ApproximateReceiveCount`).
   *
   * @throws PayloadDecodeError; ResourceNotFoundError; BusRequestError.
   * @example
   * ```ts
   * expect(await bus.peek("customer--created")).toHaveLength(0);
   * ```
   */
  async peek<TPayload = unknown, TMetadata = unknown, TSchema extends StandardSchemaV1 | undefined = undefined>(
    queue: string,
    options: PeekOptions<TPayload, TMetadata, TSchema> = {},
  ): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>[]> {
    const messages = await this.peekRaw(queue, options);
    return this.#decodeAll(queue, messages, options);
  }

  /**
   * Like {@link SnsSqsTestClient.peek} but returns the SQS messages undecoded.
   * @example
   * ```ts
   * const [message] = await bus.peekRaw("orders"); message?.Body;
   * ```
   */
  async peekRaw(queue: string, options: { max?: number; signal?: AbortSignal } = {}): Promise<Message[]> {
    options.signal?.throwIfAborted();
    assertOptionalInteger("max", options.max, 1, Number.MAX_SAFE_INTEGER);
    const max = options.max ?? DEFAULT_CLIENT_OPTIONS.max;
    return this.#withQueue("ReceiveMessage", queue, options.signal, (queueUrl) =>
      this.#peekStrategy.peek({ sqs: this.sqs, queueUrl, max, signal: options.signal }),
    );
  }

  /**
   * Removes every visible message from a queue. Where `PurgeQueue` is rate limited (AWS, LocalStack,
   * moto) and refused with `PurgeQueueInProgress`, it receives and deletes until the queue answers empty.
   * Messages in flight stay.
   *
   * @throws ResourceNotFoundError; BusRequestError.
   * @example
   * ```ts
   * afterEach(() => bus.purge("customer--created"));
   * ```
   */
  async purge(queue: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { signal } = options;
    signal?.throwIfAborted();
    await this.#withQueue("PurgeQueue", queue, signal, async (url) => {
      try {
        await this.sqs.send(new PurgeQueueCommand({ QueueUrl: url }), { abortSignal: signal });
        return;
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        if (name !== "PurgeQueueInProgress" && name !== "AWS.SimpleQueueService.PurgeQueueInProgress") throw error;
      }
      for (;;) {
        const { Messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
          { abortSignal: signal },
        );
        if (Messages.length === 0) return;
        await this.#deleteMessages(url, Messages, signal);
      }
    });
  }

  /**
   * Purges every queue on the backend (on live AWS: only the queues of this run).
   *
   * @returns the URLs of the purged queues.
   * @example
   * ```ts
   * afterEach(() => bus.purgeAll());
   * ```
   */
  async purgeAll(options: { signal?: AbortSignal } = {}): Promise<string[]> {
    const prefix = this.backend.capabilities.live ? this.backend.qualify("") : undefined;
    const urls = await this.#call("ListQueues", "all queues", options.signal, () =>
      this.#resolver.listQueueUrls(options.signal, prefix),
    );
    for (const url of urls) await this.purge(url, options);
    return urls;
  }

  /**
   * The messages in a queue's dead-letter queue (the target of its `RedrivePolicy`), peeked unless
   * `consume: true`.
   *
   * @throws ProbityError `ERR_NO_DEAD_LETTER_QUEUE` when the queue has no redrive policy; PayloadDecodeError;
   * ResourceNotFoundError.
   * @example
   * ```ts
   * const [dead] = await bus.deadLetters("customer--order-created", { envelope: jsonBase });
   * ```
   */
  async deadLetters<TPayload = unknown, TMetadata = unknown, TSchema extends StandardSchemaV1 | undefined = undefined>(
    queue: string,
    options: DeadLettersOptions<TPayload, TMetadata, TSchema> = {},
  ): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>[]> {
    const { redrivePolicy } = await this.attributes(queue, signalOf(options.signal));
    if (redrivePolicy === undefined) {
      throw new ProbityError(
        `Queue "${queue}" on ${this.#label} has no RedrivePolicy, so it has no dead-letter queue`,
        "ERR_NO_DEAD_LETTER_QUEUE",
      );
    }
    const { consume = false, ...rest } = options;
    if (consume) return this.receive(redrivePolicy.deadLetterTargetArn, rest);
    return this.peek(redrivePolicy.deadLetterTargetArn, rest);
  }

  /**
   * A queue's attributes, with counts and times as numbers and the redrive policy parsed.
   *
   * @throws ResourceNotFoundError; BusRequestError.
   * @example
   * ```ts
   * const { approximateNumberOfMessages } = await bus.attributes("orders");
   * ```
   */
  async attributes(queue: string, options: { signal?: AbortSignal } = {}): Promise<QueueAttributes> {
    const { signal } = options;
    signal?.throwIfAborted();
    const raw = await this.#withQueue("GetQueueAttributes", queue, signal, async (url) => {
      const { Attributes = {} } = await this.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }),
        { abortSignal: signal },
      );
      return Attributes as Record<string, string>;
    });
    const number = (name: string): number => Number(raw[name] ?? 0);
    let redrivePolicy: QueueAttributes["redrivePolicy"];
    if (raw.RedrivePolicy !== undefined && raw.RedrivePolicy !== "") {
      const parsed = JSON.parse(raw.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
      redrivePolicy = {
        deadLetterTargetArn: parsed.deadLetterTargetArn,
        maxReceiveCount: Number(parsed.maxReceiveCount),
      };
    }
    return {
      arn: raw.QueueArn ?? "",
      approximateNumberOfMessages: number("ApproximateNumberOfMessages"),
      approximateNumberOfMessagesNotVisible: number("ApproximateNumberOfMessagesNotVisible"),
      approximateNumberOfMessagesDelayed: number("ApproximateNumberOfMessagesDelayed"),
      visibilityTimeout: number("VisibilityTimeout"),
      delaySeconds: number("DelaySeconds"),
      fifo: raw.FifoQueue === "true",
      contentBasedDeduplication: raw.ContentBasedDeduplication === "true",
      redrivePolicy,
      raw,
    };
  }

  /**
   * The bus-level business lock: resolves when the queue has no visible, in-flight or delayed message
   * — the consumer received AND deleted everything. Probes `GetQueueAttributes`; on a backend with an
   * event stream each event on the queue triggers a probe at once.
   *
   * @returns the queue's attributes at that moment.
   * @throws BusinessLockTimeoutError naming the queue, the backend and the last counts;
   * ResourceNotFoundError (at once).
   * @example
   * ```ts
   * await bus.send({ queue: "customer--order-created", data: order });
   * await bus.drained("customer--order-created", { timeout: 5_000 });
   * ```
   */
  async drained(queue: string, options: DrainedOptions = {}): Promise<QueueAttributes> {
    const { signal } = options;
    const started = performance.now();
    let last: QueueAttributes | undefined;
    let probes = 0;
    const url = await this.#resolver.queueUrl(queue, signal);
    try {
      return await probeUntil(
        async ({ signal: attemptSignal }) => {
          probes += 1;
          last = await this.attributes(queue, { signal: attemptSignal });
          if (countOf(last) > 0) throw new Error(describeCounts(last));
          return last;
        },
        {
          alias: `drained(${queue})`,
          interval: options.interval ?? DEFAULT_CLIENT_OPTIONS.drainedInterval,
          failFast: (error) => error instanceof ResourceNotFoundError || error instanceof BusRequestError,
          ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
          ...signalOf(signal),
          wakeOn: this.wakeOn(url),
        },
      );
    } catch (error) {
      if (signal?.aborted || error instanceof ResourceNotFoundError || error instanceof BusRequestError) throw error;
      const elapsedMs = Math.round(performance.now() - started);
      const counts = last === undefined ? "no answer yet" : describeCounts(last);
      const lock = `drained(${queue})`;
      const timeout = options.timeout ?? elapsedMs;
      const timeoutError = new BusinessLockTimeoutError(
        `Queue "${queue}" on ${this.#label} was not drained within ${elapsedMs} ms after ${probes} probes: ${counts}`,
        { lock, timeout, elapsedMs, observed: probes },
      );
      throw timeoutError;
    }
  }

  /**
   * A `wakeOn` source for probity's `probeUntil`: each backend event that concerns one of `queues`
   * (a message sent, received, deleted, dead-lettered, …; any queue when none is given) triggers an
   * attempt at once, so a probe of something the bus drives (an HTTP API, a database) reacts in about a
   * millisecond instead of one interval. On a backend without events (moto, LocalStack, real AWS) it
   * never fires and the probe polls at its interval, so the same test runs everywhere.
   *
   * @param queues - queue names (qualified like every other name), URLs or ARNs.
   * @returns a subscribe function `probeUntil({ wakeOn })` accepts.
   * @example
   * ```ts
   * await bus.send({ queue: "customer--order-created", data: order, envelope: jsonBase });
   * const customer = await probeUntil(
   *   async () => {
   *     const response = await fetch(`${api}/customer/${order.customer_id}`);
   *     const body = (await response.json()) as { orders: string[] };
   *     if (!body.orders.includes(order.order_id)) throw new Error("order not handled yet");
   *     return body;
   *   },
   *   { timeout: 5_000, wakeOn: bus.wakeOn("customer--order-created") },
   * );
   * ```
   */
  wakeOn(...queues: string[]): SubscribeWakeSource {
    const subscribe = this.backend.subscribe?.bind(this.backend);
    if (subscribe === undefined) return () => () => undefined;
    const names = new Set(
      queues.map((queue) =>
        queue.startsWith("http://") || queue.startsWith("https://") || queue.startsWith("arn:")
          ? queueNameOf(queue)
          : this.backend.qualify(queue),
      ),
    );
    return (wake) =>
      subscribe(
        (queueName) => {
          if (names.size === 0 || names.has(queueName)) wake();
        },
        { onResync: wake },
      );
  }

  /**
   * Waits for a message on a queue and returns it, decoded. Long polling makes it return the moment
   * the message arrives. Messages that do not match stay on the queue (hidden while the wait runs,
   * then made visible again); the matching one is deleted unless `ack: false`. `match` is a deep
   * partial of the payload (see `matchesPartial`) or a predicate over the decoded message; messages
   * that cannot be decoded count as not matching.
   *
   * @throws MessageNotReceivedError listing what arrived instead; ResourceNotFoundError.
   * @example
   * ```ts
   * const message = await bus.expectMessage("customer--created", { envelope: jsonBase, match: { name: "Ada" }, timeout: 5_000 });
   * ```
   */
  expectMessage<TPayload = unknown, TMetadata = unknown, TSchema extends StandardSchemaV1 | undefined = undefined>(
    queue: string,
    options: ExpectMessageOptions<TPayload, TMetadata, TSchema> = {},
  ): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>> {
    return expectMessage(this.#internals(), queue, options);
  }

  /**
   * Asserts that no (matching) message shows up on a queue for `during` ms, by peeking, so other
   * messages are not consumed.
   *
   * @throws UnexpectedMessageError showing the messages found; ResourceNotFoundError.
   * @example
   * ```ts
   * await bus.expectNoMessage("customer--created", { during: 1_000, match: { name: "Ada" } });
   * ```
   */
  expectNoMessage<TPayload = unknown, TMetadata = unknown, TSchema extends StandardSchemaV1 | undefined = undefined>(
    queue: string,
    options: ExpectNoMessageOptions<TPayload, TMetadata, TSchema>,
  ): Promise<void> {
    return expectNoMessage(this.#internals(), queue, options);
  }

  /**
   * Releases the SDK clients. The backend is not disposed (it may be shared); dispose it separately.
   * @example
   * ```ts
   * bus.close();
   * ```
   */
  close(): void {
    this.sqs.destroy();
    this.sns.destroy();
  }

  /** Same as {@link SnsSqsTestClient.close}, for `await using bus = …`. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  #internals(): ClientInternals {
    return {
      client: this,
      sqs: this.sqs,
      label: this.#label,
      queueUrl: (queue, signal) => this.#resolver.queueUrl(queue, signal),
      decode: (queue, message, options) => this.#decodeOne(queue, message, options),
      deleteMessages: (url, messages, signal) => this.#deleteMessages(url, messages, signal),
    };
  }

  async #decodeOne<TPayload, TMetadata, TSchema extends StandardSchemaV1 | undefined>(
    queue: string,
    message: Message,
    options: DecodeOptions<TPayload, TMetadata, TSchema>,
  ): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>> {
    return decodeMessage<TPayload, TMetadata, TSchema>(message, {
      queue,
      ...(options.envelope === undefined ? {} : { envelope: options.envelope }),
      ...(options.schema === undefined ? {} : { schema: options.schema }),
    });
  }

  async #decodeAll<TPayload, TMetadata, TSchema extends StandardSchemaV1 | undefined>(
    queue: string,
    messages: readonly Message[],
    options: DecodeOptions<TPayload, TMetadata, TSchema>,
  ): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>[]> {
    const decoded: ReceivedMessage<TPayload, TMetadata, TSchema>[] = [];
    for (const message of messages) decoded.push(await this.#decodeOne(queue, message, options));
    return decoded;
  }

  async #deleteMessages(url: string, messages: readonly Message[], signal?: AbortSignal): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      const entries = messages
        .slice(start, start + 10)
        .map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? "" }));
      const { Failed = [] } = await this.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries }), {
        abortSignal: signal,
      });
      if (Failed.length > 0) {
        throw new Error(`DeleteMessageBatch failed for ${Failed.length} message(s): ${Failed[0]?.Message ?? ""}`);
      }
    }
  }

  async #findSubscription(topicArn: string, queueArn: string, signal?: AbortSignal): Promise<string | undefined> {
    let token: string | undefined;
    do {
      const page = await this.sns.send(
        new ListSubscriptionsByTopicCommand({
          TopicArn: topicArn,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
        { abortSignal: signal },
      );
      const found = page.Subscriptions?.find((s) => s.Protocol === "sqs" && s.Endpoint === queueArn);
      if (found?.SubscriptionArn !== undefined && found.SubscriptionArn !== "PendingConfirmation") {
        return found.SubscriptionArn;
      }
      token = page.NextToken === "" ? undefined : page.NextToken;
    } while (token !== undefined);
    return undefined;
  }

  async #allowTopic(queue: QueueRef, topic: TopicRef, signal?: AbortSignal): Promise<void> {
    const { Attributes = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ["Policy"] }),
      { abortSignal: signal },
    );
    const policy = parsePolicy(Attributes.Policy);
    const sid = `probity-sns-${fifoDedupId(topic.arn).slice(0, 16)}`;
    if (policy.Statement.some((statement) => statement.Sid === sid)) return;
    policy.Statement.push({
      Sid: sid,
      Effect: "Allow",
      Principal: { Service: "sns.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: queue.arn,
      Condition: { ArnEquals: { "aws:SourceArn": topic.arn } },
    });
    await this.#call("SetQueueAttributes", `queue "${queue.name}"`, signal, () =>
      this.sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: JSON.stringify(policy) } }),
        { abortSignal: signal },
      ),
    );
  }

  /** Runs an action on a queue: resolves it, retries once after a not-found answer, wraps SDK errors. */
  async #withQueue<T>(
    action: string,
    queue: string,
    signal: AbortSignal | undefined,
    run: (url: string) => Promise<T>,
  ): Promise<T> {
    return this.#call(action, `queue "${queue}"`, signal, async () => {
      for (let attempt = 1; ; attempt += 1) {
        const url = await this.#resolver.queueUrl(queue, signal);
        try {
          return await run(url);
        } catch (error) {
          if (!isQueueMissing(error)) throw error;
          if (attempt > 1 || url === queue) throw await this.#resolver.queueNotFound(queue, error, signal);
          this.#resolver.forgetQueue(queue);
        }
      }
    });
  }

  /** Runs an SDK call; probity errors and aborts pass through, SDK errors become {@link BusRequestError}. */
  async #call<T>(action: string, resource: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof ProbityError || error instanceof TypeError) throw error;
      throw new BusRequestError({ action, resource, backend: this.#label, cause: error });
    }
  }
}

/** What the expectation helpers need from a client. @internal */
export interface ClientInternals {
  readonly client: SnsSqsTestClient;
  readonly sqs: SQSClient;
  readonly label: string;
  queueUrl(queue: string, signal?: AbortSignal): Promise<string>;
  decode<TPayload, TMetadata, TSchema extends StandardSchemaV1 | undefined>(
    queue: string,
    message: Message,
    options: DecodeOptions<TPayload, TMetadata, TSchema>,
  ): Promise<ReceivedMessage<TPayload, TMetadata, TSchema>>;
  deleteMessages(url: string, messages: readonly Message[], signal?: AbortSignal): Promise<void>;
}

interface PolicyDocument {
  Version: string;
  Statement: Array<Record<string, unknown> & { Sid?: string }>;
}

function parsePolicy(text: string | undefined): PolicyDocument {
  if (text === undefined || text === "") return { Version: "2012-10-17", Statement: [] };
  const parsed = JSON.parse(text) as { Version?: string; Statement?: unknown };
  const statements = Array.isArray(parsed.Statement)
    ? parsed.Statement
    : parsed.Statement === undefined
      ? []
      : [parsed.Statement];
  return { Version: parsed.Version ?? "2012-10-17", Statement: statements as PolicyDocument["Statement"] };
}

function normaliseDlq(dlq: string | DeadLetterOptions | undefined): Required<DeadLetterOptions> | undefined {
  if (dlq === undefined) return undefined;
  const resolved = typeof dlq === "string" ? { name: dlq } : dlq;
  const maxReceiveCount = resolved.maxReceiveCount ?? DEFAULT_CLIENT_OPTIONS.maxReceiveCount;
  assertOptionalInteger("dlq.maxReceiveCount", maxReceiveCount, 1, 1000);
  return { name: resolved.name, maxReceiveCount };
}

function fifoIds(
  fifo: boolean,
  body: string,
  groupId: string | undefined,
  dedupId: string | undefined,
): { MessageGroupId?: string; MessageDeduplicationId?: string } {
  if (!fifo) {
    return {
      ...(groupId === undefined ? {} : { MessageGroupId: groupId }),
      ...(dedupId === undefined ? {} : { MessageDeduplicationId: dedupId }),
    };
  }
  return {
    MessageGroupId: groupId ?? DEFAULT_CLIENT_OPTIONS.fifoGroupId,
    MessageDeduplicationId: dedupId ?? fifoDedupId(body),
  };
}

function signalOf(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

function countOf(attributes: QueueAttributes): number {
  return (
    attributes.approximateNumberOfMessages +
    attributes.approximateNumberOfMessagesNotVisible +
    attributes.approximateNumberOfMessagesDelayed
  );
}

function describeCounts(attributes: QueueAttributes): string {
  return `${attributes.approximateNumberOfMessages} visible, ${attributes.approximateNumberOfMessagesNotVisible} in flight, ${attributes.approximateNumberOfMessagesDelayed} delayed`;
}
