/**
 * Both services as processes: an order placed on the Order service appears on the Customer service,
 * through the real SNS topic and SQS queue between them.
 */
import { probeUntil } from "probity";
import { describe, expect } from "vitest";
import { createCustomer, customers, it, orders, SKIP, title } from "./support/suite.js";

describe.skipIf(SKIP)(title("customers + orders"), () => {
  // #region end-to-end
  it("lists the order on the customer when POST /order is made on the Order service", async ({ bus }) => {
    const customer_id = await createCustomer("John Doe");

    const placed = await orders("/order", { method: "POST", body: JSON.stringify({ customer_id }) });
    expect(placed.status).toBe(200);
    const { order_id } = (await placed.json()) as { order_id: string };

    await probeUntil(
      async () => {
        const response = await customers(`/customer/${customer_id}`);
        expect(await response.json()).toEqual({ customer_id, name: "John Doe", orders: [{ order_id }] });
      },
      { wakeOn: bus.wakeOn("customer--order-created") },
    );
  });
  // #endregion end-to-end
});
