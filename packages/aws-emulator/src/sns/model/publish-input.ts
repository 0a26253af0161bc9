/**
 * @module sns/model/publish-input
 * Validation of one Publish (or PublishBatch entry) against its topic: message and size, Subject,
 * `MessageStructure=json`, attributes, FIFO group and deduplication ids.
 * @internal
 */

import { createHash } from "node:crypto";
import { AwsServiceError } from "../../errors.js";
import { invalidParameter } from "./arn.js";
import { validateMessageAttributes } from "./message-attributes.js";
import type { Topic } from "./topic.js";
import type { SnsMessageAttribute } from "./types.js";

/** AWS: a message with its attributes is at most 256 KiB. */
export const MAX_MESSAGE_BYTES = 262_144;
/** AWS: a Subject is at most 100 characters. */
export const MAX_SUBJECT_LENGTH = 100;
const GROUP_OR_DEDUP_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

/** One message to publish, camel-cased from AWS's `PublishInput` / `PublishBatchRequestEntry`. */
export interface PublishMessage {
  readonly message: string;
  readonly subject?: string;
  /** `"json"`: `message` is a JSON object of per-protocol messages with a `default`. */
  readonly messageStructure?: string;
  readonly messageAttributes?: Readonly<Record<string, SnsMessageAttribute>>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/** A validated message: the per-protocol bodies and the FIFO dedup id to use. */
export interface CheckedMessage {
  /** The body for `protocol`, from `MessageStructure=json` or the plain message. */
  bodyFor(protocol: string): string;
  /** The explicit id, or the SHA-256 of the message with content-based deduplication; FIFO only. */
  readonly deduplicationId?: string;
}

function checkSubject(subject: string): void {
  // AWS: ASCII text that begins with a letter, number or punctuation, no line breaks or control characters.
  if (subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH || !/^[\x20-\x7e]+$/.test(subject)) {
    throw invalidParameter("Subject");
  }
  if (subject.startsWith(" ")) throw invalidParameter("Subject");
}

function parseStructure(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter("Message Structure - JSON message body failed to parse");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter("Message Structure - JSON message body failed to parse");
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record.default !== "string")
    throw invalidParameter("Message Structure - No default entry in JSON message body");
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value !== "string") throw invalidParameter(`Message Structure - ${key} value must be a string`);
    out[key] = value;
  }
  return out;
}

function checkFifo(topic: Topic, input: PublishMessage): string | undefined {
  const { messageGroupId: group, messageDeduplicationId: dedup } = input;
  if (group !== undefined && !GROUP_OR_DEDUP_ID.test(group)) throw invalidParameter("MessageGroupId");
  if (dedup !== undefined && !GROUP_OR_DEDUP_ID.test(dedup)) throw invalidParameter("MessageDeduplicationId");
  if (!topic.fifo) {
    if (dedup !== undefined) {
      throw invalidParameter(
        "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
      );
    }
    return undefined;
  }
  if (group === undefined) throw invalidParameter("The MessageGroupId parameter is required for FIFO topics");
  if (dedup !== undefined) return dedup;
  if (!topic.contentBasedDeduplication) {
    throw invalidParameter(
      "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
  }
  return createHash("sha256").update(input.message, "utf8").digest("hex");
}

/**
 * Validates a message for `topic`.
 * @throws AwsServiceError `InvalidParameter` / `ParameterValueInvalid` with AWS's messages.
 */
export function checkPublishMessage(topic: Topic, input: PublishMessage): CheckedMessage {
  if (typeof input.message !== "string" || input.message.length === 0) throw invalidParameter("Empty message");
  const attributeBytes = validateMessageAttributes(input.messageAttributes ?? {});
  if (Buffer.byteLength(input.message, "utf8") + attributeBytes > MAX_MESSAGE_BYTES) {
    throw invalidParameter("Message too long");
  }
  if (input.subject !== undefined) checkSubject(input.subject);
  let structure: Record<string, string> | undefined;
  if (input.messageStructure !== undefined) {
    if (input.messageStructure !== "json") {
      throw new AwsServiceError("InvalidParameter", "Invalid parameter: MessageStructure");
    }
    structure = parseStructure(input.message);
  }
  const deduplicationId = checkFifo(topic, input);
  const bodyFor = (protocol: string): string =>
    structure === undefined ? input.message : (structure[protocol] ?? structure.default ?? "");
  return deduplicationId === undefined ? { bodyFor } : { bodyFor, deduplicationId };
}
