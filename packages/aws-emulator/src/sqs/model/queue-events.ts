/**
 * @module sqs/model/queue-events
 * The fields every SQS event carries: which queue, and (for message events) which message.
 * @internal
 */

import type { EmulatorEventMap, SqsMessageEventBase } from "../../events.js";

/** What names a queue in an event. @internal */
export interface EventQueue {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
}

/** The common fields of a queue event at `at`. @internal */
export function queueEventBase(queue: EventQueue, at: number): EmulatorEventMap["sqs.queue-purged"] {
  return { accountId: queue.accountId, region: queue.region, queueName: queue.name, queueArn: queue.arn, at };
}

/** The common fields of a message event at `at`. @internal */
export function messageEventBase(queue: EventQueue, messageId: string, at: number): SqsMessageEventBase {
  return {
    accountId: queue.accountId,
    region: queue.region,
    queueName: queue.name,
    queueArn: queue.arn,
    messageId,
    at,
  };
}
