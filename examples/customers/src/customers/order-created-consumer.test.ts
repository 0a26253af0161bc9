import type { Message } from "@aws-sdk/client-sqs";
import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { InvalidMessageError } from "../shared/errors.js";
import { jsonBase } from "../shared/json-base.js";
import { CustomerNotFoundError } from "./customer.js";
import { CustomerService } from "./customer-service.js";
import { InMemoryCustomerRepository } from "./in-memory-customer-repository.js";
import { OrderCreatedConsumer } from "./order-created-consumer.js";
import { RecordingPublisher } from "./test-doubles.js";

function notification(data: unknown): Message {
  const Message = jsonBase.build(data, { topic: "order--created", serviceName: "order" });
  return { MessageId: "m1", Body: JSON.stringify({ Type: "Notification", Message }) };
}

async function setup() {
  const repository = new InMemoryCustomerRepository();
  await repository.create({ customer_id: "c1", name: "John Doe", orders: [] });
  const service = new CustomerService(repository, new RecordingPublisher());
  const consumer = new OrderCreatedConsumer(service, new SQSClient({ region: "us-east-1" }));
  return { repository, consumer };
}

describe("OrderCreatedConsumer.handleMessage", () => {
  it("records the order and returns the message (acknowledge) when the SNS notification is valid", async () => {
    const { repository, consumer } = await setup();
    const message = notification({ order_id: "o1", customer_id: "c1" });
    await expect(consumer.handleMessage(message)).resolves.toBe(message);
    expect((await repository.get("c1"))?.orders).toEqual([{ order_id: "o1" }]);
  });

  it("accepts a raw-delivered envelope when the body is the envelope itself", async () => {
    const { repository, consumer } = await setup();
    const Body = jsonBase.build({ order_id: "o2", customer_id: "c1" }, { topic: "order--created", serviceName: "o" });
    await consumer.handleMessage({ MessageId: "m2", Body });
    expect((await repository.get("c1"))?.orders).toEqual([{ order_id: "o2" }]);
  });

  it("stores the order once when the same OrderCreated arrives twice", async () => {
    const { repository, consumer } = await setup();
    await consumer.handleMessage(notification({ order_id: "o1", customer_id: "c1" }));
    await consumer.handleMessage(notification({ order_id: "o1", customer_id: "c1" }));
    expect((await repository.get("c1"))?.orders).toEqual([{ order_id: "o1" }]);
  });

  it("throws CustomerNotFoundError (message kept for retry/DLQ) when the customer is unknown", async () => {
    const { consumer } = await setup();
    await expect(consumer.handleMessage(notification({ order_id: "o1", customer_id: "nobody" }))).rejects.toThrow(
      CustomerNotFoundError,
    );
  });

  it.each([
    ["no body", { MessageId: "m" }],
    ["a body that is not JSON", { MessageId: "m", Body: "garbage" }],
    [
      "a notification whose Message is not an envelope",
      { MessageId: "m", Body: '{"Type":"Notification","Message":"x"}' },
    ],
    ["an envelope without order_id", notification({ customer_id: "c1" })],
    ["an envelope whose customer_id is a number", notification({ order_id: "o1", customer_id: 7 })],
  ])("throws InvalidMessageError when the message has %s", async (_, message) => {
    const { consumer } = await setup();
    await expect(consumer.handleMessage(message)).rejects.toThrow(InvalidMessageError);
  });
});
