/**
 * @module decode-message
 * Turns a received SQS message into what the test client's `receive()` returns: SNS notification
 * unwrapped, envelope applied, payload validated, attributes decoded into one shape.
 */
import type { MessageAttributeValue, SqsMessageAttributeLike, SystemAttributes } from "./attributes.js";
import { decodeSnsAttributes, decodeSqsAttributes, decodeSystemAttributes } from "./attributes.js";
import type { Envelope, EnvelopeParseResult } from "./envelope.js";
import { raw as rawEnvelope } from "./envelopes/raw.js";
import { PayloadDecodeError } from "./errors.js";
import type { StandardSchemaV1 } from "./schema.js";
import { isStandardSchema, validateSchema } from "./schema.js";
import type { SnsNotification } from "./sns-notification.js";
import { parseSnsNotification } from "./sns-notification.js";

/** A received SQS message: the SDK v3 `Message` type fits, and so does the JSON protocol's raw shape. */
export interface SqsMessageLike {
  MessageId?: string | undefined;
  ReceiptHandle?: string | undefined;
  MD5OfBody?: string | undefined;
  Body?: string | undefined;
  /** System attributes (`ApproximateReceiveCount`, `SentTimestamp`, …). */
  Attributes?: Readonly<Record<string, string | undefined>> | undefined;
  MessageAttributes?: Readonly<Record<string, SqsMessageAttributeLike>> | undefined;
}

/** Options of {@link decodeMessage}. */
export interface DecodeMessageOptions<TPayload = unknown, TMetadata = unknown, TSchema = undefined> {
  /** How the body is wrapped. @default raw */
  envelope?: Envelope<TPayload, TMetadata, never> | undefined;
  /** A Standard Schema validator (zod, valibot, arktype, …) the payload must satisfy. @default undefined */
  schema?: TSchema;
  /** The queue the message came from, named in errors. @default undefined */
  queue?: string | undefined;
  /** Unwrap SNS notifications (raw message delivery off) before applying the envelope. @default true */
  unwrapNotification?: boolean | undefined;
}

/** The defaults of {@link DecodeMessageOptions}. */
export const DEFAULT_DECODE_MESSAGE_OPTIONS = Object.freeze({ envelope: rawEnvelope, unwrapNotification: true });

/** A decoded message, as `receive()` returns it. */
export interface DecodedMessage<TPayload = unknown, TMetadata = unknown> {
  /** The payload: the envelope's output, validated (and transformed) by the schema if one was given. */
  payload: TPayload;
  /** What the envelope reported besides the payload (for `jsonBase`: service, message uuid, timestamp…). */
  metadata: TMetadata;
  /** Message attributes, from SQS or from the SNS notification, in one shape. */
  attributes: Record<string, MessageAttributeValue>;
  /** SQS system attributes. */
  systemAttributes: SystemAttributes;
  /** The SQS message id. */
  messageId: string | undefined;
  /** The receipt handle, to delete the message or change its visibility. */
  receiptHandle: string | undefined;
  /** The body the envelope parsed (the notification's `Message` when unwrapped). */
  body: string;
  /** The SNS notification the body was unwrapped from, when it was one. */
  notification?: SnsNotification;
  /** The message as received. */
  raw: SqsMessageLike;
}

/** The payload type {@link decodeMessage} yields: the schema's output if there is a schema, else the envelope's. */
export type DecodedPayload<TPayload, TSchema> = TSchema extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<TSchema>
  : TPayload;

function resolveDecodeMessageOptions<TPayload, TMetadata, TSchema>(
  options: DecodeMessageOptions<TPayload, TMetadata, TSchema>,
): { envelope: Envelope<TPayload, TMetadata, never>; unwrap: boolean } {
  const envelope = (options.envelope ?? DEFAULT_DECODE_MESSAGE_OPTIONS.envelope) as Envelope<
    TPayload,
    TMetadata,
    never
  >;
  if (typeof envelope !== "object" || envelope === null || typeof envelope.parse !== "function") {
    throw new TypeError(`decodeMessage: option "envelope" must have a parse function, got ${String(envelope)}`);
  }
  if (options.schema !== undefined && !isStandardSchema(options.schema)) {
    throw new TypeError(
      `decodeMessage: option "schema" must be a Standard Schema v1 validator, got ${typeof options.schema}`,
    );
  }
  const unwrap = options.unwrapNotification ?? DEFAULT_DECODE_MESSAGE_OPTIONS.unwrapNotification;
  if (typeof unwrap !== "boolean") {
    throw new TypeError(`decodeMessage: option "unwrapNotification" must be a boolean, got ${String(unwrap)}`);
  }
  return { envelope, unwrap };
}

