/**
 * @module test/story/bus
 * A fake in-memory message bus for the business-lock story (docs/business-locks.md). Like Kafka or SQS,
 * `publish` returns once the message is accepted; delivery to subscribers happens later, on another
 * turn of the event loop — the test's "Executing Thread".
 */

/** A subscriber; its promise (if any) is awaited, and a rejection lands in {@link InMemoryBus.failures}. */
export type Handler = (message: unknown) => unknown;

/** Publish/subscribe by topic, delivering each message asynchronously to every subscriber. */
export class InMemoryBus {
  readonly #subscribers = new Map<string, Handler[]>();
  /** Errors thrown by handlers; a real broker would retry or dead-letter these. */
  readonly failures: unknown[] = [];

  subscribe(topic: string, handler: Handler): void {
    this.#subscribers.set(topic, [...(this.#subscribers.get(topic) ?? []), handler]);
  }

  /** Resolves as soon as the message is accepted, before any subscriber has seen it. */
  async publish(topic: string, message: unknown): Promise<void> {
    const payload = structuredClone(message);
    for (const handler of this.#subscribers.get(topic) ?? []) {
      setImmediate(() => {
        Promise.resolve()
          .then(() => handler(structuredClone(payload)))
          .catch((error: unknown) => this.failures.push(error));
      });
    }
  }
}
