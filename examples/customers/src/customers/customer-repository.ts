/**
 * @module customers/customer-repository
 * The storage contract of the Customer service; {@link DynamoDbCustomerRepository} is the real one,
 * {@link InMemoryCustomerRepository} the test double.
 */
import type { Customer } from "./customer.js";

/** Where customers live. */
export interface CustomerRepository {
  /** Stores a new customer. */
  create(customer: Customer): Promise<void>;
  /** The customer, or `undefined` when the id is unknown. */
  get(customerId: string): Promise<Customer | undefined>;
  /**
   * Appends an order to the customer's orders, once: the same `orderId` again changes nothing.
   *
   * @returns `true` when the order was added, `false` when it was already there.
   * @throws {CustomerNotFoundError} when the customer does not exist.
   */
  addOrder(customerId: string, orderId: string): Promise<boolean>;
}
