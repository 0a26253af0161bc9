/**
 * @module attributes
 * Message attributes and SQS system attributes in one shape, whether they came as SQS
 * `MessageAttributes` (`{ DataType, StringValue | BinaryValue }`) or inside an SNS notification
 * (`{ Type, Value }`).
 */
import type { SnsNotificationAttribute } from "./sns-notification.js";

/**
 * A decoded message attribute: `String*` types give a string, `Number*` a number (the exact text is
 * in the raw message), `Binary*` the bytes, and SNS `String.Array` the parsed array.
 */
export type MessageAttributeValue = string | number | Uint8Array | readonly unknown[];

/** An SQS message attribute as the SDK (`Uint8Array`) or the wire (base64 string) delivers it. */
export interface SqsMessageAttributeLike {
  DataType?: string | undefined;
  StringValue?: string | undefined;
  BinaryValue?: Uint8Array | string | undefined;
}

/**
 * Decodes SQS `MessageAttributes` into plain values.
 *
 * @example
 * ```ts
 * decodeSqsAttributes({ n: { DataType: "Number", StringValue: "5" } }); // { n: 5 }
 * ```
 */
export function decodeSqsAttributes(
  attributes: Readonly<Record<string, SqsMessageAttributeLike>> | undefined,
): Record<string, MessageAttributeValue> {
  const decoded: Record<string, MessageAttributeValue> = {};
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    const type = attribute.DataType ?? "String";
    if (type.startsWith("Binary")) decoded[name] = toBytes(attribute.BinaryValue ?? "");
    else decoded[name] = decodeText(type, attribute.StringValue ?? "");
  }
  return decoded;
}

/**
 * Decodes the `MessageAttributes` of an SNS notification into the same plain values.
 *
 * @example
 * ```ts
 * decodeSnsAttributes({ tags: { Type: "String.Array", Value: '["a","b"]' } }); // { tags: ["a", "b"] }
 * ```
 */
export function decodeSnsAttributes(
  attributes: Readonly<Record<string, SnsNotificationAttribute>> | undefined,
): Record<string, MessageAttributeValue> {
  const decoded: Record<string, MessageAttributeValue> = {};
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    if (attribute.Type.startsWith("Binary")) decoded[name] = toBytes(attribute.Value);
    else decoded[name] = decodeText(attribute.Type, attribute.Value);
  }
  return decoded;
}

function decodeText(type: string, value: string): MessageAttributeValue {
  if (type.startsWith("Number")) return Number(value);
  if (type === "String.Array") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not a JSON array: keep the text, which is what SNS was given.
    }
  }
  return value;
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === "string" ? new Uint8Array(Buffer.from(value, "base64")) : value;
}

/** SQS system attributes (`Attributes` of a received message), with counts and times as numbers. */
export interface SystemAttributes {
  /** How many times the message has been received, this time included. */
  approximateReceiveCount?: number;
  /** When the message was sent, in epoch milliseconds. */
  sentTimestamp?: number;
  /** When the message was first received, in epoch milliseconds. */
  approximateFirstReceiveTimestamp?: number;
  senderId?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  sequenceNumber?: string;
  awsTraceHeader?: string;
  deadLetterQueueSourceArn?: string;
  /** Attributes not listed above, keyed by their AWS name with a lowercase first letter. */
  [name: string]: string | number | undefined;
}

const NUMERIC_SYSTEM_ATTRIBUTES = new Set([
  "ApproximateReceiveCount",
  "SentTimestamp",
  "ApproximateFirstReceiveTimestamp",
]);

/**
 * Decodes SQS system attributes (`{ ApproximateReceiveCount: "1", … }`) into {@link SystemAttributes}.
 *
 * @example
 * ```ts
 * decodeSystemAttributes({ ApproximateReceiveCount: "2" }); // { approximateReceiveCount: 2 }
 * ```
 */
export function decodeSystemAttributes(
  attributes: Readonly<Record<string, string | undefined>> | undefined,
): SystemAttributes {
  const decoded: SystemAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined) continue;
    const key = name === "AWSTraceHeader" ? "awsTraceHeader" : name.charAt(0).toLowerCase() + name.slice(1);
    decoded[key] = NUMERIC_SYSTEM_ATTRIBUTES.has(name) ? Number(value) : value;
  }
  return decoded;
}
