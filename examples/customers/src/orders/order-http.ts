/**
 * @module orders/order-http
 * The Order service's HTTP API: `POST /order`.
 */
import { Hono } from "hono";
import { internalError, readJsonObject } from "../shared/http-errors.js";
import type { OrderService } from "./order-service.js";

/**
 * Builds the routes over an {@link OrderService}.
 *
 * @example
 * ```ts
 * const response = await createOrderHttp(service).fetch(
 *   new Request("http://orders/order", { method: "POST", body: JSON.stringify({ customer_id }) }),
 * );
 * ```
 */
export function createOrderHttp(service: Pick<OrderService, "createOrder">): Hono {
  const app = new Hono({ strict: false });

  app.post("/order", async (c) => {
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const { customer_id } = body;
    if (typeof customer_id !== "string" || customer_id.trim() === "") {
      return c.json({ error: "INVALID_CUSTOMER_ID", message: "`customer_id` must be a non-empty string" }, 400);
    }
    return c.json(await service.createOrder(customer_id));
  });

  app.notFound((c) => c.json({ error: "NOT_FOUND" }, 404));
  app.onError(internalError);
  return app;
}
