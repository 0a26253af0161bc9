/**
 * @module backends/event-stream
 * A client of the emulator's `GET /_probity/events` server-sent event stream, so a backend in another
 * process (a vitest worker's `remote()`) wakes waits on events like the in-process `embedded()` does.
 * One connection is shared by every listener: opened on the first, closed with the last or on dispose,
 * resumed with `Last-Event-ID` after a drop. Frames are parsed by `eventsource-parser` over `fetch`'s
 * streaming body (Node 20 has no global `EventSource`).
 */

import { createParser, type EventSourceMessage } from "eventsource-parser";
import { type Clock, realClock } from "probity";
import type { BackendSubscribeOptions } from "./backend.js";
import { queueNamesOfEvent } from "./event-queues.js";

/** Options of {@link EventStream}. @internal */
export interface EventStreamOptions {
  /** The stream's URL, e.g. `http://127.0.0.1:4566/_probity/events?type=sqs.*`. */
  url: string | URL;
  /** The first delay before reconnecting after a drop or a refused connection, in ms. @default 50 */
  reconnectDelay?: number;
  /** The backoff doubles up to this many ms. @default 2000 */
  maxReconnectDelay?: number;
  /** Hears connection and frame problems (they never reject anywhere). @default ignores them */
  onError?: (error: unknown) => void;
  /** Times the reconnect backoff. @default realClock */
  clock?: Clock;
}

/** The defaults of {@link EventStreamOptions}. @internal */
export const DEFAULT_EVENT_STREAM_OPTIONS = Object.freeze({ reconnectDelay: 50, maxReconnectDelay: 2_000 });

interface Subscriber {
  readonly listener: (queueName: string) => void;
  readonly onResync: (() => void) | undefined;
}

/** What one connection saw. */
interface Connection {
  /** The `Last-Event-ID` it sent. */
  readonly resumeFrom: string | undefined;
  /** The server said `event: ready` (a healthy connection: the backoff starts over). */
  ready: boolean;
  /** The id of the last frame it received. */
  lastEventId?: string;
}

function validateDelay(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`Expected \`${name}\` to be a finite number >= 0, got ${String(value)}`);
  }
}

/** The queues an event frame's JSON concerns (see {@link queueNamesOfEvent}); malformed frames: none. */
function queueNamesOfFrame(data: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return [];
  }
  return typeof parsed === "object" && parsed !== null ? queueNamesOfEvent(parsed) : [];
}

