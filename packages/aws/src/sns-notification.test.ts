import { describe, expect, it } from "vitest";
import { parseSnsNotification } from "./sns-notification.js";

const FIFO_NOTIFICATION = `{
  "Type" : "Notification",
  "MessageId" : "m-1",
  "SequenceNumber" : "10000000000000003000",
  "TopicArn" : "arn:aws-cn:sns:cn-north-1:123456789012:orders.fifo",
  "Subject" : "hello",
  "Message" : "{\\"a\\": 1}",
  "Timestamp" : "2024-05-01T12:00:00.000Z",
  "UnsubscribeURL" : "https://example.invalid/unsubscribe",
  "MessageAttributes" : { "ok" : {"Type":"String","Value":"v"}, "bad" : {"Type":"String"} }
}`;

describe("parseSnsNotification", () => {
  it("reads every member when the notification comes from a FIFO topic in another partition", () => {
    expect(parseSnsNotification(FIFO_NOTIFICATION)).toMatchObject({
      messageId: "m-1",
      topicArn: "arn:aws-cn:sns:cn-north-1:123456789012:orders.fifo",
      topic: "orders.fifo",
      subject: "hello",
      message: '{"a": 1}',
      timestamp: "2024-05-01T12:00:00.000Z",
      sequenceNumber: "10000000000000003000",
      messageAttributes: { ok: { Type: "String", Value: "v" } },
    });
  });

  it.each([
    ["not JSON", '{"Type": "Notification"'],
    ["a JSON array", '["Notification"]'],
    ["a tomodachi envelope", '{"service": {}, "metadata": {"topic": "Notification"}, "data": "Notification"}'],
  ])("returns undefined when the body is %s", (_label, body) => {
    expect(parseSnsNotification(body)).toBeUndefined();
  });
});
