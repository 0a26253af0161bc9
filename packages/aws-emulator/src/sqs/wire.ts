/**
 * @module sqs/wire
 * Translation between AWS member shapes (`QueueUrl`, `MessageAttributes` with base64 `BinaryValue`) and
 * the model's values, shared by the SQS actions. Protocol-neutral: both JSON and Query inputs arrive
 * here in the same shape.
 * @internal
 */

import { AwsServiceError } from "../errors.js";
import { setOwn } from "../internal/own-property.js";
import { optionalObjectMap } from "../protocol/input.js";
import type { ActionInput, RequestContext } from "../protocol/service.js";
import type { AttributeMap, AttributeValue } from "./md5.js";
import { md5OfAttributes } from "./md5.js";
import { invalidParameterValue } from "./model/errors.js";
import type { ReceivedMessage } from "./model/message.js";
import type { SqsQueue } from "./model/queue.js";
import type { SqsModel } from "./model/sqs-model.js";

/** The URL clients use for a queue: the host they addressed, then `/<account>/<name>`. */
export function queueUrl(context: RequestContext, queue: SqsQueue): string {
  return `${context.baseUrl}/${queue.accountId}/${queue.name}`;
}

/**
 * Resolves a `QueueUrl` (`http://host/<account>/<name>`, or just its path) to a queue.
 * @throws AwsServiceError `QueueDoesNotExist`, `InvalidAddress`.
 */
export function queueFromUrl(model: SqsModel, context: RequestContext, url: string): SqsQueue {
  const scheme = url.indexOf("://");
  const pathStart = scheme >= 0 ? url.indexOf("/", scheme + 3) : 0;
  const path = pathStart < 0 ? "" : url.slice(pathStart);
  const parts = path.split("/");
  if (parts.length === 3 && parts[0] === "" && parts[1] !== "" && parts[2] !== "") {
    return model.getQueue(parts[1] as string, context.region, parts[2] as string);
  }
  if (parts.length === 2 && parts[0] === "" && parts[1] !== "") {
    return model.getQueue(context.accountId, context.region, parts[1] as string);
  }
  throw new AwsServiceError("InvalidAddress", `The address ${url} is not valid for this endpoint.`);
}

/**
 * Decodes `MessageAttributes` / `MessageSystemAttributes` input (`{ name: { DataType, StringValue | BinaryValue } }`).
 * @throws AwsServiceError `InvalidParameterValue`.
 */
export function decodeAttributes(input: ActionInput, member: string): AttributeMap | undefined {
  const raw = optionalObjectMap(input, member);
  if (raw === undefined) return undefined;
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    const dataType = value.DataType;
    const stringValue = value.StringValue;
    const binaryValue = value.BinaryValue;
    if (typeof dataType !== "string" && dataType !== undefined) {
      throw invalidParameterValue(`The message attribute '${name}' has an invalid DataType.`);
    }
    if (stringValue !== undefined && typeof stringValue !== "string") {
      throw invalidParameterValue(`The message attribute '${name}' has an invalid StringValue.`);
    }
    if (binaryValue !== undefined && typeof binaryValue !== "string") {
      throw invalidParameterValue(`The message attribute '${name}' has an invalid BinaryValue.`);
    }
    setOwn(out, name, {
      dataType: dataType ?? "",
      stringValue,
      binaryValue: binaryValue === undefined ? undefined : new Uint8Array(Buffer.from(binaryValue, "base64")),
    });
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Encodes model attributes as AWS `MessageAttributeValue`s. */
export function encodeAttributes(attributes: AttributeMap): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(attributes)) {
    setOwn(
      out,
      name,
      value.binaryValue !== undefined
        ? { BinaryValue: Buffer.from(value.binaryValue).toString("base64"), DataType: value.dataType }
        : { StringValue: value.stringValue ?? "", DataType: value.dataType },
    );
  }
  return out;
}

/** Message system attribute names a receive may ask for. */
const SYSTEM_ATTRIBUTES = [
  "SenderId",
  "SentTimestamp",
  "ApproximateReceiveCount",
  "ApproximateFirstReceiveTimestamp",
  "SequenceNumber",
  "MessageDeduplicationId",
  "MessageGroupId",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
] as const;

/** Which system attributes and message attributes a receive returns. */
export interface ReceiveSelection {
  systemAll: boolean;
  system: ReadonlySet<string>;
  attributesAll: boolean;
  attributeNames: ReadonlySet<string>;
  attributePrefixes: readonly string[];
}

/** Builds the selection from `AttributeNames`, `MessageSystemAttributeNames` and `MessageAttributeNames`. */
export function receiveSelection(
  attributeNames: readonly string[] = [],
  systemNames: readonly string[] = [],
  messageAttributeNames: readonly string[] = [],
): ReceiveSelection {
  const system = new Set([...attributeNames, ...systemNames]);
  const attributesAll = messageAttributeNames.some((name) => name === "All" || name === ".*");
  return {
    systemAll: system.has("All"),
    system,
    attributesAll,
    attributeNames: new Set(messageAttributeNames),
    attributePrefixes: messageAttributeNames.filter((name) => name.endsWith(".*")).map((name) => name.slice(0, -1)),
  };
}

function systemAttribute(message: ReceivedMessage, name: (typeof SYSTEM_ATTRIBUTES)[number]): string | undefined {
  const content = message.content;
  switch (name) {
    case "SenderId":
      return content.senderId;
    case "SentTimestamp":
      return String(content.sentAt);
    case "ApproximateReceiveCount":
      return String(message.receiveCount);
    case "ApproximateFirstReceiveTimestamp":
      return String(message.firstReceivedAt);
    case "SequenceNumber":
      return message.sequenceNumber;
    case "MessageDeduplicationId":
      return content.messageDeduplicationId;
    case "MessageGroupId":
      return content.messageGroupId;
    case "AWSTraceHeader":
      return content.systemAttributes?.AWSTraceHeader?.stringValue;
    case "DeadLetterQueueSourceArn":
      return message.deadLetterSourceArn;
  }
}

/** Renders a received message as an AWS `Message`, with only the attributes asked for. */
export function encodeMessage(message: ReceivedMessage, selection: ReceiveSelection): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.content.md5OfBody,
    Body: message.content.body,
  };
  if (selection.systemAll || selection.system.size > 0) {
    const attributes: Record<string, string> = {};
    for (const name of SYSTEM_ATTRIBUTES) {
      if (!selection.systemAll && !selection.system.has(name)) continue;
      const value = systemAttribute(message, name);
      if (value !== undefined) attributes[name] = value;
    }
    if (Object.keys(attributes).length > 0) out.Attributes = attributes;
  }
  const all = message.content.messageAttributes;
  if (all !== undefined && (selection.attributesAll || selection.attributeNames.size > 0)) {
    let chosen: AttributeMap = all;
    if (!selection.attributesAll) {
      const picked: Record<string, AttributeValue> = {};
      for (const [name, value] of Object.entries(all)) {
        if (
          selection.attributeNames.has(name) ||
          selection.attributePrefixes.some((prefix) => name.startsWith(prefix))
        ) {
          setOwn(picked, name, value);
        }
      }
      chosen = picked;
    }
    const md5 = chosen === all ? message.content.md5OfMessageAttributes : md5OfAttributes(chosen);
    if (md5 !== undefined) {
      out.MD5OfMessageAttributes = md5;
      out.MessageAttributes = encodeAttributes(chosen);
    }
  }
  return out;
}
