/**
 * @module envelope
 * The envelope interface: how a payload is wrapped into a message body and unwrapped again. Built-in
 * implementations live in `envelopes/` (`jsonBase`, `raw`, `text`); a custom envelope is an object
 * with a `name` and these two functions.
 */

/** What the client knows about a message when it builds its body. */
export interface EnvelopeContext {
  /** The topic name the message is published to (`""` when it is sent straight to a queue). */
  topic?: string;
  /** The queue name the message is sent to, when sent straight to a queue. */
  queue?: string;
}

/** What {@link Envelope.parse} returns. */
export interface EnvelopeParseResult<TPayload = unknown, TMetadata = unknown> {
  /** The application data carried by the message. */
  payload: TPayload;
  /** What the envelope says about the message (for `jsonBase`: service, message uuid, timestamp, topic…). */
  metadata: TMetadata;
}

/**
 * Wraps data into a message body and unwraps a body into its payload. `parse` throws a
 * `PayloadDecodeError` (reason `not-json` or `wrong-envelope`) on a body it does not understand; any
 * other error it throws is reported as `wrong-envelope`.
 *
 * @typeParam TPayload - what `parse` yields.
 * @typeParam TMetadata - what `parse` yields as metadata.
 * @typeParam TData - what `build` accepts.
 *
 * @example
 * ```ts
 * const upper: Envelope<string, undefined, string> = {
 *   name: "upper",
 *   build: (data) => data.toUpperCase(),
 *   parse: (body) => ({ payload: body.toLowerCase(), metadata: undefined }),
 * };
 * ```
 */
export interface Envelope<TPayload = unknown, TMetadata = unknown, TData = TPayload> {
  /** A short name used in error messages, e.g. `jsonBase`. */
  readonly name: string;
  /** Builds the message body for `data`. */
  build(data: TData, context?: EnvelopeContext): string | Promise<string>;
  /** Reads a message body back into payload and metadata. */
  parse(body: string): EnvelopeParseResult<TPayload, TMetadata> | Promise<EnvelopeParseResult<TPayload, TMetadata>>;
}
