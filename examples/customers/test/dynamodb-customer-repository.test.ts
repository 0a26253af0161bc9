import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CustomerNotFoundError } from "../src/customers/customer.js";
import { DynamoDbCustomerRepository } from "../src/customers/dynamodb-customer-repository.js";
import { createAwsClients, destroyAwsClients } from "../src/shared/aws-config.js";
import { testAwsConfig } from "./support/paths.js";
import { SKIP, SUITE, title } from "./support/suite.js";

describe.skipIf(SKIP)(title("DynamoDbCustomerRepository"), () => {
  const clients = SKIP ? undefined : createAwsClients(testAwsConfig(SUITE.endpoint));
  let repository: DynamoDbCustomerRepository;

  beforeAll(async () => {
    if (!clients) throw new Error("no backend");
    // A table of its own: the service process's table is left alone.
    repository = new DynamoDbCustomerRepository(clients.dynamodb, "repository-test");
    await repository.ensureTable();
  });

  afterAll(() => {
    if (clients) destroyAwsClients(clients);
  });

  async function newCustomer(): Promise<string> {
    const customer_id = randomUUID();
    await repository.create({ customer_id, name: "John Doe", orders: [] });
    return customer_id;
  }

  it("does nothing when ensureTable runs on an existing table", async () => {
    await expect(repository.ensureTable()).resolves.toBeUndefined();
  });

  it("returns undefined when the customer does not exist", async () => {
    expect(await repository.get(randomUUID())).toBeUndefined();
  });

  it("keeps orders in arrival order when several are added", async () => {
    const id = await newCustomer();
    const orders = [randomUUID(), randomUUID(), randomUUID()];
    for (const order of orders) expect(await repository.addOrder(id, order)).toBe(true);
    expect(await repository.get(id)).toEqual({
      customer_id: id,
      name: "John Doe",
      orders: orders.map((order_id) => ({ order_id })),
    });
  });

  it("returns false and stores nothing new when the same order is added again", async () => {
    const id = await newCustomer();
    const order = randomUUID();
    expect(await repository.addOrder(id, order)).toBe(true);
    expect(await repository.addOrder(id, order)).toBe(false);
    expect((await repository.get(id))?.orders).toEqual([{ order_id: order }]);
  });

  // moto serves requests on threads and evaluates a conditional update without a lock, so two concurrent
  // writes can both pass `NOT contains(...)` (it happened in one of our moto runs). DynamoDB and the embedded
  // emulator (dynalite, one thread) apply conditional writes atomically.
  const racyConditionalWrites = SUITE.backend === "moto";
  it.skipIf(racyConditionalWrites)(
    `stores the order exactly once when the same order is added concurrently${
      racyConditionalWrites ? " (skipped on moto: its conditional writes are not atomic)" : ""
    }`,
    async () => {
      const id = await newCustomer();
      const order = randomUUID();
      const added = await Promise.all(Array.from({ length: 5 }, () => repository.addOrder(id, order)));
      expect(added.filter(Boolean)).toHaveLength(1);
      expect((await repository.get(id))?.orders).toEqual([{ order_id: order }]);
    },
  );

  it("throws CustomerNotFoundError and creates no item when the customer does not exist", async () => {
    const id = randomUUID();
    await expect(repository.addOrder(id, randomUUID())).rejects.toThrow(CustomerNotFoundError);
    expect(await repository.get(id)).toBeUndefined();
  });
});
