/**
 * @module client/options
 * Option types of the {@link SnsSqsTestClient} methods, their frozen defaults and validation.
 */
import type { DecodedMessage } from "../decode-message.js";
import type { Envelope } from "../envelope.js";
import type { MessageAttributeInput } from "./encode-attributes.js";
import type { PeekStrategy } from "./peek-strategy.js";

/** Options of `SnsSqsTestClient.connect`. */
export interface ConnectOptions {
  /** `MaxResults` of each `ListQueues` page (1–1000); every page is followed either way. @default 1000 */
  pageSize?: number;
  /**
   * How `peek()` reads without consuming.
   * @default inspectionApi(backend.endpoint) where `backend.capabilities.inspection`, else receiveAndRelease
   */
  peekStrategy?: PeekStrategy;
  /** Aborts the reachability check. @default undefined */
  signal?: AbortSignal;
}

/** Options of `createTopic`. */
export interface CreateTopicOptions {
  /** A FIFO topic; the name must end in `.fifo`. @default name.endsWith(".fifo") */
  fifo?: boolean;
  /** Content-based deduplication (FIFO only). @default false */
  contentBasedDeduplication?: boolean;
  /** Further topic attributes, as AWS names them. @default {} */
  attributes?: Readonly<Record<string, string>>;
  /** @default undefined */
  signal?: AbortSignal;
}

/** A dead-letter queue: its name and after how many receives a message moves there. */
export interface DeadLetterOptions {
  name: string;
  /** @default 3 */
  maxReceiveCount?: number;
}

/** Options of `createQueue`. */
export interface CreateQueueOptions {
  /** A FIFO queue; the name must end in `.fifo`. @default name.endsWith(".fifo") */
  fifo?: boolean;
  /** Content-based deduplication (FIFO only). @default false */
  contentBasedDeduplication?: boolean;
  /** A dead-letter queue, created too (FIFO like its source), and the redrive policy pointing at it. @default undefined */
  dlq?: string | DeadLetterOptions;
  /** Seconds a received message stays hidden (0–43200). @default AWS's 30 */
  visibilityTimeout?: number;
  /** Seconds every message is delayed (0–900). @default AWS's 0 */
  delaySeconds?: number;
  /** Further queue attributes, as AWS names them. @default {} */
  attributes?: Readonly<Record<string, string>>;
  /** @default undefined */
  signal?: AbortSignal;
}

/** Options of `subscribeTo`. */
export interface SubscribeToOptions {
  /** The topic, created if missing. */
  topic: string;
  /** The queue, created if missing (with `dlq`). */
  queue: string;
  /** Raw message delivery: the queue gets the published body instead of the SNS notification JSON. @default false */
  raw?: boolean;
  /** An SNS filter policy (object or JSON text). @default undefined */
  filterPolicy?: Readonly<Record<string, unknown>> | string;
  /** What the filter policy applies to. @default "MessageAttributes" */
  filterPolicyScope?: "MessageAttributes" | "MessageBody";
  /** The queue's dead-letter queue. @default undefined */
  dlq?: string | DeadLetterOptions;
  /** @default undefined */
  signal?: AbortSignal;
}

/** Options of `publish`. */
export interface PublishOptions<TData = unknown> {
  /** Topic name or ARN. */
  topic: string;
  /** The data the envelope wraps. */
  data: TData;
  /** @default raw */
  envelope?: Envelope<unknown, unknown, TData>;
  /** Message attributes; types are inferred from the values. @default undefined */
  attributes?: Readonly<Record<string, MessageAttributeInput>>;
  /** FIFO message group. @default "probity" on a FIFO topic */
  groupId?: string;
  /** FIFO deduplication id. @default fifoDedupId(body) on a FIFO topic */
  dedupId?: string;
  /** SNS subject. @default undefined */
  subject?: string;
  /** @default undefined */
  signal?: AbortSignal;
}

/** Options of `send`. */
export interface SendOptions<TData = unknown> {
  /** Queue name, URL or ARN. */
  queue: string;
  data: TData;
  /** @default raw */
  envelope?: Envelope<unknown, unknown, TData>;
  /** Message attributes (no string arrays: SQS has none). @default undefined */
  attributes?: Readonly<Record<string, MessageAttributeInput>>;
  /** Seconds before the message becomes visible (0–900). @default the queue's */
  delaySeconds?: number;
  /** FIFO message group. @default "probity" on a FIFO queue */
  groupId?: string;
  /** FIFO deduplication id. @default fifoDedupId(body) on a FIFO queue */
  dedupId?: string;
  /** @default undefined */
  signal?: AbortSignal;
}

/** Decoding options shared by every reading method. */
export interface DecodeOptions<TPayload, TMetadata, TSchema> {
  /** @default raw */
  envelope?: Envelope<TPayload, TMetadata, never>;
  /** A Standard Schema validator (zod, valibot, arktype, …). @default undefined */
  schema?: TSchema;
}

