/**
 * @module sns/actions
 * The SNS action table: AWS action name -> handler. Inputs and outputs use AWS member names exactly as
 * botocore's `sns/2010-03-31/service-2.json` spells them (`Attributes` as a map, `Tags` as a list of
 * `{Key, Value}`, `MessageAttributes` as a map of `{DataType, StringValue, BinaryValue}`), so the Query
 * and JSON protocol adapters only decode and encode. See `SNS.md` for the Query shapes.
 */

import { AwsServiceError } from "../errors.js";
import type { PublishMessage } from "./model/publish-input.js";
import type { PublishBatchEntry, SnsModel, SubscriptionSummary } from "./model/sns-model.js";
import type { SnsMessageAttribute } from "./model/types.js";

/** What the protocol layer knows about a request. */
export interface SnsRequestContext {
  readonly accountId: string;
  readonly region: string;
  readonly requestId: string;
  /** The base URL the client addressed, e.g. `http://127.0.0.1:4566`; used for `UnsubscribeURL`. */
  readonly baseUrl: string;
}

/** One action: AWS member-named input in, AWS member-named output out. */
export type SnsActionHandler = (input: Record<string, unknown>, ctx: SnsRequestContext) => unknown | Promise<unknown>;

/** The actions the table serves. */
export const SNS_ACTION_NAMES = [
  "CreateTopic",
  "DeleteTopic",
  "ListTopics",
  "GetTopicAttributes",
  "SetTopicAttributes",
  "Subscribe",
  "ConfirmSubscription",
  "Unsubscribe",
  "ListSubscriptions",
  "ListSubscriptionsByTopic",
  "GetSubscriptionAttributes",
  "SetSubscriptionAttributes",
  "Publish",
  "PublishBatch",
  "TagResource",
  "UntagResource",
  "ListTagsForResource",
] as const;

/** An SNS action name. */
export type SnsActionName = (typeof SNS_ACTION_NAMES)[number];

function missing(member: string): AwsServiceError {
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  return new AwsServiceError(
    "ValidationError",
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  );
}

function required(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (value === undefined || value === null) throw missing(member);
  return typeof value === "string" ? value : String(value);
}

function optional(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  return value === undefined || value === null ? undefined : String(value);
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? v : String(v)]));
}

function tagMap(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const tag of value as Record<string, unknown>[]) {
    if (tag?.Key === undefined || tag?.Value === undefined)
      throw new AwsServiceError("InvalidParameter", "Invalid parameter: Tags");
    out[String(tag.Key)] = String(tag.Value);
  }
  return out;
}

function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") return new Uint8Array(Buffer.from(value, "base64"));
  return undefined;
}

