/**
 * @module shared/errors
 * Errors the example services throw. Each has a fixed `name` and a stable `code`, so the transport and
 * HTTP layers can map them without string matching.
 */

/**
 * A message from the bus that the consumer cannot decode: not JSON, not a JsonBase envelope, or a payload
 * of the wrong shape. The consumer lets it throw, so SQS redelivers it and finally moves it to the DLQ.
 *
 * @example
 * ```ts
 * throw new InvalidMessageError("missing order_id");
 * ```
 */
export class InvalidMessageError extends Error {
  /** Stable identifier: `INVALID_MESSAGE`. */
  readonly code = "INVALID_MESSAGE";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidMessageError";
  }
}
