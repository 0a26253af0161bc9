/**
 * @module sns/model/message-attributes
 * Validation of Publish message attributes with AWS's rules and error codes, their share of the
 * 256 KiB message size, and their two delivery forms: `{Type, Value}` in the notification JSON and SQS
 * message attributes for raw delivery.
 * @internal
 */

import { AwsServiceError } from "../../errors.js";
import type { SnsMessageAttribute, SqsDeliveryAttribute } from "./types.js";

/** AWS: a message carries at most 10 attributes. */
export const MAX_MESSAGE_ATTRIBUTES = 10;
/** AWS: attribute names and data types are at most 256 characters. */
const MAX_NAME_LENGTH = 256;
const NAME = /^[A-Za-z0-9_.-]+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function valueInvalid(message: string): AwsServiceError {
  return new AwsServiceError("ParameterValueInvalid", message);
}

function checkName(name: string): void {
  const reason =
    name.length === 0 || name.length > MAX_NAME_LENGTH
      ? "must be between 1 and 256 characters long"
      : !NAME.test(name)
        ? "can only contain alphanumeric characters, hyphens (-), underscores (_), and periods (.)"
        : name.startsWith(".") || name.endsWith(".") || name.includes("..")
          ? "can not start or end with a period (.), or have consecutive periods"
          : /^(aws\.|amazon\.)/i.test(name)
            ? "can not start with AWS. or Amazon."
            : undefined;
  if (reason !== undefined) {
    throw new AwsServiceError(
      "InvalidParameter",
      `Invalid parameter: MessageAttributes Reason: Message attribute name '${name}' ${reason}`,
    );
  }
}

function checkNumber(name: string, text: string): void {
  const digits = text
    .replace(/^[-+]/, "")
    .replace(/[eE].*$/, "")
    .replace(".", "")
    .replace(/^0+/, "");
  const n = Number(text);
  if (!NUMBER.test(text) || !Number.isFinite(n) || digits.length > 38 || Math.abs(n) > 1e126) {
    throw valueInvalid(`Could not cast message attribute '${name}' value to number.`);
  }
}

function checkArray(name: string, text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const ok =
    Array.isArray(parsed) && parsed.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
  if (!ok) throw valueInvalid(`The message attribute '${name}' has an invalid value for type 'String.Array'.`);
}

/**
 * Validates Publish message attributes.
 *
 * @returns the byte count they add to the message size (names, data types and values).
 * @throws AwsServiceError `InvalidParameter` for too many attributes or a bad name; `ParameterValueInvalid`
 *   for a bad type, an empty value or a value that does not fit its type.
 */
export function validateMessageAttributes(attributes: Readonly<Record<string, SnsMessageAttribute>>): number {
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw new AwsServiceError(
      "InvalidParameter",
      `Invalid parameter: MessageAttributes Reason: Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  let bytes = 0;
  for (const name of names) {
    const attribute = attributes[name] as SnsMessageAttribute;
    checkName(name);
    const dataType = attribute.dataType ?? "";
    const kind = dataType.split(".")[0];
    if (dataType.length > MAX_NAME_LENGTH || (kind !== "String" && kind !== "Number" && kind !== "Binary")) {
      throw valueInvalid(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const empty = kind === "Binary" ? (attribute.binaryValue?.length ?? 0) === 0 : (attribute.stringValue ?? "") === "";
    if (empty) {
      throw valueInvalid(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${kind}'.`,
      );
    }
    const text = attribute.stringValue ?? "";
    if (kind === "Number") checkNumber(name, text);
    if (dataType === "String.Array") checkArray(name, text);
    const valueBytes = kind === "Binary" ? (attribute.binaryValue?.length ?? 0) : Buffer.byteLength(text, "utf8");
    bytes += Buffer.byteLength(name, "utf8") + Buffer.byteLength(dataType, "utf8") + valueBytes;
  }
  return bytes;
}

/** The notification JSON form: `{"Type": …, "Value": …}`, binary values base64-encoded. */
export function toNotificationAttribute(attribute: SnsMessageAttribute): { Type: string; Value: string } {
  const value =
    attribute.dataType.startsWith("Binary") && attribute.binaryValue !== undefined
      ? Buffer.from(attribute.binaryValue).toString("base64")
      : (attribute.stringValue ?? "");
  return { Type: attribute.dataType, Value: value };
}

/** The SQS message attribute form used for raw delivery. */
export function toSqsAttribute(attribute: SnsMessageAttribute): SqsDeliveryAttribute {
  return attribute.dataType.startsWith("Binary")
    ? { DataType: attribute.dataType, BinaryValue: attribute.binaryValue ?? new Uint8Array() }
    : { DataType: attribute.dataType, StringValue: attribute.stringValue ?? "" };
}
