/**
 * @module sqs/model/queue
 * One SQS queue: its messages, visibility, delays, retention, dead-lettering, FIFO groups and
 * deduplication, and the long-poll waiters. No operation scans the queue: visible messages sit in a
 * linked list (standard) or per-group lists plus a list of ready groups (FIFO), every delayed or in-flight
 * message owns one clock timer, retention uses one timer for the oldest message, and messages are found
 * by id in a Map (receipt handles encode the id).
 */

import { createHash, randomUUID } from "node:crypto";
import type { EmulatorClock, EmulatorTimer } from "../../clock.js";
import type { EmulatorEvents } from "../../events.js";
import { md5OfAttributes, md5OfBody } from "../md5.js";
import {
  invalidParameter,
  invalidParameterValue,
  messageNotInflight,
  missingParameter,
  queueDoesNotExist,
  receiptHandleIsInvalid,
} from "./errors.js";
import {
  FifoGroup,
  type MessageContent,
  MessageState,
  type ReceivedMessage,
  type ReceiveOptions,
  type SendMessageInput,
  type SendMessageResult,
  StoredMessage,
} from "./message.js";
import { LinkedList, type ListNode } from "./message-list.js";
import { type QueueConfig, renderQueueConfig, SQS_LIMITS } from "./queue-config.js";
import { validateMessage } from "./validate-message.js";

/** A message as {@link SqsQueue.peek} shows it: a receive snapshot plus where the message is. */
export interface PeekedMessage extends ReceivedMessage {
  readonly state: "visible" | "inFlight" | "delayed";
}

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

interface DedupEntry {
  messageId: string;
  sequenceNumber: string | undefined;
  expiresAt: number;
}

class Waiter implements ListNode<Waiter> {
  prev: Waiter | undefined = undefined;
  next: Waiter | undefined = undefined;
  list: LinkedList<Waiter> | undefined = undefined;
  timer: EmulatorTimer | undefined = undefined;
  done = false;
  cleanup: (() => void) | undefined = undefined;
  constructor(
    readonly maxMessages: number,
    readonly visibilityTimeout: number,
    readonly resolve: (messages: ReceivedMessage[]) => void,
  ) {}
}

