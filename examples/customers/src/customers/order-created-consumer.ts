/**
 * @module customers/order-created-consumer
 * The transport layer of the `OrderCreated` subscription: `sqs-consumer` polls `customer--order-created`,
 * {@link OrderCreatedConsumer.handleMessage} unwraps the SNS notification and the JsonBase envelope and
 * hands the event to the service. A message whose handling throws (unknown customer, undecodable body) is
 * not deleted, so SQS redelivers it after the visibility timeout and, after `maxReceiveCount` receives,
 * moves it to the DLQ: nothing is dropped silently.
 */
import type { Message, SQSClient } from "@aws-sdk/client-sqs";
import { Consumer } from "sqs-consumer";
import { InvalidMessageError } from "../shared/errors.js";
import { jsonBase } from "../shared/json-base.js";
import { unwrapSnsNotification } from "../shared/sns-notification.js";
import { type OrderCreated, parseOrderCreated } from "./customer.js";
import type { CustomerService } from "./customer-service.js";

/** Options of {@link OrderCreatedConsumer}. */
export interface OrderCreatedConsumerOptions {
  /**
   * Long-poll wait of each `ReceiveMessage`, in seconds.
   * @default 20
   */
  waitTimeSeconds?: number;
  /**
   * Messages per `ReceiveMessage` (handled concurrently).
   * @default 10
   */
  batchSize?: number;
  /**
   * Where processing errors are reported.
   * @default console.error
   */
  onError?: (error: Error, message?: Message) => void;
}

/** What the consumer needs from the service: only the business step it drives. */
export type OrderHandler = Pick<CustomerService, "addOrder">;

/**
 * Consumes `OrderCreated` events. `handleMessage` is looked up on every message, so a test can wrap it
 * (`probeMethod(app.consumer, "handleMessage")`) after the consumer was built.
 *
 * @example
 * ```ts
 * const consumer = new OrderCreatedConsumer(service, sqs);
 * consumer.start(queueUrl);
 * await consumer.stop();
 * ```
 */
export class OrderCreatedConsumer {
  readonly #service: OrderHandler;
  readonly #sqs: SQSClient;
  readonly #options: Required<OrderCreatedConsumerOptions>;
  #consumer: Consumer | undefined;
  #handling = false;

  constructor(service: OrderHandler, sqs: SQSClient, options: OrderCreatedConsumerOptions = {}) {
    this.#service = service;
    this.#sqs = sqs;
    this.#options = {
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      batchSize: options.batchSize ?? 10,
      onError: options.onError ?? ((error) => console.error(`order-created consumer: ${error.message}`)),
    };
  }

  /**
   * Decodes an SQS message into an {@link OrderCreated}.
   *
   * @throws {InvalidMessageError} when the body is not an SNS notification / JsonBase envelope of an OrderCreated.
   */
  decode(message: Message): OrderCreated {
    if (message.Body === undefined) throw new InvalidMessageError("SQS message has no body");
    return parseOrderCreated(jsonBase.parse(unwrapSnsNotification(message.Body)));
  }

  /**
   * Handles one SQS message: decode, then `service.addOrder`. Resolving acknowledges (deletes) the message;
   * throwing leaves it on the queue for a retry and, in the end, the DLQ.
   *
   * @returns The message, which tells `sqs-consumer` to delete it.
   * @throws {InvalidMessageError} for an undecodable message; {@link CustomerNotFoundError} for an unknown customer.
   */
  async handleMessage(message: Message): Promise<Message> {
    await this.#service.addOrder(this.decode(message));
    return message;
  }

  /** Starts polling `queueUrl`. */
  start(queueUrl: string): void {
    if (this.#consumer) return;
    const consumer = Consumer.create({
      queueUrl,
      sqs: this.#sqs,
      batchSize: this.#options.batchSize,
      waitTimeSeconds: this.#options.waitTimeSeconds,
      handleMessage: (message) => this.handleMessage(message),
    });
    consumer.on("message_received", () => {
      this.#handling = true;
    });
    consumer.on("response_processed", () => {
      this.#handling = false;
    });
    consumer.on("processing_error", (error, message) => this.#options.onError(error, message));
    consumer.on("timeout_error", (error, message) => this.#options.onError(error, message));
    consumer.on("error", (error, message) => {
      if (!consumer.status.isRunning && error.name === "AbortError") return;
      if (!consumer.status.isRunning && /abort/i.test(error.message)) return;
      this.#options.onError(error, Array.isArray(message) ? message[0] : message);
    });
    this.#consumer = consumer;
    consumer.start();
  }

  /**
   * Stops polling. Messages being handled are finished (and deleted) first; an idle long poll is aborted,
   * so stopping never waits for `waitTimeSeconds`.
   */
  async stop(): Promise<void> {
    const consumer = this.#consumer;
    if (!consumer) return;
    this.#consumer = undefined;
    if (this.#handling) {
      const processed = new Promise((resolve) => consumer.once("response_processed", resolve));
      consumer.stop();
      await processed;
    } else {
      consumer.stop({ abort: true });
    }
  }
}
