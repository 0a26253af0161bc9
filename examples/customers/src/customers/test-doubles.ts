/**
 * @module customers/test-doubles
 * A recording {@link EventPublisher} for unit tests.
 * @internal
 */
import type { EventPublisher } from "../shared/event-publisher.js";

/** Keeps every published event in `published`, in order. */
export class RecordingPublisher implements EventPublisher {
  readonly published: { topic: string; data: unknown }[] = [];

  async publish(topic: string, data: unknown): Promise<void> {
    this.published.push({ topic, data });
  }
}
