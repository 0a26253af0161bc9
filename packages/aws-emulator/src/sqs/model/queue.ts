/**
 * @module sqs/model/queue
 * One SQS queue: its identity and attributes, sends (with FIFO deduplication), purge, and the hooks
 * move tasks, dead-lettering and inspection use. The parts live beside it: storage and timers in
 * `message-store.ts` (FIFO groups in `fifo-groups.ts`), the consumer side (receive, long polls,
 * dead-lettering, delete, visibility) in `message-receiver.ts` (+ `receive-waiters.ts`,
 * `receipt-handle.ts`), send checks in `send-parameters.ts`, the deduplication window in
 * `dedup-window.ts`, and the inspection snapshot in `queue-peek.ts`. No operation scans the queue.
 */

import { randomUUID } from "node:crypto";
import type { EmulatorClock } from "../../clock.js";
import type { EmulatorEvents } from "../../events.js";
import { md5OfAttributes, md5OfBody } from "../md5.js";
import { DeduplicationWindow } from "./dedup-window.js";
import { queueDoesNotExist } from "./errors.js";
import type {
  MessageContent,
  ReceivedMessage,
  ReceiveOptions,
  SendMessageInput,
  SendMessageResult,
  StoredMessage,
} from "./message.js";
import { MessageReceiver } from "./message-receiver.js";
import { MessageStore } from "./message-store.js";
import { type QueueConfig, renderQueueConfig } from "./queue-config.js";
import { messageEventBase, queueEventBase } from "./queue-events.js";
import { type PeekedMessage, peekMessages } from "./queue-peek.js";
import {
  fifoDeduplicationId,
  rejectDeduplicationId,
  sendDelaySeconds,
  validateMessageGroupId,
} from "./send-parameters.js";
import { validateMessage } from "./validate-message.js";

export type { PeekedMessage } from "./queue-peek.js";

/** What a queue needs from its owner. @internal */
export interface QueueHost {
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  /** Finds a queue by ARN (dead-letter targets). */
  findQueueByArn(arn: string): SqsQueue | undefined;
}

/** Where a queue lives and what it is called. */
export interface QueueIdentity {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
}

/**
 * A queue and its messages.
 *
 * @example
 * ```ts
 * const queue = model.createQueue(scope, "orders").queue;
 * queue.send({ body: "hi", senderId: "000000000000" });
 * const [message] = await queue.receive({ maxMessages: 1 });
 * ```
 */
export class SqsQueue implements QueueIdentity {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly config: QueueConfig;
  readonly createdAt: number;
  lastModifiedAt: number;
  readonly tags = new Map<string, string>();

  readonly #host: QueueHost;
  readonly #store: MessageStore;
  readonly #receiver: MessageReceiver;
  readonly #dedup = new DeduplicationWindow();
  #deleted = false;

