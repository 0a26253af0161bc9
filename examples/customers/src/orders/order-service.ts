/**
 * @module orders/order-service
 * The Order service's business logic: create an order id and announce `OrderCreated`.
 */
import { randomUUID } from "node:crypto";
import type { EventPublisher } from "../shared/event-publisher.js";
import { TOPICS } from "../shared/names.js";

/** The created order, as `POST /order` returns it and as `OrderCreated` carries it. */
export interface Order {
  order_id: string;
  customer_id: string;
}

/**
 * Creates orders. It does not check the customer: that is the Customer service's job, which sends an
 * `OrderCreated` for an unknown customer to its DLQ.
 *
 * @example
 * ```ts
 * const order = await new OrderService(publisher).createOrder(customerId);
 * ```
 */
export class OrderService {
  readonly #publisher: EventPublisher;
  readonly #newId: () => string;

  /** @param options.newId - Id factory. @default crypto.randomUUID */
  constructor(publisher: EventPublisher, options: { newId?: () => string } = {}) {
    this.#publisher = publisher;
    this.#newId = options.newId ?? randomUUID;
  }

  /** Publishes `OrderCreated { order_id, customer_id }` to `order--created` and returns the order. */
  async createOrder(customerId: string): Promise<Order> {
    const order: Order = { order_id: this.#newId(), customer_id: customerId };
    await this.#publisher.publish(TOPICS.orderCreated, order);
    return order;
  }
}
