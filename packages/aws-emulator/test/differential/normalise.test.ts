/**
 * @module test/differential/normalise.test
 * What the differential harness strips and what it keeps, without a server.
 */
import { describe, expect, it } from "vitest";
import { applyKnownDifferences, type Step, unexpectedOutcomes } from "./harness.js";
import { normalise, normaliseError, sortArrays } from "./normalise.js";

describe("normalise", () => {
  it("replaces ids, handles and timestamps by placeholders when they are present", () => {
    expect(
      normalise({
        MessageId: "5fea7756-0ea4-451a-a703-a558b933e274",
        ReceiptHandle: "AQEB...",
        Attributes: { SentTimestamp: "1700000000000", SenderId: "AIDA", ApproximateReceiveCount: "1" },
        $metadata: { httpStatusCode: 200, requestId: "r-1", attempts: 1, totalRetryDelay: 0 },
      }),
    ).toEqual({
      MessageId: "<message-id>",
      ReceiptHandle: "<receipt-handle>",
      Attributes: { SentTimestamp: "<timestamp>", SenderId: "<sender-id>", ApproximateReceiveCount: "1" },
      $metadata: { httpStatusCode: 200, requestId: "<request-id>" },
    });
  });

  it("rewrites SNS accounts, owners and subscription ids when they appear in an SNS answer", () => {
    expect(
      normalise({
        SubscriptionArn: "arn:aws:sns:us-east-1:123456789012:t:5fea7756-0ea4-451a-a703-a558b933e274",
        TopicArn: "arn:aws:sns:us-east-1:000000000000:t",
        Owner: "123456789012",
      }),
    ).toEqual({
      SubscriptionArn: "arn:aws:sns:us-east-1:<account>:t:<subscription-id>",
      TopicArn: "arn:aws:sns:us-east-1:<account>:t",
      Owner: "<account>",
    });
  });

  it("rewrites hosts, ports and account ids in URLs and ARNs when they appear in any string", () => {
    expect(
      normalise({
        QueueUrls: ["http://127.0.0.1:41153/123456789012/a", "http://localhost:4566/000000000000/b"],
        QueueArn: "arn:aws:sqs:us-east-1:123456789012:a",
      }),
    ).toEqual({
      QueueUrls: ["<endpoint>/<account>/a", "<endpoint>/<account>/b"],
      QueueArn: "arn:aws:sqs:us-east-1:<account>:a",
    });
  });

  it("keeps bodies, MD5 digests, codes and order when comparing messages", () => {
    const value = { Messages: [{ Body: "b", MD5OfBody: "92eb5ffee6ae2fec3ad71c777531578f" }, { Body: "a" }] };
    expect(normalise(value)).toEqual(value);
  });

  it("compares JSON attributes on content when whitespace and key order differ", () => {
    const compact = normalise({
      RedrivePolicy: '{"maxReceiveCount":1,"deadLetterTargetArn":"arn:aws:sqs:r:000000000000:q"}',
    });
    const spaced = normalise({
      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:r:123456789012:q", "maxReceiveCount": 1}',
    });
    expect(compact).toEqual(spaced);
  });

  it("renders binary values as hex when a message attribute is binary", () => {
    expect(normalise({ BinaryValue: new Uint8Array([0, 255]) })).toEqual({ BinaryValue: "hex:00ff" });
  });
});

describe("normaliseError", () => {
  it("keeps name, code, type, fault and status when the error is a service error", () => {
    const error = Object.assign(new Error("The specified queue does not exist."), {
      name: "QueueDoesNotExist",
      Code: "AWS.SimpleQueueService.NonExistentQueue",
      Type: "Sender",
      $fault: "client",
      $metadata: { httpStatusCode: 400, requestId: "r" },
    });
    expect(normaliseError(error)).toEqual({
      name: "QueueDoesNotExist",
      Code: "AWS.SimpleQueueService.NonExistentQueue",
      Type: "Sender",
      $fault: "client",
      status: 400,
    });
  });

  it("keeps the message when the error did not come from the service", () => {
    expect(normaliseError(new TypeError("MD5 mismatch"))).toEqual({ name: "TypeError", message: "MD5 mismatch" });
  });
});

describe("sortArrays", () => {
  it("sorts only the named top-level arrays when AWS leaves their order open", () => {
    expect(sortArrays({ Successful: [{ Id: "b" }, { Id: "a" }], Other: [2, 1] }, ["Successful"])).toEqual({
      Successful: [{ Id: "a" }, { Id: "b" }],
      Other: [2, 1],
    });
  });
});

describe("unexpectedOutcomes", () => {
  it("reports steps that succeeded where AWS fails and failed where AWS succeeds", () => {
    const steps: Step[] = [
      { label: "fine", expected: "ok", output: {} },
      { label: "should fail", expected: "error", output: {} },
      { label: "should pass", expected: "ok", error: { name: "Boom" } },
    ];
    expect(unexpectedOutcomes(steps)).toEqual([
      "should fail: succeeded, AWS answers an error",
      'should pass: failed with {"name":"Boom"}, AWS succeeds',
    ]);
  });
});

describe("applyKnownDifferences", () => {
  it("replaces only the listed step of the listed target with AWS's answer", () => {
    const steps: Step[] = [
      { label: "a", expected: "error", output: {} },
      { label: "b", expected: "ok", output: {} },
    ];
    const known = [{ target: "moto", scenario: "s", step: "a", why: "test", aws: () => ({ error: { name: "E" } }) }];
    expect(applyKnownDifferences("moto", "s", steps, known)).toEqual([
      { label: "a", expected: "error", error: { name: "E" } },
      { label: "b", expected: "ok", output: {} },
    ]);
    expect(applyKnownDifferences("emulator", "s", steps, known)).toEqual(steps);
  });
});
