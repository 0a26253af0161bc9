import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRequest, type SqsFixture, startSqs } from "./helpers.js";

let fx: SqsFixture;

beforeAll(async () => {
  // 1,000x: a 30 s visibility timeout passes in ~30 ms of real time, a 20 s long poll in ~20 ms.
  fx = await startSqs({ timeScale: 1_000 });
});
afterAll(async () => {
  fx.sqs.destroy();
  await fx.aws.stop();
});

describe("SQS with timeScale", () => {
  it("redelivers after the visibility timeout in scaled time when a long poll waits for it", async () => {
    const { QueueUrl } = await fx.sqs.send(
      new CreateQueueCommand({ QueueName: "scaled", Attributes: { VisibilityTimeout: "30" } }),
    );
    await fx.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "again" }));
    // Read the clock before the receive: at 1000x, a 15 ms round trip is 15 emulated seconds, so a reading
    // taken after the answer arrives would start the measurement late.
    const started = fx.aws.clock.now();
    const first = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(first.Messages).toHaveLength(1);
    // The long poll (20 emulated seconds per attempt) is the waiter: no sleeping in the test.
    let second = await fx.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MessageSystemAttributeNames: ["All"] }),
    );
    if (second.Messages === undefined) {
      second = await fx.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MessageSystemAttributeNames: ["All"] }),
      );
    }
    expect(second.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe("2");
    expect(fx.aws.clock.now() - started).toBeGreaterThanOrEqual(29_000);
  });

  it("accepts a Query request sent as a GET with a query string", async () => {
    await fx.sqs.send(new CreateQueueCommand({ QueueName: "via-get" }));
    const response = await fetch(`${fx.aws.endpoint}/?Action=GetQueueUrl&QueueName=via-get&Version=2012-11-05`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("/000000000000/via-get</QueueUrl>");
    const answer = await queryRequest(fx.aws.endpoint, "GetQueueUrl", { QueueName: "via-get" });
    expect(String(answer.result.QueueUrl)).toMatch(/via-get$/);
  });
});
