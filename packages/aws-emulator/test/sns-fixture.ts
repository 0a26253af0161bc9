/**
 * @module test/sns-fixture
 * Shared set-up for the SNS wire tests: one emulator, SDK v3 SNS and SQS clients pointed at it (retries
 * off, SQS MD5 checks on, as by default), and helpers that create uniquely named queues and topics.
 * @internal
 */

import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { type AwsEmulator, type AwsEmulatorOptions, startAwsEmulator } from "probity-aws-emulator";

/** An emulator with SNS and SQS clients. */
export interface SnsFixture {
  aws: AwsEmulator;
  sns: SNSClient;
  sqs: SQSClient;
  /** Creates a queue with a unique name; `.fifo` names stay FIFO. */
  queue(name: string, attributes?: Record<string, string>): Promise<{ url: string; arn: string; name: string }>;
  /** Creates a topic with a unique name; `.fifo` names become FIFO topics. */
  topic(name: string, attributes?: Record<string, string>): Promise<string>;
  /** Subscribes a queue to a topic. */
  subscribe(topicArn: string, queueArn: string, attributes?: Record<string, string>): Promise<string>;
  /** One receive with every attribute; `wait` in seconds. */
  receive(url: string, wait?: number, max?: number): Promise<Message[]>;
  stop(): Promise<void>;
}

let counter = 0;

function unique(name: string): string {
  counter++;
  return name.endsWith(".fifo") ? `${name.slice(0, -5)}-${counter}.fifo` : `${name}-${counter}`;
}

/** Starts an emulator and SDK v3 clients. */
export async function startSnsFixture(options: AwsEmulatorOptions = {}): Promise<SnsFixture> {
  const aws = await startAwsEmulator({ port: 0, ...options });
  const config = { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials, maxAttempts: 1 };
  const sns = new SNSClient(config);
  const sqs = new SQSClient(config);
  return {
    aws,
    sns,
    sqs,
    async queue(name, attributes = {}) {
      const queueName = unique(name);
      const fifo: Record<string, string> = queueName.endsWith(".fifo") ? { FifoQueue: "true" } : {};
      const { QueueUrl = "" } = await sqs.send(
        new CreateQueueCommand({ QueueName: queueName, Attributes: { ...fifo, ...attributes } }),
      );
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
      return { url: QueueUrl, arn: Attributes?.QueueArn ?? "", name: queueName };
    },
    async topic(name, attributes = {}) {
      const topicName = unique(name);
      const fifo: Record<string, string> = topicName.endsWith(".fifo") ? { FifoTopic: "true" } : {};
      const { TopicArn = "" } = await sns.send(
        new CreateTopicCommand({ Name: topicName, Attributes: { ...fifo, ...attributes } }),
      );
      return TopicArn;
    },
    async subscribe(topicArn, queueArn, attributes = {}) {
      const { SubscriptionArn = "" } = await sns.send(
        new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: queueArn, Attributes: attributes }),
      );
      return SubscriptionArn;
    },
    async receive(url, wait = 0, max = 10) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          WaitTimeSeconds: wait,
          MaxNumberOfMessages: max,
          MessageAttributeNames: ["All"],
          MessageSystemAttributeNames: ["All"],
        }),
      );
      return Messages;
    },
    async stop() {
      sns.destroy();
      sqs.destroy();
      await aws.stop();
    },
  };
}
