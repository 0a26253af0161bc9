import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startAwsEmulator } from "probity-aws-emulator";
import { describe, expect, it } from "vitest";

describe("README SNS and DynamoDB examples", () => {
  it("fans a message out to a queue and stores an item when run as written", async () => {
    // --- README "SNS, DynamoDB and STS on the same port" (keep in sync) ---
    await using aws = await startAwsEmulator({ port: 0 });
    const config = { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials };
    const sns = new SNSClient(config);
    const sqs = new SQSClient(config);
    const dynamodb = new DynamoDBClient(config);

    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "customer--created" }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "audit" }));
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: "arn:aws:sqs:us-east-1:000000000000:audit",
        Attributes: { RawMessageDelivery: "true" },
      }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: '{"id":"c-1"}' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    // Messages[0].Body === '{"id":"c-1"}'

    await dynamodb.send(
      new CreateTableCommand({
        TableName: "customers",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    await dynamodb.send(new PutItemCommand({ TableName: "customers", Item: { id: { S: "c-1" } } }));
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: "customers", Key: { id: { S: "c-1" } } }));
    // --- end ---
    expect(Messages?.map((message) => message.Body)).toEqual(['{"id":"c-1"}']);
    expect(Item).toEqual({ id: { S: "c-1" } });
    sns.destroy();
    sqs.destroy();
    dynamodb.destroy();
  });
});
