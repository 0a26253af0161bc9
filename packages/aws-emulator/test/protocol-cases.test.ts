import type { AwsEmulator } from "probity-aws-emulator";
import { startAwsEmulator } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonRequest, queryRequest, type WireAnswer } from "./helpers.js";

/**
 * One case table, run over AWS JSON 1.0 and the Query protocol: the same input must give the same
 * outcome (output members, or the same legacy error code) on both wires.
 */
interface WireCase {
  name: string;
  action: string;
  input: (queueUrl: string) => Record<string, unknown>;
  /** Legacy (Query) error code; over JSON it arrives in `x-amzn-query-error`. */
  error?: string;
  /** JSON `__type` name when it differs from `error`. */
  errorType?: string;
  /** Scalar result members that must be present (and equal, when a value is given). */
  fields?: Record<string, string | RegExp | true>;
}

const CASES: WireCase[] = [
  {
    name: "creates a queue",
    action: "CreateQueue",
    input: () => ({ QueueName: "made-here" }),
    fields: { QueueUrl: /\/000000000000\/made-here$/ },
  },
  {
    name: "rejects a clashing CreateQueue",
    action: "CreateQueue",
    input: () => ({ QueueName: "shared", Attributes: { VisibilityTimeout: "99" } }),
    error: "QueueAlreadyExists",
    errorType: "QueueNameExists",
  },
  {
    name: "finds a queue URL",
    action: "GetQueueUrl",
    input: () => ({ QueueName: "shared" }),
    fields: { QueueUrl: /\/shared$/ },
  },
  {
    name: "reports a missing queue",
    action: "GetQueueUrl",
    input: () => ({ QueueName: "missing" }),
    error: "AWS.SimpleQueueService.NonExistentQueue",
    errorType: "QueueDoesNotExist",
  },
  {
    name: "sends a message with attributes",
    action: "SendMessage",
    input: (QueueUrl) => ({
      QueueUrl,
      MessageBody: "hello",
      MessageAttributes: { color: { DataType: "String", StringValue: "red" } },
    }),
    fields: {
      MessageId: true,
      MD5OfMessageBody: "5d41402abc4b2a76b9719d911017c592",
      MD5OfMessageAttributes: /^[0-9a-f]{32}$/,
    },
  },
  {
    name: "requires MessageBody",
    action: "SendMessage",
    input: (QueueUrl) => ({ QueueUrl }),
    error: "MissingParameter",
  },
  { name: "requires QueueUrl", action: "SendMessage", input: () => ({ MessageBody: "x" }), error: "MissingParameter" },
  {
    name: "rejects an out-of-range MaxNumberOfMessages",
    action: "ReceiveMessage",
    input: (QueueUrl) => ({ QueueUrl, MaxNumberOfMessages: 11 }),
    error: "InvalidParameterValue",
  },
  {
    name: "rejects an unknown queue attribute",
    action: "GetQueueAttributes",
    input: (QueueUrl) => ({ QueueUrl, AttributeNames: ["Bogus"] }),
    error: "InvalidAttributeName",
  },
  {
    name: "rejects an empty batch",
    action: "SendMessageBatch",
    input: (QueueUrl) => ({ QueueUrl, Entries: [] }),
    error: "AWS.SimpleQueueService.EmptyBatchRequest",
    errorType: "EmptyBatchRequest",
  },
  {
    name: "rejects a malformed receipt handle",
    action: "DeleteMessage",
    input: (QueueUrl) => ({ QueueUrl, ReceiptHandle: "garbage" }),
    error: "ReceiptHandleIsInvalid",
  },
  { name: "rejects an unknown action", action: "Frobnicate", input: () => ({}), error: "InvalidAction" },
  { name: "purges", action: "PurgeQueue", input: (QueueUrl) => ({ QueueUrl }), fields: {} },
];

let aws: AwsEmulator;
let queueUrl: string;

beforeAll(async () => {
  aws = await startAwsEmulator({ port: 0 });
  const created = await jsonRequest(aws.endpoint, "CreateQueue", { QueueName: "shared" });
  queueUrl = String(created.result.QueueUrl);
});
afterAll(async () => {
  await aws.stop();
});

