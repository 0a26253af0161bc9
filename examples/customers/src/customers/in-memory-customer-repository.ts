/**
 * @module customers/in-memory-customer-repository
 * A {@link CustomerRepository} in a `Map`, for fast unit tests of the HTTP and consumer layers.
 */
import { type Customer, CustomerNotFoundError } from "./customer.js";
import type { CustomerRepository } from "./customer-repository.js";

/**
 * Keeps customers in memory with the same semantics as the DynamoDB repository.
 *
 * @example
 * ```ts
 * const repository = new InMemoryCustomerRepository();
 * await repository.create({ customer_id: "c1", name: "John Doe", orders: [] });
 * ```
 */
export class InMemoryCustomerRepository implements CustomerRepository {
  readonly #customers = new Map<string, Customer>();

  async create(customer: Customer): Promise<void> {
    this.#customers.set(customer.customer_id, structuredClone(customer));
  }

  async get(customerId: string): Promise<Customer | undefined> {
    const customer = this.#customers.get(customerId);
    return customer ? structuredClone(customer) : undefined;
  }

  async addOrder(customerId: string, orderId: string): Promise<boolean> {
    const customer = this.#customers.get(customerId);
    if (!customer) throw new CustomerNotFoundError(customerId);
    if (customer.orders.some((order) => order.order_id === orderId)) return false;
    customer.orders.push({ order_id: orderId });
    return true;
  }
}
