/**
 * @module dynamodb/dynamodb-errors
 * DynamoDB-shaped answers the emulator writes itself (dynalite writes the rest): the JSON 1.0 error body
 * `{"__type": "…#Code", "message": …}` with dynalite's headers (`x-amzn-requestid`, `x-amz-crc32`), and the
 * limits checked before a request reaches dynalite.
 */

import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import type { AwsHttpResponse } from "../protocol/http-types.js";

/** AWS's DynamoDB request size limit (BatchWriteItem: "the total request size exceeds 16 MB"), as dynalite has it. */
export const DYNAMODB_MAX_REQUEST_BYTES = 16 * 1_048_576;

/** DynamoDB's documented nesting limit of maps and lists in an item. */
export const DYNAMODB_MAX_NESTING_LEVELS = 32;

/**
 * The JSON depth past which a body surely nests attributes deeper than {@link DYNAMODB_MAX_NESTING_LEVELS}:
 * each level is two JSON levels (`{"M": {…}}`, `{"L": […]}`), plus the envelope of the deepest request
 * (`BatchWriteItem`: `RequestItems` → table → list → `PutRequest` → `Item` → attribute).
 */
export const DYNAMODB_MAX_JSON_DEPTH = 2 * DYNAMODB_MAX_NESTING_LEVELS + 8;

/** `__type` prefixes as DynamoDB (and dynalite) spell them. */
export const DYNAMODB_ERROR_TYPES = {
  internal: "com.amazonaws.dynamodb.v20120810#InternalServerError",
  validation: "com.amazon.coral.validate#ValidationException",
  serialization: "com.amazon.coral.service#SerializationException",
  tooLarge: "com.amazon.coral.service#RequestEntityTooLarge",
  headersTooLarge: "com.amazon.coral.service#RequestHeaderSectionTooLarge",
} as const;

/** A request id of dynalite's form (52 upper-case base64 characters). */
function requestId(): string {
  return randomBytes(39).toString("base64").toUpperCase().replace(/[+/]/g, "0");
}

/**
 * A DynamoDB JSON error answer.
 * @param type - the full `__type`, e.g. {@link DYNAMODB_ERROR_TYPES}.internal.
 */
export function dynamoDbError(type: string, message: string, status: number): AwsHttpResponse {
  const body = JSON.stringify({ __type: type, message });
  return {
    status,
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amzn-requestid": requestId(),
      "x-amz-crc32": String(crc32(body)),
    },
    body,
  };
}

/** The answer to an unexpected failure inside dynalite (500, the SDK's `InternalServerError`). */
export function dynamoDbInternalError(): AwsHttpResponse {
  return dynamoDbError(
    DYNAMODB_ERROR_TYPES.internal,
    "The server encountered an internal error trying to fulfill the request.",
    500,
  );
}

/** The answer to a body over {@link DYNAMODB_MAX_REQUEST_BYTES} (or another `limit`). */
export function dynamoDbTooLarge(limit: number): AwsHttpResponse {
  return dynamoDbError(DYNAMODB_ERROR_TYPES.tooLarge, `Request body is larger than ${limit} bytes.`, 413);
}

/** The answer to a header section over Node's 16 KiB limit (431, see `server/node.ts`). */
export function dynamoDbHeadersTooLarge(): AwsHttpResponse {
  return dynamoDbError(
    DYNAMODB_ERROR_TYPES.headersTooLarge,
    "The request's header section is larger than the server accepts (16 KiB).",
    431,
  );
}

/** AWS's answer to an item (or expression value) nested deeper than {@link DYNAMODB_MAX_NESTING_LEVELS}. */
export function dynamoDbTooDeep(): AwsHttpResponse {
  return dynamoDbError(
    DYNAMODB_ERROR_TYPES.validation,
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit",
    400,
  );
}

/**
 * True when the JSON text nests objects and arrays deeper than `limit` (strings are skipped, so brackets
 * inside them do not count). One pass, no allocation: safe on any input.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}
