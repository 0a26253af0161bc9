/**
 * @module errors
 * The single error type the emulator's models throw. Only `protocol/` renders it, as AWS JSON 1.0
 * (`__type` + `x-amzn-query-error`) or as a Query `ErrorResponse`.
 */

/** Options for {@link AwsServiceError}. */
export interface AwsServiceErrorOptions {
  /** HTTP status. @default 400 */
  status?: number;
  /** `true` for client mistakes (`Sender`), `false` for server faults (`Receiver`). @default status < 500 */
  senderFault?: boolean;
  /**
   * The legacy Query-protocol error code, when it differs from `code` (SQS: `QueueDoesNotExist` is
   * `AWS.SimpleQueueService.NonExistentQueue` on the wire of the Query protocol and in `x-amzn-query-error`).
   */
  queryErrorCode?: string;
  cause?: unknown;
}

/**
 * An AWS-shaped service error: `code` exactly as AWS spells it, an HTTP status and a fault side.
 *
 * @example
 * ```ts
 * throw new AwsServiceError("QueueDoesNotExist", "The specified queue does not exist.", {
 *   queryErrorCode: "AWS.SimpleQueueService.NonExistentQueue",
 * });
 * ```
 */
export class AwsServiceError extends Error {
  readonly code: string;
  readonly status: number;
  readonly senderFault: boolean;
  readonly queryErrorCode: string;

  constructor(code: string, message: string, options: AwsServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AwsServiceError";
    this.code = code;
    this.status = options.status ?? 400;
    this.senderFault = options.senderFault ?? this.status < 500;
    this.queryErrorCode = options.queryErrorCode ?? code;
  }
}
