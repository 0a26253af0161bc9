/**
 * The seed's Customer service tests, ported to probity: the service runs as a process (the seed's
 * container) started by the global setup with the seed's settings, and each test waits with `probeUntil`
 * (or `probeDuring`) instead of sleeping. The `bus` fixture purges `customer--created` and
 * `customer--order-created` after each test (the seed's `_purge_queues_on_teardown`).
 */
import { randomUUID } from "node:crypto";
import { probeDuring, probeUntil } from "probity";
import { jsonBase, text } from "probity-aws";
import { assert, describe, expect } from "vitest";
import { createCustomer, customers, it, realMs, SKIP, title } from "./support/suite.js";

describe.skipIf(SKIP)(title("customer service"), () => {
  // #region customer-created
  it("emits one CustomerCreated event when a customer is created", async ({ bus }) => {
    // Act
    const response = await customers("/customer", { method: "POST", body: JSON.stringify({ name: "John Doe" }) });
    const { customer_id } = (await response.json()) as { customer_id: string };
    expect(response.status).toBe(200);

    // Assert
    const event = await probeUntil(
      async () => {
        const [event, ...more] = await bus.receive("customer--created", { envelope: jsonBase });
        assert(event !== undefined && more.length === 0, "expected exactly one CustomerCreated"); // retried until true
        return event.payload;
      },
      { interval: 100, timeout: 3_000 },
    );
    expect(event).toEqual({ customer_id, name: "John Doe" });
  });
  // #endregion customer-created

  // #region register-orders
  it("registers created orders in order when two OrderCreated are published", async ({ bus }) => {
    // Arrange
    const customer_id = await createCustomer("John Doe");

    // Act
    const orderIds = ["6c403295-2755-4178-a4f1-e3b698927971", "c8bb390a-71f4-4e8f-8879-c92261b0e18e"];
    for (const order_id of orderIds) {
      await bus.publish({ topic: "order--created", data: { order_id, customer_id }, envelope: jsonBase });
    }

    // Assert: re-checked whenever the consumer's queue changes (on moto: every 100 ms)
    await probeUntil(
      async () => {
        const response = await customers(`/customer/${customer_id}`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          customer_id,
          name: "John Doe",
          orders: [{ order_id: orderIds[0] }, { order_id: orderIds[1] }],
        });
      },
      { wakeOn: bus.wakeOn("customer--order-created") },
    );
  });
  // #endregion register-orders

  // #region dead-letter
  it("moves an OrderCreated to the DLQ when its customer does not exist", async ({ bus }) => {
    // Arrange
    const customer_id = randomUUID();
    const order_id = randomUUID();

    // Act
    await bus.publish({ topic: "order--created", data: { order_id, customer_id }, envelope: jsonBase });

    // Assert: the seed's settings (1 receive, 3 s visibility timeout) are unchanged; on the embedded
    // emulator those 3 s pass in 100 ms, so 10 s is only a ceiling.
    const event = await probeUntil(
      async () => {
        const [event, ...more] = await bus.receive("customer--order-created--dlq", { envelope: jsonBase });
        assert(event !== undefined && more.length === 0, "expected exactly one dead letter");
        return event.payload;
      },
      { timeout: 10_000, wakeOn: bus.wakeOn("customer--order-created--dlq") },
    );
    expect(event).toEqual({ order_id, customer_id });
  });
  // #endregion dead-letter

  it("moves a message to the DLQ (never drops it) when it is not a JsonBase envelope", async ({ bus }) => {
    await bus.send({ queue: "customer--order-created", data: "this is not an envelope", envelope: text });
    const body = await probeUntil(
      async () => {
        const [dead, ...more] = await bus.receive("customer--order-created--dlq", { envelope: text });
        assert(dead !== undefined && more.length === 0, "expected exactly one dead letter");
        return dead.payload;
      },
      { timeout: 10_000, wakeOn: bus.wakeOn("customer--order-created--dlq") },
    );
    expect(body).toBe("this is not an envelope");
  });

  // #region not-found
  it("answers 404 CUSTOMER_NOT_FOUND when the customer does not exist", async () => {
    const response = await customers(`/customer/${randomUUID()}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "CUSTOMER_NOT_FOUND" });
  });
  // #endregion not-found

  // #region create-and-get
  it("returns the created customer when it is fetched after creation", async () => {
    const response = await customers("/customer", { method: "POST", body: JSON.stringify({ name: "John Doe" }) });
    const body = (await response.json()) as { customer_id: string };
    expect(response.status).toBe(200);
    expect(body).toEqual({ customer_id: expect.any(String), name: "John Doe", orders: [] });

    const fetched = await customers(`/customer/${body.customer_id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual({ customer_id: body.customer_id, name: "John Doe", orders: [] });
  });
  // #endregion create-and-get

  // #region idempotent
  it("lists an order once, and keeps it once, when the same OrderCreated is published twice", async ({ bus }) => {
    const customer_id = await createCustomer("John Doe");
    const order = { order_id: randomUUID(), customer_id };
    await bus.publish({ topic: "order--created", data: order, envelope: jsonBase });
    await bus.publish({ topic: "order--created", data: order, envelope: jsonBase });

    const listedOnce = async (): Promise<void> => {
      const response = await customers(`/customer/${customer_id}`);
      expect(((await response.json()) as { orders: unknown[] }).orders).toEqual([{ order_id: order.order_id }]);
    };
    await probeUntil(listedOnce, { wakeOn: bus.wakeOn("customer--order-created") }); // the first copy is consumed…
    // …and it stays once while the duplicate (and any redelivery after one visibility timeout) is handled.
    await probeDuring(listedOnce, { duration: realMs(3_000), interval: 100 });
  });
  // #endregion idempotent

  it.each([
    ["invalid JSON", "{", "INVALID_JSON"],
    ["a missing name", "{}", "INVALID_NAME"],
  ])("answers 400 with a JSON error when the body has %s", async (_, body, error) => {
    const response = await customers("/customer", { method: "POST", body });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toMatchObject({ error });
  });
});