  /** @internal */
  constructor(identity: QueueIdentity, config: QueueConfig, host: QueueHost) {
    this.accountId = identity.accountId;
    this.region = identity.region;
    this.name = identity.name;
    this.arn = `arn:aws:sqs:${identity.region}:${identity.accountId}:${identity.name}`;
    this.fifo = config.fifoQueue;
    this.config = config;
    this.#host = host;
    this.createdAt = host.clock.now();
    this.lastModifiedAt = this.createdAt;
    this.#store = new MessageStore(config, host.clock, {
      onVisible: () => this.#receiver.wake(),
      onExpired: (message, now) => {
        const events = this.#host.events;
        if (events.has("sqs.message-expired")) {
          events.emit("sqs.message-expired", messageEventBase(this, message.id, now));
        }
      },
    });
    this.#receiver = new MessageReceiver(this, this.#store, host);
  }

  /** Messages available for retrieval. */
  get visibleCount(): number {
    return this.#store.visibleCount;
  }

  /** Messages received and not yet deleted or visible again. */
  get inFlightCount(): number {
    return this.#store.inFlight;
  }

  /** Messages waiting out their delay. */
  get delayedCount(): number {
    return this.#store.delayed;
  }

  /** All stored messages. */
  get size(): number {
    return this.#store.size;
  }

  /** Long polls currently waiting on this queue. */
  get waitingReceives(): number {
    return this.#receiver.waiting;
  }

  /** Every queue attribute, as `GetQueueAttributes` with `All` returns it. */
  attributes(): Record<string, string> {
    return {
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(this.visibleCount),
      ApproximateNumberOfMessagesNotVisible: String(this.#store.inFlight),
      ApproximateNumberOfMessagesDelayed: String(this.#store.delayed),
      CreatedTimestamp: String(Math.floor(this.createdAt / 1_000)),
      LastModifiedTimestamp: String(Math.floor(this.lastModifiedAt / 1_000)),
      ...renderQueueConfig(this.config),
    };
  }

  /**
   * Validates and stores a message.
   * @throws AwsServiceError (`InvalidParameterValue`, `MissingParameter`, `InvalidMessageContents`).
   */
  send(input: SendMessageInput): SendMessageResult {
    this.#assertLive();
    validateMessage(input, this.config.maximumMessageSize);
    const now = this.#host.clock.now();
    const delaySeconds = sendDelaySeconds(input.delaySeconds, this.fifo, this.config.delaySeconds);
    validateMessageGroupId(input.messageGroupId);
    let dedupKey: string | undefined;
    let dedupId: string | undefined;
    if (this.fifo) {
      dedupId = fifoDeduplicationId(input, this.config.contentBasedDeduplication);
      dedupKey = DeduplicationWindow.key(this.config.deduplicationScope, input.messageGroupId ?? "", dedupId);
      const seen = this.#dedup.find(dedupKey, now);
      if (seen !== undefined) {
        const md5OfMessageAttributes = md5OfAttributes(input.messageAttributes);
        return {
          messageId: seen.messageId,
          md5OfBody: md5OfBody(input.body),
          md5OfMessageAttributes,
          md5OfMessageSystemAttributes: md5OfAttributes(input.systemAttributes),
          sequenceNumber: seen.sequenceNumber,
          duplicate: true,
        };
      }
    } else {
      rejectDeduplicationId(input.messageDeduplicationId);
    }
    const content: MessageContent = {
      body: input.body,
      md5OfBody: md5OfBody(input.body),
      messageAttributes: input.messageAttributes,
      md5OfMessageAttributes: md5OfAttributes(input.messageAttributes),
      systemAttributes: input.systemAttributes,
      md5OfMessageSystemAttributes: md5OfAttributes(input.systemAttributes),
      senderId: input.senderId,
      sentAt: now,
      messageGroupId: input.messageGroupId,
      messageDeduplicationId: dedupId,
    };
    const message = this.#store.add(randomUUID(), content, now, undefined, delaySeconds);
    if (dedupKey !== undefined) this.#dedup.remember(dedupKey, message.id, message.sequenceNumber, now);
    const events = this.#host.events;
    if (events.has("sqs.message-sent")) {
      events.emit("sqs.message-sent", {
        ...messageEventBase(this, message.id, now),
        body: input.body,
        delaySeconds,
        ...(input.messageGroupId === undefined ? {} : { messageGroupId: input.messageGroupId }),
      });
    }
    return {
      messageId: message.id,
      md5OfBody: content.md5OfBody,
      md5OfMessageAttributes: content.md5OfMessageAttributes,
      md5OfMessageSystemAttributes: content.md5OfMessageSystemAttributes,
      sequenceNumber: message.sequenceNumber,
      duplicate: false,
    };
  }

  /**
   * Receives up to `maxMessages` messages, long-polling up to `waitTimeSeconds` when none is available.
   * A waiting receive answers the instant a message becomes visible (send, visibility or delay expiry).
   */
  receive(options: ReceiveOptions = {}): Promise<ReceivedMessage[]> {
    this.#assertLive();
    return this.#receiver.receive(options);
  }

  /**
   * Deletes the message a receipt handle refers to. A stale handle (the message was received again
   * since) succeeds without deleting, as AWS documents; an unknown message succeeds too.
   * @throws AwsServiceError `ReceiptHandleIsInvalid` when the handle is malformed or from another queue.
   */
  deleteMessage(receiptHandle: string): void {
    this.#assertLive();
    this.#receiver.deleteMessage(receiptHandle);
  }

  /**
   * Changes the visibility timeout of an in-flight message; 0 makes it visible at once.
   * @throws AwsServiceError `ReceiptHandleIsInvalid`, `InvalidParameterValue` (stale handle, beyond 12 h),
   * `MessageNotInflight`.
   */
  changeVisibility(receiptHandle: string, visibilityTimeout: number): void {
    this.#assertLive();
    this.#receiver.changeVisibility(receiptHandle, visibilityTimeout);
  }

  /** Deletes every message (visible, in flight and delayed). Waiting receives keep waiting. */
  purge(): void {
    this.#assertLive();
    this.#store.clear();
    const events = this.#host.events;
    if (events.has("sqs.queue-purged")) events.emit("sqs.queue-purged", queueEventBase(this, this.#host.clock.now()));
  }

  /** Re-arms the retention timer after `MessageRetentionPeriod` changed. @internal */
  configChanged(): void {
    this.lastModifiedAt = this.#host.clock.now();
    this.#store.rescheduleRetention();
  }

  /**
   * Takes up to `max` visible messages without receiving them (message move tasks). @internal
   */
  takeForMove(max: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    while (out.length < max) {
      const message = this.#store.firstVisible();
      if (message === undefined) break;
      this.#store.remove(message);
      out.push(message);
    }
    return out;
  }

  /**
   * Accepts a message moved from another queue (dead-lettering or a move task), keeping its id, body,
   * attributes and send time. @internal
   */
  acceptMoved(message: StoredMessage, deadLetterSourceArn: string | undefined): void {
    if (this.#deleted) return;
    const now = this.#host.clock.now();
    this.#store.add(message.id, message.content, now, deadLetterSourceArn, 0);
  }

  /** Ends waiting receives with no messages and cancels every timer. @internal */
  close(): void {
    this.#deleted = true;
    this.#store.clear();
    this.#dedup.clear();
    this.#receiver.close();
  }

  /**
   * Every stored message in the order the queue accepted them, with its state, WITHOUT changing
   * visibility, receive counts or timers (inspection APIs). `receiptHandle` is the current one of an
   * in-flight message, else `""`.
   */
  peek(): PeekedMessage[] {
    return peekMessages(this.#store.values());
  }

  /** Ends waiting receives with no messages (emulator stopping). @internal */
  releaseWaiters(): void {
    this.#receiver.releaseWaiters();
  }

  // ---- internals -------------------------------------------------------------------------------

  #assertLive(): void {
    if (this.#deleted) throw queueDoesNotExist();
  }
}
