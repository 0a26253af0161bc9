import { describe, expect, it } from "vitest";
import { queueNamesOfEvent } from "./event-queues.js";

describe("queueNamesOfEvent", () => {
  it("returns the queue name when the event has one", () => {
    expect(queueNamesOfEvent({ type: "sqs.message-deleted", queueName: "orders" })).toEqual(["orders"]);
  });

  it("adds the dead-letter queue when a message was dead-lettered", () => {
    const event = { queueName: "orders", deadLetterQueueArn: "arn:aws:sqs:us-east-1:000000000000:orders-dlq" };
    expect(queueNamesOfEvent(event)).toEqual(["orders", "orders-dlq"]);
  });

  it("adds the destination queue when a message was moved", () => {
    const event = { queueName: "orders-dlq", destinationArn: "arn:aws:sqs:eu-west-1:123456789012:orders" };
    expect(queueNamesOfEvent(event)).toEqual(["orders-dlq", "orders"]);
  });

  it("returns nothing when the event concerns no queue or names a non-SQS ARN", () => {
    expect(queueNamesOfEvent({ type: "sns.topic-created", topicArn: "arn:aws:sns:us-east-1:0:t" })).toEqual([]);
    expect(queueNamesOfEvent({ destinationArn: "arn:aws:sns:us-east-1:000000000000:t" })).toEqual([]);
  });
});
