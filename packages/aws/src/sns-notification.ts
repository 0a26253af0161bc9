/**
 * @module sns-notification
 * Recognises the JSON document SNS delivers to an SQS queue when raw message delivery is off, so the
 * envelope can be applied to the published message inside it.
 */

/** A message attribute as SNS writes it inside a notification. */
export interface SnsNotificationAttribute {
  /** `String`, `String.Array`, `Number` or `Binary`. */
  Type: string;
  /** The value as text (`Binary` values are base64, `String.Array` values are a JSON array). */
  Value: string;
}

/** An SNS notification delivered to SQS, with the members that identify the published message. */
export interface SnsNotification {
  /** The SNS message id (not the SQS one). */
  messageId: string;
  /** The ARN of the topic the message was published to. */
  topicArn: string;
  /** The topic name: the last segment of {@link SnsNotification.topicArn}. */
  topic: string;
  /** The published message body, which the envelope parses. */
  message: string;
  /** The `Subject` given to `Publish`, if any. */
  subject: string | undefined;
  /** When SNS accepted the message (ISO 8601). */
  timestamp: string | undefined;
  /** The FIFO topic's sequence number, if any. */
  sequenceNumber: string | undefined;
  /** The message attributes as SNS wrote them (decoded ones are on the decoded message). */
  messageAttributes: Readonly<Record<string, SnsNotificationAttribute>>;
  /** The whole notification document. */
  document: Readonly<Record<string, unknown>>;
}

const TOPIC_ARN = /^arn:[^:]+:sns:[^:]*:[^:]*:([^:]+)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Reads an SQS body as an SNS notification. It is one only if it is a JSON object with
 * `"Type": "Notification"`, string `MessageId` and `Message`, and an SNS topic ARN as `TopicArn`;
 * anything else (including a raw-delivered payload) gives `undefined`.
 *
 * @example
 * ```ts
 * const notification = parseSnsNotification(message.Body ?? "");
 * const body = notification ? notification.message : message.Body;
 * ```
 */
export function parseSnsNotification(body: string): SnsNotification | undefined {
  if (!body.trimStart().startsWith("{") || !body.includes('"Notification"')) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(document) || document.Type !== "Notification") return undefined;
  const { MessageId: messageId, Message: message, TopicArn: topicArn } = document;
  if (typeof messageId !== "string" || typeof message !== "string" || typeof topicArn !== "string") return undefined;
  const topic = TOPIC_ARN.exec(topicArn)?.[1];
  if (topic === undefined) return undefined;
  return {
    messageId,
    topicArn,
    topic,
    message,
    subject: optionalString(document.Subject),
    timestamp: optionalString(document.Timestamp),
    sequenceNumber: optionalString(document.SequenceNumber),
    messageAttributes: readAttributes(document.MessageAttributes),
    document,
  };
}

function readAttributes(value: unknown): Record<string, SnsNotificationAttribute> {
  const attributes: Record<string, SnsNotificationAttribute> = {};
  if (!isRecord(value)) return attributes;
  for (const [name, attribute] of Object.entries(value)) {
    if (isRecord(attribute) && typeof attribute.Type === "string" && typeof attribute.Value === "string") {
      attributes[name] = { Type: attribute.Type, Value: attribute.Value };
    }
  }
  return attributes;
}
