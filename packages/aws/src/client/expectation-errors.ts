/**
 * @module client/expectation-errors
 * The errors `expectMessage` and `expectNoMessage` reject with. Both say which queue on which backend,
 * and show what arrived instead.
 */
import { ProbityError } from "probity";
import type { DecodedMessage } from "../decode-message.js";
import { PayloadDecodeError, previewBody } from "../errors.js";

/** A message the client saw while waiting: decoded, or the reason it could not be. */
export type SeenMessage = DecodedMessage | PayloadDecodeError;

/** How many seen messages an expectation error lists. */
export const MAX_LISTED_MESSAGES = 5;

/** One line per seen message: its payload (or the decode failure) and why it did not match. @internal */
export function describeSeen(seen: readonly SeenMessage[], mismatches: ReadonlyMap<SeenMessage, string>): string[] {
  const lines = seen.slice(0, MAX_LISTED_MESSAGES).map((item, index) => {
    const why = mismatches.get(item);
    if (item instanceof PayloadDecodeError) {
      return `  ${index + 1}. undecodable (${item.reason}): ${previewBody(item.body, 200)}`;
    }
    let payload: string;
    try {
      payload = JSON.stringify(item.payload) ?? String(item.payload);
    } catch {
      payload = String(item.payload);
    }
    return `  ${index + 1}. ${previewBody(payload, 200)}${why === undefined ? "" : `\n     ${why.replaceAll("\n", "\n     ")}`}`;
  });
  if (seen.length > MAX_LISTED_MESSAGES) lines.push(`  … and ${seen.length - MAX_LISTED_MESSAGES} more`);
  return lines;
}

/** Details of a {@link MessageNotReceivedError}. */
export interface MessageNotReceivedDetails {
  queue: string;
  backend: string;
  timeout: number;
  /** Every message that arrived and did not match, in arrival order. */
  seen: readonly SeenMessage[];
  /** Why each seen message did not match. */
  mismatches: ReadonlyMap<SeenMessage, string>;
  cause?: unknown;
}

/**
 * `expectMessage` found no matching message before its timeout. The message lists what arrived
 * instead and why each did not match; `seen` holds them all.
 *
 * @example
 * ```ts
 * await expect(bus.expectMessage("orders", { match: { id: 2 }, timeout: 500 })).rejects.toThrow(MessageNotReceivedError);
 * ```
 */
export class MessageNotReceivedError extends ProbityError {
  readonly queue: string;
  readonly backend: string;
  readonly timeout: number;
  readonly seen: readonly SeenMessage[];

  constructor(details: MessageNotReceivedDetails) {
    const head = `No matching message arrived on queue "${details.queue}" on ${details.backend} within ${details.timeout} ms`;
    const body =
      details.seen.length === 0
        ? "Nothing arrived."
        : [
            `${details.seen.length} other message(s) arrived instead:`,
            ...describeSeen(details.seen, details.mismatches),
          ].join("\n");
    super(`${head}.\n${body}`, "ERR_MESSAGE_NOT_RECEIVED", "cause" in details ? { cause: details.cause } : {});
    this.name = "MessageNotReceivedError";
    this.queue = details.queue;
    this.backend = details.backend;
    this.timeout = details.timeout;
    this.seen = details.seen;
  }
}

/** Details of an {@link UnexpectedMessageError}. */
export interface UnexpectedMessageDetails {
  queue: string;
  backend: string;
  /** The messages that should not have been there. */
  found: readonly SeenMessage[];
}

/**
 * `expectNoMessage` found a (matching) message on the queue.
 *
 * @example
 * ```ts
 * await expect(bus.expectNoMessage("orders", { during: 500 })).rejects.toThrow(UnexpectedMessageError);
 * ```
 */
export class UnexpectedMessageError extends ProbityError {
  readonly queue: string;
  readonly backend: string;
  readonly found: readonly SeenMessage[];

  constructor(details: UnexpectedMessageDetails) {
    super(
      [
        `Expected no message on queue "${details.queue}" on ${details.backend}, but ${details.found.length} arrived:`,
        ...describeSeen(details.found, new Map()),
      ].join("\n"),
      "ERR_UNEXPECTED_MESSAGE",
    );
    this.name = "UnexpectedMessageError";
    this.queue = details.queue;
    this.backend = details.backend;
    this.found = details.found;
  }
}
