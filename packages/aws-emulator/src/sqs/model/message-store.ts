/**
 * @module sqs/model/message-store
 * A queue's storage: every message by id, the visible ones in order (one linked list for a standard
 * queue, {@link FifoGroups} for a FIFO queue), the in-flight and delayed counts, one clock timer per
 * delayed or in-flight message, and one retention timer for the oldest message. Every operation is O(1)
 * (re-inserting a FIFO message walks only its own group); nothing scans the queue.
 * @internal
 */

import type { EmulatorClock, EmulatorTimer } from "../../clock.js";
import { FifoGroups } from "./fifo-groups.js";
import { type MessageContent, MessageState, StoredMessage } from "./message.js";
import { LinkedList } from "./message-list.js";
import type { QueueConfig } from "./queue-config.js";

/** What the store tells its queue. Called synchronously. @internal */
export interface MessageStoreHooks {
  /** A message became visible (stored, delay over, visibility expired or reset to 0). */
  readonly onVisible: () => void;
  /** Retention removed `message` at `now`. */
  readonly onExpired: (message: StoredMessage, now: number) => void;
}

const SEQUENCE_PREFIX = "18";

/** The messages of one queue and their timers. @internal */
export class MessageStore {
  /** Visible messages of a standard queue, oldest first (unused by a FIFO queue). */
  readonly visible = new LinkedList<StoredMessage>();
  /** Visible messages of a FIFO queue, by group (unused by a standard queue). */
  readonly groups = new FifoGroups();

  readonly #fifo: boolean;
  readonly #config: QueueConfig;
  readonly #clock: EmulatorClock;
  readonly #hooks: MessageStoreHooks;
  readonly #byId = new Map<string, StoredMessage>();
  #inFlight = 0;
  #delayed = 0;
  #sequence = 0;
  #retentionTimer: EmulatorTimer | undefined;

  /** `config` is read live: a changed retention period applies once {@link rescheduleRetention} runs. */
  constructor(config: QueueConfig, clock: EmulatorClock, hooks: MessageStoreHooks) {
    this.#fifo = config.fifoQueue;
    this.#config = config;
    this.#clock = clock;
    this.#hooks = hooks;
  }

  /** All stored messages. */
  get size(): number {
    return this.#byId.size;
  }

  /** Messages received and not yet deleted or visible again. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Messages waiting out their delay. */
  get delayed(): number {
    return this.#delayed;
  }

  /** Messages available for retrieval. */
  get visibleCount(): number {
    return this.#byId.size - this.#inFlight - this.#delayed;
  }

  /** The stored message with this id. */
  get(id: string): StoredMessage | undefined {
    return this.#byId.get(id);
  }

  /** Every stored message in the order the queue accepted them. */
  values(): MapIterator<StoredMessage> {
    return this.#byId.values();
  }

  /** The message a receive would take first, still linked (FIFO: the head of the first ready group). */
  firstVisible(): StoredMessage | undefined {
    return this.#fifo ? this.groups.ready.head?.messages.head : this.visible.head;
  }

  /** Stores a new message, visible at once or after `delaySeconds`; FIFO queues give it a sequence number. */
  add(
    id: string,
    content: MessageContent,
    now: number,
    deadLetterSourceArn: string | undefined,
    delaySeconds: number,
  ): StoredMessage {
    const sequence = ++this.#sequence;
    const sequenceNumber = this.#fifo ? `${SEQUENCE_PREFIX}${String(sequence).padStart(18, "0")}` : undefined;
    const message = new StoredMessage(id, content, now, sequence, sequenceNumber, deadLetterSourceArn);
    this.#byId.set(id, message);
    if (delaySeconds > 0) {
      message.state = MessageState.Delayed;
      this.#delayed++;
      message.timer = this.#clock.setTimeout(() => {
        message.timer = undefined;
        if (message.state !== MessageState.Delayed || this.#byId.get(message.id) !== message) return;
        this.#delayed--;
        this.#makeVisible(message, false);
      }, delaySeconds * 1_000);
    } else {
      this.#makeVisible(message, false);
    }
    if (this.#retentionTimer === undefined) this.#scheduleRetention();
    return message;
  }

