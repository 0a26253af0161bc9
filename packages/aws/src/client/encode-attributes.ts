/**
 * @module client/encode-attributes
 * Typed message attributes in, SQS/SNS `MessageAttributes` out: a string becomes `String`, a number
 * or bigint `Number`, bytes `Binary`, a string array `String.Array` (SNS only).
 */

/** An explicit attribute, for data types the plain values do not cover (`Number.float`, `String.json`, …). */
export interface TypedAttribute {
  /** The AWS data type, e.g. `Number.float`. */
  dataType: string;
  /** Text for `String*`/`Number*` types, bytes for `Binary*`. */
  value: string | Uint8Array;
}

/** A message attribute value as the client accepts it. */
export type MessageAttributeInput = string | number | bigint | Uint8Array | readonly string[] | TypedAttribute;

/** The wire shape SQS and SNS share. @internal */
export interface EncodedAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

function isTypedAttribute(value: unknown): value is TypedAttribute {
  return typeof value === "object" && value !== null && typeof (value as TypedAttribute).dataType === "string";
}

/**
 * Encodes typed attributes. `service` decides whether `String.Array` is allowed (SNS) or rejected (SQS).
 *
 * @throws TypeError naming the attribute for a value of an unsupported type, a non-finite number, or a
 * string array sent straight to SQS.
 * @internal
 */
export function encodeAttributes(
  attributes: Readonly<Record<string, MessageAttributeInput>> | undefined,
  service: "sqs" | "sns",
): Record<string, EncodedAttribute> | undefined {
  if (attributes === undefined) return undefined;
  const encoded: Record<string, EncodedAttribute> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "string") encoded[name] = { DataType: "String", StringValue: value };
    else if (typeof value === "number") {
      if (!Number.isFinite(value)) {
        throw new TypeError(`Expected attribute \`${name}\` to be a finite number, got ${String(value)}`);
      }
      encoded[name] = { DataType: "Number", StringValue: String(value) };
    } else if (typeof value === "bigint") encoded[name] = { DataType: "Number", StringValue: value.toString() };
    else if (value instanceof Uint8Array) encoded[name] = { DataType: "Binary", BinaryValue: value };
    else if (Array.isArray(value)) {
      if (service === "sqs") {
        throw new TypeError(
          `Attribute \`${name}\` is a string array, which SQS does not support (only SNS has String.Array)`,
        );
      }
      if (!value.every((item) => typeof item === "string")) {
        throw new TypeError(`Expected attribute \`${name}\` to be an array of strings`);
      }
      encoded[name] = { DataType: "String.Array", StringValue: JSON.stringify(value) };
    } else if (isTypedAttribute(value)) {
      encoded[name] =
        typeof value.value === "string"
          ? { DataType: value.dataType, StringValue: value.value }
          : { DataType: value.dataType, BinaryValue: value.value };
    } else {
      throw new TypeError(
        `Expected attribute \`${name}\` to be a string, number, bigint, Uint8Array, string[] or { dataType, value }, got ${typeof value}`,
      );
    }
  }
  return encoded;
}
