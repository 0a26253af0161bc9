/**
 * @module sqs/model/send-parameters
 * Checks of a send's per-message parameters against the queue type, with AWS's error codes and
 * messages: `DelaySeconds` (standard only), `MessageGroupId` (required on FIFO) and
 * `MessageDeduplicationId` (FIFO only; else derived from the body when content-based deduplication is on).
 * @internal
 */

import { createHash } from "node:crypto";
import { invalidParameter, invalidParameterValue, missingParameter } from "./errors.js";
import type { SendMessageInput } from "./message.js";

const GROUP_OR_DEDUP_ID = /^[\x21-\x7e]{1,128}$/;
const NOT_FOR_THIS_QUEUE_TYPE = "The request include parameter that is not valid for this queue type";

/**
 * The delay of a send: its own `DelaySeconds`, else the queue's.
 * @throws AwsServiceError `InvalidParameterValue` on a FIFO queue or outside 0–900.
 * @internal
 */
export function sendDelaySeconds(requested: number | undefined, fifo: boolean, queueDelaySeconds: number): number {
  if (requested === undefined) return queueDelaySeconds;
  if (fifo) throw invalidParameter("DelaySeconds", requested, NOT_FOR_THIS_QUEUE_TYPE);
  if (!Number.isInteger(requested) || requested < 0 || requested > 900) {
    throw invalidParameter("DelaySeconds", requested, "Must be >= 0 and <= 900, if provided.");
  }
  return requested;
}

/**
 * Checks the characters and length of a `MessageGroupId`, when given.
 * @throws AwsServiceError `InvalidParameterValue`.
 * @internal
 */
export function validateMessageGroupId(messageGroupId: string | undefined): void {
  if (messageGroupId !== undefined && !GROUP_OR_DEDUP_ID.test(messageGroupId)) {
    throw invalidParameter(
      "MessageGroupId",
      messageGroupId,
      "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
    );
  }
}

/**
 * The deduplication id of a FIFO send: its own, else the SHA-256 of the body.
 * @throws AwsServiceError `MissingParameter` without a `MessageGroupId`; `InvalidParameterValue` without
 * a deduplication id on a queue without content-based deduplication, or for a malformed one.
 * @internal
 */
export function fifoDeduplicationId(input: SendMessageInput, contentBasedDeduplication: boolean): string {
  if (input.messageGroupId === undefined) throw missingParameter("MessageGroupId");
  const dedupId = input.messageDeduplicationId;
  if (dedupId === undefined) {
    if (!contentBasedDeduplication) {
      throw invalidParameterValue(
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
      );
    }
    return createHash("sha256").update(input.body, "utf8").digest("hex");
  }
  if (!GROUP_OR_DEDUP_ID.test(dedupId)) {
    throw invalidParameter(
      "MessageDeduplicationId",
      dedupId,
      "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
    );
  }
  return dedupId;
}

/**
 * Rejects a `MessageDeduplicationId` sent to a standard queue.
 * @throws AwsServiceError `InvalidParameterValue`.
 * @internal
 */
export function rejectDeduplicationId(messageDeduplicationId: string | undefined): void {
  if (messageDeduplicationId !== undefined) {
    throw invalidParameter("MessageDeduplicationId", messageDeduplicationId, NOT_FOR_THIS_QUEUE_TYPE);
  }
}
