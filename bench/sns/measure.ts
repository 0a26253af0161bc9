/**
 * @module bench/sns/measure
 * SNS and DynamoDB measurements through one endpoint with AWS SDK v3: publish -> subscribed SQS long-poll
 * latency, Publish throughput with fan-out to several queues, DynamoDB PutItem/GetItem rates. The deliberate
 * real wait (letting a long poll park before publishing) is part of what is measured and is marked.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { median, percentile } from "../lib/report.js";
import { body, createQueue, pool } from "../sqs/measure.js";

const CLIENT_CONFIG = {
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
} as const;

/** SDK v3 SNS client for `endpoint`: default settings, no retries. */
export const snsClient = (endpoint: string): SNSClient => new SNSClient({ ...CLIENT_CONFIG, endpoint });

/** SDK v3 DynamoDB client for `endpoint`: default settings, no retries. */
export const dynamoClient = (endpoint: string): DynamoDBClient => new DynamoDBClient({ ...CLIENT_CONFIG, endpoint });

/** A topic with `queues` SQS queues subscribed (raw message delivery); returns the topic and queue URLs. */
export async function topicWithQueues(
  sns: SNSClient,
  sqs: SQSClient,
  name: string,
  queues: number,
): Promise<{ topicArn: string; queueUrls: string[] }> {
  const topic = await sns.send(new CreateTopicCommand({ Name: name }));
  const topicArn = topic.TopicArn;
  if (topicArn === undefined) throw new Error(`CreateTopic ${name} returned no TopicArn`);
  const queueUrls: string[] = [];
  for (let i = 0; i < queues; i++) {
    const url = await createQueue(sqs, `${name}-q${i}`);
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: "sqs",
        Endpoint: attributes.Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: "true" },
      }),
    );
    queueUrls.push(url);
  }
  return { topicArn, queueUrls };
}

/**
 * Publish -> subscribed long poll: a ReceiveMessage(WaitTimeSeconds 20) waits on the subscribed queue;
 * 100 ms later a Publish starts; latency = publish start -> the waiting receive resolves.
 */
export async function publishWake(
  sns: SNSClient,
  receiver: SQSClient,
  topicArn: string,
  queueUrl: string,
  rounds: number,
): Promise<{ median: number; p95: number }> {
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const waiting = receiver.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
    // probity-allow-sleep: let the receive reach the server and park before publishing (the thing measured).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const publishStart = performance.now();
    const [got] = await Promise.all([
      waiting.then((result) => ({ result, at: performance.now() })),
      sns.send(new PublishCommand({ TopicArn: topicArn, Message: body(100, round) })),
    ]);
    const message = got.result.Messages?.[0];
    if (message === undefined) throw new Error("the subscribed long poll returned no message");
    latencies.push(got.at - publishStart);
    await receiver.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
  return { median: median(latencies), p95: percentile(latencies, 95) };
}

/**
 * Publish calls per second at `concurrency`; afterwards checks (untimed) that every subscribed queue holds
 * `count` more messages, so a server that drops deliveries cannot look fast.
 */
export async function publishThroughput(
  sns: SNSClient,
  sqs: SQSClient,
  topicArn: string,
  queueUrls: readonly string[],
  count: number,
  concurrency: number,
): Promise<number> {
  const depth = async (url: string): Promise<number> => {
    const got = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    return Number(got.Attributes?.ApproximateNumberOfMessages ?? Number.NaN);
  };
  const before = await Promise.all(queueUrls.map(depth));
  const elapsed = await pool(count, concurrency, async (i) => {
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: body(100, i) }));
  });
  const after = await Promise.all(queueUrls.map(depth));
  after.forEach((value, i) => {
    if (value - (before[i] ?? 0) !== count) {
      throw new Error(`queue ${queueUrls[i]} got ${value - (before[i] ?? 0)} of ${count} published messages`);
    }
  });
  return (count / elapsed) * 1000;
}

/** Creates an on-demand table with string hash key `id` and waits until it is ACTIVE. */
export async function createTable(dynamo: DynamoDBClient, name: string): Promise<void> {
  await dynamo.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
}

/** PutItem then GetItem rates (calls per second) at `concurrency`, `count` items of about 100 bytes. */
export async function itemRates(
  dynamo: DynamoDBClient,
  table: string,
  count: number,
  concurrency: number,
): Promise<{ put: number; get: number }> {
  const putMs = await pool(count, concurrency, async (i) => {
    await dynamo.send(
      new PutItemCommand({ TableName: table, Item: { id: { S: `item-${i}` }, payload: { S: body(100, i) } } }),
    );
  });
  const getMs = await pool(count, concurrency, async (i) => {
    const got = await dynamo.send(new GetItemCommand({ TableName: table, Key: { id: { S: `item-${i}` } } }));
    if (got.Item === undefined) throw new Error(`GetItem item-${i} found nothing`);
  });
  return { put: (count / putMs) * 1000, get: (count / getMs) * 1000 };
}
