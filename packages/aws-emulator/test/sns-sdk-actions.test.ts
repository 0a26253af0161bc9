import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  paginateListSubscriptionsByTopic,
  paginateListTopics,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  TagResourceCommand,
  UnsubscribeCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-sns";
import { parseXml } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SnsFixture, startSnsFixture } from "./sns-fixture.js";

let fx: SnsFixture;

beforeAll(async () => {
  // Its own region, so the pagination counts are not disturbed by other tests' topics.
  fx = await startSnsFixture({ region: "eu-west-1" });
});
afterAll(() => fx.stop());

describe("SNS topics over the wire", () => {
  it("returns the same ARN when CreateTopic repeats with equal attributes", async () => {
    const first = await fx.sns.send(new CreateTopicCommand({ Name: "same", Attributes: { DisplayName: "d" } }));
    const again = await fx.sns.send(new CreateTopicCommand({ Name: "same", Attributes: { DisplayName: "d" } }));
    expect(again.TopicArn).toBe(first.TopicArn);
    expect(first.TopicArn).toBe("arn:aws:sns:eu-west-1:000000000000:same");
    await expect(
      fx.sns.send(new CreateTopicCommand({ Name: "same", Attributes: { DisplayName: "other" } })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("gets and sets attributes when a topic exists", async () => {
    const TopicArn = await fx.topic("attrs.fifo", { ContentBasedDeduplication: "true" });
    await fx.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: "DisplayName", AttributeValue: "Hi" }));
    const { Attributes } = await fx.sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(Attributes).toMatchObject({
      TopicArn,
      DisplayName: "Hi",
      FifoTopic: "true",
      ContentBasedDeduplication: "true",
      SubscriptionsConfirmed: "0",
    });
  });

  it("answers NotFound in an SNS ErrorResponse when the topic does not exist", async () => {
    const TopicArn = "arn:aws:sns:eu-west-1:000000000000:missing";
    await expect(fx.sns.send(new GetTopicAttributesCommand({ TopicArn }))).rejects.toMatchObject({
      name: "NotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
    const response = await fetch(`${fx.aws.endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ Action: "GetTopicAttributes", TopicArn, Version: "2010-03-31" }),
    });
    const text = await response.text();
    expect(text).toContain('<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">');
    expect(parseXml(text)).toMatchObject({
      ErrorResponse: { Error: { Type: "Sender", Code: "NotFound", Message: "Topic does not exist" } },
    });
  });

  it("pages ListTopics by 100 when there are more topics", async () => {
    await Promise.all(
      Array.from({ length: 101 }, (_, i) => fx.sns.send(new CreateTopicCommand({ Name: `page-${i}` }))),
    );
    const first = await fx.sns.send(new ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    expect(first.NextToken).toBeTruthy();
    const all: string[] = [];
    for await (const page of paginateListTopics({ client: fx.sns }, {})) {
      all.push(...(page.Topics ?? []).map((t) => t.TopicArn ?? ""));
    }
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((arn) => arn.includes(":page-"))).toHaveLength(101);
  });

  it("tags, lists and untags a topic, and answers ResourceNotFound for a missing one", async () => {
    const ResourceArn = await fx.topic("tagged");
    await fx.sns.send(
      new TagResourceCommand({
        ResourceArn,
        Tags: [
          { Key: "team", Value: "a" },
          { Key: "x", Value: "1" },
        ],
      }),
    );
    await fx.sns.send(new UntagResourceCommand({ ResourceArn, TagKeys: ["x"] }));
    expect((await fx.sns.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual([
      { Key: "team", Value: "a" },
    ]);
    await expect(
      fx.sns.send(new ListTagsForResourceCommand({ ResourceArn: `${ResourceArn}-gone` })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("deletes a topic with its subscriptions, and succeeds again when it is already gone", async () => {
    const TopicArn = await fx.topic("doomed");
    const queue = await fx.queue("doomed-q");
    await fx.subscribe(TopicArn, queue.arn);
    await fx.sns.send(new DeleteTopicCommand({ TopicArn }));
    await fx.sns.send(new DeleteTopicCommand({ TopicArn }));
    expect(fx.aws.sns.topic("doomed", { region: "eu-west-1" })).toBeUndefined();
    await expect(fx.sns.send(new PublishCommand({ TopicArn, Message: "x" }))).rejects.toMatchObject({
      name: "NotFoundException",
    });
  });
});

describe("SNS subscriptions over the wire", () => {
  it("lists, describes and unsubscribes a queue subscription, paging by 100", async () => {
    const TopicArn = await fx.topic("subs");
    const arns = await Promise.all(
      Array.from({ length: 101 }, (_, i) => fx.subscribe(TopicArn, `arn:aws:sqs:eu-west-1:000000000000:q-${i}`)),
    );
    const first = await fx.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(first.Subscriptions).toHaveLength(100);
    const listed: string[] = [];
    for await (const page of paginateListSubscriptionsByTopic({ client: fx.sns }, { TopicArn })) {
      listed.push(...(page.Subscriptions ?? []).map((s) => s.SubscriptionArn ?? ""));
    }
    expect(listed.toSorted()).toEqual(arns.toSorted());
    const { Attributes } = await fx.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arns[0] }));
    expect(Attributes).toMatchObject({ Protocol: "sqs", TopicArn, RawMessageDelivery: "false" });
    await fx.sns.send(new UnsubscribeCommand({ SubscriptionArn: arns[0] }));
    await expect(fx.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arns[0] }))).rejects.toMatchObject(
      { name: "NotFoundException" },
    );
  });

  it("rejects a FIFO queue on a standard topic and an unknown protocol with InvalidParameter", async () => {
    const TopicArn = await fx.topic("std");
    await expect(fx.subscribe(TopicArn, "arn:aws:sqs:eu-west-1:000000000000:q.fifo")).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    await expect(
      fx.sns.send(new SubscribeCommand({ TopicArn, Protocol: "carrier-pigeon", Endpoint: "x" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("unsubscribes through the UnsubscribeURL of a notification when it is fetched with GET", async () => {
    const TopicArn = await fx.topic("unsub-url");
    const queue = await fx.queue("unsub-url-q");
    await fx.subscribe(TopicArn, queue.arn);
    await fx.sns.send(new PublishCommand({ TopicArn, Message: "first" }));
    const [message] = await fx.receive(queue.url);
    const { UnsubscribeURL } = JSON.parse(message?.Body ?? "{}") as { UnsubscribeURL: string };
    const response = await fetch(UnsubscribeURL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<UnsubscribeResponse");
    await fx.sns.send(new PublishCommand({ TopicArn, Message: "second" }));
    expect(await fx.receive(queue.url)).toHaveLength(0);
  });
});

describe("SNS batches and protocols", () => {
  it("reports per-entry failures when some PublishBatch entries are invalid", async () => {
    const TopicArn = await fx.topic("batch");
    const queue = await fx.queue("batch-q");
    await fx.subscribe(TopicArn, queue.arn, { RawMessageDelivery: "true" });
    const result = await fx.sns.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: "ok", Message: "good", MessageAttributes: { n: { DataType: "Number", StringValue: "1" } } },
          { Id: "bad", Message: "bad", MessageAttributes: { n: { DataType: "Number", StringValue: "x" } } },
        ],
      }),
    );
    expect(result.Successful?.map((s) => s.Id)).toEqual(["ok"]);
    expect(result.Failed).toEqual([expect.objectContaining({ Id: "bad", SenderFault: true })]);
    expect((await fx.receive(queue.url)).map((m) => m.Body)).toEqual(["good"]);
    await expect(
      fx.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [] })),
    ).rejects.toMatchObject({ name: "EmptyBatchRequestException" });
  });

  it("serves AWS JSON 1.0 when a client sends X-Amz-Target AmazonSimpleNotificationService", async () => {
    const call = (action: string, input: object) =>
      fetch(`${fx.aws.endpoint}/`, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": `AmazonSimpleNotificationService.${action}`,
        },
        body: JSON.stringify(input),
      });
    const created = await call("CreateTopic", { Name: "json-topic" });
    expect(await created.json()).toEqual({ TopicArn: "arn:aws:sns:eu-west-1:000000000000:json-topic" });
    const missing = await call("GetTopicAttributes", { TopicArn: "arn:aws:sns:eu-west-1:000000000000:nope" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ __type: "com.amazonaws.sns#NotFound" });
  });

  it("confirms an http subscription with the token it POSTs and then delivers notifications", async () => {
    const { createServer } = await import("node:http");
    const received: { type: string | undefined; body: Record<string, string> }[] = [];
    const arrivals: Array<() => void> = [];
    const receiver = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      request.on("end", () => {
        received.push({ type: request.headers["x-amz-sns-message-type"] as string, body: JSON.parse(text) });
        response.end();
        arrivals.shift()?.();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const next = () => new Promise<void>((resolve) => arrivals.push(resolve));
    try {
      const address = receiver.address() as { port: number };
      const TopicArn = await fx.topic("http");
      const confirmation = next();
      const sub = await fx.sns.send(
        new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `http://127.0.0.1:${address.port}/sns` }),
      );
      expect(sub.SubscriptionArn).toBe("pending confirmation");
      await confirmation;
      expect(received[0]?.type).toBe("SubscriptionConfirmation");
      const token = received[0]?.body.Token ?? "";
      expect(received[0]?.body.SubscribeURL).toContain(`Action=ConfirmSubscription&TopicArn=${TopicArn}`);
      const confirmed = await fx.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: token }));
      expect(confirmed.SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:`));
      const delivered = next();
      await fx.sns.send(new PublishCommand({ TopicArn, Message: "over http" }));
      await delivered;
      expect(received[1]).toMatchObject({ type: "Notification", body: { Type: "Notification", Message: "over http" } });
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe("SNS SubscribeURL", () => {
  it("confirms a subscription in another region when the SubscribeURL is fetched unsigned", async () => {
    const { createServer } = await import("node:http");
    let confirmation: (body: Record<string, string>) => void = () => undefined;
    const posted = new Promise<Record<string, string>>((resolve) => {
      confirmation = resolve;
    });
    const receiver = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      request.on("end", () => {
        response.end();
        confirmation(JSON.parse(text));
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const west = new SNSClient({
      endpoint: fx.aws.endpoint,
      region: "us-west-2",
      credentials: fx.aws.credentials,
      maxAttempts: 1,
    });
    try {
      const { TopicArn = "" } = await west.send(new CreateTopicCommand({ Name: "west-http" }));
      const { port } = receiver.address() as { port: number };
      await west.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `http://127.0.0.1:${port}/` }));
      const { SubscribeURL = "" } = await posted;
      const response = await fetch(SubscribeURL);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<ConfirmSubscriptionResult><SubscriptionArn>arn:aws:sns:us-west-2:");
      const { Subscriptions } = await west.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
      expect(Subscriptions?.[0]?.SubscriptionArn).toMatch(/^arn:aws:sns:us-west-2:000000000000:west-http:/);
    } finally {
      west.destroy();
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe("SNS state views", () => {
  it("shows topics with subscriptions in aws.sns and forgets them when reset() runs", async () => {
    const separate = await startSnsFixture();
    try {
      const TopicArn = await separate.topic("viewed");
      const queue = await separate.queue("viewed-q");
      await separate.subscribe(TopicArn, queue.arn, { RawMessageDelivery: "true" });
      const name = TopicArn.split(":").pop() ?? "";
      expect(separate.aws.sns.topic(name)).toMatchObject({
        topicArn: TopicArn,
        fifo: false,
        subscriptions: [{ protocol: "sqs", endpoint: queue.arn, confirmed: true, rawMessageDelivery: true }],
      });
      separate.aws.reset();
      expect(separate.aws.sns.topics()).toEqual([]);
      expect(separate.aws.sqs.queues()).toEqual([]);
    } finally {
      await separate.stop();
    }
  });
});
