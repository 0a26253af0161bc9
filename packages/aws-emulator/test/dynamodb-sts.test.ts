import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { type AwsEmulator, startAwsEmulator } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let aws: AwsEmulator;
const saved = { endpoint: process.env.AWS_ENDPOINT_URL };

beforeAll(async () => {
  aws = await startAwsEmulator({ port: 0 });
  // The way apps are configured against LocalStack: one endpoint for every service, from the environment.
  process.env.AWS_ENDPOINT_URL = aws.endpoint;
});
afterAll(async () => {
  if (saved.endpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = saved.endpoint;
  await aws.stop();
});

function credentials(accessKeyId = "test") {
  return { accessKeyId, secretAccessKey: "test" };
}

function dynamo(region = "us-east-1", accessKeyId = "test"): DynamoDBClient {
  return new DynamoDBClient({ region, credentials: credentials(accessKeyId), maxAttempts: 1 });
}

async function createTable(client: DynamoDBClient, name: string): Promise<string | undefined> {
  const { TableDescription } = await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "N" },
      ],
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  return TableDescription?.TableArn;
}

describe("DynamoDB on the emulator endpoint", () => {
  it("creates a table, puts, gets and queries items when AWS_ENDPOINT_URL alone points at it", async () => {
    const client = dynamo();
    const sns = new SNSClient({ region: "us-east-1", credentials: credentials(), maxAttempts: 1 });
    const sqs = new SQSClient({ region: "us-east-1", credentials: credentials(), maxAttempts: 1 });
    try {
      expect(await createTable(client, "customers")).toBe("arn:aws:dynamodb:us-east-1:000000000000:table/customers");
      for (const sk of [1, 2, 3]) {
        await client.send(
          new PutItemCommand({ TableName: "customers", Item: { pk: { S: "c-1" }, sk: { N: String(sk) } } }),
        );
      }
      const { Item } = await client.send(
        new GetItemCommand({ TableName: "customers", Key: { pk: { S: "c-1" }, sk: { N: "2" } } }),
      );
      expect(Item).toEqual({ pk: { S: "c-1" }, sk: { N: "2" } });
      const { Items } = await client.send(
        new QueryCommand({
          TableName: "customers",
          KeyConditionExpression: "pk = :pk AND sk > :min",
          ExpressionAttributeValues: { ":pk": { S: "c-1" }, ":min": { N: "1" } },
        }),
      );
      expect(Items?.map((item) => item.sk?.N)).toEqual(["2", "3"]);
      // The same environment reaches SNS and SQS on the same port.
      expect((await sns.send(new CreateTopicCommand({ Name: "env-topic" }))).TopicArn).toContain(":env-topic");
      expect((await sqs.send(new CreateQueueCommand({ QueueName: "env-queue" }))).QueueUrl).toBe(
        `${aws.endpoint}/000000000000/env-queue`,
      );
    } finally {
      client.destroy();
      sns.destroy();
      sqs.destroy();
    }
  });

  it("keeps tables apart per region and account when requests are signed for them", async () => {
    const west = dynamo("us-west-2");
    const other = dynamo("us-east-1", "111122223333");
    try {
      expect(await createTable(west, "regional")).toBe("arn:aws:dynamodb:us-west-2:000000000000:table/regional");
      expect(await createTable(other, "regional")).toBe("arn:aws:dynamodb:us-east-1:111122223333:table/regional");
      expect((await dynamo("eu-west-1").send(new ListTablesCommand({}))).TableNames).toEqual([]);
    } finally {
      west.destroy();
      other.destroy();
    }
  });

  it("answers DynamoDB's own errors when a table does not exist", async () => {
    await expect(
      dynamo().send(new GetItemCommand({ TableName: "missing", Key: { pk: { S: "x" }, sk: { N: "1" } } })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("empties DynamoDB when reset() runs", async () => {
    const separate = await startAwsEmulator({ port: 0 });
    const client = new DynamoDBClient({
      endpoint: separate.endpoint,
      region: separate.region,
      credentials: separate.credentials,
      maxAttempts: 1,
    });
    try {
      await createTable(client, "wiped");
      separate.reset();
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    } finally {
      client.destroy();
      await separate.stop();
    }
  });
});

describe("STS on the emulator endpoint", () => {
  it("reports the account of a 12-digit access key when GetCallerIdentity is called", async () => {
    const sts = new STSClient({ region: "us-east-1", credentials: credentials("123456789012"), maxAttempts: 1 });
    try {
      expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
        Account: "123456789012",
        Arn: "arn:aws:iam::123456789012:root",
        UserId: "123456789012",
      });
      const fallback = new STSClient({ region: "us-east-1", credentials: credentials(), maxAttempts: 1 });
      expect((await fallback.send(new GetCallerIdentityCommand({}))).Account).toBe("000000000000");
      fallback.destroy();
    } finally {
      sts.destroy();
    }
  });

  it("returns credentials that act in the role's account when AssumeRole is called", async () => {
    const sts = new STSClient({ region: "us-east-1", credentials: credentials(), maxAttempts: 1 });
    try {
      const { Credentials, AssumedRoleUser } = await sts.send(
        new AssumeRoleCommand({ RoleArn: "arn:aws:iam::444455556666:role/app", RoleSessionName: "tests" }),
      );
      expect(AssumedRoleUser?.Arn).toBe("arn:aws:sts::444455556666:assumed-role/app/tests");
      expect(Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now());
      const assumed = new STSClient({
        region: "us-east-1",
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? "",
          secretAccessKey: Credentials?.SecretAccessKey ?? "",
          sessionToken: Credentials?.SessionToken ?? "",
        },
        maxAttempts: 1,
      });
      expect((await assumed.send(new GetCallerIdentityCommand({}))).Account).toBe("444455556666");
      assumed.destroy();
      await expect(
        sts.send(new AssumeRoleCommand({ RoleArn: "not-an-arn", RoleSessionName: "tests" })),
      ).rejects.toMatchObject({ name: "ValidationError" });
    } finally {
      sts.destroy();
    }
  });
});