/** Options of `receive`. */
export interface ReceiveOptions<TPayload = unknown, TMetadata = unknown, TSchema = undefined>
  extends DecodeOptions<TPayload, TMetadata, TSchema> {
  /** At most this many messages (several requests above 10). @default 10 */
  max?: number;
  /** Long polling: seconds to wait for a first message (0–20), like AWS's `WaitTimeSeconds`. @default 0 */
  wait?: number;
  /** Seconds the received messages stay hidden (0–43200). @default the queue's */
  visibilityTimeout?: number;
  /** Delete the returned messages; `false` leaves them in flight. @default true */
  ack?: boolean;
  /** @default undefined */
  signal?: AbortSignal;
}

/** Options of `peek`. */
export interface PeekOptions<TPayload = unknown, TMetadata = unknown, TSchema = undefined>
  extends DecodeOptions<TPayload, TMetadata, TSchema> {
  /** @default 10 */
  max?: number;
  /** @default undefined */
  signal?: AbortSignal;
}

/** Options of `deadLetters`. */
export interface DeadLettersOptions<TPayload = unknown, TMetadata = unknown, TSchema = undefined>
  extends PeekOptions<TPayload, TMetadata, TSchema> {
  /** Receive and delete the dead letters instead of peeking. @default false */
  consume?: boolean;
}

/** Options of `drained`. */
export interface DrainedOptions {
  /** Milliseconds (scaled by `PROBITY_TIMEOUT_SCALE`). @default getConfiguration().timeout */
  timeout?: number;
  /** Milliseconds between `GetQueueAttributes` probes (backends with events are woken at once). @default 50 */
  interval?: number;
  /** @default undefined */
  signal?: AbortSignal;
}

/** What a message must look like: a deep partial of its payload, or a predicate over the decoded message. */
export type MessageMatch<TPayload = unknown, TMetadata = unknown> =
  | Readonly<Record<string, unknown>>
  | readonly unknown[]
  | ((message: DecodedMessage<TPayload, TMetadata>) => boolean);

/** Options of `expectMessage`. */
export interface ExpectMessageOptions<TPayload = unknown, TMetadata = unknown, TSchema = undefined>
  extends DecodeOptions<TPayload, TMetadata, TSchema> {
  /** Partial payload or predicate; messages that do not match stay on the queue. @default any message */
  match?: MessageMatch;
  /** Milliseconds (scaled by `PROBITY_TIMEOUT_SCALE`). @default getConfiguration().timeout */
  timeout?: number;
  /** Delete the matching message. @default true */
  ack?: boolean;
  /** @default undefined */
  signal?: AbortSignal;
}

/** Options of `expectNoMessage`. */
export interface ExpectNoMessageOptions<TPayload = unknown, TMetadata = unknown, TSchema = undefined>
  extends DecodeOptions<TPayload, TMetadata, TSchema> {
  /** How long the queue must stay free of (matching) messages, in ms. */
  during: number;
  /** Only messages matching this count. @default any message */
  match?: MessageMatch;
  /** Milliseconds between peeks. @default 100 */
  interval?: number;
  /** @default undefined */
  signal?: AbortSignal;
}

/** A queue's attributes with numbers as numbers. */
export interface QueueAttributes {
  arn: string;
  /** Visible messages. */
  approximateNumberOfMessages: number;
  /** In-flight messages (received, not yet deleted). */
  approximateNumberOfMessagesNotVisible: number;
  /** Messages still delayed. */
  approximateNumberOfMessagesDelayed: number;
  visibilityTimeout: number;
  delaySeconds: number;
  fifo: boolean;
  contentBasedDeduplication: boolean;
  /** The dead-letter target, when the queue has a redrive policy. */
  redrivePolicy: { deadLetterTargetArn: string; maxReceiveCount: number } | undefined;
  /** Every attribute as AWS returned it. */
  raw: Readonly<Record<string, string>>;
}

/** A queue the client created or found. */
export interface QueueRef {
  name: string;
  url: string;
  arn: string;
}

/** A topic the client created or found. */
export interface TopicRef {
  name: string;
  arn: string;
}

/** What `subscribeTo` returns. */
export interface Subscription {
  topic: TopicRef;
  queue: QueueRef;
  subscriptionArn: string;
  /** The dead-letter queue, when one was asked for. */
  dlq?: QueueRef;
}

/** The defaults the client's methods use. */
export const DEFAULT_CLIENT_OPTIONS = Object.freeze({
  pageSize: 1000,
  maxReceiveCount: 3,
  max: 10,
  wait: 0,
  ack: true,
  raw: false,
  drainedInterval: 50,
  expectNoMessageInterval: 100,
  fifoGroupId: "probity",
});

/**
 * Throws a TypeError unless `value` is undefined or an integer in `[min, max]`.
 * @internal
 */
export function assertOptionalInteger(option: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`Expected \`${option}\` to be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}