function messageAttributes(value: unknown): Record<string, SnsMessageAttribute> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const out: Record<string, SnsMessageAttribute> = {};
  for (const [name, raw] of Object.entries(value as Record<string, Record<string, unknown> | undefined>)) {
    const binary = toBytes(raw?.BinaryValue);
    out[name] = {
      dataType: typeof raw?.DataType === "string" ? raw.DataType : "",
      ...(typeof raw?.StringValue === "string" ? { stringValue: raw.StringValue } : {}),
      ...(binary === undefined ? {} : { binaryValue: binary }),
    };
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function publishMessage(input: Record<string, unknown>): PublishMessage {
  const attributes = messageAttributes(input.MessageAttributes);
  const pick = (member: string) => optional(input, member);
  const subject = pick("Subject");
  const structure = pick("MessageStructure");
  const group = pick("MessageGroupId");
  const dedup = pick("MessageDeduplicationId");
  return {
    message: required(input, "Message"),
    ...(subject === undefined ? {} : { subject }),
    ...(structure === undefined ? {} : { messageStructure: structure }),
    ...(attributes === undefined ? {} : { messageAttributes: attributes }),
    ...(group === undefined ? {} : { messageGroupId: group }),
    ...(dedup === undefined ? {} : { messageDeduplicationId: dedup }),
  };
}

function subscriptionsOutput(result: { subscriptions: SubscriptionSummary[]; nextToken?: string }) {
  const Subscriptions = result.subscriptions.map((s) => ({
    SubscriptionArn: s.subscriptionArn,
    Owner: s.owner,
    Protocol: s.protocol,
    Endpoint: s.endpoint,
    TopicArn: s.topicArn,
  }));
  return result.nextToken === undefined ? { Subscriptions } : { Subscriptions, NextToken: result.nextToken };
}

function publishTarget(input: Record<string, unknown>): string {
  const topicArn = optional(input, "TopicArn");
  const targetArn = optional(input, "TargetArn");
  if (optional(input, "PhoneNumber") !== undefined) {
    throw new AwsServiceError("InvalidParameter", "Invalid parameter: PhoneNumber Reason: SMS is not emulated");
  }
  if (topicArn !== undefined && targetArn !== undefined) {
    throw new AwsServiceError(
      "InvalidParameter",
      "Invalid parameter: TopicArn or TargetArn Reason: Only one of TopicArn or TargetArn may be specified",
    );
  }
  const arn = topicArn ?? targetArn;
  if (arn === undefined) {
    throw new AwsServiceError(
      "InvalidParameter",
      "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter",
    );
  }
  return arn;
}

/**
 * Builds the SNS action table over a model.
 *
 * @example
 * ```ts
 * const actions = createSnsActions(new SnsModel({ clock, sqs }));
 * const out = await actions.CreateTopic({ Name: "orders" }, { accountId, region, requestId, baseUrl });
 * // out = { TopicArn: "arn:aws:sns:us-east-1:000000000000:orders" }
 * ```
 */
export function createSnsActions(model: SnsModel): Record<SnsActionName, SnsActionHandler> {
  return {
    CreateTopic: (input, ctx) => ({
      TopicArn: model.createTopic(ctx, {
        name: required(input, "Name"),
        attributes: stringMap(input.Attributes),
        tags: tagMap(input.Tags),
      }),
    }),
    DeleteTopic: (input, ctx) => {
      model.deleteTopic(ctx, required(input, "TopicArn"));
      return {};
    },
    ListTopics: (input, ctx) => {
      const result = model.listTopics(ctx, input.NextToken);
      const Topics = result.topicArns.map((TopicArn) => ({ TopicArn }));
      return result.nextToken === undefined ? { Topics } : { Topics, NextToken: result.nextToken };
    },
    GetTopicAttributes: (input, ctx) => ({ Attributes: model.getTopicAttributes(ctx, required(input, "TopicArn")) }),
    SetTopicAttributes: (input, ctx) => {
      model.setTopicAttribute(
        ctx,
        required(input, "TopicArn"),
        required(input, "AttributeName"),
        input.AttributeValue ?? "",
      );
      return {};
    },
    Subscribe: (input, ctx) => ({
      SubscriptionArn: model.subscribe(ctx, {
        topicArn: required(input, "TopicArn"),
        protocol: required(input, "Protocol"),
        endpoint: input.Endpoint,
        attributes: stringMap(input.Attributes),
        returnSubscriptionArn: String(input.ReturnSubscriptionArn).toLowerCase() === "true",
        baseUrl: ctx.baseUrl,
      }),
    }),
    ConfirmSubscription: (input, ctx) => ({
      SubscriptionArn: model.confirmSubscription(ctx, required(input, "TopicArn"), required(input, "Token")),
    }),
    Unsubscribe: (input, ctx) => {
      model.unsubscribe(ctx, required(input, "SubscriptionArn"));
      return {};
    },
    ListSubscriptions: (input, ctx) => subscriptionsOutput(model.listSubscriptions(ctx, input.NextToken)),
    ListSubscriptionsByTopic: (input, ctx) =>
      subscriptionsOutput(model.listSubscriptionsByTopic(ctx, required(input, "TopicArn"), input.NextToken)),
    GetSubscriptionAttributes: (input, ctx) => ({
      Attributes: model.getSubscriptionAttributes(ctx, required(input, "SubscriptionArn")),
    }),
    SetSubscriptionAttributes: (input, ctx) => {
      model.setSubscriptionAttribute(
        ctx,
        required(input, "SubscriptionArn"),
        required(input, "AttributeName"),
        input.AttributeValue ?? "",
      );
      return {};
    },
    Publish: (input, ctx) => {
      const topicArn = publishTarget(input);
      const result = model.publish(ctx, { topicArn, ...publishMessage(input) }, ctx.baseUrl);
      return result.sequenceNumber === undefined
        ? { MessageId: result.messageId }
        : { MessageId: result.messageId, SequenceNumber: result.sequenceNumber };
    },
    PublishBatch: (input, ctx) => {
      const topicArn = required(input, "TopicArn");
      const raw = input.PublishBatchRequestEntries;
      if (raw === undefined || raw === null) throw missing("PublishBatchRequestEntries");
      const entries: PublishBatchEntry[] = (Array.isArray(raw) ? raw : []).map((entry: Record<string, unknown>) => ({
        id: required(entry, "Id"),
        ...publishMessage(entry),
      }));
      const result = model.publishBatch(ctx, topicArn, entries, ctx.baseUrl);
      return {
        Successful: result.successful.map((s) =>
          s.sequenceNumber === undefined
            ? { Id: s.id, MessageId: s.messageId }
            : { Id: s.id, MessageId: s.messageId, SequenceNumber: s.sequenceNumber },
        ),
        Failed: result.failed.map((f) => ({ Id: f.id, Code: f.code, Message: f.message, SenderFault: f.senderFault })),
      };
    },
    TagResource: (input, ctx) => {
      if (input.Tags === undefined || input.Tags === null) throw missing("Tags");
      model.tagResource(ctx, required(input, "ResourceArn"), tagMap(input.Tags));
      return {};
    },
    UntagResource: (input, ctx) => {
      const keys = input.TagKeys;
      if (keys === undefined || keys === null) throw missing("TagKeys");
      model.untagResource(ctx, required(input, "ResourceArn"), Array.isArray(keys) ? keys.map(String) : []);
      return {};
    },
    ListTagsForResource: (input, ctx) => ({
      Tags: Object.entries(model.listTagsForResource(ctx, required(input, "ResourceArn"))).map(([Key, Value]) => ({
        Key,
        Value,
      })),
    }),
  };
}
