/**
 * @module sqs/model/queue-config
 * Queue attributes: defaults, validation with AWS's error codes, and rendering back to the attribute
 * strings `GetQueueAttributes` returns. Attribute names are API data (`VisibilityTimeout`), not wire format.
 * @internal
 */

import { invalidAttributeName, invalidAttributeValue } from "./errors.js";

/** AWS limits the model enforces. @internal */
export const SQS_LIMITS = Object.freeze({
  maxMessageSize: 1_048_576,
  minMessageSize: 1_024,
  maxVisibilityTimeout: 43_200,
  maxDelaySeconds: 900,
  minRetention: 60,
  maxRetention: 1_209_600,
  maxWaitTimeSeconds: 20,
  maxReceiveCount: 1_000,
  maxBatchEntries: 10,
  maxMessageAttributes: 10,
  dedupWindowMs: 300_000,
  maxTags: 50,
});

/** A parsed `RedrivePolicy`. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** A parsed `RedriveAllowPolicy`. */
export interface RedriveAllowPolicy {
  redrivePermission: "allowAll" | "denyAll" | "byQueue";
  sourceQueueArns: string[];
}

/** The mutable, parsed configuration of a queue. @internal */
export interface QueueConfig {
  visibilityTimeout: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  redrivePolicy: RedrivePolicy | undefined;
  redriveAllowPolicy: RedriveAllowPolicy | undefined;
  policy: string | undefined;
  kmsMasterKeyId: string | undefined;
  kmsDataKeyReusePeriodSeconds: number;
  sqsManagedSseEnabled: boolean;
  fifoQueue: boolean;
  contentBasedDeduplication: boolean;
  deduplicationScope: "queue" | "messageGroup";
  fifoThroughputLimit: "perQueue" | "perMessageGroupId";
}

/** Attributes anyone may set on any queue. */
const SETTABLE = new Set([
  "VisibilityTimeout",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "DelaySeconds",
  "ReceiveMessageWaitTimeSeconds",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "Policy",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "SqsManagedSseEnabled",
]);
/** Attributes only FIFO queues have. */
const FIFO_ONLY = new Set(["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]);
/** Read-only attributes, computed by the model. */
export const COMPUTED_ATTRIBUTES = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "QueueArn",
] as const;

/** Every attribute name `GetQueueAttributes` accepts (besides `All`). @internal */
export const QUEUE_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  ...SETTABLE,
  ...FIFO_ONLY,
  "FifoQueue",
  ...COMPUTED_ATTRIBUTES,
]);

/** A fresh default configuration. @internal */
export function defaultQueueConfig(fifo: boolean): QueueConfig {
  return {
    visibilityTimeout: 30,
    maximumMessageSize: SQS_LIMITS.maxMessageSize,
    messageRetentionPeriod: 345_600,
    delaySeconds: 0,
    receiveMessageWaitTimeSeconds: 0,
    redrivePolicy: undefined,
    redriveAllowPolicy: undefined,
    policy: undefined,
    kmsMasterKeyId: undefined,
    kmsDataKeyReusePeriodSeconds: 300,
    sqsManagedSseEnabled: true,
    fifoQueue: fifo,
    contentBasedDeduplication: false,
    deduplicationScope: "queue",
    fifoThroughputLimit: "perQueue",
  };
}

function integer(name: string, value: string, min: number, max: number): number {
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) throw invalidAttributeValue(name);
  const parsed = Number(trimmed);
  if (parsed < min || parsed > max) throw invalidAttributeValue(name);
  return parsed;
}

function boolean(name: string, value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw invalidAttributeValue(name);
}

