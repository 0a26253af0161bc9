/**
 * @module probity-aws
 * SNS/SQS test client pieces: tomodachi-compatible envelopes, SNS notification unwrapping, payload
 * decoding with Standard Schema validation, partial matching and typed errors.
 */
export type { MessageAttributeValue, SqsMessageAttributeLike, SystemAttributes } from "./attributes.js";
export { decodeSnsAttributes, decodeSqsAttributes, decodeSystemAttributes } from "./attributes.js";
export type { DecodedMessage, DecodedPayload, DecodeMessageOptions, SqsMessageLike } from "./decode-message.js";
export { DEFAULT_DECODE_MESSAGE_OPTIONS, decodeMessage } from "./decode-message.js";
export type { Envelope, EnvelopeContext, EnvelopeParseResult } from "./envelope.js";
export type {
  JsonBaseContext,
  JsonBaseDataEncoding,
  JsonBaseEnvelope,
  JsonBaseMetadata,
  JsonBaseOptions,
  JsonBaseService,
} from "./envelopes/json-base.js";
export {
  createJsonBase,
  DEFAULT_JSON_BASE_OPTIONS,
  JSON_BASE_COMPRESSION_THRESHOLD,
  JSON_BASE_PROTOCOL_VERSION,
  jsonBase,
} from "./envelopes/json-base.js";
export type { RawEnvelope } from "./envelopes/raw.js";
export { raw } from "./envelopes/raw.js";
export type { TextEnvelope } from "./envelopes/text.js";
export { text } from "./envelopes/text.js";
export type {
  BackendUnavailableErrorOptions,
  PayloadDecodeErrorOptions,
  PayloadDecodeReason,
  ResourceKind,
  ResourceNotFoundErrorOptions,
} from "./errors.js";
export {
  BackendUnavailableError,
  BODY_PREVIEW_LENGTH,
  PayloadDecodeError,
  ResourceNotFoundError,
} from "./errors.js";
export { fifoDedupId } from "./fifo-dedup-id.js";
export type { PartialMatchResult, PartialMismatch } from "./matches-partial.js";
export { MAX_REPORTED_MISMATCHES, matchesPartial } from "./matches-partial.js";
export {
  formatPythonFloat,
  PythonFloat,
  parsePythonJson,
  pythonFloat,
  pythonJsonDumps,
  quotePythonString,
} from "./python-json.js";
export type { SchemaValidation, StandardSchemaV1 } from "./schema.js";
export { formatIssuePath, formatIssues, isStandardSchema, validateSchema } from "./schema.js";
export type { SnsNotification, SnsNotificationAttribute } from "./sns-notification.js";
export { parseSnsNotification } from "./sns-notification.js";
