/**
 * @module sqs/model/dedup-window
 * A FIFO queue's deduplication window: the deduplication keys of the last 5 minutes of sends, in send
 * order (Map insertion order), so pruning stops at the first entry still inside the window.
 * @internal
 */

import { SQS_LIMITS } from "./queue-config.js";

/** What a send within the window answers with: the first send's message. @internal */
export interface DedupEntry {
  readonly messageId: string;
  readonly sequenceNumber: string | undefined;
  readonly expiresAt: number;
}

/** Deduplication keys seen within the last {@link SQS_LIMITS.dedupWindowMs}. @internal */
export class DeduplicationWindow {
  readonly #entries = new Map<string, DedupEntry>();

  /** The key a deduplication id is remembered under: per queue, or per message group. */
  static key(scope: "queue" | "messageGroup", messageGroupId: string, deduplicationId: string): string {
    return scope === "messageGroup" ? `${messageGroupId}\u0000${deduplicationId}` : deduplicationId;
  }

  /** Drops entries that expired by `now`, then returns the one under `key`, if any. */
  find(key: string, now: number): DedupEntry | undefined {
    for (const [entryKey, entry] of this.#entries) {
      if (entry.expiresAt > now) break;
      this.#entries.delete(entryKey);
    }
    return this.#entries.get(key);
  }

  /** Remembers a send accepted at `now` for the length of the window. */
  remember(key: string, messageId: string, sequenceNumber: string | undefined, now: number): void {
    this.#entries.set(key, { messageId, sequenceNumber, expiresAt: now + SQS_LIMITS.dedupWindowMs });
  }

  /** Forgets every key. */
  clear(): void {
    this.#entries.clear();
  }
}
