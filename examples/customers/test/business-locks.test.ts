/**
 * Business locks: wait for the exact piece of work to finish, then assert once — no polling.
 *
 * (a) In-process: the Customer app is constructed inside the test, so the test can lock on its
 * consumer's `handleMessage` (`probeMethod`, `methodBarrier`). The app lives in a region of its own on
 * the same backend — a second, empty AWS — so it does not compete with the service process for
 * `customer--order-created`. These tests use vitest's own `test`, not the suite's `it`, which waits for
 * the service processes: they run while the processes are still starting.
 * (b) Cross-process: the service is a process the test cannot reach into, so the lock is on the bus:
 * `bus.drained("customer--order-created")` resolves once nothing is visible or in flight, i.e. the
 * consumer has handled and deleted every message.
 */
import { randomUUID } from "node:crypto";
import { methodBarrier, probeMethod } from "probity";
import { jsonBase, type SnsSqsTestClient } from "probity-aws";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { CustomerNotFoundError } from "../src/customers/customer.js";
import { type CustomerApp, createCustomerApp } from "../src/customers/customer-app.js";
import { QUEUES } from "../src/shared/names.js";
import { testAwsConfig } from "./support/paths.js";
import { connectBus, createCustomer, customers, it, SKIP, SUITE, title } from "./support/suite.js";

const IN_PROCESS_REGION = "eu-west-1";

describe.skipIf(SKIP)(title("business locks in-process"), () => {
  let app: CustomerApp;
  let bus: SnsSqsTestClient;

  beforeAll(async () => {
    bus = await connectBus(IN_PROCESS_REGION);
    // The seed's settings, as the service process has them.
    app = createCustomerApp({
      aws: testAwsConfig(SUITE.endpoint, IN_PROCESS_REGION),
      tableName: "autotest-customers",
      ensureTable: true,
      maxReceiveCount: 1,
      visibilityTimeout: 3,
    });
    await app.start();
  });

  afterEach(async () => {
    await bus.purge(QUEUES.customerOrderCreated);
    await bus.purge(QUEUES.customerOrderCreatedDlq);
  });

  afterAll(async () => {
    await app?.stop();
    bus?.close();
  });

  // #region probe-method
  test("hands the OrderCreated to the repository when the consumer handles the message", async () => {
    const customer = await app.service.createCustomer("John Doe");
    const order = { order_id: randomUUID(), customer_id: customer.customer_id };
    using handleMessage = probeMethod(app.consumer, "handleMessage");

    await bus.publish({ topic: "order--created", data: order, envelope: jsonBase });

    const call = await handleMessage.nextCall({ timeout: 5_000 }); // resolves when the call has finished
    expect(call.type).toBe("returned"); // it did not throw
    const [message] = call.args;
    expect(app.consumer.decode(message)).toEqual(order);
    // No polling: the handler has returned, so the write is done.
    expect((await app.repository.get(customer.customer_id))?.orders).toEqual([{ order_id: order.order_id }]);
  });
  // #endregion probe-method

  // #region method-barrier
  test("lets the test through once the consumer has handled the message when a barrier is placed", async () => {
    const customer = await app.service.createCustomer("John Doe");
    const order_id = randomUUID();
    using barrier = methodBarrier(app.consumer, "handleMessage");

    await bus.publish({
      topic: "order--created",
      data: { order_id, customer_id: customer.customer_id },
      envelope: jsonBase,
    });

    await barrier.traverse({ timeout: 5_000 }); // rejects with handleMessage's own error if it threw
    expect((await app.repository.get(customer.customer_id))?.orders).toEqual([{ order_id }]);
  });

  test("rejects with the handler's own error when the customer does not exist", async () => {
    using barrier = methodBarrier(app.consumer, "handleMessage");

    await bus.publish({
      topic: "order--created",
      data: { order_id: randomUUID(), customer_id: randomUUID() },
      envelope: jsonBase,
    });

    await expect(barrier.traverse({ timeout: 5_000 })).rejects.toThrow(CustomerNotFoundError);
  });
  // #endregion method-barrier
});

describe.skipIf(SKIP)(title("business locks cross-process"), () => {
  // #region drained
  it("lists the order after one GET when the queue has drained", async ({ bus }) => {
    const customer_id = await createCustomer("John Doe");
    const order_id = randomUUID();

    await bus.publish({ topic: "order--created", data: { order_id, customer_id }, envelope: jsonBase });
    await bus.drained("customer--order-created", { timeout: 5_000 }); // handled and deleted

    const response = await customers(`/customer/${customer_id}`); // one GET, no polling
    expect(await response.json()).toEqual({ customer_id, name: "John Doe", orders: [{ order_id }] });
  });
  // #endregion drained
});
