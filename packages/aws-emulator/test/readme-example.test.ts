import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startAwsEmulator } from "probity-aws-emulator";
import { describe, expect, it } from "vitest";

describe("README example", () => {
  it("sends and receives a message when run as written", async () => {
    // --- README "Start it" (keep in sync) ---
    await using aws = await startAwsEmulator({ port: 0 });
    const sqs = new SQSClient({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials });

    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "hello" }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    // --- end ---
    expect(Messages?.map((message) => message.Body)).toEqual(["hello"]);
    sqs.destroy();
  });
});
