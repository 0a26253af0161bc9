/**
 * @module inspection/sse
 * `GET /_probity/events` as server-sent events. Each event is one `id: <n>` line and one `data: <json>`
 * line; a reconnecting client sends `Last-Event-ID` (or `?lastEventId=`) and first receives what it
 * missed from the ring buffer (an `event: gap` names ids that fell out of it). The stream opens with an
 * `event: ready` (so a client knows it is subscribed), sends `: heartbeat` comments, and ends cleanly
 * when the client disconnects or the emulator stops.
 */

import type { AwsHttpResponse } from "../protocol/http-types.js";
import { type EmulatorEventFilter, isEmptyEventFilter, matchesEventFilter } from "./event-filter.js";
import type { EventLog, LoggedEvent } from "./event-log.js";

const realSetInterval = globalThis.setInterval.bind(globalThis);
const realClearInterval = globalThis.clearInterval.bind(globalThis);

/** Default interval of `: heartbeat` comments. */
export const DEFAULT_SSE_HEARTBEAT_MS = 15_000;

/** Options of {@link openEventStream}. @internal */
export interface EventStreamRequest {
  readonly log: EventLog;
  readonly filter: EmulatorEventFilter;
  /** Replay events after this id first. */
  readonly lastEventId: number | undefined;
  /** Client disconnect. */
  readonly signal: AbortSignal;
  /** Emulator stopping. */
  readonly closing: AbortSignal;
  readonly heartbeatMs: number;
}

/** Formats one logged event as an SSE frame. @internal */
export function formatSseEvent(logged: LoggedEvent): string {
  return `id: ${logged.id}\ndata: ${JSON.stringify(logged.event)}\n\n`;
}

/**
 * Builds the streamed response.
 * @internal
 */
export function openEventStream(request: EventStreamRequest): AwsHttpResponse {
  const { log, filter, signal, closing } = request;
  const everything = isEmptyEventFilter(filter);
  return {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
    body: "",
    stream: (write) =>
      new Promise<void>((resolve) => {
        if (signal.aborted || closing.aborted) {
          resolve();
          return;
        }
        const send = (logged: LoggedEvent): void => {
          if (everything || matchesEventFilter(logged.event, filter)) write(formatSseEvent(logged));
        };
        let frames = `retry: 1000\nevent: ready\ndata: ${JSON.stringify({ lastEventId: log.lastId })}\n\n`;
        if (request.lastEventId !== undefined) {
          const replay = log.replaySince(request.lastEventId);
          if (replay.missed !== undefined) {
            frames += `event: gap\ndata: ${JSON.stringify({ from: replay.missed[0], to: replay.missed[1] })}\n\n`;
          }
          for (const logged of replay.events) {
            if (everything || matchesEventFilter(logged.event, filter)) frames += formatSseEvent(logged);
          }
        }
        write(frames);
        // Replay and subscription happen in the same synchronous turn: no event can fall between them.
        const unlisten = log.listen(send);
        const heartbeat = realSetInterval(() => write(": heartbeat\n\n"), request.heartbeatMs);
        heartbeat.unref();
        const end = (): void => {
          unlisten();
          realClearInterval(heartbeat);
          signal.removeEventListener("abort", end);
          closing.removeEventListener("abort", end);
          resolve();
        };
        signal.addEventListener("abort", end, { once: true });
        closing.addEventListener("abort", end, { once: true });
      }),
  };
}
