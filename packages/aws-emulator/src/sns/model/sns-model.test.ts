import { describe, expect, it } from "vitest";
import { createTestModel, queueArn } from "../../../test/sns/support.js";
import { AwsServiceError } from "../../errors.js";

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsServiceError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "no error";
}

describe("SnsModel topics", () => {
  it("returns the same ARN when CreateTopic repeats with the same attributes", () => {
    const { model, scope } = createTestModel();
    const a = model.createTopic(scope, { name: "orders", attributes: { DisplayName: "O" } });
    const b = model.createTopic(scope, { name: "orders", attributes: { DisplayName: "O" } });
    expect(a).toBe("arn:aws:sns:us-east-1:123456789012:orders");
    expect(b).toBe(a);
  });

  it("rejects CreateTopic when the existing topic has different attributes", () => {
    const { model, scope } = createTestModel();
    model.createTopic(scope, { name: "orders", attributes: { DisplayName: "O" } });
    expect(codeOf(() => model.createTopic(scope, { name: "orders", attributes: { DisplayName: "X" } }))).toBe(
      "InvalidParameter: Invalid parameter: Attributes Reason: Topic already exists with different attributes",
    );
  });

  it("rejects CreateTopic when the existing topic has different tags", () => {
    const { model, scope } = createTestModel();
    model.createTopic(scope, { name: "orders", tags: { team: "a" } });
    expect(codeOf(() => model.createTopic(scope, { name: "orders", tags: { team: "b" } }))).toMatch(/different tags/);
  });

  it.each([
    ["a name with a dot", "a.b", {}],
    ["an empty name", "", {}],
    ["a FIFO topic without .fifo", "orders", { FifoTopic: "true" }],
    ["a .fifo name on a standard topic", "orders.fifo", {}],
    ["a 257-character name", "a".repeat(257), {}],
  ])("rejects %s with InvalidParameter", (_name, name, attributes) => {
    const { model, scope } = createTestModel();
    expect(codeOf(() => model.createTopic(scope, { name, attributes }))).toMatch(/^InvalidParameter/);
  });

  it("keeps topics apart per account and region", () => {
    const { model, scope } = createTestModel();
    model.createTopic(scope, { name: "t" });
    expect(model.listTopics({ ...scope, region: "eu-west-1" }).topicArns).toEqual([]);
    expect(model.listTopics({ ...scope, accountId: "000000000000" }).topicArns).toEqual([]);
    expect(model.listTopics(scope).topicArns).toEqual(["arn:aws:sns:us-east-1:123456789012:t"]);
  });

  it("pages ListTopics by 100 when there are more topics", () => {
    const { model, scope } = createTestModel();
    for (let i = 0; i < 205; i++) model.createTopic(scope, { name: `t${i}` });
    const first = model.listTopics(scope);
    const second = model.listTopics(scope, first.nextToken);
    const third = model.listTopics(scope, second.nextToken);
    expect([first.topicArns.length, second.topicArns.length, third.topicArns.length]).toEqual([100, 100, 5]);
    expect(third.nextToken).toBeUndefined();
    expect(new Set([...first.topicArns, ...second.topicArns, ...third.topicArns]).size).toBe(205);
    expect(codeOf(() => model.listTopics(scope, "garbage"))).toMatch(/^InvalidParameter: Invalid parameter: NextToken/);
  });

  it("reports the default attributes and FIFO attributes", () => {
    const { model, scope } = createTestModel();
    const arn = model.createTopic(scope, {
      name: "o.fifo",
      attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" },
    });
    const attributes = model.getTopicAttributes(scope, arn);
    expect(attributes).toMatchObject({
      TopicArn: arn,
      Owner: "123456789012",
      DisplayName: "",
      SubscriptionsPending: "0",
      SubscriptionsConfirmed: "0",
      SubscriptionsDeleted: "0",
      FifoTopic: "true",
      ContentBasedDeduplication: "true",
    });
    expect(JSON.parse(attributes.Policy ?? "").Statement[0].Resource).toBe(arn);
  });

  it("answers NotFound for a missing topic and InvalidParameter for a malformed ARN", () => {
    const { model, scope } = createTestModel();
    expect(codeOf(() => model.getTopicAttributes(scope, "arn:aws:sns:us-east-1:123456789012:nope"))).toBe(
      "NotFound: Topic does not exist",
    );
    expect(codeOf(() => model.getTopicAttributes(scope, "nope"))).toBe("InvalidParameter: Invalid parameter: TopicArn");
  });

  it("validates SetTopicAttributes", () => {
    const { model, scope } = createTestModel();
    const arn = model.createTopic(scope, { name: "t" });
    model.setTopicAttribute(scope, arn, "DisplayName", "Shown");
    expect(model.getTopicAttributes(scope, arn).DisplayName).toBe("Shown");
    expect(codeOf(() => model.setTopicAttribute(scope, arn, "Nope", "x"))).toBe(
      "InvalidParameter: Invalid parameter: AttributeName",
    );
    expect(codeOf(() => model.setTopicAttribute(scope, arn, "ContentBasedDeduplication", "true"))).toMatch(
      /only be set for FIFO topics/,
    );
    expect(codeOf(() => model.setTopicAttribute(scope, arn, "Policy", "{"))).toMatch(/^InvalidParameter/);
  });

  it("deletes a topic with its subscriptions and accepts deleting it again", () => {
    const { model, scope } = createTestModel();
    const arn = model.createTopic(scope, { name: "t" });
    model.subscribe(scope, { topicArn: arn, protocol: "sqs", endpoint: queueArn("q") });
    model.deleteTopic(scope, arn);
    model.deleteTopic(scope, arn);
    expect(model.listTopics(scope).topicArns).toEqual([]);
    expect(model.listSubscriptions(scope).subscriptions).toEqual([]);
  });

  it("tags, untags and lists tags, and enforces 50 tags", () => {
    const { model, scope } = createTestModel();
    const arn = model.createTopic(scope, { name: "t", tags: { a: "1" } });
    model.tagResource(scope, arn, { b: "2" });
    model.untagResource(scope, arn, ["a"]);
    expect(model.listTagsForResource(scope, arn)).toEqual({ b: "2" });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    expect(codeOf(() => model.tagResource(scope, arn, many))).toMatch(/^TagLimitExceeded/);
    expect(codeOf(() => model.listTagsForResource(scope, `${arn}x`))).toBe("ResourceNotFound: Resource does not exist");
  });
});