function topicFromMetadata(metadata: unknown): string | undefined {
  if (typeof metadata !== "object" || metadata === null) return undefined;
  const topic = (metadata as { topic?: unknown }).topic;
  return typeof topic === "string" && topic !== "" ? topic : undefined;
}

/**
 * Decodes a received SQS message: unwraps an SNS notification, parses the body with the envelope,
 * validates the payload with the schema, and decodes message and system attributes.
 *
 * @param message - the message as received (SDK v3 `Message`).
 * @returns the decoded message; its `payload` is typed by the schema's output, else by the envelope.
 * @throws PayloadDecodeError (`not-json`, `wrong-envelope` or `schema-mismatch`) naming the queue
 * and topic when known and showing the body; TypeError naming the option when an option is invalid.
 *
 * @example
 * ```ts
 * const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ["All"] }));
 * const [message] = await Promise.all(Messages.map((m) => decodeMessage(m, { envelope: jsonBase, schema: OrderCreated })));
 * message.payload.order_id; // typed by the schema
 * ```
 */
export async function decodeMessage<
  TPayload = unknown,
  TMetadata = unknown,
  TSchema extends StandardSchemaV1 | undefined = undefined,
>(
  message: SqsMessageLike,
  options: DecodeMessageOptions<TPayload, TMetadata, TSchema> = {},
): Promise<DecodedMessage<DecodedPayload<TPayload, TSchema>, TMetadata>> {
  const { envelope, unwrap } = resolveDecodeMessageOptions(options);
  const received = message.Body ?? "";
  const notification = unwrap ? parseSnsNotification(received) : undefined;
  const body = notification?.message ?? received;
  const context = { envelope: envelope.name, queue: options.queue, topic: notification?.topic };

  let parsed: EnvelopeParseResult<TPayload, TMetadata>;
  try {
    parsed = await envelope.parse(body);
  } catch (error) {
    if (error instanceof PayloadDecodeError) throw error.withContext(context);
    const detail = `envelope ${envelope.name} threw: ${error instanceof Error ? error.message : String(error)}`;
    throw new PayloadDecodeError({ ...definedOnly(context), reason: "wrong-envelope", body, detail, cause: error });
  }

  let payload: unknown = parsed.payload;
  if (options.schema !== undefined) {
    const topic = context.topic ?? topicFromMetadata(parsed.metadata);
    let validation: Awaited<ReturnType<typeof validateSchema>>;
    try {
      validation = await validateSchema(options.schema, payload);
    } catch (error) {
      const detail = `the validator threw: ${error instanceof Error ? error.message : String(error)}`;
      throw new PayloadDecodeError({
        ...definedOnly({ ...context, topic }),
        reason: "schema-mismatch",
        body,
        detail,
        cause: error,
      });
    }
    if (!validation.ok) {
      throw new PayloadDecodeError({
        ...definedOnly({ ...context, topic }),
        reason: "schema-mismatch",
        body,
        issues: validation.issues,
      });
    }
    payload = validation.value;
  }

  const decoded: DecodedMessage<DecodedPayload<TPayload, TSchema>, TMetadata> = {
    payload: payload as DecodedPayload<TPayload, TSchema>,
    metadata: parsed.metadata,
    attributes: {
      ...decodeSqsAttributes(message.MessageAttributes),
      ...decodeSnsAttributes(notification?.messageAttributes),
    },
    systemAttributes: decodeSystemAttributes(message.Attributes),
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body,
    raw: message,
  };
  if (notification !== undefined) decoded.notification = notification;
  return decoded;
}

function definedOnly<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
