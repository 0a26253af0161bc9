import { describe, expect, it } from "vitest";
import { RecordingPublisher } from "../customers/test-doubles.js";
import { createOrderHttp } from "./order-http.js";
import { OrderService } from "./order-service.js";

function setup() {
  const publisher = new RecordingPublisher();
  const http = createOrderHttp(new OrderService(publisher, { newId: () => "o-1" }));
  const post = (body: string) => http.fetch(new Request("http://orders/order", { method: "POST", body }));
  return { publisher, post };
}

describe("order HTTP API", () => {
  it("returns the order and publishes OrderCreated when POST /order has a customer_id", async () => {
    const { publisher, post } = setup();
    const response = await post('{"customer_id":"c-1"}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ order_id: "o-1", customer_id: "c-1" });
    expect(publisher.published).toEqual([{ topic: "order--created", data: { order_id: "o-1", customer_id: "c-1" } }]);
  });

  it.each([
    ["invalid JSON", "nope", "INVALID_JSON"],
    ["no customer_id", "{}", "INVALID_CUSTOMER_ID"],
    ["an empty customer_id", '{"customer_id":""}', "INVALID_CUSTOMER_ID"],
  ])("answers 400 and publishes nothing when the body is %s", async (_, body, code) => {
    const { publisher, post } = setup();
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: code });
    expect(publisher.published).toEqual([]);
  });
});
