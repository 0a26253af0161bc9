/**
 * @module sqs/md5
 * The digests SQS returns and SDKs verify: `MD5OfMessageBody`, `MD5OfMessageAttributes` and
 * `MD5OfMessageSystemAttributes`. Attribute digests use AWS's binary encoding: attributes sorted by
 * name, each as length-prefixed name, length-prefixed data type, a transport byte (1 = string,
 * 2 = binary) and the length-prefixed value; lengths are 4-byte big-endian.
 */

import { createHash, type Hash } from "node:crypto";

/** A message attribute value as the model keeps it: string values as text, binary values as bytes. */
export interface AttributeValue {
  dataType: string;
  stringValue?: string | undefined;
  binaryValue?: Uint8Array | undefined;
}

/** Message attributes by name. */
export type AttributeMap = Readonly<Record<string, AttributeValue>>;

/**
 * MD5 hex digest of a message body's UTF-8 bytes.
 * @example
 * ```ts
 * md5OfBody("hello"); // "5d41402abc4b2a76b9719d911017c592"
 * ```
 */
export function md5OfBody(body: string): string {
  return createHash("md5").update(body, "utf8").digest("hex");
}

const lengthBuffer = Buffer.alloc(4);

function updateLengthPrefixed(hash: Hash, value: Uint8Array | string): void {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  lengthBuffer.writeUInt32BE(bytes.length, 0);
  hash.update(lengthBuffer);
  hash.update(bytes);
}

const STRING_TRANSPORT = Buffer.from([1]);
const BINARY_TRANSPORT = Buffer.from([2]);

/**
 * MD5 of message (or system) attributes as AWS computes it; `undefined` when there are none.
 * @example
 * ```ts
 * md5OfAttributes({ color: { dataType: "String", stringValue: "red" } });
 * ```
 */
export function md5OfAttributes(attributes: AttributeMap | undefined): string | undefined {
  if (attributes === undefined) return undefined;
  const names = Object.keys(attributes);
  if (names.length === 0) return undefined;
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash("md5");
  for (const name of names) {
    const value = attributes[name] as AttributeValue;
    updateLengthPrefixed(hash, name);
    updateLengthPrefixed(hash, value.dataType);
    if (value.binaryValue !== undefined) {
      hash.update(BINARY_TRANSPORT);
      updateLengthPrefixed(hash, value.binaryValue);
    } else {
      hash.update(STRING_TRANSPORT);
      updateLengthPrefixed(hash, value.stringValue ?? "");
    }
  }
  return hash.digest("hex");
}
