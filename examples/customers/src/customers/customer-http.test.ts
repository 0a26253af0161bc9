import { describe, expect, it } from "vitest";
import { createCustomerHttp } from "./customer-http.js";
import { CustomerService } from "./customer-service.js";
import { InMemoryCustomerRepository } from "./in-memory-customer-repository.js";
import { RecordingPublisher } from "./test-doubles.js";

function setup() {
  const repository = new InMemoryCustomerRepository();
  const publisher = new RecordingPublisher();
  const service = new CustomerService(repository, publisher, { newId: () => "c-1" });
  return { repository, publisher, http: createCustomerHttp(service) };
}

function post(body: string): Request {
  return new Request("http://customers/customer", { method: "POST", body });
}

describe("customer HTTP API", () => {
  it("creates the customer and publishes CustomerCreated when POST /customer has a name", async () => {
    const { http, publisher } = setup();
    const response = await http.fetch(post('{"name":"John Doe"}'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ customer_id: "c-1", name: "John Doe", orders: [] });
    expect(publisher.published).toEqual([
      { topic: "customer--created", data: { customer_id: "c-1", name: "John Doe" } },
    ]);
  });

  it("returns the customer with its orders in arrival order when GET /customer/:id exists", async () => {
    const { http, repository } = setup();
    await repository.create({ customer_id: "c-9", name: "Jane", orders: [] });
    await repository.addOrder("c-9", "o-2");
    await repository.addOrder("c-9", "o-1");
    const response = await http.fetch(new Request("http://customers/customer/c-9"));
    expect(await response.json()).toEqual({
      customer_id: "c-9",
      name: "Jane",
      orders: [{ order_id: "o-2" }, { order_id: "o-1" }],
    });
  });

  it("answers 404 CUSTOMER_NOT_FOUND when the id is unknown", async () => {
    const { http } = setup();
    const response = await http.fetch(new Request("http://customers/customer/missing"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "CUSTOMER_NOT_FOUND" });
  });

  it.each([
    ["invalid JSON", "{name:", "INVALID_JSON"],
    ["a JSON array", "[]", "INVALID_JSON"],
    ["no name", "{}", "INVALID_NAME"],
    ["a blank name", '{"name":"  "}', "INVALID_NAME"],
    ["a non-string name", '{"name":42}', "INVALID_NAME"],
  ])("answers 400 with a JSON error and publishes nothing when the body is %s", async (_, body, code) => {
    const { http, publisher } = setup();
    const response = await http.fetch(post(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: code });
    expect(publisher.published).toEqual([]);
  });

  it("answers 500 INTERNAL_ERROR when publishing fails", async () => {
    const repository = new InMemoryCustomerRepository();
    const failing = { publish: () => Promise.reject(new Error("SNS down")) };
    const http = createCustomerHttp(new CustomerService(repository, failing));
    const original = console.error;
    console.error = () => {};
    try {
      const response = await http.fetch(post('{"name":"John"}'));
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: "INTERNAL_ERROR" });
    } finally {
      console.error = original;
    }
  });
});
