/**
 * @module customers/customer-http
 * The Customer service's HTTP API as a Hono app (fetch-style, so tests can call it without a socket):
 * `POST /customer` and `GET /customer/:id`.
 */
import { Hono } from "hono";
import { internalError, readJsonObject } from "../shared/http-errors.js";
import type { CustomerService } from "./customer-service.js";

/**
 * Builds the routes over a {@link CustomerService}.
 *
 * @example
 * ```ts
 * const http = createCustomerHttp(service);
 * const response = await http.fetch(new Request("http://customers/customer/42"));
 * ```
 */
export function createCustomerHttp(service: Pick<CustomerService, "createCustomer" | "getCustomer">): Hono {
  const app = new Hono({ strict: false });

  app.post("/customer", async (c) => {
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const { name } = body;
    if (typeof name !== "string" || name.trim() === "") {
      return c.json({ error: "INVALID_NAME", message: "`name` must be a non-empty string" }, 400);
    }
    return c.json(await service.createCustomer(name));
  });

  app.get("/customer/:id", async (c) => {
    const customer = await service.getCustomer(c.req.param("id"));
    if (!customer) return c.json({ error: "CUSTOMER_NOT_FOUND" }, 404);
    return c.json(customer);
  });

  app.notFound((c) => c.json({ error: "NOT_FOUND" }, 404));
  app.onError(internalError);
  return app;
}
