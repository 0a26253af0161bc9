/**
 * @module errors
 * Typed errors of the SNS/SQS test client. All extend `ProbityError`, carry a stable `code` and say
 * which queue, topic and backend they concern.
 */
import { ProbityError } from "probity";
import type { StandardSchemaV1 } from "./schema.js";
import { formatIssues } from "./schema.js";

/** How many characters of a message body a {@link PayloadDecodeError} message shows. */
export const BODY_PREVIEW_LENGTH = 500;

/** Why a payload could not be decoded. */
export type PayloadDecodeReason = "not-json" | "wrong-envelope" | "schema-mismatch";

/** Options for {@link PayloadDecodeError}. */
export interface PayloadDecodeErrorOptions {
  /** What went wrong. */
  reason: PayloadDecodeReason;
  /** The body that failed to decode (the envelope body, after SNS unwrapping). */
  body: string;
  /** A one-line explanation, e.g. `metadata.data_encoding is "zip", expected "raw" or "base64_gzip_json"`. */
  detail?: string;
  /** Name of the envelope that tried, e.g. `jsonBase`. */
  envelope?: string;
  /** The queue the message came from, when known. */
  queue?: string;
  /** The topic the message was published to, when known. */
  topic?: string;
  /** The schema's issues when `reason` is `schema-mismatch`. */
  issues?: readonly StandardSchemaV1.Issue[];
  /** The underlying error. */
  cause?: unknown;
}

const REASON_TEXT: Readonly<Record<PayloadDecodeReason, string>> = {
  "not-json": "the body is not JSON",
  "wrong-envelope": "the body is not in the expected envelope",
  "schema-mismatch": "the payload does not match the schema",
};

/**
 * A message body that could not be turned into a payload: not JSON, not in the expected envelope, or
 * rejected by the schema. The message names the queue/topic, the reason, each schema issue as
 * `path: message`, and shows the body (truncated to {@link BODY_PREVIEW_LENGTH} characters).
 *
 * @example
 * ```ts
 * try { await decodeMessage(message, { envelope: jsonBase, schema }); } catch (error) {
 *   if (error instanceof PayloadDecodeError && error.reason === "schema-mismatch") console.log(error.issues);
 * }
 * ```
 */
export class PayloadDecodeError extends ProbityError {
  readonly reason: PayloadDecodeReason;
  /** The complete body (the message shows a truncated preview). */
  readonly body: string;
  readonly detail: string | undefined;
  readonly envelope: string | undefined;
  readonly queue: string | undefined;
  readonly topic: string | undefined;
  readonly issues: readonly StandardSchemaV1.Issue[];

  constructor(options: PayloadDecodeErrorOptions) {
    super(renderDecodeMessage(options), "ERR_PAYLOAD_DECODE", "cause" in options ? { cause: options.cause } : {});
    this.name = "PayloadDecodeError";
    this.reason = options.reason;
    this.body = options.body;
    this.detail = options.detail;
    this.envelope = options.envelope;
    this.queue = options.queue;
    this.topic = options.topic;
    this.issues = options.issues ?? [];
  }

  /**
   * A copy of this error with more context (queue, topic, envelope) filled in where it was unknown.
   *
   * @example
   * ```ts
   * throw error.withContext({ queue: "customer--created" });
   * ```
   */
  withContext(context: Pick<PayloadDecodeErrorOptions, "queue" | "topic" | "envelope">): PayloadDecodeError {
    const options: PayloadDecodeErrorOptions = {
      reason: this.reason,
      body: this.body,
      issues: this.issues,
    };
    if (this.cause !== undefined) options.cause = this.cause;
    const detail = this.detail;
    const envelope = this.envelope ?? context.envelope;
    const queue = this.queue ?? context.queue;
    const topic = this.topic ?? context.topic;
    if (detail !== undefined) options.detail = detail;
    if (envelope !== undefined) options.envelope = envelope;
    if (queue !== undefined) options.queue = queue;
    if (topic !== undefined) options.topic = topic;
    const copy = new PayloadDecodeError(options);
    if (this.stack !== undefined)
      copy.stack = `${copy.name}: ${copy.message}\n${this.stack.split("\n").slice(1).join("\n")}`;
    return copy;
  }
}

function renderDecodeMessage(options: PayloadDecodeErrorOptions): string {
  const where = [
    options.queue === undefined ? undefined : `queue "${options.queue}"`,
    options.topic === undefined ? undefined : `topic "${options.topic}"`,
  ].filter((part) => part !== undefined);
  const source = where.length > 0 ? ` from ${where.join(", ")}` : "";
  const envelope = options.envelope === undefined ? "" : ` with envelope ${options.envelope}`;
  const lines = [`Cannot decode message${source}${envelope}: ${REASON_TEXT[options.reason]}`];
  if (options.detail !== undefined) lines.push(`  ${options.detail}`);
  for (const issue of formatIssues(options.issues ?? [])) lines.push(`  ${issue}`);
  lines.push(`Body (${options.body.length} chars): ${previewBody(options.body)}`);
  return lines.join("\n");
}

