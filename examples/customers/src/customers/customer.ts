/**
 * @module customers/customer
 * The Customer service's data: the customer as the API returns it, the `OrderCreated` event it consumes,
 * and the errors of its business rules. Field names are the wire format's (snake_case, as in the seed).
 */
import { InvalidMessageError } from "../shared/errors.js";
import { isRecord } from "../shared/json-base.js";

/** A customer as stored and as `GET /customer/:id` returns it; `orders` are in arrival order. */
export interface Customer {
  customer_id: string;
  name: string;
  orders: { order_id: string }[];
}

/** The `OrderCreated` event published by the Order service to `order--created`. */
export interface OrderCreated {
  order_id: string;
  customer_id: string;
}

/** The `CustomerCreated` event published to `customer--created`. */
export interface CustomerCreated {
  customer_id: string;
  name: string;
}

/**
 * No customer has this id. Thrown by `addOrder`, so the consumer does not delete the message: it is
 * retried and finally lands in the DLQ.
 *
 * @example
 * ```ts
 * throw new CustomerNotFoundError("6c403295-2755-4178-a4f1-e3b698927971");
 * ```
 */
export class CustomerNotFoundError extends Error {
  /** Stable identifier, also the HTTP API's error: `CUSTOMER_NOT_FOUND`. */
  readonly code = "CUSTOMER_NOT_FOUND";
  /** The id that was looked up. */
  readonly customerId: string;

  constructor(customerId: string) {
    super(`customer ${customerId} not found`);
    this.name = "CustomerNotFoundError";
    this.customerId = customerId;
  }
}

/**
 * Checks that a decoded payload is an {@link OrderCreated}.
 *
 * @throws {InvalidMessageError} when `order_id` or `customer_id` is not a non-empty string.
 * @example
 * ```ts
 * const event = parseOrderCreated(jsonBase.parse(body));
 * ```
 */
export function parseOrderCreated(data: unknown): OrderCreated {
  if (!isRecord(data)) throw new InvalidMessageError("OrderCreated must be an object");
  const { order_id, customer_id } = data;
  if (typeof order_id !== "string" || order_id === "") {
    throw new InvalidMessageError("OrderCreated.order_id must be a non-empty string");
  }
  if (typeof customer_id !== "string" || customer_id === "") {
    throw new InvalidMessageError("OrderCreated.customer_id must be a non-empty string");
  }
  return { order_id, customer_id };
}