describe("SnsModel subscriptions", () => {
  it("subscribes an SQS queue confirmed at once and lists it", () => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    const arn = model.subscribe(scope, { topicArn, protocol: "sqs", endpoint: queueArn("q") });
    expect(arn).toMatch(/^arn:aws:sns:us-east-1:123456789012:t:[0-9a-f-]{36}$/);
    expect(model.listSubscriptionsByTopic(scope, topicArn).subscriptions).toEqual([
      { subscriptionArn: arn, owner: "123456789012", protocol: "sqs", endpoint: queueArn("q"), topicArn },
    ]);
    expect(model.getSubscriptionAttributes(scope, arn)).toMatchObject({
      PendingConfirmation: "false",
      RawMessageDelivery: "false",
      Protocol: "sqs",
    });
  });

  it("returns the existing subscription when the same endpoint subscribes again", () => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    const a = model.subscribe(scope, { topicArn, protocol: "sqs", endpoint: queueArn("q") });
    expect(model.subscribe(scope, { topicArn, protocol: "sqs", endpoint: queueArn("q") })).toBe(a);
    expect(
      codeOf(() =>
        model.subscribe(scope, {
          topicArn,
          protocol: "sqs",
          endpoint: queueArn("q"),
          attributes: { RawMessageDelivery: "true" },
        }),
      ),
    ).toMatch(/Subscription already exists with different attributes/);
  });

  it.each([
    ["an unknown protocol", "carrier-pigeon", "x", /does not support this protocol string: carrier-pigeon/],
    ["a non-ARN SQS endpoint", "sqs", "https://sqs/q", /SQS endpoint ARN/],
    ["a FIFO queue on a standard topic", "sqs", queueArn("q.fifo"), /FIFO SQS Queues can not be subscribed/],
    ["an http endpoint with https", "https", "http://x", /Endpoint must match the specified protocol/],
  ])("rejects %s", (_name, protocol, endpoint, message) => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    expect(codeOf(() => model.subscribe(scope, { topicArn, protocol, endpoint }))).toMatch(message);
  });

  it("rejects an invalid filter policy at Subscribe and registers nothing", () => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    const attempt = () =>
      model.subscribe(scope, {
        topicArn,
        protocol: "sqs",
        endpoint: queueArn("q"),
        attributes: { FilterPolicy: '{"a":"x"}' },
      });
    expect(codeOf(attempt)).toMatch(/^InvalidParameter: Invalid parameter: FilterPolicy/);
    expect(model.listSubscriptions(scope).subscriptions).toEqual([]);
  });

  it("applies FilterPolicyScope before FilterPolicy whatever the attribute order", () => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    const arn = model.subscribe(scope, {
      topicArn,
      protocol: "sqs",
      endpoint: queueArn("q"),
      attributes: { FilterPolicy: '{"a":{"b":["x"]}}', FilterPolicyScope: "MessageBody" },
    });
    expect(model.getSubscriptionAttributes(scope, arn).FilterPolicyScope).toBe("MessageBody");
  });

  it("runs the http handshake: pending, SubscriptionConfirmation, ConfirmSubscription", () => {
    const { model, scope, http } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    const result = model.subscribe(scope, {
      topicArn,
      protocol: "http",
      endpoint: "http://127.0.0.1:9/hook",
      baseUrl: "http://127.0.0.1:4566",
    });
    expect(result).toBe("pending confirmation");
    expect(model.listSubscriptions(scope).subscriptions[0]?.subscriptionArn).toBe("PendingConfirmation");
    expect(model.getTopicAttributes(scope, topicArn).SubscriptionsPending).toBe("1");
    const [request] = http.requests;
    expect(request?.headers["x-amz-sns-message-type"]).toBe("SubscriptionConfirmation");
    const doc = JSON.parse(request?.body ?? "{}");
    expect(Object.keys(doc)).toEqual([
      "Type",
      "MessageId",
      "Token",
      "TopicArn",
      "Message",
      "SubscribeURL",
      "Timestamp",
      "SignatureVersion",
      "Signature",
      "SigningCertURL",
    ]);
    expect(doc.SubscribeURL).toBe(
      `http://127.0.0.1:4566/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${doc.Token}`,
    );
    expect(codeOf(() => model.confirmSubscription(scope, topicArn, "bad"))).toBe(
      "InvalidParameter: Invalid parameter: Token",
    );
    const arn = model.confirmSubscription(scope, topicArn, doc.Token);
    expect(model.getSubscriptionAttributes(scope, arn).PendingConfirmation).toBe("false");
    expect(model.listSubscriptions(scope).subscriptions[0]?.subscriptionArn).toBe(arn);
  });

  it("rejects a confirmation token older than 3 days", () => {
    const { model, scope, http, clock } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    model.subscribe(scope, { topicArn, protocol: "https", endpoint: "https://example.test/" });
    const token = JSON.parse(http.requests[0]?.body ?? "{}").Token;
    clock.advance(3 * 24 * 3600 * 1000 + 1);
    expect(codeOf(() => model.confirmSubscription(scope, topicArn, token))).toBe(
      "InvalidParameter: Invalid parameter: Token",
    );
  });

  it("unsubscribes, counts the deletion and accepts a second Unsubscribe", () => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    const arn = model.subscribe(scope, { topicArn, protocol: "sqs", endpoint: queueArn("q") });
    model.unsubscribe(scope, arn);
    model.unsubscribe(scope, arn);
    expect(model.getTopicAttributes(scope, topicArn).SubscriptionsDeleted).toBe("1");
    expect(codeOf(() => model.getSubscriptionAttributes(scope, arn))).toBe("NotFound: Subscription does not exist");
    expect(codeOf(() => model.unsubscribe(scope, "nope"))).toBe("InvalidParameter: Invalid parameter: SubscriptionArn");
  });

  it("validates SetSubscriptionAttributes", () => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    const arn = model.subscribe(scope, { topicArn, protocol: "sqs", endpoint: queueArn("q") });
    expect(codeOf(() => model.setSubscriptionAttribute(scope, arn, "RawMessageDelivery", "yes"))).toMatch(
      /Must be true or false/,
    );
    expect(
      codeOf(() => model.setSubscriptionAttribute(scope, arn, "RedrivePolicy", '{"deadLetterTargetArn":"x"}')),
    ).toMatch(/RedrivePolicy/);
    expect(codeOf(() => model.setSubscriptionAttribute(scope, arn, "FilterPolicyScope", "Body"))).toMatch(
      /^InvalidParameter/,
    );
    expect(codeOf(() => model.setSubscriptionAttribute(scope, arn, "Nope", "x"))).toMatch(/AttributeName/);
    model.setSubscriptionAttribute(scope, arn, "FilterPolicy", '{"a":["x"]}');
    expect(model.getSubscriptionAttributes(scope, arn)).toMatchObject({
      FilterPolicy: '{"a":["x"]}',
      FilterPolicyScope: "MessageAttributes",
    });
    model.setSubscriptionAttribute(scope, arn, "FilterPolicy", "");
    expect(model.getSubscriptionAttributes(scope, arn).FilterPolicy).toBeUndefined();
  });

  it("pages ListSubscriptions by 100", () => {
    const { model, scope } = createTestModel();
    const topicArn = model.createTopic(scope, { name: "t" });
    for (let i = 0; i < 101; i++) model.subscribe(scope, { topicArn, protocol: "sqs", endpoint: queueArn(`q${i}`) });
    const first = model.listSubscriptions(scope);
    expect(first.subscriptions).toHaveLength(100);
    expect(model.listSubscriptionsByTopic(scope, topicArn, first.nextToken).subscriptions).toHaveLength(1);
  });
});
