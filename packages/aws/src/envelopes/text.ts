/**
 * @module envelopes/text
 * The `text` envelope: the body is the payload, a string, unchanged.
 */
import type { Envelope, EnvelopeParseResult } from "../envelope.js";

/** The `text` envelope's type: strings in and out, synchronously, no metadata. */
export interface TextEnvelope extends Envelope<string, undefined, string> {
  build(data: string): string;
  parse(body: string): EnvelopeParseResult<string, undefined>;
}

/**
 * Bodies that are plain text: `build` and `parse` return the string unchanged; `parse` never fails.
 *
 * @throws TypeError from `build` when data is not a string.
 *
 * @example
 * ```ts
 * text.build("hello");         // "hello"
 * text.parse("hello").payload; // "hello"
 * ```
 */
export const text: TextEnvelope = Object.freeze({
  name: "text",
  build(data: string): string {
    if (typeof data !== "string") throw new TypeError(`text envelope: data must be a string, got ${typeof data}`);
    return data;
  },
  parse(body: string): EnvelopeParseResult<string, undefined> {
    return { payload: body, metadata: undefined };
  },
});
