/**
 * The Customer app constructed inside the test (no process): what it creates on start, graceful stop, and
 * the HTTP API without a socket. It runs in a region of its own on the suite's backend (a second, empty
 * AWS), so it neither competes with the service process for `customer--order-created` nor shares its
 * queue attributes.
 */
import { randomUUID } from "node:crypto";
import { ListSubscriptionsByTopicCommand } from "@aws-sdk/client-sns";
import { deferred, probeMethod } from "probity";
import { jsonBase, type SnsSqsTestClient } from "probity-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CustomerApp, createCustomerApp } from "../src/customers/customer-app.js";
import { DynamoDbCustomerRepository } from "../src/customers/dynamodb-customer-repository.js";
import { createAwsClients, destroyAwsClients } from "../src/shared/aws-config.js";
import { QUEUES, TOPICS } from "../src/shared/names.js";
import { testAwsConfig } from "./support/paths.js";
import { connectBus, SKIP, SUITE, title } from "./support/suite.js";

const REGION = "eu-west-2";

describe.skipIf(SKIP)(title("createCustomerApp (in-process)"), () => {
  let bus: SnsSqsTestClient;
  const config = () => ({
    aws: testAwsConfig(SUITE.endpoint, REGION),
    tableName: "in-process-customers",
    ensureTable: true,
    maxReceiveCount: 2,
    visibilityTimeout: 5,
  });

  beforeAll(async () => {
    bus = await connectBus(REGION);
  });

  afterAll(() => bus?.close());

  it("creates topic, queue, DLQ, redrive policy and one subscription when started twice", async () => {
    for (let run = 0; run < 2; run++) {
      const app = createCustomerApp(config());
      await app.start();
      await app.stop();
    }
    const attributes = await bus.attributes(QUEUES.customerOrderCreated);
    expect(attributes.visibilityTimeout).toBe(5);
    expect(attributes.redrivePolicy).toEqual({
      deadLetterTargetArn: expect.stringMatching(/:customer--order-created--dlq$/),
      maxReceiveCount: 2,
    });
    expect(JSON.parse(attributes.raw.Policy ?? "{}").Statement[0].Condition.ArnEquals["aws:SourceArn"]).toMatch(
      /:order--created$/,
    );
    const clients = createAwsClients(config().aws);
    try {
      const topic = await bus.createTopic(TOPICS.orderCreated);
      const { Subscriptions = [] } = await clients.sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: topic.arn }),
      );
      expect(Subscriptions.filter((s) => s.Endpoint?.endsWith(":customer--order-created"))).toHaveLength(1);
    } finally {
      destroyAwsClients(clients);
    }
  });

  it("finishes and deletes the message in flight when stopped while handling it", async () => {
    const app = createCustomerApp(config());
    await app.start();
    const customer = await app.service.createCustomer("John Doe");
    const order = { order_id: randomUUID(), customer_id: customer.customer_id };

    // Hold the handler until the stop has been requested: a gate in front of the real method.
    const entered = deferred<void>();
    const gate = deferred<void>();
    const original = app.consumer.handleMessage.bind(app.consumer);
    app.consumer.handleMessage = async (message) => {
      entered.resolve();
      await gate.promise;
      return original(message);
    };

    await bus.publish({ topic: TOPICS.orderCreated, data: order, envelope: jsonBase });
    await entered.wait({ timeout: 5_000 });
    const stopped = app.stop();
    gate.resolve();
    await stopped;

    const clients = createAwsClients(config().aws); // the app's clients are closed
    try {
      const repository = new DynamoDbCustomerRepository(clients.dynamodb, config().tableName);
      expect((await repository.get(customer.customer_id))?.orders).toEqual([{ order_id: order.order_id }]);
    } finally {
      destroyAwsClients(clients);
    }
    // Deleted, not left to be redelivered: nothing visible or in flight.
    const attributes = await bus.attributes(QUEUES.customerOrderCreated);
    expect(attributes.approximateNumberOfMessages + attributes.approximateNumberOfMessagesNotVisible).toBe(0);
  });

  describe("with a running app", () => {
    let app: CustomerApp;

    beforeAll(async () => {
      app = createCustomerApp(config());
      await app.start();
    });

    afterAll(() => app?.stop());

    it("adds the order through service and repository when the consumer handles the message", async () => {
      const customer = await app.service.createCustomer("John Doe");
      const order = { order_id: randomUUID(), customer_id: customer.customer_id };
      using addOrder = probeMethod(app.service, "addOrder");
      using stored = probeMethod(app.repository, "addOrder");

      await bus.publish({ topic: TOPICS.orderCreated, data: order, envelope: jsonBase });

      expect((await addOrder.nextCall({ timeout: 5_000 })).args).toEqual([order]);
      const write = await stored.nextCall({ timeout: 5_000 });
      expect(write.args).toEqual([customer.customer_id, order.order_id]);
      expect(write.result).toBe(true); // newly stored, not a duplicate
    });

    it("serves the HTTP API without a socket when fetch is called directly", async () => {
      const response = await app.fetch(new Request(`http://customers/customer/${randomUUID()}`));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "CUSTOMER_NOT_FOUND" });
    });
  });
});
