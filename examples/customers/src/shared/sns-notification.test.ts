import { describe, expect, it } from "vitest";
import { InvalidMessageError } from "./errors.js";
import { unwrapSnsNotification } from "./sns-notification.js";

describe("unwrapSnsNotification", () => {
  it("returns the Message when the body is an SNS notification (raw delivery off)", () => {
    const body = JSON.stringify({ Type: "Notification", TopicArn: "arn:aws:sns:us-east-1:1:t", Message: "inner" });
    expect(unwrapSnsNotification(body)).toBe("inner");
  });

  it("returns the body when it is a raw-delivered JSON message", () => {
    expect(unwrapSnsNotification('{"metadata":{}}')).toBe('{"metadata":{}}');
  });

  it("throws InvalidMessageError when the body is not JSON", () => {
    expect(() => unwrapSnsNotification("garbage")).toThrow(InvalidMessageError);
  });
});
