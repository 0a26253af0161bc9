/**
 * Both services as processes: an order placed on the Order service appears on the Customer service.
 * TODO(lead): port to probity — `eventually` -> `probeUntil`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTOTEST_ENV, AWS_ENDPOINT, AWS_UNAVAILABLE, ENTRIES, EXAMPLE_ROOT, resetBackend } from "./support/backend.js";
import { eventually } from "./support/eventually.js";
import { type StartedService, startService } from "./support/start-service.js";
import { testAwsEnv } from "./support/test-bus.js";

describe.skipIf(AWS_UNAVAILABLE !== "")(
  `customers + orders (processes)${AWS_UNAVAILABLE ? `: ${AWS_UNAVAILABLE}` : ""}`,
  () => {
    let customers: StartedService;
    let orders: StartedService;

    beforeAll(async () => {
      await resetBackend(AWS_ENDPOINT);
      const env = { ...testAwsEnv(AWS_ENDPOINT), ...AUTOTEST_ENV };
      [customers, orders] = await Promise.all([
        startService(ENTRIES.customers, env, { cwd: EXAMPLE_ROOT }),
        startService(ENTRIES.orders, env, { cwd: EXAMPLE_ROOT }),
      ]);
    });

    afterAll(async () => {
      const codes = await Promise.all([customers?.stop(), orders?.stop()]);
      expect(codes).toEqual([0, 0]);
    });

    it("lists the order on the customer when POST /order is made on the Order service", async () => {
      const created = await fetch(`${customers.url}/customer`, { method: "POST", body: '{"name":"John Doe"}' });
      const { customer_id } = (await created.json()) as { customer_id: string };
      const placed = await fetch(`${orders.url}/order`, { method: "POST", body: JSON.stringify({ customer_id }) });
      const { order_id } = (await placed.json()) as { order_id: string };

      const customer = await eventually(async () => {
        const response = await fetch(`${customers.url}/customer/${customer_id}`);
        const body = (await response.json()) as { orders: unknown[] };
        expect(body.orders).toHaveLength(1);
        return body;
      });
      expect(customer).toEqual({ customer_id, name: "John Doe", orders: [{ order_id }] });
    });
  },
);
