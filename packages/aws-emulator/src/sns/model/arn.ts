/**
 * @module sns/model/arn
 * ARNs of topics, subscriptions and SQS queues, and the `InvalidParameter` errors AWS answers for
 * malformed ones.
 * @internal
 */

import { AwsServiceError } from "../../errors.js";

/** The parts of an `arn:aws:<service>:<region>:<account>:<resource>` ARN. */
export interface ParsedArn {
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  /** Everything after the account, colons included. */
  readonly resource: string;
}

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12}):(.+)$/;

/** Parses an ARN; `undefined` when `text` is not one. */
export function parseArn(text: string): ParsedArn | undefined {
  const match = ARN.exec(text);
  if (match === null) return undefined;
  const [, service = "", region = "", accountId = "", resource = ""] = match;
  return { service, region, accountId, resource };
}

/** `arn:aws:sns:<region>:<account>:<name>`. */
export function topicArn(region: string, accountId: string, name: string): string {
  return `arn:aws:sns:${region}:${accountId}:${name}`;
}

/** `InvalidParameter` with AWS's `Invalid parameter: <name>` message. */
export function invalidParameter(name: string): AwsServiceError {
  return new AwsServiceError("InvalidParameter", `Invalid parameter: ${name}`);
}

/**
 * Parses a topic ARN.
 * @throws AwsServiceError `InvalidParameter` (`Invalid parameter: TopicArn`) when it is not an SNS ARN.
 */
export function parseTopicArn(text: unknown, parameter = "TopicArn"): ParsedArn & { name: string } {
  const arn = typeof text === "string" ? parseArn(text) : undefined;
  if (arn === undefined || arn.service !== "sns" || arn.resource.includes(":")) throw invalidParameter(parameter);
  return { ...arn, name: arn.resource };
}

/**
 * Parses a subscription ARN (`<topic ARN>:<uuid>`).
 * @throws AwsServiceError `InvalidParameter` (`Invalid parameter: SubscriptionArn`) when malformed.
 */
export function parseSubscriptionArn(text: unknown): ParsedArn & { topicName: string } {
  const arn = typeof text === "string" ? parseArn(text) : undefined;
  const parts = arn?.resource.split(":") ?? [];
  if (arn === undefined || arn.service !== "sns" || parts.length !== 2) throw invalidParameter("SubscriptionArn");
  return { ...arn, topicName: parts[0] ?? "" };
}

/** Parses an SQS queue ARN; `undefined` when `text` is not one. */
export function parseQueueArn(text: string): (ParsedArn & { queueName: string }) | undefined {
  const arn = parseArn(text);
  if (arn === undefined || arn.service !== "sqs" || arn.resource.includes(":")) return undefined;
  return { ...arn, queueName: arn.resource };
}
