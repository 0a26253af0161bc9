/**
 * The seed's Customer service tests, against the service running as a process (as the seed's container),
 * configured by environment, with moto (or PROBITY_AWS_ENDPOINT) as the backend.
 * TODO(lead): port to probity — `eventually` -> `probeUntil`, `TestBus` -> `SnsSqsTestClient`,
 * and add `probeDuring` to the idempotence test.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AUTOTEST_ENV, AWS_ENDPOINT, AWS_UNAVAILABLE, ENTRIES, EXAMPLE_ROOT, resetBackend } from "./support/backend.js";
import { eventually } from "./support/eventually.js";
import { type StartedService, startService } from "./support/start-service.js";
import { TestBus, testAwsConfig, testAwsEnv } from "./support/test-bus.js";

describe.skipIf(AWS_UNAVAILABLE !== "")(
  `customer service (process)${AWS_UNAVAILABLE ? `: ${AWS_UNAVAILABLE}` : ""}`,
  () => {
    let customers: StartedService;
    let bus: TestBus;

    beforeAll(async () => {
      await resetBackend(AWS_ENDPOINT);
      bus = new TestBus(testAwsConfig(AWS_ENDPOINT));
      // The seed's _create_topics_and_queues fixture.
      await bus.subscribeTo({ topic: "customer--created", queue: "customer--created" });
      customers = await startService(
        ENTRIES.customers,
        { ...testAwsEnv(AWS_ENDPOINT), ...AUTOTEST_ENV },
        { cwd: EXAMPLE_ROOT },
      );
    });

    afterAll(async () => {
      const code = await customers?.stop();
      bus?.close();
      expect(code).toBe(0);
    });

    // The seed's _purge_queues_on_teardown fixture, plus the DLQ.
    afterEach(async () => {
      await bus.purge("customer--created");
      await bus.purge("customer--order-created");
      await bus.purge("customer--order-created--dlq");
    });

    const http = (path: string, init?: RequestInit) => fetch(`${customers.url}${path}`, init);
    const createCustomer = async (name: string): Promise<string> => {
      const response = await http("/customer", { method: "POST", body: JSON.stringify({ name }) });
      expect(response.status).toBe(200);
      return ((await response.json()) as { customer_id: string }).customer_id;
    };

    it("publishes exactly one CustomerCreated when a customer is created", async () => {
      const customerId = await createCustomer("John Doe");
      const event = await eventually(async () => {
        const [only, ...rest] = await bus.receive("customer--created");
        if (!only || rest.length > 0) throw new Error(`expected one event, got ${rest.length + (only ? 1 : 0)}`);
        return only.payload;
      });
      expect(event).toEqual({ customer_id: customerId, name: "John Doe" });
    });

    it("registers created orders in order when two OrderCreated are published", async () => {
      const customerId = await createCustomer("John Doe");
      const orderIds = [randomUUID(), randomUUID()];
      for (const order_id of orderIds) await bus.publish("order--created", { order_id, customer_id: customerId });
      await eventually(async () => {
        const response = await http(`/customer/${customerId}`);
        expect(await response.json()).toEqual({
          customer_id: customerId,
          name: "John Doe",
          orders: orderIds.map((order_id) => ({ order_id })),
        });
      });
    });

    it("stores an order once when the same OrderCreated is published twice", async () => {
      const customerId = await createCustomer("John Doe");
      const order = { order_id: randomUUID(), customer_id: customerId };
      await bus.publish("order--created", order);
      await bus.publish("order--created", order);
      // Wait until both copies were consumed (nothing visible, nothing in flight), then read once.
      await eventually(() => bus.assertDrained("customer--order-created"));
      const response = await http(`/customer/${customerId}`);
      expect(((await response.json()) as { orders: unknown[] }).orders).toEqual([{ order_id: order.order_id }]);
    });

    it("moves an OrderCreated to the DLQ when its customer does not exist", async () => {
      const order = { order_id: randomUUID(), customer_id: randomUUID() };
      await bus.publish("order--created", order);
      const dead = await eventually(
        async () => {
          const [only] = await bus.receive("customer--order-created--dlq");
          if (!only) throw new Error("nothing in the DLQ yet");
          return only.payload;
        },
        { timeout: 10_000 },
      );
      expect(dead).toEqual(order);
    });

    it("moves a message to the DLQ (never drops it) when it is not a JsonBase envelope", async () => {
      await bus.sendRaw("customer--order-created", "this is not an envelope");
      const dead = await eventually(
        async () => {
          const [only] = await bus.receive("customer--order-created--dlq");
          if (!only) throw new Error("nothing in the DLQ yet");
          return only.body;
        },
        { timeout: 10_000 },
      );
      expect(dead).toBe("this is not an envelope");
    });

    it("answers 404 CUSTOMER_NOT_FOUND when the customer does not exist", async () => {
      const response = await http(`/customer/${randomUUID()}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "CUSTOMER_NOT_FOUND" });
    });

    it("returns the created customer when it is fetched after creation", async () => {
      const response = await http("/customer", { method: "POST", body: JSON.stringify({ name: "John Doe" }) });
      const body = (await response.json()) as { customer_id: string };
      expect(response.status).toBe(200);
      expect(body).toEqual({ customer_id: expect.any(String), name: "John Doe", orders: [] });
      const fetched = await http(`/customer/${body.customer_id}`);
      expect(fetched.status).toBe(200);
      expect(await fetched.json()).toEqual({ customer_id: body.customer_id, name: "John Doe", orders: [] });
    });

    it.each([
      ["invalid JSON", "{", "INVALID_JSON"],
      ["a missing name", "{}", "INVALID_NAME"],
    ])("answers 400 with a JSON error when the body has %s", async (_, body, error) => {
      const response = await http("/customer", { method: "POST", body });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect(await response.json()).toMatchObject({ error });
    });
  },
);
