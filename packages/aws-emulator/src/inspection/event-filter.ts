/**
 * @module inspection/event-filter
 * Which emulator events a subscriber wants: by queue, topic, event type, account and region. Shared by
 * the in-process `aws.events.subscribe`/`stream` and the HTTP `GET /_probity/events` stream.
 */

import type { EmulatorEvent } from "../events.js";

/**
 * Selects events. Every given criterion must match; a list matches when any entry does. An empty
 * filter matches everything.
 *
 * @example
 * ```ts
 * const filter: EmulatorEventFilter = { queue: "orders", type: ["sqs.message-deleted", "sqs.message-dead-lettered"] };
 * ```
 */
export interface EmulatorEventFilter {
  /**
   * Queue name or ARN: events of that queue, dead-letter and move events whose destination it is, and
   * SNS deliveries to it. @default undefined (any)
   */
  queue?: string | readonly string[] | undefined;
  /** Topic name or ARN (SNS events). @default undefined (any) */
  topic?: string | readonly string[] | undefined;
  /** Event type; an entry ending in `*` matches a prefix (`"sqs.*"`). @default undefined (any) */
  type?: string | readonly string[] | undefined;
  /** @default undefined (any) */
  accountId?: string | undefined;
  /** @default undefined (any) */
  region?: string | undefined;
}

function list(value: string | readonly string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? [value] : value;
}

/** Whether `arn` names `wanted` (an ARN, or the resource name after the last colon). */
function namesResource(arn: unknown, wanted: string): boolean {
  if (typeof arn !== "string") return false;
  if (wanted.startsWith("arn:")) return arn === wanted;
  return arn.endsWith(`:${wanted}`) && arn.length > wanted.length;
}

function matchesQueue(event: Record<string, unknown>, wanted: string): boolean {
  if (wanted.startsWith("arn:")) {
    if (event.queueArn === wanted) return true;
  } else if (event.queueName === wanted) {
    return true;
  }
  return (
    namesResource(event.deadLetterQueueArn, wanted) ||
    namesResource(event.destinationArn, wanted) ||
    (event.type === "sns.delivered" || event.type === "sns.filtered-out" || event.type === "sns.delivery-failed"
      ? namesResource(event.endpoint, wanted)
      : false)
  );
}

function matchesType(type: string, wanted: string): boolean {
  return wanted.endsWith("*") ? type.startsWith(wanted.slice(0, -1)) : type === wanted;
}

/**
 * Tests one event against a filter.
 * @returns `true` when every criterion of `filter` matches.
 * @example
 * ```ts
 * matchesEventFilter(event, { type: "sqs.*" });
 * ```
 */
export function matchesEventFilter(event: EmulatorEvent, filter: EmulatorEventFilter): boolean {
  const record = event as unknown as Record<string, unknown>;
  const types = list(filter.type);
  if (types !== undefined && !types.some((wanted) => matchesType(event.type, wanted))) return false;
  const queues = list(filter.queue);
  if (queues !== undefined && !queues.some((wanted) => matchesQueue(record, wanted))) return false;
  const topics = list(filter.topic);
  if (topics !== undefined && !topics.some((wanted) => namesResource(record.topicArn, wanted))) return false;
  if (filter.accountId !== undefined && record.accountId !== filter.accountId) return false;
  if (filter.region !== undefined && record.region !== filter.region) return false;
  return true;
}

/** Whether the filter selects nothing in particular (fast path). @internal */
export function isEmptyEventFilter(filter: EmulatorEventFilter): boolean {
  return (
    filter.queue === undefined &&
    filter.topic === undefined &&
    filter.type === undefined &&
    filter.accountId === undefined &&
    filter.region === undefined
  );
}

/**
 * Reads a filter from URL query parameters: repeated or comma-separated `queue`, `topic` and `type`,
 * plus `accountId` and `region`.
 * @example
 * ```ts
 * parseEventFilter(new URLSearchParams("queue=orders&type=sqs.message-sent,sqs.message-deleted"));
 * ```
 */
export function parseEventFilter(params: URLSearchParams): EmulatorEventFilter {
  const many = (name: string): string[] | undefined => {
    const values = params
      .getAll(name)
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter((value) => value !== "");
    return values.length === 0 ? undefined : values;
  };
  const filter: EmulatorEventFilter = {};
  const queue = many("queue");
  if (queue !== undefined) filter.queue = queue;
  const topic = many("topic");
  if (topic !== undefined) filter.topic = topic;
  const type = many("type");
  if (type !== undefined) filter.type = type;
  const accountId = params.get("accountId");
  if (accountId !== null && accountId !== "") filter.accountId = accountId;
  const region = params.get("region");
  if (region !== null && region !== "") filter.region = region;
  return filter;
}
