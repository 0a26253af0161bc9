/**
 * @module cli/apply-topology
 * Creates an `--init` topology through the emulator's own request handler (in-process, no socket), the
 * way a client would: SQS over AWS JSON 1.0, SNS over the Query protocol. Going through the wire keeps
 * the CLI independent of the models' internals.
 */

import type { AwsEmulator } from "../emulator.js";
import { parseXml } from "../protocol/xml.js";
import type { Topology, TopologyQueue } from "./topology.js";

/** What {@link applyTopology} created. */
export interface TopologySummary {
  queues: number;
  topics: number;
  subscriptions: number;
  /** Set when the emulator serves no SNS: topics and subscriptions were skipped. */
  snsUnavailable: boolean;
}

/** A failed creation; the message names what and why (`CreateQueue orders: InvalidAttributeValue …`). */
export class TopologyError extends Error {
  readonly code = "ERR_PROBITY_AWS_INIT";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TopologyError";
  }
}

type Emulator = Pick<AwsEmulator, "handler" | "endpoint" | "region">;

async function sqs(aws: Emulator, action: string, input: unknown): Promise<Record<string, unknown>> {
  const response = await aws.handler.handle(
    new Request(`${aws.endpoint}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `AmazonSQS.${action}`,
        authorization: `AWS4-HMAC-SHA256 Credential=test/20250101/${aws.region}/sqs/aws4_request, SignedHeaders=host, Signature=init`,
      },
      body: JSON.stringify(input),
    }),
  );
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200) {
    const type = String(body.__type ?? "Error").replace(/^.*#/, "");
    throw new TopologyError(`${action}: ${type}: ${String(body.message ?? "")}`);
  }
  return body;
}

/** `undefined` when no service answers SNS actions. */
async function sns(
  aws: Emulator,
  action: string,
  params: Record<string, string>,
): Promise<Record<string, unknown> | undefined> {
  const form = new URLSearchParams({ Action: action, Version: "2010-03-31", ...params });
  const response = await aws.handler.handle(
    new Request(`${aws.endpoint}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
        authorization: `AWS4-HMAC-SHA256 Credential=test/20250101/${aws.region}/sns/aws4_request, SignedHeaders=host, Signature=init`,
      },
      body: form.toString(),
    }),
  );
  const parsed = parseXml(await response.text()) as Record<string, Record<string, unknown> | undefined>;
  if (response.status !== 200) {
    const error = (parsed.ErrorResponse?.Error ?? {}) as Record<string, unknown>;
    if (error.Code === "InvalidAction") return undefined;
    throw new TopologyError(`${action}: ${String(error.Code ?? response.status)}: ${String(error.Message ?? "")}`);
  }
  return (parsed[`${action}Response`]?.[`${action}Result`] ?? {}) as Record<string, unknown>;
}

function attributeParams(attributes: Record<string, string>): Record<string, string> {
  const params: Record<string, string> = {};
  Object.entries(attributes).forEach(([key, value], i) => {
    params[`Attributes.entry.${i + 1}.key`] = key;
    params[`Attributes.entry.${i + 1}.value`] = value;
  });
  return params;
}

async function createQueue(aws: Emulator, name: string, attributes: Record<string, string>): Promise<string> {
  try {
    const created = await sqs(aws, "CreateQueue", { QueueName: name, Attributes: attributes });
    const url = String(created.QueueUrl);
    const read = await sqs(aws, "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["QueueArn"] });
    return String((read.Attributes as Record<string, unknown>).QueueArn);
  } catch (error) {
    throw new TopologyError(`queue "${name}": ${(error as Error).message}`, { cause: error });
  }
}

async function createQueueWithDlq(aws: Emulator, queue: TopologyQueue, arns: Map<string, string>): Promise<number> {
  const attributes = { ...queue.attributes };
  let created = 0;
  if (queue.dlq !== undefined) {
    const dlqArn = await createQueue(aws, queue.dlq.name, { ...queue.dlq.attributes });
    arns.set(queue.dlq.name, dlqArn);
    created++;
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: dlqArn,
      maxReceiveCount: queue.dlq.maxReceiveCount,
    });
  }
  arns.set(queue.name, await createQueue(aws, queue.name, attributes));
  return created + 1;
}

/**
 * Creates the topology's queues (DLQs first, then their sources with a `RedrivePolicy`), topics and
 * SQS subscriptions, in the emulator's default account and region. When the emulator serves no SNS,
 * topics and subscriptions are skipped and `snsUnavailable` is set.
 * @throws TopologyError naming the resource and the AWS error when a creation fails.
 * @example
 * ```ts
 * const summary = await applyTopology(aws, await loadTopology("topology.json"));
 * ```
 */
export async function applyTopology(aws: Emulator, topology: Topology): Promise<TopologySummary> {
  const summary: TopologySummary = { queues: 0, topics: 0, subscriptions: 0, snsUnavailable: false };
  const queueArns = new Map<string, string>();
  for (const queue of topology.queues) summary.queues += await createQueueWithDlq(aws, queue, queueArns);

  const topicArns = new Map<string, string>();
  for (const topic of topology.topics) {
    const result = await sns(aws, "CreateTopic", { Name: topic.name, ...attributeParams({ ...topic.attributes }) });
    if (result === undefined) {
      summary.snsUnavailable = true;
      return summary;
    }
    topicArns.set(topic.name, String(result.TopicArn));
    summary.topics++;
  }
  for (const subscription of topology.subscriptions) {
    const attributes: Record<string, string> = {};
    if (subscription.raw) attributes.RawMessageDelivery = "true";
    if (subscription.filterPolicy !== undefined) attributes.FilterPolicy = JSON.stringify(subscription.filterPolicy);
    if (subscription.filterPolicyScope !== undefined) attributes.FilterPolicyScope = subscription.filterPolicyScope;
    const result = await sns(aws, "Subscribe", {
      TopicArn: topicArns.get(subscription.topic) as string,
      Protocol: "sqs",
      Endpoint: queueArns.get(subscription.queue) as string,
      ReturnSubscriptionArn: "true",
      ...attributeParams(attributes),
    });
    if (result === undefined) {
      summary.snsUnavailable = true;
      return summary;
    }
    summary.subscriptions++;
  }
  return summary;
}
