/**
 * @module envelopes/raw
 * The `raw` envelope: the body is the payload as plain JSON, with nothing around it.
 */
import type { Envelope, EnvelopeParseResult } from "../envelope.js";
import { PayloadDecodeError } from "../errors.js";
import { parsePythonJson } from "../python-json.js";

/** The `raw` envelope's type: JSON in, JSON out, synchronously, no metadata. */
export interface RawEnvelope extends Envelope<unknown, undefined, unknown> {
  build(data: unknown): string;
  parse(body: string): EnvelopeParseResult<unknown, undefined>;
}

/**
 * Plain JSON bodies: `build` is `JSON.stringify` (compact), `parse` is `JSON.parse` that also accepts
 * Python's `NaN`/`Infinity`.
 *
 * @throws TypeError from `build` when data has no JSON form (`undefined`, a function); `PayloadDecodeError`
 * (`not-json`) from `parse`.
 *
 * @example
 * ```ts
 * raw.build({ order_id: "o-1" });          // '{"order_id":"o-1"}'
 * raw.parse('{"order_id":"o-1"}').payload; // { order_id: "o-1" }
 * ```
 */
export const raw: RawEnvelope = Object.freeze({
  name: "raw",
  build(data: unknown): string {
    const body = JSON.stringify(data);
    if (body === undefined) throw new TypeError(`raw envelope: cannot encode ${typeof data} as JSON`);
    return body;
  },
  parse(body: string): EnvelopeParseResult<unknown, undefined> {
    try {
      return { payload: parsePythonJson(body), metadata: undefined };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new PayloadDecodeError({ reason: "not-json", body, detail, envelope: "raw", cause: error });
    }
  },
});