/**
 * The first {@link BODY_PREVIEW_LENGTH} characters of a body, with a note of how much was cut.
 * @internal
 */
export function previewBody(body: string, maxLength = BODY_PREVIEW_LENGTH): string {
  if (body.length <= maxLength) return body;
  return `${body.slice(0, maxLength)}… (${body.length - maxLength} more chars)`;
}

/** The kinds of AWS resource the client looks up by name. */
export type ResourceKind = "queue" | "topic" | "subscription";

/** Options for {@link ResourceNotFoundError}. */
export interface ResourceNotFoundErrorOptions {
  /** What was looked up. */
  kind: ResourceKind;
  /** The exact name or ARN that was looked up. */
  name: string;
  /** The backend asked, e.g. `embedded (http://127.0.0.1:4566)`. */
  backend?: string;
  /** Names that do exist, listed in the message to make typos obvious (the first 20). */
  existing?: readonly string[];
  /** The underlying error (e.g. the SDK's `QueueDoesNotExist`). */
  cause?: unknown;
}

/**
 * A queue, topic or subscription that does not exist on the backend. Names are matched exactly, so
 * the message lists the names that do exist.
 *
 * @example
 * ```ts
 * throw new ResourceNotFoundError({ kind: "queue", name: "orders", backend: "moto", existing: ["order"] });
 * // Queue "orders" does not exist on moto. Existing queues: "order"
 * ```
 */
export class ResourceNotFoundError extends ProbityError {
  readonly kind: ResourceKind;
  readonly resourceName: string;
  readonly backend: string | undefined;
  readonly existing: readonly string[] | undefined;

  constructor(options: ResourceNotFoundErrorOptions) {
    const kind = options.kind[0]?.toUpperCase() + options.kind.slice(1);
    let message = `${kind} "${options.name}" does not exist`;
    if (options.backend !== undefined) message += ` on ${options.backend}`;
    if (options.existing !== undefined) {
      const shown = options.existing.slice(0, 20).map((name) => JSON.stringify(name));
      const more = options.existing.length > 20 ? `, … (${options.existing.length - 20} more)` : "";
      message +=
        shown.length === 0
          ? `. There are no ${options.kind}s.`
          : `. Existing ${options.kind}s: ${shown.join(", ")}${more}`;
    }
    super(message, "ERR_RESOURCE_NOT_FOUND", "cause" in options ? { cause: options.cause } : {});
    this.name = "ResourceNotFoundError";
    this.kind = options.kind;
    this.resourceName = options.name;
    this.backend = options.backend;
    this.existing = options.existing;
  }
}

/** Options for {@link BackendUnavailableError}. */
export interface BackendUnavailableErrorOptions {
  /** The backend, e.g. `moto` or `localstack`. */
  backend: string;
  /** Why it cannot be used, fit to be a test's skip reason, e.g. `python3 -m moto.server is not installed`. */
  reason: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * A backend that cannot be started or reached (moto not installed, no Docker engine, no AWS
 * credentials, a dead endpoint). `reason` is fit to be shown as a test's skip reason.
 *
 * @example
 * ```ts
 * throw new BackendUnavailableError({ backend: "localstack", reason: "Docker is not available" });
 * ```
 */
export class BackendUnavailableError extends ProbityError {
  readonly backend: string;
  readonly reason: string;

  constructor(options: BackendUnavailableErrorOptions) {
    super(
      `Backend ${options.backend} is unavailable: ${options.reason}`,
      "ERR_BACKEND_UNAVAILABLE",
      "cause" in options ? { cause: options.cause } : {},
    );
    this.name = "BackendUnavailableError";
    this.backend = options.backend;
    this.reason = options.reason;
  }
}

/** Options for {@link BusRequestError}. */
export interface BusRequestErrorOptions {
  /** The AWS action, e.g. `SendMessage`. */
  action: string;
  /** What it concerned, e.g. `queue "orders"`. */
  resource: string;
  /** The backend asked, e.g. `moto (http://127.0.0.1:4566)`. */
  backend: string;
  /** The SDK error. */
  cause: unknown;
}

/**
 * An SNS/SQS request that failed for another reason than a missing resource. The message names the
 * action, the queue or topic and the backend; `awsCode` is the SDK error's name (e.g.
 * `InvalidParameterValue`), and `cause` the SDK error itself.
 *
 * @example
 * ```ts
 * try { await bus.send({ queue: "orders.fifo", data }); } catch (error) {
 *   if (error instanceof BusRequestError) console.log(error.awsCode);
 * }
 * ```
 */
export class BusRequestError extends ProbityError {
  readonly action: string;
  readonly resource: string;
  readonly backend: string;
  readonly awsCode: string | undefined;

  constructor(options: BusRequestErrorOptions) {
    const cause = options.cause;
    const awsCode = cause instanceof Error ? cause.name : undefined;
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`${options.action} on ${options.resource} on ${options.backend} failed: ${detail}`, "ERR_BUS_REQUEST", {
      cause,
    });
    this.name = "BusRequestError";
    this.action = options.action;
    this.resource = options.resource;
    this.backend = options.backend;
    this.awsCode = awsCode;
  }
}
