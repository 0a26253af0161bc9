/**
 * @module probity-aws
 * The SNS/SQS test client (`SnsSqsTestClient`), its backends (embedded, moto, LocalStack, AWS),
 * tomodachi-compatible envelopes, SNS notification unwrapping, payload decoding with Standard Schema
 * validation, partial matching and typed errors.
 */

export type { MessageAttributeValue, SqsMessageAttributeLike, SystemAttributes } from "./attributes.js";
export { decodeSnsAttributes, decodeSqsAttributes, decodeSystemAttributes } from "./attributes.js";
// The backends (also importable alone, without the AWS SDK, from "probity-aws/backends").
export * from "./backends/index.js";
export type { MessageAttributeInput, TypedAttribute } from "./client/encode-attributes.js";
export type {
  MessageNotReceivedDetails,
  SeenMessage,
  UnexpectedMessageDetails,
} from "./client/expectation-errors.js";
export { MAX_LISTED_MESSAGES, MessageNotReceivedError, UnexpectedMessageError } from "./client/expectation-errors.js";
export type {
  ConnectOptions,
  CreateQueueOptions,
  CreateTopicOptions,
  DeadLetterOptions,
  DeadLettersOptions,
  DecodeOptions,
  DrainedOptions,
  ExpectMessageOptions,
  ExpectNoMessageOptions,
  MessageMatch,
  PeekOptions,
  PublishOptions,
  QueueAttributes,
  QueueRef,
  ReceiveOptions,
  SendOptions,
  SubscribeToOptions,
  Subscription,
  TopicRef,
} from "./client/options.js";
export { DEFAULT_CLIENT_OPTIONS } from "./client/options.js";
export type { PeekContext, PeekStrategy } from "./client/peek-strategy.js";
export { inspectionApi, PEEK_HOLD_SECONDS, receiveAndRelease } from "./client/peek-strategy.js";
export type { ReceivedMessage } from "./client/sns-sqs-test-client.js";
export { SnsSqsTestClient } from "./client/sns-sqs-test-client.js";
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
  BusRequestErrorOptions,
  PayloadDecodeErrorOptions,
  PayloadDecodeReason,
  ResourceKind,
  ResourceNotFoundErrorOptions,
} from "./errors.js";
export {
  BackendUnavailableError,
  BODY_PREVIEW_LENGTH,
  BusRequestError,
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
