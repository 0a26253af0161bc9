/**
 * @module shared/event-publisher
 * Publishes domain events to SNS in the JsonBase envelope, creating each topic on first use (as
 * `tomodachi.aws_sns_sqs_publish` does).
 */
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { jsonBase } from "./json-base.js";
import { ensureTopic } from "./topology.js";

/** Anything that can publish an event to a topic; the services depend on this, not on SNS. */
export interface EventPublisher {
  /** Publishes `data` to `topic`; resolves once the broker accepted it. */
  publish(topic: string, data: unknown): Promise<void>;
}

/**
 * {@link EventPublisher} over SNS with the JsonBase envelope.
 *
 * @example
 * ```ts
 * const publisher = new SnsEventPublisher(sns, { serviceName: "customer" });
 * await publisher.publish("customer--created", { customer_id, name });
 * ```
 */
export class SnsEventPublisher implements EventPublisher {
  readonly #sns: SNSClient;
  readonly #serviceName: string;
  readonly #topicArns = new Map<string, Promise<string>>();

  /** @param options.serviceName - Written to the envelope's `service.name`. */
  constructor(sns: SNSClient, options: { serviceName: string }) {
    this.#sns = sns;
    this.#serviceName = options.serviceName;
  }

  async publish(topic: string, data: unknown): Promise<void> {
    const message = jsonBase.build(data, { topic, serviceName: this.#serviceName });
    const topicArn = await this.#topicArn(topic);
    await this.#sns.send(new PublishCommand({ TopicArn: topicArn, Message: message }));
  }

  #topicArn(topic: string): Promise<string> {
    let arn = this.#topicArns.get(topic);
    if (!arn) {
      arn = ensureTopic(this.#sns, topic);
      arn.catch(() => this.#topicArns.delete(topic));
      this.#topicArns.set(topic, arn);
    }
    return arn;
  }
}
