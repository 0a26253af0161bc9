/**
 * @module sqs/model/message
 * A stored SQS message and the plain values the model takes and returns for sends and receives.
 */

import type { EmulatorTimer } from "../../clock.js";
import type { AttributeMap } from "../md5.js";
import type { LinkedList, ListNode } from "./message-list.js";

/** Where a stored message is. @internal */
export const MessageState = { Delayed: 0, Visible: 1, InFlight: 2 } as const;
/** One of {@link MessageState}. @internal */
export type MessageStateValue = (typeof MessageState)[keyof typeof MessageState];

/** A FIFO message group: its visible messages in order and how many are in flight. @internal */
export class FifoGroup implements ListNode<FifoGroup> {
  prev: FifoGroup | undefined = undefined;
  next: FifoGroup | undefined = undefined;
  list: LinkedList<FifoGroup> | undefined = undefined;
  inFlight = 0;
  constructor(
    readonly id: string,
    readonly messages: LinkedList<StoredMessage>,
  ) {}
}

/** Immutable facts about a message, fixed at send time. */
export interface MessageContent {
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageAttributes: AttributeMap | undefined;
  readonly md5OfMessageAttributes: string | undefined;
  /** Message system attributes sent with the message (`AWSTraceHeader`). */
  readonly systemAttributes: AttributeMap | undefined;
  readonly md5OfMessageSystemAttributes: string | undefined;
  readonly senderId: string;
  /** Epoch ms of the original send. */
  readonly sentAt: number;
  readonly messageGroupId: string | undefined;
  readonly messageDeduplicationId: string | undefined;
}

/**
 * A message held by a queue. ~15 fields plus list links: a few hundred bytes beyond the body.
 * @internal
 */
export class StoredMessage implements ListNode<StoredMessage> {
  prev: StoredMessage | undefined = undefined;
  next: StoredMessage | undefined = undefined;
  list: LinkedList<StoredMessage> | undefined = undefined;
  state: MessageStateValue = MessageState.Visible;
  timer: EmulatorTimer | undefined = undefined;
  receiptHandle: string | undefined = undefined;
  receiveCount = 0;
  firstReceivedAt = 0;
  lastReceivedAt = 0;
  group: FifoGroup | undefined = undefined;

  constructor(
    readonly id: string,
    readonly content: MessageContent,
    /** Epoch ms this queue accepted it (retention counts from here). */
    readonly enqueuedAt: number,
    /** Ordering key within the queue (FIFO `SequenceNumber`). */
    readonly sequence: number,
    readonly sequenceNumber: string | undefined,
    readonly deadLetterSourceArn: string | undefined,
  ) {}
}

/** What to send. */
export interface SendMessageInput {
  body: string;
  /** Per-message delay; defaults to the queue's `DelaySeconds`. */
  delaySeconds?: number | undefined;
  messageAttributes?: AttributeMap | undefined;
  systemAttributes?: AttributeMap | undefined;
  messageGroupId?: string | undefined;
  messageDeduplicationId?: string | undefined;
  /** Shown as the `SenderId` system attribute. */
  senderId: string;
}

/** The result of a send. */
export interface SendMessageResult {
  messageId: string;
  md5OfBody: string;
  md5OfMessageAttributes: string | undefined;
  md5OfMessageSystemAttributes: string | undefined;
  sequenceNumber: string | undefined;
  /** `true` when a FIFO queue dropped it as a duplicate within the 5-minute window. */
  duplicate: boolean;
}

/** A received message, snapshotted at receive time. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  content: MessageContent;
  receiveCount: number;
  firstReceivedAt: number;
  sequenceNumber: string | undefined;
  deadLetterSourceArn: string | undefined;
}

/** Options of a receive. */
export interface ReceiveOptions {
  /** 1–10. @default 1 */
  maxMessages?: number | undefined;
  /** Seconds; defaults to the queue's `VisibilityTimeout`. */
  visibilityTimeout?: number | undefined;
  /** Seconds of long polling; defaults to the queue's `ReceiveMessageWaitTimeSeconds`. */
  waitTimeSeconds?: number | undefined;
  /** Ends a long poll early with no messages (client disconnected, emulator stopping). */
  signal?: AbortSignal | undefined;
}
