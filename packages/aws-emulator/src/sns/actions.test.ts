import { describe, expect, it } from "vitest";
import { createTestModel, queueArn } from "../../test/sns/support.js";
import { AwsServiceError } from "../errors.js";
import { createSnsActions, SNS_ACTION_NAMES, type SnsRequestContext } from "./actions.js";

const ctx: SnsRequestContext = {
  accountId: "123456789012",
  region: "us-east-1",
  requestId: "req-1",
  baseUrl: "http://127.0.0.1:4566",
};

function setup() {
  const t = createTestModel();
  return { ...t, actions: createSnsActions(t.model) };
}

async function rejection(run: () => unknown): Promise<AwsServiceError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error("resolved");
}

async function call(actions: ReturnType<typeof createSnsActions>, name: keyof typeof actions, input: object) {
  return (await actions[name](input as Record<string, unknown>, ctx)) as Record<string, unknown>;
}

describe("createSnsActions", () => {
  it("serves every action the issue lists", () => {
    const { actions } = setup();
    expect(Object.keys(actions).sort()).toEqual([...SNS_ACTION_NAMES].sort());
  });

  it("runs the fan-out flow with AWS member names end to end", async () => {
    const { actions, sqs } = setup();
    const { TopicArn } = await call(actions, "CreateTopic", {
      Name: "orders",
      Attributes: { DisplayName: "Orders" },
      Tags: [{ Key: "team", Value: "core" }],
    });
    expect(TopicArn).toBe("arn:aws:sns:us-east-1:123456789012:orders");
    const { SubscriptionArn } = await call(actions, "Subscribe", {
      TopicArn,
      Protocol: "sqs",
      Endpoint: queueArn("raw"),
      Attributes: { RawMessageDelivery: "true", FilterPolicy: '{"kind":["order"]}' },
      ReturnSubscriptionArn: true,
    });
    await call(actions, "Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("wrapped") });
    const published = await call(actions, "Publish", {
      TopicArn,
      Message: "hello",
      Subject: "S",
      MessageAttributes: {
        kind: { DataType: "String", StringValue: "order" },
        blob: { DataType: "Binary", BinaryValue: "AQI=" },
      },
    });
    expect(published).toEqual({ MessageId: expect.any(String) });
    expect(sqs.deliveries.find((d) => d.queueArn === queueArn("raw"))?.message).toEqual({
      body: "hello",
      messageAttributes: {
        kind: { DataType: "String", StringValue: "order" },
        blob: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2]) },
      },
    });
    const envelope = JSON.parse(sqs.bodies(queueArn("wrapped"))[0] ?? "{}");
    expect(envelope).toMatchObject({ Type: "Notification", Subject: "S", Message: "hello" });
    expect(envelope.MessageAttributes.blob).toEqual({ Type: "Binary", Value: "AQI=" });
    expect(envelope.UnsubscribeURL).toMatch(
      /^http:\/\/127\.0\.0\.1:4566\/\?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:/,
    );
    expect(await call(actions, "GetSubscriptionAttributes", { SubscriptionArn })).toMatchObject({
      Attributes: { RawMessageDelivery: "true", FilterPolicyScope: "MessageAttributes" },
    });
    expect(await call(actions, "ListTagsForResource", { ResourceArn: TopicArn })).toEqual({
      Tags: [{ Key: "team", Value: "core" }],
    });
  });

  it("lists topics and subscriptions with AWS member names and NextToken", async () => {
    const { actions } = setup();
    for (let i = 0; i < 101; i++) await call(actions, "CreateTopic", { Name: `t${i}` });
    const first = await call(actions, "ListTopics", {});
    expect((first.Topics as unknown[])[0]).toEqual({ TopicArn: "arn:aws:sns:us-east-1:123456789012:t0" });
    const second = await call(actions, "ListTopics", { NextToken: first.NextToken });
    expect(second).toEqual({ Topics: [{ TopicArn: "arn:aws:sns:us-east-1:123456789012:t100" }] });
    const TopicArn = "arn:aws:sns:us-east-1:123456789012:t0";
    await call(actions, "Subscribe", { TopicArn, Protocol: "sqs", Endpoint: queueArn("q") });
    expect(await call(actions, "ListSubscriptionsByTopic", { TopicArn })).toEqual({
      Subscriptions: [
        {
          SubscriptionArn: expect.stringMatching(/^arn:aws:sns:us-east-1:123456789012:t0:/),
          Owner: "123456789012",
          Protocol: "sqs",
          Endpoint: queueArn("q"),
          TopicArn,
        },
      ],
    });
  });

  it("returns per-entry results from PublishBatch with SequenceNumber on FIFO topics", async () => {
    const { actions } = setup();
    const { TopicArn } = await call(actions, "CreateTopic", {
      Name: "o.fifo",
      Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" },
    });
    const result = await call(actions, "PublishBatch", {
      TopicArn,
      PublishBatchRequestEntries: [
        { Id: "a", Message: "one", MessageGroupId: "g" },
        {
          Id: "b",
          Message: "two",
          MessageGroupId: "g",
          MessageAttributes: { n: { DataType: "Number", StringValue: "x" } },
        },
      ],
    });
    expect(result).toEqual({
      Successful: [{ Id: "a", MessageId: expect.any(String), SequenceNumber: expect.stringMatching(/^\d{20}$/) }],
      Failed: [
        {
          Id: "b",
          Code: "ParameterValueInvalid",
          Message: "Could not cast message attribute 'n' value to number.",
          SenderFault: true,
        },
      ],
    });
  });

  it("confirms an http subscription through ConfirmSubscription", async () => {
    const { actions, http } = setup();
    const { TopicArn } = await call(actions, "CreateTopic", { Name: "t" });
    const pending = await call(actions, "Subscribe", { TopicArn, Protocol: "https", Endpoint: "https://hook.test/x" });
    expect(pending).toEqual({ SubscriptionArn: "pending confirmation" });
    const doc = JSON.parse(http.requests[0]?.body ?? "{}");
    expect(doc.SubscribeURL).toMatch(/^http:\/\/127\.0\.0\.1:4566\/\?Action=ConfirmSubscription&/);
    const confirmed = await call(actions, "ConfirmSubscription", { TopicArn, Token: doc.Token });
    expect(confirmed.SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:t:/);
  });

  it.each([
    ["CreateTopic", {}, "ValidationError", /Value null at 'name'/],
    ["Publish", { Message: "m" }, "InvalidParameter", /TopicArn or TargetArn Reason: no value for required parameter/],
    [
      "Publish",
      {
        TopicArn: "arn:aws:sns:us-east-1:123456789012:a",
        TargetArn: "arn:aws:sns:us-east-1:123456789012:a",
        Message: "m",
      },
      "InvalidParameter",
      /Only one of TopicArn or TargetArn/,
    ],
    [
      "Publish",
      { TopicArn: "arn:aws:sns:us-east-1:123456789012:nope", Message: "m" },
      "NotFound",
      /Topic does not exist/,
    ],
    ["GetTopicAttributes", { TopicArn: "arn:aws:sns:eu-west-1:123456789012:t" }, "InvalidParameter", /TopicArn/],
    [
      "TagResource",
      { ResourceArn: "arn:aws:sns:us-east-1:123456789012:nope", Tags: [] },
      "ResourceNotFound",
      /Resource/,
    ],
    [
      "PublishBatch",
      { TopicArn: "arn:aws:sns:us-east-1:123456789012:nope" },
      "ValidationError",
      /publishBatchRequestEntries/,
    ],
  ] as const)("answers %s %j with %s", async (name, input, code, message) => {
    const { actions } = setup();
    const error = await rejection(() => actions[name](input as Record<string, unknown>, ctx));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("untags and deletes through the table", async () => {
    const { actions } = setup();
    const { TopicArn } = await call(actions, "CreateTopic", { Name: "t", Tags: [{ Key: "a", Value: "1" }] });
    await call(actions, "UntagResource", { ResourceArn: TopicArn, TagKeys: ["a"] });
    expect(await call(actions, "ListTagsForResource", { ResourceArn: TopicArn })).toEqual({ Tags: [] });
    await call(actions, "SetTopicAttributes", { TopicArn, AttributeName: "DisplayName", AttributeValue: "D" });
    expect(
      ((await call(actions, "GetTopicAttributes", { TopicArn })).Attributes as Record<string, string>).DisplayName,
    ).toBe("D");
    expect(await call(actions, "DeleteTopic", { TopicArn })).toEqual({});
    expect(await call(actions, "ListTopics", {})).toEqual({ Topics: [] });
  });
});