const GROUP_OR_DEDUP_ID = /^[\x21-\x7e]{1,128}$/;
const SEQUENCE_PREFIX = "18";

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
  readonly #byId = new Map<string, StoredMessage>();
  readonly #visible = new LinkedList<StoredMessage>();
  readonly #groups = new Map<string, FifoGroup>();
  readonly #readyGroups = new LinkedList<FifoGroup>();
  readonly #waiters = new LinkedList<Waiter>();
  readonly #dedup = new Map<string, DedupEntry>();
  #inFlight = 0;
  #delayed = 0;
  #sequence = 0;
  #handleNonce = 0;
  #retentionTimer: EmulatorTimer | undefined;
  #wakeScheduled = false;
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
  }

  /** Messages available for retrieval. */
  get visibleCount(): number {
    return this.#byId.size - this.#inFlight - this.#delayed;
  }

  /** Messages received and not yet deleted or visible again. */
  get inFlightCount(): number {
    return this.#inFlight;
  }

  /** Messages waiting out their delay. */
  get delayedCount(): number {
    return this.#delayed;
  }

  /** All stored messages. */
  get size(): number {
    return this.#byId.size;
  }

  /** Long polls currently waiting on this queue. */
  get waitingReceives(): number {
    return this.#waiters.size;
  }

  /** Every queue attribute, as `GetQueueAttributes` with `All` returns it. */
  attributes(): Record<string, string> {
    return {
      QueueArn: this.arn,
      ApproximateNumberOfMessages: String(this.visibleCount),
      ApproximateNumberOfMessagesNotVisible: String(this.#inFlight),
      ApproximateNumberOfMessagesDelayed: String(this.#delayed),
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
    const clock = this.#host.clock;
    const now = clock.now();
    let delaySeconds = this.config.delaySeconds;
    let dedupKey: string | undefined;
    let dedupId: string | undefined;
    if (input.delaySeconds !== undefined) {
      if (this.fifo) {
        throw invalidParameter(
          "DelaySeconds",
          input.delaySeconds,
          "The request include parameter that is not valid for this queue type",
        );
      }
      if (!Number.isInteger(input.delaySeconds) || input.delaySeconds < 0 || input.delaySeconds > 900) {
        throw invalidParameter("DelaySeconds", input.delaySeconds, "Must be >= 0 and <= 900, if provided.");
      }
      delaySeconds = input.delaySeconds;
    }
    if (input.messageGroupId !== undefined && !GROUP_OR_DEDUP_ID.test(input.messageGroupId)) {
      throw invalidParameter(
        "MessageGroupId",
        input.messageGroupId,
        "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
      );
    }
    if (this.fifo) {
      if (input.messageGroupId === undefined) throw missingParameter("MessageGroupId");
      dedupId = input.messageDeduplicationId;
      if (dedupId === undefined) {
        if (!this.config.contentBasedDeduplication) {
          throw invalidParameterValue(
            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
          );
        }
        dedupId = createHash("sha256").update(input.body, "utf8").digest("hex");
      } else if (!GROUP_OR_DEDUP_ID.test(dedupId)) {
        throw invalidParameter(
          "MessageDeduplicationId",
          dedupId,
          "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
        );
      }
      dedupKey =
        this.config.deduplicationScope === "messageGroup" ? `${input.messageGroupId}\u0000${dedupId}` : dedupId;
      this.#pruneDedup(now);
      const seen = this.#dedup.get(dedupKey);
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
    } else if (input.messageDeduplicationId !== undefined) {
      throw invalidParameter(
        "MessageDeduplicationId",
        input.messageDeduplicationId,
        "The request include parameter that is not valid for this queue type",
      );
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
    const message = this.#store(randomUUID(), content, now, undefined, delaySeconds);
    if (dedupKey !== undefined) {
      this.#dedup.set(dedupKey, {
        messageId: message.id,
        sequenceNumber: message.sequenceNumber,
        expiresAt: now + SQS_LIMITS.dedupWindowMs,
      });
    }
    const events = this.#host.events;
    if (events.has("sqs.message-sent")) {
      events.emit("sqs.message-sent", {
        ...this.#eventBase(message.id, now),
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
    const maxMessages = options.maxMessages ?? 1;
    const visibilityTimeout = options.visibilityTimeout ?? this.config.visibilityTimeout;
    const waitTimeSeconds = options.waitTimeSeconds ?? this.config.receiveMessageWaitTimeSeconds;
    const taken = this.#take(maxMessages, visibilityTimeout);
    const signal = options.signal;
    if (taken.length > 0 || waitTimeSeconds <= 0 || signal?.aborted === true) return Promise.resolve(taken);
    return new Promise((resolve) => {
      const waiter = new Waiter(maxMessages, visibilityTimeout, resolve);
      waiter.timer = this.#host.clock.setTimeout(() => this.#finishWaiter(waiter, []), waitTimeSeconds * 1_000);
      if (signal !== undefined) {
        const onAbort = (): void => this.#finishWaiter(waiter, []);
        signal.addEventListener("abort", onAbort, { once: true });
        waiter.cleanup = () => signal.removeEventListener("abort", onAbort);
      }
      this.#waiters.pushBack(waiter);
      const events = this.#host.events;
      if (events.has("sqs.receive-waiting"))
        events.emit("sqs.receive-waiting", { ...this.#queueEvent(), waitTimeSeconds });
    });
  }

  /**
   * Deletes the message a receipt handle refers to. A stale handle (the message was received again
   * since) succeeds without deleting, as AWS documents; an unknown message succeeds too.
   * @throws AwsServiceError `ReceiptHandleIsInvalid` when the handle is malformed or from another queue.
   */
  deleteMessage(receiptHandle: string): void {
    this.#assertLive();
    const message = this.#lookup(receiptHandle);
    if (message === undefined || message.receiptHandle !== receiptHandle) return;
    const now = this.#host.clock.now();
    this.#remove(message);
    const events = this.#host.events;
    if (events.has("sqs.message-deleted")) events.emit("sqs.message-deleted", this.#eventBase(message.id, now));
  }

  /**
   * Changes the visibility timeout of an in-flight message; 0 makes it visible at once.
   * @throws AwsServiceError `ReceiptHandleIsInvalid`, `InvalidParameterValue` (stale handle, beyond 12 h),
   * `MessageNotInflight`.
   */
  changeVisibility(receiptHandle: string, visibilityTimeout: number): void {
    this.#assertLive();
    if (
      !Number.isInteger(visibilityTimeout) ||
      visibilityTimeout < 0 ||
      visibilityTimeout > SQS_LIMITS.maxVisibilityTimeout
    ) {
      throw invalidParameter("VisibilityTimeout", visibilityTimeout, "Must be >= 0 and <= 43200, if provided.");
    }
    const message = this.#lookup(receiptHandle);
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
    const clock = this.#host.clock;
    clock.clearTimeout(message.timer);
    message.timer = undefined;
    if (visibilityTimeout === 0) this.#returnToVisible(message);
    else message.timer = clock.setTimeout(() => this.#visibilityExpired(message), visibilityTimeout * 1_000);
    const events = this.#host.events;
    if (events.has("sqs.message-visibility-changed")) {
      events.emit("sqs.message-visibility-changed", { ...this.#eventBase(message.id, now), visibilityTimeout });
    }
  }

  /** Deletes every message (visible, in flight and delayed). Waiting receives keep waiting. */
  purge(): void {
    this.#assertLive();
    this.#clearMessages();
    const events = this.#host.events;
    if (events.has("sqs.queue-purged")) events.emit("sqs.queue-purged", this.#queueEvent());
  }

  /** Re-arms the retention timer after `MessageRetentionPeriod` changed. @internal */
  configChanged(): void {
    this.lastModifiedAt = this.#host.clock.now();
    this.#host.clock.clearTimeout(this.#retentionTimer);
    this.#retentionTimer = undefined;
    this.#scheduleRetention();
  }

  /**
   * Takes up to `max` visible messages without receiving them (message move tasks). @internal
   */
  takeForMove(max: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    while (out.length < max) {
      const message = this.fifo ? this.#readyGroups.head?.messages.head : this.#visible.head;
      if (message === undefined) break;
      this.#remove(message);
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
    this.#store(message.id, message.content, now, deadLetterSourceArn, 0);
  }

  /** Ends waiting receives with no messages and cancels every timer. @internal */
  close(): void {
    this.#deleted = true;
    this.#clearMessages();
    this.#dedup.clear();
    for (let waiter = this.#waiters.head; waiter !== undefined; waiter = this.#waiters.head) {
      this.#finishWaiter(waiter, []);
    }
  }

  /**
   * Every stored message in the order the queue accepted them, with its state, WITHOUT changing
   * visibility, receive counts or timers (inspection APIs). `receiptHandle` is the current one of an
   * in-flight message, else `""`.
   */
  peek(): PeekedMessage[] {
    const out: PeekedMessage[] = [];
    for (const message of this.#byId.values()) {
      out.push({
        messageId: message.id,
        receiptHandle: message.receiptHandle ?? "",
        content: message.content,
        receiveCount: message.receiveCount,
        firstReceivedAt: message.firstReceivedAt,
        sequenceNumber: message.sequenceNumber,
        deadLetterSourceArn: message.deadLetterSourceArn,
        state:
          message.state === MessageState.InFlight
            ? "inFlight"
            : message.state === MessageState.Delayed
              ? "delayed"
              : "visible",
      });
    }
    return out;
  }

  /** Ends waiting receives with no messages (emulator stopping). @internal */
  releaseWaiters(): void {
    for (let waiter = this.#waiters.head; waiter !== undefined; waiter = this.#waiters.head) {
      this.#finishWaiter(waiter, []);
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  #assertLive(): void {
    if (this.#deleted) throw queueDoesNotExist();
  }

  #store(
    id: string,
    content: MessageContent,
    now: number,
    deadLetterSourceArn: string | undefined,
    delaySeconds: number,
  ): StoredMessage {
    const sequence = ++this.#sequence;
    const sequenceNumber = this.fifo ? `${SEQUENCE_PREFIX}${String(sequence).padStart(18, "0")}` : undefined;
    const message = new StoredMessage(id, content, now, sequence, sequenceNumber, deadLetterSourceArn);
    this.#byId.set(id, message);
    if (delaySeconds > 0) {
      message.state = MessageState.Delayed;
      this.#delayed++;
      message.timer = this.#host.clock.setTimeout(() => {
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

  #makeVisible(message: StoredMessage, front: boolean): void {
    message.state = MessageState.Visible;
    if (!this.fifo) {
      if (front) this.#visible.pushFront(message);
      else this.#visible.pushBack(message);
    } else {
      const groupId = message.content.messageGroupId ?? "";
      let group = this.#groups.get(groupId);
      if (group === undefined) {
        group = new FifoGroup(groupId, new LinkedList());
        this.#groups.set(groupId, group);
      }
      message.group = group;
      // Keep the group in sequence order: a message back from flight goes before later ones.
      let before = front ? group.messages.head : undefined;
      while (before !== undefined && before.sequence < message.sequence) before = before.next;
      group.messages.insertBefore(message, before);
      this.#updateGroupReadiness(group);
    }
    this.#wake();
  }

  #updateGroupReadiness(group: FifoGroup): void {
    const ready = group.inFlight === 0 && group.messages.size > 0;
    if (ready && group.list === undefined) this.#readyGroups.pushBack(group);
    else if (!ready && group.list !== undefined) this.#readyGroups.remove(group);
    if (group.inFlight === 0 && group.messages.size === 0) this.#groups.delete(group.id);
  }

  #take(max: number, visibilityTimeout: number): ReceivedMessage[] {
    const out: ReceivedMessage[] = [];
    if (this.#byId.size === 0) return out;
    const now = this.#host.clock.now();
    if (!this.fifo) {
      while (out.length < max) {
        const message = this.#visible.popFront();
        if (message === undefined) break;
        if (this.#deadLetter(message, now)) continue;
        out.push(this.#deliver(message, visibilityTimeout, now));
      }
    } else {
      let group = this.#readyGroups.head;
      while (group !== undefined && out.length < max) {
        const nextGroup = group.next;
        this.#readyGroups.remove(group);
        for (
          let message = group.messages.head;
          message !== undefined && out.length < max;
          message = group.messages.head
        ) {
          group.messages.remove(message);
          if (this.#deadLetter(message, now)) continue;
          group.inFlight++;
          out.push(this.#deliver(message, visibilityTimeout, now));
        }
        this.#updateGroupReadiness(group);
        group = nextGroup;
      }
    }
    if (visibilityTimeout === 0) {
      for (const received of out) {
        const message = this.#byId.get(received.messageId);
        if (message !== undefined && message.state === MessageState.InFlight) {
          this.#host.clock.clearTimeout(message.timer);
          message.timer = undefined;
          this.#returnToVisible(message);
        }
      }
    }
    return out;
  }

  #deliver(message: StoredMessage, visibilityTimeout: number, now: number): ReceivedMessage {
    message.state = MessageState.InFlight;
    this.#inFlight++;
    message.receiveCount++;
    if (message.firstReceivedAt === 0) message.firstReceivedAt = now;
    message.lastReceivedAt = now;
    const handle = Buffer.from(`${message.id} ${++this.#handleNonce} ${this.name}`, "utf8").toString("base64url");
    message.receiptHandle = handle;
    if (visibilityTimeout > 0) {
      message.timer = this.#host.clock.setTimeout(() => this.#visibilityExpired(message), visibilityTimeout * 1_000);
    }
    const events = this.#host.events;
    if (events.has("sqs.message-received")) {
      events.emit("sqs.message-received", {
        ...this.#eventBase(message.id, now),
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
    const policy = this.config.redrivePolicy;
    if (policy === undefined || message.receiveCount < policy.maxReceiveCount) return false;
    const target = this.#host.findQueueByArn(policy.deadLetterTargetArn);
    if (target === undefined || target === this || target.fifo !== this.fifo) return false;
    this.#byId.delete(message.id);
    this.#host.clock.clearTimeout(message.timer);
    message.timer = undefined;
    if (message.group !== undefined) this.#updateGroupReadiness(message.group);
    target.acceptMoved(message, this.arn);
    const events = this.#host.events;
    if (events.has("sqs.message-dead-lettered")) {
      events.emit("sqs.message-dead-lettered", {
        ...this.#eventBase(message.id, now),
        deadLetterQueueArn: target.arn,
        receiveCount: message.receiveCount,
      });
    }
    return true;
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

  #remove(message: StoredMessage): void {
    if (this.#byId.get(message.id) !== message) return;
    this.#byId.delete(message.id);
    this.#host.clock.clearTimeout(message.timer);
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
    if (group !== undefined) this.#updateGroupReadiness(group);
  }

  #lookup(receiptHandle: string): StoredMessage | undefined {
    let decoded: string;
    try {
      decoded = Buffer.from(receiptHandle, "base64url").toString("utf8");
    } catch {
      throw receiptHandleIsInvalid(receiptHandle);
    }
    const first = decoded.indexOf(" ");
    const second = decoded.indexOf(" ", first + 1);
    if (first <= 0 || second <= first || decoded.slice(second + 1) !== this.name) {
      throw receiptHandleIsInvalid(receiptHandle);
    }
    return this.#byId.get(decoded.slice(0, first));
  }

  #clearMessages(): void {
    const clock = this.#host.clock;
    for (const message of this.#byId.values()) {
      clock.clearTimeout(message.timer);
      message.timer = undefined;
    }
    this.#byId.clear();
    this.#visible.clear();
    for (const group of this.#groups.values()) group.messages.clear();
    this.#groups.clear();
    this.#readyGroups.clear();
    this.#inFlight = 0;
    this.#delayed = 0;
    clock.clearTimeout(this.#retentionTimer);
    this.#retentionTimer = undefined;
  }

  #scheduleRetention(): void {
    const oldest = this.#byId.values().next();
    if (oldest.done === true) return;
    const clock = this.#host.clock;
    const due = oldest.value.enqueuedAt + this.config.messageRetentionPeriod * 1_000;
    this.#retentionTimer = clock.setTimeout(() => this.#expireRetained(), Math.max(0, due - clock.now()));
  }

  #expireRetained(): void {
    this.#retentionTimer = undefined;
    const now = this.#host.clock.now();
    const cutoff = now - this.config.messageRetentionPeriod * 1_000;
    const events = this.#host.events;
    for (const message of this.#byId.values()) {
      if (message.enqueuedAt > cutoff) break;
      this.#remove(message);
      if (events.has("sqs.message-expired")) events.emit("sqs.message-expired", this.#eventBase(message.id, now));
    }
    this.#scheduleRetention();
  }

  #pruneDedup(now: number): void {
    for (const [key, entry] of this.#dedup) {
      if (entry.expiresAt > now) break;
      this.#dedup.delete(key);
    }
  }

  /** Schedules one microtask that hands available messages to waiting receives, oldest waiter first. */
  #wake(): void {
    if (this.#waiters.size === 0 || this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    queueMicrotask(() => {
      this.#wakeScheduled = false;
      for (let waiter = this.#waiters.head; waiter !== undefined; waiter = this.#waiters.head) {
        if (this.visibleCount === 0 || this.#deleted) return;
        const taken = this.#take(waiter.maxMessages, waiter.visibilityTimeout);
        if (taken.length === 0) return;
        this.#finishWaiter(waiter, taken);
      }
    });
  }

  #finishWaiter(waiter: Waiter, messages: ReceivedMessage[]): void {
    if (waiter.done) return;
    waiter.done = true;
    this.#waiters.remove(waiter);
    this.#host.clock.clearTimeout(waiter.timer);
    waiter.cleanup?.();
    waiter.resolve(messages);
  }

  #eventBase(messageId: string, at: number) {
    return { accountId: this.accountId, region: this.region, queueName: this.name, queueArn: this.arn, messageId, at };
  }

  #queueEvent() {
    return {
      accountId: this.accountId,
      region: this.region,
      queueName: this.name,
      queueArn: this.arn,
      at: this.#host.clock.now(),
    };
  }
}
