/**
 * The Order service as a process: its response and the OrderCreated it publishes.
 * TODO(lead): port to probity — `eventually` -> `probeUntil`, `TestBus` -> `SnsSqsTestClient`.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AWS_ENDPOINT, AWS_UNAVAILABLE, ENTRIES, EXAMPLE_ROOT, resetBackend } from "./support/backend.js";
import { eventually } from "./support/eventually.js";
import { type StartedService, startService } from "./support/start-service.js";
import { TestBus, testAwsConfig, testAwsEnv } from "./support/test-bus.js";

describe.skipIf(AWS_UNAVAILABLE !== "")(
  `order service (process)${AWS_UNAVAILABLE ? `: ${AWS_UNAVAILABLE}` : ""}`,
  () => {
    let orders: StartedService;
    let bus: TestBus;

    beforeAll(async () => {
      await resetBackend(AWS_ENDPOINT);
      bus = new TestBus(testAwsConfig(AWS_ENDPOINT));
      await bus.subscribeTo({ topic: "order--created", queue: "test--order-created" });
      orders = await startService(ENTRIES.orders, { ...testAwsEnv(AWS_ENDPOINT), PORT: "0" }, { cwd: EXAMPLE_ROOT });
    });

    afterAll(async () => {
      const code = await orders?.stop();
      bus?.close();
      expect(code).toBe(0);
    });

    it("returns a new order and publishes OrderCreated when POST /order has a customer_id", async () => {
      const customerId = randomUUID();
      const response = await fetch(`${orders.url}/order`, {
        method: "POST",
        body: JSON.stringify({ customer_id: customerId }),
      });
      expect(response.status).toBe(200);
      const order = (await response.json()) as { order_id: string; customer_id: string };
      expect(order).toEqual({ order_id: expect.stringMatching(/^[0-9a-f-]{36}$/), customer_id: customerId });
      const event = await eventually(async () => {
        const [only] = await bus.receive("test--order-created");
        if (!only) throw new Error("no OrderCreated yet");
        return only;
      });
      expect(event.payload).toEqual(order);
      // Raw delivery is off: the SQS body is the SNS notification wrapping the JsonBase envelope.
      expect(JSON.parse(event.body)).toMatchObject({ Type: "Notification" });
    });

    it("answers 400 INVALID_CUSTOMER_ID when customer_id is missing", async () => {
      const response = await fetch(`${orders.url}/order`, { method: "POST", body: "{}" });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "INVALID_CUSTOMER_ID" });
    });
  },
);
