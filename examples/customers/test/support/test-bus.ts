/**
 * @module test/support/test-bus
 * The few SNS/SQS operations the tests need before `probity-aws` lands: subscribe a queue to a topic,
 * publish in the JsonBase envelope, receive-and-decode, peek the DLQ, purge.
 * TODO(lead): replace with `SnsSqsTestClient` (`bus.subscribeTo`, `bus.publish`, `bus.receive`, `bus.purge`).
 */
import { PublishCommand } from "@aws-sdk/client-sns";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { type AwsClients, type AwsConfig, createAwsClients, destroyAwsClients } from "../../src/shared/aws-config.js";
import { jsonBase } from "../../src/shared/json-base.js";
import { unwrapSnsNotification } from "../../src/shared/sns-notification.js";
import { ensureSubscribedQueue, ensureTopic } from "../../src/shared/topology.js";

/** A received message: the decoded payload and the raw SQS body. */
export interface ReceivedMessage {
  payload: unknown;
  body: string;
}

/** A tiny SNS/SQS test client over the AWS SDK. */
export class TestBus {
  readonly clients: AwsClients;

  constructor(aws: AwsConfig) {
    this.clients = createAwsClients(aws);
  }

  /** Subscribes `queue` (created if missing) to `topic`, with raw delivery off, as tomodachi does. */
  async subscribeTo(spec: { topic: string; queue: string; dlq?: { name: string; maxReceiveCount: number } }) {
    return ensureSubscribedQueue(this.clients, spec);
  }

  /** Publishes `data` to `topic` in the JsonBase envelope. */
  async publish(topic: string, data: unknown): Promise<void> {
    const TopicArn = await ensureTopic(this.clients.sns, topic);
    const Message = jsonBase.build(data, { topic, serviceName: "test" });
    await this.clients.sns.send(new PublishCommand({ TopicArn, Message }));
  }

  /** Sends a raw body straight to a queue (for malformed-message tests). */
  async sendRaw(queue: string, body: string): Promise<void> {
    await this.clients.sqs.send(new SendMessageCommand({ QueueUrl: await this.#url(queue), MessageBody: body }));
  }

  /** Receives (and deletes) what is visible now, decoding SNS notification + JsonBase. */
  async receive(queue: string): Promise<ReceivedMessage[]> {
    const QueueUrl = await this.#url(queue);
    const { Messages = [] } = await this.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const received: ReceivedMessage[] = [];
    for (const message of Messages) {
      const body = message.Body ?? "";
      let payload: unknown;
      try {
        payload = jsonBase.parse(unwrapSnsNotification(body));
      } catch {
        payload = undefined;
      }
      received.push({ payload, body });
      await this.clients.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
    return received;
  }

  /**
   * Resolves when `queue` has nothing visible and nothing in flight; throws otherwise (use inside a probe).
   * TODO(lead): replace with `bus.drained(queue)`.
   */
  async assertDrained(queue: string): Promise<void> {
    const { Attributes = {} } = await this.clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: await this.#url(queue),
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    const visible = Number(Attributes.ApproximateNumberOfMessages ?? "0");
    const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? "0");
    if (visible + inFlight > 0) throw new Error(`${queue}: ${visible} visible, ${inFlight} in flight`);
  }

  /** Deletes every message of `queue`. */
  async purge(queue: string): Promise<void> {
    await this.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: await this.#url(queue) }));
  }

  /** Closes the clients. */
  close(): void {
    destroyAwsClients(this.clients);
  }

  async #url(queue: string): Promise<string> {
    const { QueueUrl } = await this.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
    if (!QueueUrl) throw new Error(`no url for queue ${queue}`);
    return QueueUrl;
  }
}

/** AWS settings for a test backend at `endpoint` (static `testing` credentials, `us-east-1`). */
export function testAwsConfig(endpoint: string): AwsConfig {
  return {
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    endpoints: { sns: endpoint, sqs: endpoint, dynamodb: endpoint },
  };
}

/** The same settings as environment variables, for service processes. */
export function testAwsEnv(endpoint: string): Record<string, string> {
  return {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_SNS_ENDPOINT_URL: endpoint,
    AWS_SQS_ENDPOINT_URL: endpoint,
    AWS_DYNAMODB_ENDPOINT_URL: endpoint,
  };
}
