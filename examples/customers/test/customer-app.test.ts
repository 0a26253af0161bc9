/**
 * The Customer app constructed inside the test (no process): the seed-2 chain consumer -> service ->
 * repository is reachable, so a test can wait on the exact layer that did the work.
 * TODO(lead): replace the hand-made wrapper below with `probeMethod(app.consumer, "handleMessage")` /
 * `methodBarrier`, and `eventually` with `probeUntil`.
 */
import { randomUUID } from "node:crypto";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, GetQueueUrlCommand, type Message } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CustomerApp, createCustomerApp } from "../src/customers/customer-app.js";
import { DynamoDbCustomerRepository } from "../src/customers/dynamodb-customer-repository.js";
import { AWS_ENDPOINT, AWS_UNAVAILABLE, resetBackend } from "./support/backend.js";
import { TestBus, testAwsConfig } from "./support/test-bus.js";

describe.skipIf(AWS_UNAVAILABLE !== "")(
  `createCustomerApp (in-process)${AWS_UNAVAILABLE ? `: ${AWS_UNAVAILABLE}` : ""}`,
  () => {
    let bus: TestBus;
    const config = () => ({
      aws: testAwsConfig(AWS_ENDPOINT),
      tableName: "in-process-customers",
      ensureTable: true,
      maxReceiveCount: 2,
      visibilityTimeout: 5,
    });

    beforeAll(async () => {
      await resetBackend(AWS_ENDPOINT);
      bus = new TestBus(testAwsConfig(AWS_ENDPOINT));
    });

    afterAll(() => bus?.close());

    it("creates topic, queue, DLQ, redrive policy and one subscription when started twice", async () => {
      for (let run = 0; run < 2; run++) {
        const app = createCustomerApp(config());
        await app.start();
        await app.stop();
      }
      const { sns, sqs } = bus.clients;
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "customer--order-created" }));
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["VisibilityTimeout", "RedrivePolicy", "Policy"] }),
      );
      expect(Attributes.VisibilityTimeout).toBe("5");
      expect(JSON.parse(Attributes.RedrivePolicy ?? "{}")).toMatchObject({
        deadLetterTargetArn: expect.stringMatching(/:customer--order-created--dlq$/),
        maxReceiveCount: expect.anything(),
      });
      expect(Number(JSON.parse(Attributes.RedrivePolicy ?? "{}").maxReceiveCount)).toBe(2);
      expect(JSON.parse(Attributes.Policy ?? "{}").Statement[0].Condition.ArnEquals["aws:SourceArn"]).toMatch(
        /:order--created$/,
      );
      const topicArn = (await bus.subscribeTo({ topic: "order--created", queue: "customer--order-created" })).topicArn;
      const { Subscriptions = [] } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
      expect(Subscriptions.filter((s) => s.Endpoint?.endsWith(":customer--order-created"))).toHaveLength(1);
    });

    it("finishes and deletes the message in flight when stopped while handling it", async () => {
      const app = createCustomerApp(config());
      await app.start();
      const customer = await app.service.createCustomer("John Doe");
      const order = { order_id: randomUUID(), customer_id: customer.customer_id };

      // Hold the handler until the stop has been requested.
      const original = app.consumer.handleMessage.bind(app.consumer);
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const entered = new Promise<void>((resolve) => {
        app.consumer.handleMessage = async (message) => {
          resolve();
          await gate;
          return original(message);
        };
      });

      await bus.publish("order--created", order);
      await entered;
      const stopped = app.stop();
      release();
      await stopped;

      const repository = new DynamoDbCustomerRepository(bus.clients.dynamodb, config().tableName); // app's clients are closed
      expect((await repository.get(customer.customer_id))?.orders).toEqual([{ order_id: order.order_id }]);
      await bus.assertDrained("customer--order-created"); // deleted, not left to be redelivered
    });

    describe("with a running app", () => {
      let app: CustomerApp;

      beforeAll(async () => {
        app = createCustomerApp(config());
        await app.start();
      });

      afterAll(() => app?.stop());

      it("hands the decoded OrderCreated to the repository when the consumer handles the message", async () => {
        const customer = await app.service.createCustomer("John Doe");
        const order = { order_id: randomUUID(), customer_id: customer.customer_id };

        // A business lock by hand: resolve when handleMessage has *finished*, with its outcome.
        const original = app.consumer.handleMessage.bind(app.consumer);
        const handled = new Promise<{ message: Message; error?: unknown }>((resolve) => {
          app.consumer.handleMessage = async (message) => {
            try {
              const result = await original(message);
              resolve({ message });
              return result;
            } catch (error) {
              resolve({ message, error });
              throw error;
            }
          };
        });

        await bus.publish("order--created", order);
        const call = await handled;

        expect(call.error).toBeUndefined();
        expect(app.consumer.decode(call.message)).toEqual(order);
        // No polling: the handler has returned, so the write is done.
        expect((await app.repository.get(customer.customer_id))?.orders).toEqual([{ order_id: order.order_id }]);
      });

      it("serves the HTTP API without a socket when fetch is called directly", async () => {
        const response = await app.fetch(new Request(`http://customers/customer/${randomUUID()}`));
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: "CUSTOMER_NOT_FOUND" });
      });
    });
  },
);