  /**
   * Marks a message (already unlinked from the visible lists) received: counts, timestamps, its receipt
   * handle, and a timer that makes it visible again after `visibilityTimeout` seconds (none for 0).
   */
  markInFlight(message: StoredMessage, receiptHandle: string, visibilityTimeout: number, now: number): void {
    message.state = MessageState.InFlight;
    this.#inFlight++;
    const group = message.group;
    if (group !== undefined) group.inFlight++;
    message.receiveCount++;
    if (message.firstReceivedAt === 0) message.firstReceivedAt = now;
    message.lastReceivedAt = now;
    message.receiptHandle = receiptHandle;
    if (visibilityTimeout > 0) {
      message.timer = this.#clock.setTimeout(() => this.#visibilityExpired(message), visibilityTimeout * 1_000);
    }
  }

  /** Restarts an in-flight message's visibility timeout; 0 makes it visible at once. */
  resetVisibility(message: StoredMessage, visibilityTimeout: number): void {
    this.#clock.clearTimeout(message.timer);
    message.timer = undefined;
    if (visibilityTimeout === 0) this.#returnToVisible(message);
    else message.timer = this.#clock.setTimeout(() => this.#visibilityExpired(message), visibilityTimeout * 1_000);
  }

  /** Deletes a message wherever it is (visible, in flight or delayed); a message not stored here is ignored. */
  remove(message: StoredMessage): void {
    if (this.#byId.get(message.id) !== message) return;
    this.#byId.delete(message.id);
    this.#clock.clearTimeout(message.timer);
    message.timer = undefined;
    const group = message.group;
    switch (message.state) {
      case MessageState.Visible:
        message.list?.remove(message);
        break;
      case MessageState.InFlight:
        this.#inFlight--;
        if (group !== undefined) group.inFlight--;
        break;
      case MessageState.Delayed:
        this.#delayed--;
        break;
    }
    if (group !== undefined) this.groups.updateReadiness(group);
  }

  /** Forgets a message already unlinked from the visible lists and not counted anywhere (dead-lettering). */
  detach(message: StoredMessage): void {
    this.#byId.delete(message.id);
    this.#clock.clearTimeout(message.timer);
    message.timer = undefined;
    if (message.group !== undefined) this.groups.updateReadiness(message.group);
  }

  /** Deletes every message and cancels every timer. */
  clear(): void {
    const clock = this.#clock;
    for (const message of this.#byId.values()) {
      clock.clearTimeout(message.timer);
      message.timer = undefined;
    }
    this.#byId.clear();
    this.visible.clear();
    this.groups.clear();
    this.#inFlight = 0;
    this.#delayed = 0;
    clock.clearTimeout(this.#retentionTimer);
    this.#retentionTimer = undefined;
  }

  /** Re-arms the retention timer (the retention period changed). */
  rescheduleRetention(): void {
    this.#clock.clearTimeout(this.#retentionTimer);
    this.#retentionTimer = undefined;
    this.#scheduleRetention();
  }

  #makeVisible(message: StoredMessage, front: boolean): void {
    message.state = MessageState.Visible;
    if (!this.#fifo) {
      if (front) this.visible.pushFront(message);
      else this.visible.pushBack(message);
    } else {
      this.groups.insert(message, front);
    }
    this.#hooks.onVisible();
  }

  #visibilityExpired(message: StoredMessage): void {
    message.timer = undefined;
    if (message.state !== MessageState.InFlight || this.#byId.get(message.id) !== message) return;
    this.#returnToVisible(message);
  }

  #returnToVisible(message: StoredMessage): void {
    this.#inFlight--;
    const group = message.group;
    if (group !== undefined) group.inFlight--;
    this.#makeVisible(message, true);
  }

  #scheduleRetention(): void {
    const oldest = this.#byId.values().next();
    if (oldest.done === true) return;
    const clock = this.#clock;
    const due = oldest.value.enqueuedAt + this.#config.messageRetentionPeriod * 1_000;
    this.#retentionTimer = clock.setTimeout(() => this.#expireRetained(), Math.max(0, due - clock.now()));
  }

  #expireRetained(): void {
    this.#retentionTimer = undefined;
    const now = this.#clock.now();
    const cutoff = now - this.#config.messageRetentionPeriod * 1_000;
    for (const message of this.#byId.values()) {
      if (message.enqueuedAt > cutoff) break;
      this.remove(message);
      this.#hooks.onExpired(message, now);
    }
    this.#scheduleRetention();
  }
}
