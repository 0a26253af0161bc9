/**
 * @module sqs/model/receipt-handle
 * Receipt handles: base64url of `<message id> <nonce> <queue name>`, so deleting or changing visibility
 * is a Map lookup by id, and a handle from an earlier receive (another nonce) is told apart by comparing
 * it with the message's current one.
 * @internal
 */

import { receiptHandleIsInvalid } from "./errors.js";

/** The receipt handle of one receive of a message. @internal */
export function encodeReceiptHandle(messageId: string, nonce: number, queueName: string): string {
  return Buffer.from(`${messageId} ${nonce} ${queueName}`, "utf8").toString("base64url");
}

/**
 * The message id a receipt handle names.
 * @throws AwsServiceError `ReceiptHandleIsInvalid` when the handle is malformed or from another queue.
 * @internal
 */
export function receiptHandleMessageId(receiptHandle: string, queueName: string): string {
  let decoded: string;
  try {
    decoded = Buffer.from(receiptHandle, "base64url").toString("utf8");
  } catch {
    throw receiptHandleIsInvalid(receiptHandle);
  }
  const first = decoded.indexOf(" ");
  const second = decoded.indexOf(" ", first + 1);
  if (first <= 0 || second <= first || decoded.slice(second + 1) !== queueName) {
    throw receiptHandleIsInvalid(receiptHandle);
  }
  return decoded.slice(0, first);
}
