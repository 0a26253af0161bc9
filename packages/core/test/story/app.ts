/**
 * @module test/story/app
 * The story's system under test: bus -> consumer -> two services -> repository, as in the seed article
 * (a Kafka listener delegating to services that use repositories).
 */
import { InMemoryBus } from "./bus.js";
import { type OrderEntity, OrderRepository } from "./repository.js";

/** The message on topic `order--created`. */
export interface OrderCreated {
  orderId: string;
  amount: number;
}

/** What the consumer returns when it has handled a message. */
export interface ConsumerResult {
  orderId: string;
  status: OrderEntity["status"];
}

/** Thrown by the consumer for a message it cannot handle. */
export class InvalidOrderError extends Error {
  override readonly name = "InvalidOrderError";
}

/** Creates the order (version 1). */
export class OrderService {
  constructor(private readonly repository: OrderRepository) {}

  async create(message: OrderCreated): Promise<void> {
    await this.repository.save({ id: message.orderId, status: "created", version: 1 });
  }
}

/** Confirms a created order (version 2): a second write to the same table, after the first is visible. */
export class ConfirmationService {
  constructor(private readonly repository: OrderRepository) {}

  async confirm(orderId: string): Promise<void> {
    const order = await this.repository.findById(orderId);
    if (order === undefined) throw new Error(`order ${orderId} vanished`);
    await this.repository.save({ ...order, status: "confirmed", version: order.version + 1 });
  }
}

/** Listens on `order--created` and delegates to the services. */
export class OrderConsumer {
  constructor(
    private readonly orders: OrderService,
    private readonly confirmations: ConfirmationService,
  ) {}

  async consume(message: OrderCreated): Promise<ConsumerResult> {
    if (message.amount <= 0) throw new InvalidOrderError(`amount must be positive, got ${message.amount}`);
    await this.orders.create(message);
    await this.confirmations.confirm(message.orderId);
    return { orderId: message.orderId, status: "confirmed" };
  }
}

/** Wires the application and subscribes the consumer, as the framework would at start-up. */
export function createApp() {
  const bus = new InMemoryBus();
  const repository = new OrderRepository();
  const consumer = new OrderConsumer(new OrderService(repository), new ConfirmationService(repository));
  // Look the method up on every delivery (not `consumer.consume.bind(consumer)` once), so a probe
  // installed after start-up sees the calls.
  bus.subscribe("order--created", (message) => consumer.consume(message as OrderCreated));
  return { bus, repository, consumer };
}
