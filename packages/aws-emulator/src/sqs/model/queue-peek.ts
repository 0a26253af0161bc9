/**
 * @module sqs/model/queue-peek
 * The inspection snapshot of a queue's messages: what a receive would show, plus where each message is,
 * read without changing visibility, receive counts or timers.
 */

import { MessageState, type ReceivedMessage, type StoredMessage } from "./message.js";

/** A message as {@link SqsQueue.peek} shows it: a receive snapshot plus where the message is. */
export interface PeekedMessage extends ReceivedMessage {
  readonly state: "visible" | "inFlight" | "delayed";
}

/**
 * Snapshots `messages` in iteration order. `receiptHandle` is the current one of an in-flight message,
 * else `""`.
 * @internal
 */
export function peekMessages(messages: Iterable<StoredMessage>): PeekedMessage[] {
  const out: PeekedMessage[] = [];
  for (const message of messages) {
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
