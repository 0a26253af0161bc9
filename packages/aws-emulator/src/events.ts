/**
 * @module events
 * A typed, synchronous stream of what happened inside the emulator (queues created, messages sent,
 * received, deleted, dead-lettered, …). Emitting costs one map lookup when nobody listens, and models
 * check {@link EmulatorEvents.has} before building a payload.
 */

import { type EmulatorEventFilter, isEmptyEventFilter, matchesEventFilter } from "./inspection/event-filter.js";
import { createEventStream, type EmulatorEventStreamOptions } from "./inspection/event-stream.js";

/** Fields every SQS message event carries. */
export interface SqsMessageEventBase {
  accountId: string;
  region: string;
  queueName: string;
  queueArn: string;
  messageId: string;
  /** Emulated epoch milliseconds. */
  at: number;
}

/** Fields every SNS event carries. */
export interface SnsEventBase {
  accountId: string;
  region: string;
  topicArn: string;
  /** Emulated epoch milliseconds. */
  at: number;
}

/** Fields of SNS delivery events. */
export interface SnsDeliveryEventBase extends SnsEventBase {
  subscriptionArn: string;
  /** `sqs`, `http`, `https`, … */
  protocol: string;
  /** The queue ARN or URL the message went to. */
  endpoint: string;
  messageId: string;
}

/** The events and their payloads, by name. */
export interface EmulatorEventMap {
  "sqs.queue-created": { accountId: string; region: string; queueName: string; queueArn: string; at: number };
  "sqs.queue-deleted": { accountId: string; region: string; queueName: string; queueArn: string; at: number };
  "sqs.queue-purged": { accountId: string; region: string; queueName: string; queueArn: string; at: number };
  /** A receive found nothing and is now long-polling. */
  "sqs.receive-waiting": {
    accountId: string;
    region: string;
    queueName: string;
    queueArn: string;
    at: number;
    waitTimeSeconds: number;
  };
  "sqs.message-sent": SqsMessageEventBase & { body: string; delaySeconds: number; messageGroupId?: string };
  "sqs.message-received": SqsMessageEventBase & { receiveCount: number; receiptHandle: string };
  "sqs.message-deleted": SqsMessageEventBase;
  "sqs.message-visibility-changed": SqsMessageEventBase & { visibilityTimeout: number };
  /** A message moved to its queue's dead-letter queue (queueName is the source). */
  "sqs.message-dead-lettered": SqsMessageEventBase & { deadLetterQueueArn: string; receiveCount: number };
  /** A message removed by MessageRetentionPeriod. */
  "sqs.message-expired": SqsMessageEventBase;
  /** A message moved by a message move task (StartMessageMoveTask). */
  "sqs.message-moved": SqsMessageEventBase & { destinationArn: string };
  /** A message accepted by a topic (once per Publish or PublishBatch entry; FIFO duplicates are not re-reported). */
  "sns.published": SnsEventBase & { messageId: string; sequenceNumber?: string };
  /** A message handed to a subscriber (an SQS queue, or the subscription's DLQ when `deadLetterTargetArn` is set). */
  "sns.delivered": SnsDeliveryEventBase & { deadLetterTargetArn?: string };
  /** A subscription's filter policy dropped the message. */
  "sns.filtered-out": SnsEventBase & { subscriptionArn: string; messageId: string };
  /** Delivery failed (queue gone, HTTP endpoint down); `endpoint` is the DLQ when redriving failed too. */
  "sns.delivery-failed": SnsDeliveryEventBase & { errorCode: string; errorMessage: string };
}

/** An event name. */
export type EmulatorEventName = keyof EmulatorEventMap;

/** An event as delivered to `"*"` listeners: the name plus its payload. */
export type EmulatorEvent = {
  [K in EmulatorEventName]: { type: K } & EmulatorEventMap[K];
}[EmulatorEventName];

type Listener<T> = (event: T) => void;

/**
 * The emulator's event stream. Listeners run synchronously, in registration order; a throwing listener
 * is isolated (reported through `onListenerError`, default `console.error`) and never breaks the model.
 *
 * @example
 * ```ts
 * const off = aws.events.on("sqs.message-deleted", (e) => console.log(e.queueName, e.messageId));
 * off();
 * ```
 */
