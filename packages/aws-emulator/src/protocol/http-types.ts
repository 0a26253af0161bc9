/**
 * @module protocol/http-types
 * The minimal request/response the protocol layer works on. The fetch-style handler and the node:http
 * binding both adapt to it, so node requests never pay for building a WHATWG `Request`.
 */

/** A request as the protocol layer reads it. */
export interface AwsHttpRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Raw query string without `?` (empty when none). */
  readonly query: string;
  /** Header lookup by lower-case name. */
  header(name: string): string | undefined;
  readonly body: string;
  /** Aborts when the client goes away. */
  readonly signal: AbortSignal;
}

/** A response as the protocol layer produces it. */
export interface AwsHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * A streamed body (server-sent events) instead of `body`: called once the headers are sent; each
   * `write` sends a chunk and the response ends when the promise settles. The route watches the request's
   * `signal` for client disconnects.
   */
  stream?: (write: (chunk: string) => void) => Promise<void>;
}
