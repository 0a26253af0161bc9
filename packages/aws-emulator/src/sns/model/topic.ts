/**
 * @module sns/model/topic
 * A topic: its attributes with AWS's validation, tags, subscription counters, and for FIFO topics the
 * sequence numbers and the 5-minute deduplication window.
 * @internal
 */

import { AwsServiceError } from "../../errors.js";
import { invalidParameter, topicArn } from "./arn.js";

/** AWS: the FIFO deduplication interval, 5 minutes. */
export const DEDUP_WINDOW_MS = 5 * 60 * 1000;
/** AWS: at most 50 tags per topic. */
export const MAX_TAGS = 50;

const STANDARD_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

/** The default `EffectiveDeliveryPolicy`, as AWS returns it. */
export const DEFAULT_EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: "linear",
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: "text/plain; charset=UTF-8" },
  },
});

function defaultPolicy(arn: string, accountId: string): string {
  return JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: arn,
        Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
      },
    ],
  });
}

function parseBoolean(name: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  throw invalidParameter(`Attributes Reason: ${name}: Invalid value [${value}]. Must be true or false.`);
}

function checkJson(name: string, value: string): void {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) throw new Error("not an object");
  } catch {
    throw invalidParameter(`${name}: Invalid JSON`);
  }
}

const FEEDBACK =
  /^(Application|HTTP|Lambda|SQS|Firehose)(SuccessFeedbackRoleArn|SuccessFeedbackSampleRate|FailureFeedbackRoleArn)$/;

/**
 * Validates the name for `CreateTopic`.
 * @throws AwsServiceError `InvalidParameter` with AWS's message.
 */
export function validateTopicName(name: unknown, fifo: boolean): string {
  if (typeof name !== "string") throw invalidParameter("Topic Name");
  if (fifo ? !FIFO_NAME.test(name) : !STANDARD_NAME.test(name)) {
    throw new AwsServiceError(
      "InvalidParameter",
      fifo
        ? "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
        : "Invalid parameter: Topic Name",
    );
  }
  return name;
}

/** A topic and its state. */
export class Topic {
  readonly arn: string;
  readonly fifo: boolean;
  readonly tags = new Map<string, string>();
  readonly attributes = new Map<string, string>();
  subscriptionsDeleted = 0;
  #sequence = 10_000_000_000_000_000_000n;
  readonly #dedup = new Map<string, { messageId: string; sequenceNumber: string; expiresAt: number }>();

  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly name: string,
    fifo: boolean,
  ) {
    this.arn = topicArn(region, accountId, name);
    this.fifo = fifo;
    this.attributes.set("DisplayName", "");
    this.attributes.set("Policy", defaultPolicy(this.arn, accountId));
    if (fifo) this.attributes.set("ContentBasedDeduplication", "false");
  }

  /** Whether FIFO messages without a dedup id are deduplicated by content. */
  get contentBasedDeduplication(): boolean {
    return this.attributes.get("ContentBasedDeduplication") === "true";
  }

  /** Dedup scope: `Topic` (default) or `MessageGroup`. */
  get dedupScope(): string {
    return this.attributes.get("FifoThroughputScope") ?? "Topic";
  }

  /**
   * Validates and sets one attribute (`SetTopicAttributes`, or `CreateTopic` when `creating`).
   * @throws AwsServiceError `InvalidParameter`.
   */
  setAttribute(name: string, value: string, creating = false): void {
    switch (name) {
      case "FifoTopic":
        if (!creating) throw invalidParameter("AttributeName");
        parseBoolean(name, value);
        return;
      case "DisplayName":
        if (value.length > 100) throw invalidParameter("DisplayName");
        break;
      case "Policy":
      case "DeliveryPolicy":
      case "ArchivePolicy":
      case "DataProtectionPolicy":
        checkJson(name, value);
        if (name === "ArchivePolicy" && !this.fifo) throw invalidParameter("ArchivePolicy");
        break;
      case "ContentBasedDeduplication":
        if (!this.fifo) {
          throw invalidParameter(
            "ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics",
          );
        }
        this.attributes.set(name, String(parseBoolean(name, value)));
        return;
      case "FifoThroughputScope":
        if (!this.fifo || (value !== "Topic" && value !== "MessageGroup")) throw invalidParameter(name);
        break;
      case "SignatureVersion":
        if (value !== "1" && value !== "2") throw invalidParameter("SignatureVersion");
        break;
      case "TracingConfig":
        if (value !== "PassThrough" && value !== "Active") throw invalidParameter("TracingConfig");
        break;
      case "KmsMasterKeyId":
        break;
      default:
        if (!FEEDBACK.test(name)) throw invalidParameter("AttributeName");
    }
    this.attributes.set(name, value);
  }

  /** The `GetTopicAttributes` map (all values strings, as on the wire). */
  describe(counts: { pending: number; confirmed: number }): Record<string, string> {
    const out: Record<string, string> = {
      Policy: this.attributes.get("Policy") ?? "",
      Owner: this.accountId,
      SubscriptionsPending: String(counts.pending),
      TopicArn: this.arn,
      EffectiveDeliveryPolicy: DEFAULT_EFFECTIVE_DELIVERY_POLICY,
      SubscriptionsConfirmed: String(counts.confirmed),
      DisplayName: this.attributes.get("DisplayName") ?? "",
      SubscriptionsDeleted: String(this.subscriptionsDeleted),
    };
    if (this.fifo) out.FifoTopic = "true";
    for (const [key, value] of this.attributes) if (!(key in out)) out[key] = value;
    return out;
  }

  /**
   * Looks up a FIFO dedup key within the 5-minute window, else records a new message under it.
   * @returns the earlier message when `key` is a duplicate.
   */
  dedupe(
    key: string,
    now: number,
    create: () => string,
  ): { messageId: string; sequenceNumber: string; duplicate: boolean } {
    for (const [k, entry] of this.#dedup) {
      if (entry.expiresAt > now) break;
      this.#dedup.delete(k);
    }
    const existing = this.#dedup.get(key);
    if (existing !== undefined && existing.expiresAt > now) return { ...existing, duplicate: true };
    const entry = { messageId: create(), sequenceNumber: this.nextSequenceNumber(), expiresAt: now + DEDUP_WINDOW_MS };
    this.#dedup.set(key, entry);
    return { messageId: entry.messageId, sequenceNumber: entry.sequenceNumber, duplicate: false };
  }

  /** A 20-digit, strictly increasing sequence number. */
  nextSequenceNumber(): string {
    this.#sequence += 1000n;
    return this.#sequence.toString();
  }
}
