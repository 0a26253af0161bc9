/**
 * @module backends/event-queues
 * Which queues an emulator event concerns: its `queueName`, plus the queue a message went to when it
 * was dead-lettered (`deadLetterQueueArn`) or moved (`destinationArn`), so a wait on a dead-letter
 * queue wakes when a message lands there.
 */

/** The last segment of an SQS queue ARN (`arn:aws:sqs:region:account:name`), or `undefined`. */
function queueNameOfArn(arn: unknown): string | undefined {
  if (typeof arn !== "string" || !arn.startsWith("arn:")) return undefined;
  const parts = arn.split(":");
  return parts[2] === "sqs" && parts.length === 6 ? parts[5] : undefined;
}

/**
 * The names of the queues an emulator event concerns (empty for topic-only events).
 * @internal
 * @example
 * ```ts
 * queueNamesOfEvent({ queueName: "orders", deadLetterQueueArn: "arn:aws:sqs:us-east-1:000000000000:orders-dlq" });
 * // ["orders", "orders-dlq"]
 * ```
 */
export function queueNamesOfEvent(event: object): string[] {
  const { queueName, deadLetterQueueArn, destinationArn } = event as Record<string, unknown>;
  const names = typeof queueName === "string" ? [queueName] : [];
  for (const arn of [deadLetterQueueArn, destinationArn]) {
    const name = queueNameOfArn(arn);
    if (name !== undefined) names.push(name);
  }
  return names;
}
