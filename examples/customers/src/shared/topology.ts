/**
 * @module shared/topology
 * Idempotent set-up of topics, queues, dead-letter queues and SNS -> SQS subscriptions, as tomodachi does
 * when a service starts: every call may run again on every start, against an empty or a ready account.
 */
import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  type SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/** A queue's URL (for SQS calls) and ARN (for SNS and redrive policies). */
export interface QueueRef {
  url: string;
  arn: string;
}

/** What {@link ensureSubscribedQueue} sets up. */
export interface SubscribedQueueSpec {
  /** The SNS topic to subscribe to (created if missing). */
  topic: string;
  /** The SQS queue that receives the topic's messages (created if missing). */
  queue: string;
  /** Dead-letter queue and how many receives a message gets before it moves there. */
  dlq?: { name: string; maxReceiveCount: number };
  /** The queue's `VisibilityTimeout` in seconds; left as it is when absent. */
  visibilityTimeout?: number;
  /**
   * Raw message delivery. tomodachi leaves it off, so the SQS body is the SNS notification JSON.
   * @default false
   */
  raw?: boolean;
}

/** The result of {@link ensureSubscribedQueue}. */
export interface SubscribedQueue {
  topicArn: string;
  queue: QueueRef;
  dlq?: QueueRef;
  subscriptionArn: string;
}

/**
 * Creates the topic if missing (SNS `CreateTopic` is idempotent) and returns its ARN.
 *
 * @example
 * ```ts
 * const topicArn = await ensureTopic(sns, "order--created");
 * ```
 */
export async function ensureTopic(sns: SNSClient, name: string): Promise<string> {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
  if (!TopicArn) throw new Error(`CreateTopic ${name} returned no TopicArn`);
  return TopicArn;
}

/**
 * Returns the queue, creating it if missing, then applies `attributes` (so a changed visibility timeout or
 * redrive policy takes effect on an existing queue too, where `CreateQueue` would fail).
 *
 * @example
 * ```ts
 * const dlq = await ensureQueue(sqs, "customer--order-created--dlq");
 * ```
 */
export async function ensureQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string> = {},
): Promise<QueueRef> {
  let url: string | undefined;
  try {
    url = (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist)) throw error;
  }
  url ??= (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl;
  if (!url) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  if (Object.keys(attributes).length > 0) {
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
  }
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`GetQueueAttributes ${name} returned no QueueArn`);
  return { url, arn };
}

/**
 * The queue policy tomodachi writes: the topic may `SQS:SendMessage` to the queue.
 * @internal
 */
export function snsToSqsPolicy(queueArn: string, topicArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Id: `${queueArn}/SQSDefaultPolicy`,
    Statement: [
      {
        Sid: "AllowTopicToSendMessage",
        Effect: "Allow",
        Principal: "*",
        Action: "SQS:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
      },
    ],
  });
}

/**
 * Subscribes the queue to the topic unless a subscription of that queue already exists (every page of
 * `ListSubscriptionsByTopic` is read).
 *
 * @returns The subscription ARN.
 */
export async function ensureSubscription(
  sns: SNSClient,
  options: { topicArn: string; queueArn: string; raw?: boolean },
): Promise<string> {
  let token: string | undefined;
  do {
    const page = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: options.topicArn, NextToken: token }));
    const found = page.Subscriptions?.find((s) => s.Protocol === "sqs" && s.Endpoint === options.queueArn);
    if (found?.SubscriptionArn) return found.SubscriptionArn;
    token = page.NextToken;
  } while (token);
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({
      TopicArn: options.topicArn,
      Protocol: "sqs",
      Endpoint: options.queueArn,
      ReturnSubscriptionArn: true,
      ...(options.raw ? { Attributes: { RawMessageDelivery: "true" } } : {}),
    }),
  );
  if (!SubscriptionArn) throw new Error(`Subscribe ${options.queueArn} to ${options.topicArn} returned no ARN`);
  return SubscriptionArn;
}

/**
 * Ensures topic, DLQ and queue exist (concurrently), then sets the queue's visibility timeout, redrive policy
 * and queue policy, then subscribes it. Safe to call on every start.
 *
 * @example
 * ```ts
 * const { queue } = await ensureSubscribedQueue(clients, {
 *   topic: "order--created",
 *   queue: "customer--order-created",
 *   dlq: { name: "customer--order-created--dlq", maxReceiveCount: 3 },
 *   visibilityTimeout: 30,
 * });
 * ```
 */
export async function ensureSubscribedQueue(
  clients: { sns: SNSClient; sqs: SQSClient },
  spec: SubscribedQueueSpec,
): Promise<SubscribedQueue> {
  const [topicArn, dlq, queue] = await Promise.all([
    ensureTopic(clients.sns, spec.topic),
    spec.dlq ? ensureQueue(clients.sqs, spec.dlq.name) : undefined,
    ensureQueue(clients.sqs, spec.queue),
  ]);
  const attributes: Record<string, string> = { Policy: snsToSqsPolicy(queue.arn, topicArn) };
  if (spec.visibilityTimeout !== undefined) attributes.VisibilityTimeout = String(spec.visibilityTimeout);
  if (dlq && spec.dlq) {
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: dlq.arn,
      maxReceiveCount: String(spec.dlq.maxReceiveCount),
    });
  }
  await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: attributes }));
  const subscriptionArn = await ensureSubscription(clients.sns, {
    topicArn,
    queueArn: queue.arn,
    ...(spec.raw === undefined ? {} : { raw: spec.raw }),
  });
  return { topicArn, queue, ...(dlq ? { dlq } : {}), subscriptionArn };
}
