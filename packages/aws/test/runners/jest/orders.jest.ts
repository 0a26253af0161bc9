/** The README's jest test file: a test client on the backend of the global setup. */
import { afterAll, afterEach, beforeAll, expect, test } from "@jest/globals";
import { SnsSqsTestClient } from "probity-aws";
import { fromDescriptor } from "probity-aws/backends";

let bus: SnsSqsTestClient;
beforeAll(async () => {
  bus = await SnsSqsTestClient.connect(fromDescriptor(JSON.parse(process.env.PROBITY_BACKEND_DESCRIPTOR ?? "")));
  await bus.subscribeTo({ topic: "order--created", queue: "customer--order-created" });
});
afterEach(() => bus.purge("customer--order-created"));
afterAll(() => bus.close());
test("consumes an order", async () => {
  await bus.publish({ topic: "order--created", data: { order_id: "o-1" } });
  await bus.expectMessage("customer--order-created", { match: { order_id: "o-1" } }); // throws MessageNotReceivedError
});
test("asserts with the bus matchers", async () => {
  await bus.publish({ topic: "order--created", data: { order_id: "o-2" } });
  await expect(bus).toReceiveMessage("customer--order-created", { order_id: "o-2" });
  await expect(bus).toHaveNoMessage("customer--order-created", { during: 200 });
});
