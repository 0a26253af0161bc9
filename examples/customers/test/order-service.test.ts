/**
 * The Order service as a process: its response and the OrderCreated it publishes, read from a queue of
 * the test's own subscribed to `order--created`.
 */
import { randomUUID } from "node:crypto";
import { jsonBase } from "probity-aws";
import { beforeAll, describe, expect } from "vitest";
import { connectBus, it, orders, SKIP, title } from "./support/suite.js";

const ORDERS_SEEN = "test--order-created";

describe.skipIf(SKIP)(title("order service"), () => {
  beforeAll(async () => {
    // Created here rather than in the global setup: only this file reads it.
    await using bus = await connectBus();
    await bus.subscribeTo({ topic: "order--created", queue: ORDERS_SEEN });
    await bus.purge(ORDERS_SEEN);
  });

  it("returns a new order and publishes OrderCreated when POST /order has a customer_id", async ({ bus }) => {
    const customer_id = randomUUID();
    const response = await orders("/order", { method: "POST", body: JSON.stringify({ customer_id }) });
    expect(response.status).toBe(200);
    const order = (await response.json()) as { order_id: string; customer_id: string };
    expect(order).toEqual({ order_id: expect.stringMatching(/^[0-9a-f-]{36}$/), customer_id });

    const event = await bus.expectMessage(ORDERS_SEEN, { envelope: jsonBase, match: { order_id: order.order_id } });
    expect(event.payload).toEqual(order);
    // Raw delivery is off: the SQS body is the SNS notification wrapping the JsonBase envelope.
    expect(event.notification?.topic).toBe("order--created");
  });

  it("answers 400 INVALID_CUSTOMER_ID when customer_id is missing", async () => {
    const response = await orders("/order", { method: "POST", body: "{}" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "INVALID_CUSTOMER_ID" });
  });
});
