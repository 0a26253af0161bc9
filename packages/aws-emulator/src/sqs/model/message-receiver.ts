/**
 * @module sqs/model/message-receiver
 * The consumer side of a queue: receives (at once, or long-polled through {@link ReceiveWaiters}),
 * delivery with a fresh receipt handle, dead-lettering of messages whose receive count is spent, deletes
 * and visibility changes. {@link SqsQueue} checks the queue is live and delegates here.
 * @internal
 */

import type { EmulatorClock } from "../../clock.js";
import type { EmulatorEvents } from "../../events.js";
import { invalidParameter, invalidParameterValue, messageNotInflight } from "./errors.js";
import { MessageState, type ReceivedMessage, type ReceiveOptions, type StoredMessage } from "./message.js";
import type { MessageStore } from "./message-store.js";
import { type QueueConfig, SQS_LIMITS } from "./queue-config.js";
import { type EventQueue, messageEventBase, queueEventBase } from "./queue-events.js";
import { encodeReceiptHandle, receiptHandleMessageId } from "./receipt-handle.js";
import { ReceiveWaiters } from "./receive-waiters.js";

/** The queue a receiver serves, as the receiver sees it. @internal */
export interface ReceiverQueue extends EventQueue {
  readonly fifo: boolean;
  readonly config: QueueConfig;
  /** Stores a message dead-lettered from another queue. */
  acceptMoved(message: StoredMessage, deadLetterSourceArn: string | undefined): void;
}

/** What a receiver needs from the queue's owner. @internal */
export interface ReceiverHost {
  readonly clock: EmulatorClock;
  readonly events: EmulatorEvents;
  findQueueByArn(arn: string): ReceiverQueue | undefined;
}

const NO_MESSAGES: ReceivedMessage[] = [];

/** Receives, deletes and visibility changes of one queue. @internal */
export class MessageReceiver {
  readonly #queue: ReceiverQueue;
  readonly #store: MessageStore;
  readonly #host: ReceiverHost;
  readonly #waiters: ReceiveWaiters;
  #handleNonce = 0;
  #closed = false;

