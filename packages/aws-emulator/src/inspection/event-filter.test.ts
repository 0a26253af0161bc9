import { describe, expect, it } from "vitest";
import type { EmulatorEvent } from "../events.js";
import { matchesEventFilter, parseEventFilter } from "./event-filter.js";

const base = { accountId: "000000000000", region: "us-east-1", messageId: "m", at: 0 };
const sentToOrders = {
  type: "sqs.message-sent",
  ...base,
  queueName: "orders",
  queueArn: "arn:aws:sqs:us-east-1:000000000000:orders",
  body: "x",
  delaySeconds: 0,
} as EmulatorEvent;
const deadLettered = {
  type: "sqs.message-dead-lettered",
  ...base,
  queueName: "orders",
  queueArn: "arn:aws:sqs:us-east-1:000000000000:orders",
  deadLetterQueueArn: "arn:aws:sqs:us-east-1:000000000000:orders-dlq",
  receiveCount: 3,
} as EmulatorEvent;
const published = {
  type: "sns.published",
  ...base,
  topicArn: "arn:aws:sns:us-east-1:000000000000:order--created",
} as EmulatorEvent;

describe("matchesEventFilter", () => {
  it("matches a queue by name or ARN when the event is about that queue", () => {
    expect(matchesEventFilter(sentToOrders, { queue: "orders" })).toBe(true);
    expect(matchesEventFilter(sentToOrders, { queue: "arn:aws:sqs:us-east-1:000000000000:orders" })).toBe(true);
    expect(matchesEventFilter(sentToOrders, { queue: "ord" })).toBe(false);
  });

  it("matches the dead-letter queue when a message moves there", () => {
    expect(matchesEventFilter(deadLettered, { queue: "orders-dlq" })).toBe(true);
  });

  it("matches types exactly or by a trailing-star prefix", () => {
    expect(matchesEventFilter(sentToOrders, { type: "sqs.*" })).toBe(true);
    expect(matchesEventFilter(sentToOrders, { type: ["sqs.message-deleted", "sqs.message-sent"] })).toBe(true);
    expect(matchesEventFilter(sentToOrders, { type: "sqs.message" })).toBe(false);
  });

  it("matches topics by name and rejects events without a topic when a topic is asked for", () => {
    expect(matchesEventFilter(published, { topic: "order--created" })).toBe(true);
    expect(matchesEventFilter(sentToOrders, { topic: "order--created" })).toBe(false);
  });

  it("requires every criterion when several are given", () => {
    expect(matchesEventFilter(sentToOrders, { queue: "orders", region: "eu-west-1" })).toBe(false);
    expect(matchesEventFilter(sentToOrders, {})).toBe(true);
  });
});

describe("parseEventFilter", () => {
  it("reads repeated and comma-separated parameters", () => {
    expect(parseEventFilter(new URLSearchParams("queue=a&queue=b,c&type=sqs.*&region=eu-west-1"))).toEqual({
      queue: ["a", "b", "c"],
      type: ["sqs.*"],
      region: "eu-west-1",
    });
    expect(parseEventFilter(new URLSearchParams(""))).toEqual({});
  });
});