export class EmulatorEvents {
  #listeners = new Map<string, Set<Listener<never>>>();
  #onListenerError: (error: unknown) => void;

  /** @param onListenerError - called when a listener throws. @default console.error */
  constructor(onListenerError: (error: unknown) => void = (error) => console.error(error)) {
    this.#onListenerError = onListenerError;
  }

  /** Whether anyone listens to `type` (or to every event through `"*"`). */
  has(type: EmulatorEventName): boolean {
    return this.#listeners.has(type) || this.#listeners.has("*");
  }

  /**
   * Subscribes to one event, or to all with `"*"`.
   * @returns a function that unsubscribes.
   */
  on<K extends EmulatorEventName>(type: K, listener: Listener<EmulatorEventMap[K] & { type: K }>): () => void;
  on(type: "*", listener: Listener<EmulatorEvent>): () => void;
  on(type: string, listener: Listener<never>): () => void {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener);
    return () => this.off(type as EmulatorEventName, listener);
  }

  /** Removes a listener added with {@link EmulatorEvents.on}. */
  off(type: EmulatorEventName | "*", listener: (event: never) => void): void {
    const set = this.#listeners.get(type);
    if (set === undefined) return;
    set.delete(listener);
    if (set.size === 0) this.#listeners.delete(type);
  }

  /**
   * Resolves with the next event of `type` that satisfies `filter`.
   * @throws the signal's reason when `signal` aborts first.
   */
  once<K extends EmulatorEventName>(
    type: K,
    options: { filter?: (event: EmulatorEventMap[K]) => boolean; signal?: AbortSignal } = {},
  ): Promise<EmulatorEventMap[K] & { type: K }> {
    return new Promise((resolve, reject) => {
      options.signal?.throwIfAborted();
      const onAbort = (): void => {
        off();
        reject(options.signal?.reason);
      };
      const off = this.on(type, (event) => {
        if (options.filter !== undefined && !options.filter(event)) return;
        off();
        options.signal?.removeEventListener("abort", onAbort);
        resolve(event);
      });
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * Subscribes to every event, or to those matching `filter`. Bound to its instance, so it can be passed
   * on as is: `probeUntil(check, { wakeOn: aws.events.subscribe })`.
   * @returns a function that unsubscribes.
   * @example
   * ```ts
   * const off = aws.events.subscribe((e) => console.log(e.type), { queue: "orders" });
   * ```
   */
  readonly subscribe = (listener: Listener<EmulatorEvent>, filter: EmulatorEventFilter = {}): (() => void) => {
    if (isEmptyEventFilter(filter)) return this.on("*", listener);
    return this.on("*", (event) => {
      if (matchesEventFilter(event, filter)) listener(event);
    });
  };

  /**
   * The events as an async iterator; events queue up from this call on, so none is missed between reads.
   * Ends on `break`, `return()` or `signal`.
   * @example
   * ```ts
   * for await (const event of aws.events.stream({ filter: { type: "sqs.message-deleted" } })) break;
   * ```
   */
  stream(options: EmulatorEventStreamOptions = {}): AsyncIterableIterator<EmulatorEvent> {
    return createEventStream((listener) => this.on("*", listener), options);
  }

  /** Emits an event; a no-op when nobody listens. */
  emit<K extends EmulatorEventName>(type: K, payload: EmulatorEventMap[K]): void {
    const direct = this.#listeners.get(type);
    const all = this.#listeners.get("*");
    if (direct === undefined && all === undefined) return;
    const event = { type, ...payload } as EmulatorEventMap[K] & { type: K };
    if (direct !== undefined) for (const listener of [...direct]) this.#call(listener, event);
    if (all !== undefined) for (const listener of [...all]) this.#call(listener, event);
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }

  #call(listener: Listener<never>, event: unknown): void {
    try {
      (listener as Listener<unknown>)(event);
    } catch (error) {
      this.#onListenerError(error);
    }
  }
}
