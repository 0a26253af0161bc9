/**
 * @module sns/model/types
 * The SNS model's ports (SQS delivery, outbound HTTP), its event callback and shared value types.
 * Nothing here knows HTTP requests, wire formats or URLs of the emulator itself.
 */

import type { AwsServiceError } from "../../errors.js";

/** A message attribute as Publish takes it (AWS `MessageAttributeValue`, camel-cased). */
export interface SnsMessageAttribute {
  /** `String`, `Number`, `Binary` or `String.Array`, optionally with a custom `.label` suffix. */
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: Uint8Array;
}

/** An SQS message attribute as the SNS model hands it to SQS (AWS member names, like `SendMessage`). */
export interface SqsDeliveryAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

/** One message for an SQS queue. */
export interface SqsDeliveryMessage {
  /** The SNS notification JSON, or the raw message with `RawMessageDelivery=true`. */
  body: string;
  /** Only with `RawMessageDelivery=true` and only when the publisher sent attributes. */
  messageAttributes?: Record<string, SqsDeliveryAttribute>;
  /** Set for FIFO topics (and passed through from standard topics when the publisher gave one). */
  messageGroupId?: string;
  /** Set for FIFO topics: the publisher's id, or the SHA-256 content hash with content-based dedup. */
  messageDeduplicationId?: string;
  /** System attributes to attach (SQS `MessageSystemAttributes`), e.g. `AWSTraceHeader`. */
  messageSystemAttributes?: Record<string, SqsDeliveryAttribute>;
}

/**
 * How the SNS model reaches SQS. The SQS model implements it; tests use a recording fake.
 *
 * `deliver` is synchronous so a waiting long poll wakes before `Publish` returns. It throws
 * {@link AwsServiceError} with code `QueueDoesNotExist` (query code
 * `AWS.SimpleQueueService.NonExistentQueue`) when the queue is gone; any throw counts as an undeliverable
 * message and the subscription's `RedrivePolicy` applies.
 *
 * @example
 * ```ts
 * const port: SqsDeliveryPort = { deliver: (queueArn, message) => sqs.sendFromSns(queueArn, message) };
 * ```
 */
export interface SqsDeliveryPort {
  deliver(queueArn: string, message: SqsDeliveryMessage): void;
}

/** An outbound HTTP POST to an `http`/`https` subscriber. */
export interface HttpDeliveryRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * How the SNS model reaches `http`/`https` subscribers (notifications and the SubscriptionConfirmation
 * handshake). The emulator implements it with `fetch`; tests record the requests.
 */
export interface HttpDeliveryPort {
  /** Resolves with the endpoint's status; a rejection or a status outside 2xx counts as a failure. */
  post(request: HttpDeliveryRequest): Promise<{ status: number }>;
}

/** Where a published message went, or why not: the events the SNS model reports. */
export type SnsEvent =
  | {
      type: "sns.published";
      accountId: string;
      region: string;
      topicArn: string;
      messageId: string;
      sequenceNumber?: string;
      at: number;
    }
  | {
      type: "sns.delivered";
      accountId: string;
      region: string;
      topicArn: string;
      subscriptionArn: string;
      protocol: string;
      endpoint: string;
      messageId: string;
      /** Set when the message went to the subscription's dead-letter queue instead of `endpoint`. */
      deadLetterTargetArn?: string;
      at: number;
    }
  | {
      type: "sns.filtered-out";
      accountId: string;
      region: string;
      topicArn: string;
      subscriptionArn: string;
      messageId: string;
      at: number;
    }
  | {
      type: "sns.delivery-failed";
      accountId: string;
      region: string;
      topicArn: string;
      subscriptionArn: string;
      protocol: string;
      endpoint: string;
      messageId: string;
      error: AwsServiceError | Error;
      at: number;
    };

/** Receives {@link SnsEvent}s; must not throw (a throw is swallowed). */
export type SnsEventListener = (event: SnsEvent) => void;

/** The account and region a call acts in (from the request's credentials and SigV4 scope). */
export interface SnsScope {
  readonly accountId: string;
  readonly region: string;
}
