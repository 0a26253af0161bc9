/**
 * @module customers/customer-service
 * The Customer service's business logic, between the transports (HTTP, SQS consumer) and the repository.
 * Tests lock on its methods (`probeMethod(app.service, "addOrder")`) to wait for the exact business step.
 */
import { randomUUID } from "node:crypto";
import type { EventPublisher } from "../shared/event-publisher.js";
import { TOPICS } from "../shared/names.js";
import type { Customer, CustomerCreated, OrderCreated } from "./customer.js";
import type { CustomerRepository } from "./customer-repository.js";

/**
 * Creates customers (and announces them), reads them, and records their orders.
 *
 * @example
 * ```ts
 * const service = new CustomerService(new InMemoryCustomerRepository(), publisher);
 * const customer = await service.createCustomer("John Doe");
 * ```
 */
export class CustomerService {
  readonly #repository: CustomerRepository;
  readonly #publisher: EventPublisher;
  readonly #newId: () => string;

  /** @param options.newId - Id factory. @default crypto.randomUUID */
  constructor(repository: CustomerRepository, publisher: EventPublisher, options: { newId?: () => string } = {}) {
    this.#repository = repository;
    this.#publisher = publisher;
    this.#newId = options.newId ?? randomUUID;
  }

  /** Saves a new customer, then publishes `CustomerCreated { customer_id, name }` to `customer--created`. */
  async createCustomer(name: string): Promise<Customer> {
    const customer: Customer = { customer_id: this.#newId(), name, orders: [] };
    await this.#repository.create(customer);
    const event: CustomerCreated = { customer_id: customer.customer_id, name };
    await this.#publisher.publish(TOPICS.customerCreated, event);
    return customer;
  }

  /** The customer with its orders in arrival order, or `undefined`. */
  getCustomer(customerId: string): Promise<Customer | undefined> {
    return this.#repository.get(customerId);
  }

  /**
   * Records an order on its customer; idempotent.
   *
   * @returns `true` when added, `false` for a duplicate `order_id`.
   * @throws {CustomerNotFoundError} when the customer does not exist.
   */
  addOrder(event: OrderCreated): Promise<boolean> {
    return this.#repository.addOrder(event.customer_id, event.order_id);
  }
}
