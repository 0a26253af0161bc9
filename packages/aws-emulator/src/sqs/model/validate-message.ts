/**
 * @module sqs/model/validate-message
 * Message validation with AWS's error codes and messages: body characters, total size, and message
 * attribute names, types and values.
 * @internal
 */

import type { AttributeMap } from "../md5.js";
import { invalidMessageContents, invalidParameterValue, missingParameter } from "./errors.js";
import { SQS_LIMITS } from "./queue-config.js";

// Allowed: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF (tab, LF and CR are spelled \t \n \r).
const INVALID_BODY_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]{1,250})?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The UTF-8 size SQS counts for attributes: name + type + value. @internal */
export function attributesSize(attributes: AttributeMap | undefined): number {
  if (attributes === undefined) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, "utf8") + Buffer.byteLength(value.dataType, "utf8");
    size +=
      value.binaryValue !== undefined ? value.binaryValue.length : Buffer.byteLength(value.stringValue ?? "", "utf8");
  }
  return size;
}

/**
 * Validates message attributes as AWS does.
 * @throws AwsServiceError `InvalidParameterValue`.
 */
export function validateMessageAttributes(attributes: AttributeMap | undefined): void {
  if (attributes === undefined) return;
  const names = Object.keys(attributes);
  if (names.length > SQS_LIMITS.maxMessageAttributes) {
    throw invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${SQS_LIMITS.maxMessageAttributes}].`,
    );
  }
  for (const name of names) {
    const value = attributes[name];
    const lower = name.toLowerCase();
    if (
      !ATTRIBUTE_NAME.test(name) ||
      name.startsWith(".") ||
      name.endsWith(".") ||
      name.includes("..") ||
      lower.startsWith("aws.") ||
      lower.startsWith("amazon.")
    ) {
      throw invalidParameterValue(
        `The message attribute name '${name}' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.`,
      );
    }
    if (value === undefined || value.dataType === undefined || value.dataType === "") {
      throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    const type = DATA_TYPE.exec(value.dataType);
    if (type === null) {
      throw invalidParameterValue(
        `The type of message attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    const base = type[1];
    const hasValue = base === "Binary" ? value.binaryValue !== undefined : value.stringValue !== undefined;
    if (
      !hasValue ||
      (base !== "Binary" && value.stringValue === "") ||
      (base === "Binary" && value.binaryValue?.length === 0)
    ) {
      throw invalidParameterValue(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
      );
    }
    if (base === "Number" && !NUMBER.test(value.stringValue ?? "")) {
      throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
    if (base === "String" && INVALID_BODY_CHARACTER.test(value.stringValue ?? "")) {
      throw invalidParameterValue(`Message attribute '${name}' contains invalid characters.`);
    }
  }
}

/**
 * Validates a message body and its attributes against a queue's `MaximumMessageSize`.
 * @throws AwsServiceError `MissingParameter`, `InvalidMessageContents`, `InvalidParameterValue`.
 */
export function validateMessage(
  input: { body: string; messageAttributes?: AttributeMap | undefined },
  maximumMessageSize: number,
): void {
  if (typeof input.body !== "string" || input.body.length === 0) throw missingParameter("MessageBody");
  if (INVALID_BODY_CHARACTER.test(input.body)) throw invalidMessageContents();
  validateMessageAttributes(input.messageAttributes);
  const size = Buffer.byteLength(input.body, "utf8") + attributesSize(input.messageAttributes);
  if (size > maximumMessageSize) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximumMessageSize} bytes.`,
    );
  }
}