  constructor(queue: ReceiverQueue, store: MessageStore, host: ReceiverHost) {
    this.#queue = queue;
    this.#store = store;
    this.#host = host;
    this.#waiters = new ReceiveWaiters(host.clock, (maxMessages, visibilityTimeout) =>
      store.visibleCount === 0 || this.#closed ? NO_MESSAGES : this.#take(maxMessages, visibilityTimeout),
    );
  }

  /** Long polls currently waiting. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /** See {@link SqsQueue.receive}. */
  receive(options: ReceiveOptions): Promise<ReceivedMessage[]> {
    const config = this.#queue.config;
    const maxMessages = options.maxMessages ?? 1;
    const visibilityTimeout = options.visibilityTimeout ?? config.visibilityTimeout;
    const waitTimeSeconds = options.waitTimeSeconds ?? config.receiveMessageWaitTimeSeconds;
    const taken = this.#take(maxMessages, visibilityTimeout);
    const signal = options.signal;
    if (taken.length > 0 || waitTimeSeconds <= 0 || signal?.aborted === true) return Promise.resolve(taken);
    return new Promise((resolve) => {
      this.#waiters.wait(maxMessages, visibilityTimeout, waitTimeSeconds * 1_000, signal, resolve);
      const events = this.#host.events;
      if (events.has("sqs.receive-waiting")) {
        events.emit("sqs.receive-waiting", {
          ...queueEventBase(this.#queue, this.#host.clock.now()),
          waitTimeSeconds,
        });
      }
    });
  }

  /** A message became visible: serve waiting receives (in a microtask). */
  wake(): void {
    this.#waiters.wake();
  }

  /** Ends waiting receives with no messages. */
  releaseWaiters(): void {
    this.#waiters.releaseAll();
  }

  /** Ends waiting receives with no messages and serves none from now on (queue deleted). */
  close(): void {
    this.#closed = true;
    this.#waiters.releaseAll();
  }

  /** See {@link SqsQueue.deleteMessage}. */
  deleteMessage(receiptHandle: string): void {
    const message = this.#store.get(receiptHandleMessageId(receiptHandle, this.#queue.name));
    if (message === undefined || message.receiptHandle !== receiptHandle) return;
    const now = this.#host.clock.now();
    this.#store.remove(message);
    const events = this.#host.events;
    if (events.has("sqs.message-deleted")) {
      events.emit("sqs.message-deleted", messageEventBase(this.#queue, message.id, now));
    }
  }

  /** See {@link SqsQueue.changeVisibility}. */
  changeVisibility(receiptHandle: string, visibilityTimeout: number): void {
    if (
      !Number.isInteger(visibilityTimeout) ||
      visibilityTimeout < 0 ||
      visibilityTimeout > SQS_LIMITS.maxVisibilityTimeout
    ) {
      throw invalidParameter("VisibilityTimeout", visibilityTimeout, "Must be >= 0 and <= 43200, if provided.");
    }
    const message = this.#store.get(receiptHandleMessageId(receiptHandle, this.#queue.name));
    if (message === undefined || message.receiptHandle !== receiptHandle) {
      throw invalidParameter(
        "ReceiptHandle",
        receiptHandle,
        "Message does not exist or is not available for visibility timeout change.",
      );
    }
    if (message.state !== MessageState.InFlight) throw messageNotInflight();
    const now = this.#host.clock.now();
    if (now + visibilityTimeout * 1_000 - message.lastReceivedAt > SQS_LIMITS.maxVisibilityTimeout * 1_000) {
      throw invalidParameterValue(
        `Value ${visibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]`,
      );
    }
    this.#store.resetVisibility(message, visibilityTimeout);
    const events = this.#host.events;
    if (events.has("sqs.message-visibility-changed")) {
      events.emit("sqs.message-visibility-changed", {
        ...messageEventBase(this.#queue, message.id, now),
        visibilityTimeout,
      });
    }
  }

  #take(max: number, visibilityTimeout: number): ReceivedMessage[] {
    const out: ReceivedMessage[] = [];
    const store = this.#store;
    if (store.size === 0) return out;
    const now = this.#host.clock.now();
    if (!this.#queue.fifo) {
      while (out.length < max) {
        const message = store.visible.popFront();
        if (message === undefined) break;
        if (this.#deadLetter(message, now)) continue;
        out.push(this.#deliver(message, visibilityTimeout, now));
      }
    } else {
      const groups = store.groups;
      let group = groups.ready.head;
      while (group !== undefined && out.length < max) {
        const nextGroup = group.next;
        groups.ready.remove(group);
        for (
          let message = group.messages.head;
          message !== undefined && out.length < max;
          message = group.messages.head
        ) {
          group.messages.remove(message);
          if (this.#deadLetter(message, now)) continue;
          out.push(this.#deliver(message, visibilityTimeout, now));
        }
        groups.updateReadiness(group);
        group = nextGroup;
      }
    }
    if (visibilityTimeout === 0) {
      for (const received of out) {
        const message = store.get(received.messageId);
        if (message !== undefined && message.state === MessageState.InFlight) store.resetVisibility(message, 0);
      }
    }
    return out;
  }

  #deliver(message: StoredMessage, visibilityTimeout: number, now: number): ReceivedMessage {
    const handle = encodeReceiptHandle(message.id, ++this.#handleNonce, this.#queue.name);
    this.#store.markInFlight(message, handle, visibilityTimeout, now);
    const events = this.#host.events;
    if (events.has("sqs.message-received")) {
      events.emit("sqs.message-received", {
        ...messageEventBase(this.#queue, message.id, now),
        receiveCount: message.receiveCount,
        receiptHandle: handle,
      });
    }
    return {
      messageId: message.id,
      receiptHandle: handle,
      content: message.content,
      receiveCount: message.receiveCount,
      firstReceivedAt: message.firstReceivedAt,
      sequenceNumber: message.sequenceNumber,
      deadLetterSourceArn: message.deadLetterSourceArn,
    };
  }

  /** Moves `message` (already unlinked from the visible lists) to the DLQ when its receive count is spent. */
  #deadLetter(message: StoredMessage, now: number): boolean {
    const queue = this.#queue;
    const policy = queue.config.redrivePolicy;
    if (policy === undefined || message.receiveCount < policy.maxReceiveCount) return false;
    const target = this.#host.findQueueByArn(policy.deadLetterTargetArn);
    if (target === undefined || target === queue || target.fifo !== queue.fifo) return false;
    this.#store.detach(message);
    target.acceptMoved(message, queue.arn);
    const events = this.#host.events;
    if (events.has("sqs.message-dead-lettered")) {
      events.emit("sqs.message-dead-lettered", {
        ...messageEventBase(queue, message.id, now),
        deadLetterQueueArn: target.arn,
        receiveCount: message.receiveCount,
      });
    }
    return true;
  }
}
