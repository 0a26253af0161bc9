/**
 * @module test/sse
 * A minimal server-sent events reader for tests: frames as they arrive from a fetch `Response`.
 */

/** One SSE frame (`event`/`id`/`data` fields) or a comment. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads frames from an SSE response body until it ends. */
export async function* readSse(response: Response): AsyncGenerator<SseFrame> {
  if (response.body === null) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: SseFrame = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) frame.comment = line.slice(1).trim();
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, "");
        if (field === "id" || field === "event" || field === "data") frame[field] = value;
      }
      yield frame;
    }
  }
}

/** Reads frames until one satisfies `predicate`; rejects when the stream ends first. */
export async function nextFrame(
  frames: AsyncGenerator<SseFrame>,
  predicate: (frame: SseFrame) => boolean,
): Promise<SseFrame> {
  for (;;) {
    const { value, done } = await frames.next();
    if (done) throw new Error("the event stream ended");
    if (predicate(value)) return value;
  }
}

/** The parsed `data` of an event frame. */
export function frameData(frame: SseFrame): Record<string, unknown> {
  return JSON.parse(frame.data ?? "null") as Record<string, unknown>;
}
