/**
 * @module probity-aws
 * SNS/SQS test client pieces: tomodachi-compatible envelopes, payload decoding with Standard Schema
 * validation, and typed errors.
 */
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
