/**
 * @module fifo-dedup-id
 * The deduplication id SQS derives for FIFO queues with `ContentBasedDeduplication`.
 */
import { createHash } from "node:crypto";

/**
 * The SHA-256 hex digest of a message body, as SQS computes it for content-based deduplication (the
 * body only; attributes do not count). Use it as `MessageDeduplicationId` when a FIFO queue or topic
 * has no content-based deduplication.
 *
 * @example
 * ```ts
 * fifoDedupId("hello"); // "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
 * ```
 */
export function fifoDedupId(body: string): string {
  return createHash("sha256").update(body, "utf8").digest("hex");
}