/** The `lastEventId` of the server's `ready` frame, or `undefined`. */
function readyLastId(data: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    const id = typeof parsed === "object" && parsed !== null ? (parsed as { lastEventId?: unknown }).lastEventId : 0;
    return typeof id === "number" ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One shared, lazily opened, self-healing connection to an emulator's event stream. Listeners hear the
 * name of each queue an event concerns (`queueNamesOfEvent`). No method throws after construction and no promise is
 * left to reject: connection and frame problems go to `onError` and end in a reconnect.
 *
 * @example
 * ```ts
 * using stream = new EventStream({ url: `${endpoint}/_probity/events?type=sqs.*` });
 * const off = stream.subscribe((queueName) => console.log("event on", queueName));
 * off(); // the last listener: the connection closes
 * ```
 * @internal
 */
export class EventStream implements Disposable {
  readonly #url: string;
  readonly #reconnectDelay: number;
  readonly #maxReconnectDelay: number;
  readonly #onError: (error: unknown) => void;
  readonly #clock: Clock;
  readonly #subscribers = new Set<Subscriber>();
  #session: AbortController | undefined;
  #disposed = false;
  #connections = 0;
  /** The endpoint answered 404: it has no event stream, so no connection is tried again. */
  #absent = false;
  #open = false;

  /**
   * @throws TypeError when `url` is not an http(s) URL or a delay is negative or not finite.
   */
  constructor(options: EventStreamOptions) {
    const url = new URL(options.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TypeError(`Expected \`url\` to be an http(s) URL, got ${JSON.stringify(String(options.url))}`);
    }
    this.#url = url.href;
    this.#reconnectDelay = options.reconnectDelay ?? DEFAULT_EVENT_STREAM_OPTIONS.reconnectDelay;
    this.#maxReconnectDelay = options.maxReconnectDelay ?? DEFAULT_EVENT_STREAM_OPTIONS.maxReconnectDelay;
    validateDelay("reconnectDelay", this.#reconnectDelay);
    validateDelay("maxReconnectDelay", this.#maxReconnectDelay);
    this.#onError = options.onError ?? (() => undefined);
    this.#clock = options.clock ?? realClock;
  }

  /** Connections opened so far (each reconnect counts), for tests and diagnostics. */
  get connections(): number {
    return this.#connections;
  }

  /** Whether a connection is open and the server said it is subscribed (`event: ready`). */
  get open(): boolean {
    return this.#open;
  }

  /** Number of current listeners. */
  get listenerCount(): number {
    return this.#subscribers.size;
  }

  /**
   * Adds a listener; the first one opens the connection. After {@link EventStream.dispose} it is a
   * no-op.
   *
   * @param listener - hears the name of each queue an event concerns (see `queueNamesOfEvent`).
   * @param options - `onResync` hears "events may have been missed": a fresh connection is ready (events
   * between this call and the server's subscription are lost), a resumed one reported a gap, or the
   * server restarted.
   * @returns the unsubscribe function (idempotent); the last one closes the connection.
   */
  subscribe(listener: (queueName: string) => void, options: BackendSubscribeOptions = {}): () => void {
    if (this.#disposed) return () => undefined;
    const subscriber: Subscriber = { listener, onResync: options.onResync };
    this.#subscribers.add(subscriber);
    if (this.#session === undefined && !this.#absent) {
      const session = new AbortController();
      this.#session = session;
      this.#run(session.signal).catch((error: unknown) => this.#safeReport(error));
    }
    return () => {
      if (!this.#subscribers.delete(subscriber) || this.#subscribers.size > 0) return;
      this.#close();
    };
  }

  /** Closes the connection and drops every listener; later `subscribe` calls do nothing. Idempotent. */
  dispose(): void {
    this.#disposed = true;
    this.#subscribers.clear();
    this.#close();
  }

  /** Same as {@link EventStream.dispose}, for `using stream = …`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  #close(): void {
    this.#session?.abort();
    this.#session = undefined;
    this.#open = false;
  }

  /** Connects, reads and reconnects until `signal` aborts. Never rejects. */
  async #run(signal: AbortSignal): Promise<void> {
    let lastEventId: string | undefined;
    let failures = 0;
    while (!signal.aborted) {
      const connection: Connection = { resumeFrom: lastEventId, ready: false };
      try {
        await this.#connect(signal, connection);
      } catch (error) {
        if (signal.aborted) break;
        this.#safeReport(error);
        if (error instanceof NoEventStreamError) {
          // The endpoint has no event stream (LocalStack, say): asking again would only cost requests.
          this.#absent = true;
          break;
        }
      }
      if (connection.lastEventId !== undefined) lastEventId = connection.lastEventId;
      if (this.#session?.signal === signal) this.#open = false;
      if (signal.aborted) break;
      failures = connection.ready ? 0 : failures + 1;
      await this.#backoff(failures, signal);
    }
  }

  /** One connection, read to its end; records on `connection` what it saw. */
  async #connect(signal: AbortSignal, connection: Connection): Promise<void> {
    const { resumeFrom } = connection;
    this.#connections++;
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (resumeFrom !== undefined) headers["last-event-id"] = resumeFrom;
    const response = await fetch(this.#url, { headers, signal });
    const body = response.body;
    if (!response.ok || body === null) {
      await body?.cancel().catch(() => undefined);
      const answered = `GET ${this.#url} answered ${response.status} ${response.statusText}`.trimEnd();
      if (response.status === 404) throw new NoEventStreamError(`${answered}: no event stream there; waits poll`);
      throw new Error(answered);
    }
    const parser = createParser({
      onEvent: (message) => {
        if (message.id !== undefined) connection.lastEventId = message.id;
        if (message.event === "ready") {
          connection.ready = true;
          if (this.#session?.signal === signal) this.#open = true;
          const serverLast = readyLastId(message.data);
          // Fresh stream, or the server restarted (its ids went back): events may have been missed.
          if (resumeFrom === undefined || serverLast === undefined || serverLast < Number(resumeFrom)) {
            this.#resync(signal);
          }
        } else if (message.event === "gap") {
          this.#resync(signal);
        } else {
          this.#deliver(signal, message);
        }
      },
      onError: (error) => this.#safeReport(error),
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  #deliver(signal: AbortSignal, message: EventSourceMessage): void {
    if (signal.aborted) return;
    const queueNames = queueNamesOfFrame(message.data);
    if (queueNames.length === 0) {
      if (message.event === undefined || message.event === "message") {
        this.#safeReport(new Error(`Ignored an event frame without a queueName: ${message.data.slice(0, 200)}`));
      }
      return;
    }
    for (const subscriber of [...this.#subscribers]) {
      try {
        for (const queueName of queueNames) subscriber.listener(queueName);
      } catch (error) {
        this.#safeReport(error);
      }
    }
  }

  #resync(signal: AbortSignal): void {
    if (signal.aborted) return;
    for (const subscriber of [...this.#subscribers]) {
      try {
        subscriber.onResync?.();
      } catch (error) {
        this.#safeReport(error);
      }
    }
  }

  #safeReport(error: unknown): void {
    try {
      this.#onError(error);
    } catch {
      // An error reporter that throws must not break the stream.
    }
  }

  /** Waits `min(reconnectDelay · 2^(failures-1), maxReconnectDelay)` (0 failures: `reconnectDelay`), or until abort. */
  #backoff(failures: number, signal: AbortSignal): Promise<void> {
    const delay = Math.min(this.#reconnectDelay * 2 ** Math.max(0, failures - 1), this.#maxReconnectDelay);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.#clock.clearTimeout(timer);
        resolve();
      };
      const timer = this.#clock.setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, delay);
      // A pending reconnect never keeps the process alive on its own.
      (timer as { unref?: () => void } | undefined)?.unref?.();
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}

/** The endpoint answered 404 for the event stream: it has none. */
export class NoEventStreamError extends Error {
  override name = "NoEventStreamError";
}