function parseJsonObject(name: string, value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidAttributeValue(name, "Invalid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidAttributeValue(name, "Expected a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** Parses a `RedrivePolicy` attribute value; the target's existence is checked by the caller. @internal */
export function parseRedrivePolicy(value: string): RedrivePolicy | undefined {
  if (value.trim() === "" || value.trim() === "{}") return undefined;
  const json = parseJsonObject("RedrivePolicy", value);
  const arn = json.deadLetterTargetArn;
  const count = typeof json.maxReceiveCount === "string" ? Number(json.maxReceiveCount) : json.maxReceiveCount;
  if (typeof arn !== "string" || arn === "") {
    throw invalidAttributeValue(
      "RedrivePolicy",
      "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.",
    );
  }
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > SQS_LIMITS.maxReceiveCount) {
    throw invalidAttributeValue("RedrivePolicy", "Value for maxReceiveCount must be an integer between 1 and 1000.");
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy | undefined {
  if (value.trim() === "") return undefined;
  const json = parseJsonObject("RedriveAllowPolicy", value);
  const permission = json.redrivePermission;
  if (permission !== "allowAll" && permission !== "denyAll" && permission !== "byQueue") {
    throw invalidAttributeValue("RedriveAllowPolicy", "Invalid value for redrivePermission.");
  }
  const arns = json.sourceQueueArns ?? [];
  if (!Array.isArray(arns) || !arns.every((arn) => typeof arn === "string")) {
    throw invalidAttributeValue("RedriveAllowPolicy", "sourceQueueArns must be a list of ARNs.");
  }
  if (permission === "byQueue" && (arns.length === 0 || arns.length > 10)) {
    throw invalidAttributeValue("RedriveAllowPolicy", "byQueue requires between 1 and 10 sourceQueueArns.");
  }
  if (permission !== "byQueue" && arns.length > 0) {
    throw invalidAttributeValue("RedriveAllowPolicy", "sourceQueueArns is only allowed with byQueue.");
  }
  return { redrivePermission: permission, sourceQueueArns: arns as string[] };
}

/**
 * Validates `attributes` for a queue and applies them to `config` (mutating it). Unknown or read-only
 * names throw `InvalidAttributeName`, bad values `InvalidAttributeValue`. Validation happens before any
 * change, so a failing call changes nothing.
 * @param creating - `FifoQueue` may only be given at creation.
 * @internal
 */
export function applyQueueAttributes(
  config: QueueConfig,
  attributes: Readonly<Record<string, string>>,
  creating: boolean,
): void {
  const next: QueueConfig = { ...config };
  for (const [name, raw] of Object.entries(attributes)) {
    const value = String(raw);
    if (name === "FifoQueue") {
      if (!creating) throw invalidAttributeName(name);
      if (boolean(name, value) !== config.fifoQueue) throw invalidAttributeValue(name);
      continue;
    }
    if (FIFO_ONLY.has(name) && !config.fifoQueue) throw invalidAttributeName(name);
    if (!SETTABLE.has(name) && !FIFO_ONLY.has(name)) throw invalidAttributeName(name);
    switch (name) {
      case "VisibilityTimeout":
        next.visibilityTimeout = integer(name, value, 0, SQS_LIMITS.maxVisibilityTimeout);
        break;
      case "MaximumMessageSize":
        next.maximumMessageSize = integer(name, value, SQS_LIMITS.minMessageSize, SQS_LIMITS.maxMessageSize);
        break;
      case "MessageRetentionPeriod":
        next.messageRetentionPeriod = integer(name, value, SQS_LIMITS.minRetention, SQS_LIMITS.maxRetention);
        break;
      case "DelaySeconds":
        next.delaySeconds = integer(name, value, 0, SQS_LIMITS.maxDelaySeconds);
        break;
      case "ReceiveMessageWaitTimeSeconds":
        next.receiveMessageWaitTimeSeconds = integer(name, value, 0, SQS_LIMITS.maxWaitTimeSeconds);
        break;
      case "RedrivePolicy":
        next.redrivePolicy = parseRedrivePolicy(value);
        break;
      case "RedriveAllowPolicy":
        next.redriveAllowPolicy = parseRedriveAllowPolicy(value);
        break;
      case "Policy":
        if (value !== "") parseJsonObject(name, value);
        next.policy = value === "" ? undefined : value;
        break;
      case "KmsMasterKeyId":
        next.kmsMasterKeyId = value === "" ? undefined : value;
        break;
      case "KmsDataKeyReusePeriodSeconds":
        next.kmsDataKeyReusePeriodSeconds = integer(name, value, 60, 86_400);
        break;
      case "SqsManagedSseEnabled":
        next.sqsManagedSseEnabled = boolean(name, value);
        break;
      case "ContentBasedDeduplication":
        next.contentBasedDeduplication = boolean(name, value);
        break;
      case "DeduplicationScope":
        if (value !== "queue" && value !== "messageGroup") throw invalidAttributeValue(name);
        next.deduplicationScope = value;
        break;
      case "FifoThroughputLimit":
        if (value !== "perQueue" && value !== "perMessageGroupId") throw invalidAttributeValue(name);
        next.fifoThroughputLimit = value;
        break;
    }
  }
  if (next.fifoThroughputLimit === "perMessageGroupId" && next.deduplicationScope === "queue") {
    if ("FifoThroughputLimit" in attributes) {
      throw invalidAttributeValue(
        "FifoThroughputLimit",
        "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.",
      );
    }
  }
  Object.assign(config, next);
}

/** Renders the settable and FIFO attributes of `config` as AWS returns them. @internal */
export function renderQueueConfig(config: QueueConfig): Record<string, string> {
  const out: Record<string, string> = {
    VisibilityTimeout: String(config.visibilityTimeout),
    MaximumMessageSize: String(config.maximumMessageSize),
    MessageRetentionPeriod: String(config.messageRetentionPeriod),
    DelaySeconds: String(config.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(config.receiveMessageWaitTimeSeconds),
    SqsManagedSseEnabled: String(config.sqsManagedSseEnabled),
  };
  if (config.redrivePolicy !== undefined) out.RedrivePolicy = JSON.stringify(config.redrivePolicy);
  if (config.redriveAllowPolicy !== undefined) {
    const { redrivePermission, sourceQueueArns } = config.redriveAllowPolicy;
    out.RedriveAllowPolicy = JSON.stringify(
      redrivePermission === "byQueue" ? { redrivePermission, sourceQueueArns } : { redrivePermission },
    );
  }
  if (config.policy !== undefined) out.Policy = config.policy;
  if (config.kmsMasterKeyId !== undefined) {
    out.KmsMasterKeyId = config.kmsMasterKeyId;
    out.KmsDataKeyReusePeriodSeconds = String(config.kmsDataKeyReusePeriodSeconds);
  }
  if (config.fifoQueue) {
    out.FifoQueue = "true";
    out.ContentBasedDeduplication = String(config.contentBasedDeduplication);
    out.DeduplicationScope = config.deduplicationScope;
    out.FifoThroughputLimit = config.fifoThroughputLimit;
  }
  return out;
}
