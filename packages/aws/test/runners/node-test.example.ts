/**
 * The README's node:test equivalent, run as written by `node-test.test.ts` (with node's own test runner,
 * not vitest): the client needs nothing from vitest.
 */
import { after, afterEach, before, test } from "node:test";
import { type Backend, backends, SnsSqsTestClient } from "probity-aws";

let backend: Backend;
let bus: SnsSqsTestClient;
before(async () => {
  backend = await backends.fromEnv();
  bus = await SnsSqsTestClient.connect(backend);
  await bus.subscribeTo({ topic: "order--created", queue: "customer--order-created" });
});
afterEach(() => bus.purge("customer--order-created"));
after(async () => {
  bus.close();
  await backend.dispose();
});
test("consumes an order", async () => {
  await bus.publish({ topic: "order--created", data: { order_id: "o-1" } });
  await bus.expectMessage("customer--order-created", { match: { order_id: "o-1" } }); // throws MessageNotReceivedError
});
