/**
 * @module shared/sns-notification
 * Unwraps the SNS notification JSON that SQS delivers when a subscription has raw message delivery OFF
 * (tomodachi's default: it reads `json.loads(Body)["Message"]`).
 */
import { InvalidMessageError } from "./errors.js";
import { isRecord } from "./json-base.js";

/**
 * Returns the published message out of an SQS body: the notification's `Message` when the body is an SNS
 * notification, or the body itself when the subscription uses raw delivery.
 *
 * @param body - The SQS message body.
 * @throws {InvalidMessageError} when `body` is not JSON (neither a notification nor a JSON message).
 * @example
 * ```ts
 * const envelope = unwrapSnsNotification(message.Body ?? "");
 * ```
 */
export function unwrapSnsNotification(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new InvalidMessageError("SQS body is not valid JSON", { cause: error });
  }
  if (isRecord(parsed) && parsed.Type === "Notification" && typeof parsed.Message === "string") {
    return parsed.Message;
  }
  return body;
}