function check(testCase: WireCase, answer: WireAnswer): void {
  if (testCase.error !== undefined) {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.errorCode).toBe(testCase.error);
    return;
  }
  expect(answer.status).toBe(200);
  expect(answer.errorCode).toBeUndefined();
  for (const [field, expected] of Object.entries(testCase.fields ?? {})) {
    const value = answer.result[field];
    if (expected === true) expect(value).toBeDefined();
    else if (expected instanceof RegExp) expect(String(value)).toMatch(expected);
    else expect(value).toBe(expected);
  }
}

describe.each([
  ["AWS JSON 1.0", (action: string, input: Record<string, unknown>) => jsonRequest(aws.endpoint, action, input)],
  ["Query", (action: string, input: Record<string, unknown>) => queryRequest(aws.endpoint, action, input)],
] as const)("SQS wire cases over %s", (protocol, call) => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    const answer = await call(testCase.action, testCase.input(queueUrl));
    check(testCase, answer);
    if (protocol === "AWS JSON 1.0" && testCase.error !== undefined && testCase.errorType !== undefined) {
      expect(answer.errorType).toBe(testCase.errorType);
    }
  });
});

describe("SQS Query protocol specifics", () => {
  it("takes QueueUrl from the path when a Query request is sent to the queue URL", async () => {
    const sent = await queryRequest(queueUrl, "SendMessage", { MessageBody: "via path" });
    expect(sent.status).toBe(200);
    const received = await queryRequest(queueUrl, "ReceiveMessage", {
      AttributeNames: ["All"],
      MessageAttributeNames: ["All"],
    });
    const message = received.result.Message as Record<string, unknown> | Array<Record<string, unknown>>;
    const first = Array.isArray(message) ? message[0] : message;
    expect(first?.MD5OfBody).toMatch(/^[0-9a-f]{32}$/);
  });

  it("decodes flattened batch entries and message attributes when sending a batch", async () => {
    const answer = await queryRequest(aws.endpoint, "SendMessageBatch", {
      QueueUrl: queueUrl,
      Entries: [
        { Id: "one", MessageBody: "1", MessageAttributes: { n: { DataType: "Number", StringValue: "1" } } },
        { Id: "two", MessageBody: "2", DelaySeconds: 1 },
      ],
    });
    expect(answer.status).toBe(200);
    const entries = answer.result.SendMessageBatchResultEntry as Array<Record<string, unknown>>;
    expect(entries.map((entry) => entry.Id)).toEqual(["one", "two"]);
    expect(entries[0]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it("escapes carriage returns so the body's MD5 survives XML parsing", async () => {
    const url = String((await jsonRequest(aws.endpoint, "CreateQueue", { QueueName: "crlf" })).result.QueueUrl);
    await jsonRequest(aws.endpoint, "SendMessage", { QueueUrl: url, MessageBody: "a\r\nb & <c>" });
    const received = await queryRequest(url, "ReceiveMessage", {});
    const message = received.result.Message as Record<string, unknown>;
    expect(message.Body).toBe("a\r\nb & <c>");
  });
});

describe("SQS request errors", () => {
  it("answers SerializationException when the JSON body is malformed", async () => {
    const answer = await jsonRequest(aws.endpoint, "ListQueues", "{not json");
    expect(answer.status).toBe(400);
    expect(answer.errorType).toBe("SerializationException");
  });

  it("answers 413 and keeps serving when the body exceeds the limit", async () => {
    const response = await fetch(`${aws.endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Action=ListQueues&pad=${"x".repeat(5 * 1_048_576)}`,
    });
    expect(response.status).toBe(413);
    await response.text();
    const after = await jsonRequest(aws.endpoint, "ListQueues", {});
    expect(after.status).toBe(200);
  });

  it("answers health and resets over the /_probity endpoints", async () => {
    const health = await fetch(`${aws.endpoint}/_probity/health`);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const local = await startAwsEmulator({ port: 0 });
    await jsonRequest(local.endpoint, "CreateQueue", { QueueName: "to-wipe" });
    const reset = await fetch(`${local.endpoint}/_probity/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect(local.sqs.queues()).toEqual([]);
    await local.stop();
  });
});
