/**
 * @module customers/dynamodb-customer-repository
 * Customers in a DynamoDB table keyed by `customer_id`. Orders are a list of ids appended with a
 * conditional update, so adding the same order twice stores it once even under concurrent deliveries.
 */
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type Customer, CustomerNotFoundError } from "./customer.js";
import type { CustomerRepository } from "./customer-repository.js";

/** The stored item: the order ids as a list of strings, in arrival order. */
interface CustomerItem {
  customer_id: string;
  name: string;
  order_ids?: string[];
}

/**
 * {@link CustomerRepository} over DynamoDB.
 *
 * @example
 * ```ts
 * const repository = new DynamoDbCustomerRepository(dynamodb, "customers");
 * await repository.ensureTable();
 * ```
 */
export class DynamoDbCustomerRepository implements CustomerRepository {
  readonly #client: DynamoDBClient;
  readonly #documents: DynamoDBDocumentClient;
  /** The table name. */
  readonly tableName: string;

  constructor(client: DynamoDBClient, tableName: string) {
    this.#client = client;
    this.#documents = DynamoDBDocumentClient.from(client);
    this.tableName = tableName;
  }

  /** Creates the table (on-demand, key `customer_id`) if it does not exist, and waits until it is active. */
  async ensureTable(): Promise<void> {
    try {
      await this.#client.send(
        new CreateTableCommand({
          TableName: this.tableName,
          AttributeDefinitions: [{ AttributeName: "customer_id", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "customer_id", KeyType: "HASH" }],
          BillingMode: "PAY_PER_REQUEST",
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists(
      { client: this.#client, minDelay: 1, maxDelay: 2, maxWaitTime: 60 },
      { TableName: this.tableName },
    );
  }

  async create(customer: Customer): Promise<void> {
    const item: CustomerItem = {
      customer_id: customer.customer_id,
      name: customer.name,
      order_ids: customer.orders.map((order) => order.order_id),
    };
    await this.#documents.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  async get(customerId: string): Promise<Customer | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.tableName, Key: { customer_id: customerId }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const item = Item as CustomerItem;
    return {
      customer_id: item.customer_id,
      name: item.name,
      orders: (item.order_ids ?? []).map((order_id) => ({ order_id })),
    };
  }

  async addOrder(customerId: string, orderId: string): Promise<boolean> {
    try {
      await this.#documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { customer_id: customerId },
          UpdateExpression: "SET order_ids = list_append(if_not_exists(order_ids, :empty), :new)",
          ConditionExpression: "attribute_exists(customer_id) AND NOT contains(order_ids, :order_id)",
          ExpressionAttributeValues: { ":empty": [], ":new": [orderId], ":order_id": orderId },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // The condition failed: either the customer is missing or the order is already there.
    if (!(await this.get(customerId))) throw new CustomerNotFoundError(customerId);
    return false;
  }
}
