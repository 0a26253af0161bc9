/**
 * @module sns/model/delivery
 * Delivery of one published message to one subscription: the filter policy, the body (notification
 * JSON or raw), SQS through {@link SqsDeliveryPort} with the subscription's `RedrivePolicy` when the
 * queue is gone, and `http`/`https` through {@link HttpDeliveryPort}.
 * @internal
 */

import type { AwsServiceError } from "../../errors.js";
import { toSqsAttribute } from "./message-attributes.js";
import { formatNotification } from "./notification.js";
import type { CheckedMessage, PublishMessage } from "./publish-input.js";
import type { Subscription } from "./subscription.js";
import type { Topic } from "./topic.js";
import type { HttpDeliveryPort, SnsEvent, SqsDeliveryMessage, SqsDeliveryPort } from "./types.js";

/** Everything about one publish that every subscription's delivery needs. */
export interface Publication {
  readonly topic: Topic;
  readonly input: PublishMessage;
  readonly checked: CheckedMessage;
  readonly messageId: string;
  readonly sequenceNumber?: string;
  readonly timestamp: number;
  readonly baseUrl: string;
}

/** The ports and the event sink delivery uses. */
export interface DeliveryPorts {
  readonly sqs: SqsDeliveryPort;
  readonly http?: HttpDeliveryPort;
  readonly emit: (event: SnsEvent) => void;
  readonly now: () => number;
}

function toError(error: unknown): AwsServiceError | Error {
  return error instanceof Error ? error : new Error(String(error));
}

function bodyFor(p: Publication, sub: Subscription): string {
  const message = p.checked.bodyFor(sub.protocol);
  if (sub.rawMessageDelivery) return message;
  return formatNotification({
    messageId: p.messageId,
    topicArn: p.topic.arn,
    subscriptionArn: sub.arn,
    region: p.topic.region,
    message,
    timestamp: p.timestamp,
    ...(p.input.subject === undefined ? {} : { subject: p.input.subject }),
    ...(p.sequenceNumber === undefined ? {} : { sequenceNumber: p.sequenceNumber }),
    ...(p.input.messageAttributes === undefined ? {} : { messageAttributes: p.input.messageAttributes }),
    baseUrl: p.baseUrl,
  });
}

function sqsMessage(p: Publication, sub: Subscription): SqsDeliveryMessage {
  const message: SqsDeliveryMessage = { body: bodyFor(p, sub) };
  const attributes = Object.entries(p.input.messageAttributes ?? {});
  if (sub.rawMessageDelivery && attributes.length > 0) {
    message.messageAttributes = Object.fromEntries(attributes.map(([name, value]) => [name, toSqsAttribute(value)]));
  }
  if (p.input.messageGroupId !== undefined) message.messageGroupId = p.input.messageGroupId;
  if (p.checked.deduplicationId !== undefined) message.messageDeduplicationId = p.checked.deduplicationId;
  return message;
}

function base(p: Publication, sub: Subscription, at: number) {
  return {
    accountId: p.topic.accountId,
    region: p.topic.region,
    topicArn: p.topic.arn,
    subscriptionArn: sub.arn,
    messageId: p.messageId,
    at,
  };
}

function deliverSqs(p: Publication, sub: Subscription, ports: DeliveryPorts): void {
  const message = sqsMessage(p, sub);
  const common = { ...base(p, sub, p.timestamp), protocol: sub.protocol, endpoint: sub.endpoint };
  try {
    ports.sqs.deliver(sub.endpoint, message);
    ports.emit({ type: "sns.delivered", ...common, at: ports.now() });
    return;
  } catch (error) {
    ports.emit({ type: "sns.delivery-failed", ...common, error: toError(error), at: ports.now() });
  }
  const dlq = sub.deadLetterTargetArn;
  if (dlq === undefined) return;
  try {
    ports.sqs.deliver(dlq, message);
    ports.emit({ type: "sns.delivered", ...common, deadLetterTargetArn: dlq, at: ports.now() });
  } catch (error) {
    ports.emit({ type: "sns.delivery-failed", ...common, endpoint: dlq, error: toError(error), at: ports.now() });
  }
}

function deliverHttp(p: Publication, sub: Subscription, ports: DeliveryPorts): void {
  const common = { ...base(p, sub, p.timestamp), protocol: sub.protocol, endpoint: sub.endpoint };
  const http = ports.http;
  if (http === undefined) {
    const error = new Error("no HttpDeliveryPort configured");
    ports.emit({ type: "sns.delivery-failed", ...common, error, at: ports.now() });
    return;
  }
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=UTF-8",
    "x-amz-sns-message-type": "Notification",
    "x-amz-sns-message-id": p.messageId,
    "x-amz-sns-topic-arn": p.topic.arn,
    "x-amz-sns-subscription-arn": sub.arn,
  };
  if (sub.rawMessageDelivery) headers["x-amz-sns-rawdelivery"] = "true";
  const failed = (error: unknown): void =>
    ports.emit({ type: "sns.delivery-failed", ...common, error: toError(error), at: ports.now() });
  http.post({ url: sub.endpoint, headers, body: bodyFor(p, sub) }).then((response) => {
    if (response.status >= 200 && response.status < 300) {
      ports.emit({ type: "sns.delivered", ...common, at: ports.now() });
    } else {
      failed(new Error(`endpoint answered HTTP ${response.status}`));
    }
  }, failed);
}

/**
 * Delivers a publication to one confirmed subscription, unless its filter policy drops it. SQS
 * delivery is synchronous; HTTP delivery is started and reported through events.
 */
export function deliverToSubscription(p: Publication, sub: Subscription, ports: DeliveryPorts): void {
  if (sub.filterPolicy !== undefined) {
    const input =
      p.input.messageAttributes === undefined
        ? { body: p.checked.bodyFor(sub.protocol) }
        : {
            body: p.checked.bodyFor(sub.protocol),
            messageAttributes: p.input.messageAttributes,
          };
    if (!sub.filterPolicy.matches(input)) {
      ports.emit({ type: "sns.filtered-out", ...base(p, sub, ports.now()) });
      return;
    }
  }
  if (sub.protocol === "sqs") deliverSqs(p, sub, ports);
  else if (sub.protocol === "http" || sub.protocol === "https") deliverHttp(p, sub, ports);
}
