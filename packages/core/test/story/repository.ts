/**
 * @module test/story/repository
 * An in-memory "database" whose every operation takes an I/O hop, like a real driver.
 */

/** A stored order. */
export interface OrderEntity {
  id: string;
  status: "created" | "confirmed";
  version: number;
}

function io(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Orders by id. */
export class OrderRepository {
  readonly #rows = new Map<string, OrderEntity>();

  async save(entity: OrderEntity): Promise<void> {
    await io();
    this.#rows.set(entity.id, { ...entity });
  }

  async findById(id: string): Promise<OrderEntity | undefined> {
    await io();
    const row = this.#rows.get(id);
    return row === undefined ? undefined : { ...row };
  }

  /** A synchronous look, for showing what a busy wait can (not) see. */
  has(id: string): boolean {
    return this.#rows.has(id);
  }

  /** The current row without an I/O hop. */
  peek(id: string): OrderEntity | undefined {
    return this.#rows.get(id);
  }
}
