/**
 * The `EventStream` client against a scripted SSE server on loopback: each connection is handed to the
 * test, which writes frames, ends it, or reads the `Last-Event-ID` it came with.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { deferred, latch, VirtualClock } from "probity";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EventStream } from "./event-stream.js";

interface Connection {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** Resolves when the client closed the connection. */
  readonly closed: Promise<void>;
}

/** A server that hands each request on `/events` to the test, in order. */
class ScriptedSseServer {
  readonly #server: Server;
  readonly #queued: Connection[] = [];
  readonly #waiting: ((connection: Connection) => void)[] = [];
  status = 200;

  constructor() {
    this.#server = createServer((request, response) => {
      const closed = deferred();
      response.on("close", () => closed.resolve());
      if (this.status !== 200) {
        response.writeHead(this.status).end("no");
        return;
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.flushHeaders();
      const connection = { request, response, closed: closed.promise };
      const waiter = this.#waiting.shift();
      if (waiter === undefined) this.#queued.push(connection);
      else waiter(connection);
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/events`;
  }

  /** The next connection the client opens. */
  next(): Promise<Connection> {
    const queued = this.#queued.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

const ready = (lastEventId: number): string => `event: ready\ndata: {"lastEventId":${lastEventId}}\n\n`;
const frame = (id: number, queueName: string): string =>
  `id: ${id}\ndata: ${JSON.stringify({ type: "sqs.message-sent", queueName })}\n\n`;

let server: ScriptedSseServer;
let url: string;
const streams: EventStream[] = [];

function stream(options: { onError?: (error: unknown) => void } = {}): EventStream {
  const created = new EventStream({ url, reconnectDelay: 1, maxReconnectDelay: 5, ...options });
  streams.push(created);
  return created;
}

beforeEach(async () => {
  server = new ScriptedSseServer();
  url = await server.start();
});

afterEach(async () => {
  for (const created of streams.splice(0)) created.dispose();
  await server.stop();
});

describe("EventStream", () => {
  it("opens no connection when nobody subscribes", () => {
    expect(stream().connections).toBe(0);
  });

  it("passes each frame's queue name to every listener when they share one connection", async () => {
    const events = stream();
    const heard: string[] = [];
    const both = latch(2);
    events.subscribe((name) => {
      heard.push(`first:${name}`);
      both.countDown();
    });
    events.subscribe((name) => {
      heard.push(`second:${name}`);
      both.countDown();
    });
    const connection = await server.next();
    connection.response.write(ready(0) + frame(1, "orders"));
    await both.wait({ timeout: 5_000 });
    expect(heard).toEqual(["first:orders", "second:orders"]);
    expect(events.connections).toBe(1);
    expect(connection.request.headers.accept).toBe("text/event-stream");
  });

  it("skips malformed frames and reports them when the server sends garbage", async () => {
    const errors: unknown[] = [];
    const events = stream({ onError: (error) => errors.push(error) });
    const heard = deferred<string>();
    events.subscribe((name) => heard.resolve(name));
    const connection = await server.next();
    connection.response.write(
      `${ready(0)}data: not json\n\ndata: {"type":"sns.published"}\n\ndata: 42\n\nbogus line\n\n${frame(1, "orders")}`,
    );
    expect(await heard.wait({ timeout: 5_000 })).toBe("orders");
    expect(errors.map((error) => String(error))).toEqual([
      "Error: Ignored an event frame without a queueName: not json",
      'Error: Ignored an event frame without a queueName: {"type":"sns.published"}',
      "Error: Ignored an event frame without a queueName: 42",
      expect.stringContaining("bogus"),
    ]);
  });

  it("reconnects with Last-Event-ID when the server ends the stream", async () => {
    const events = stream();
    const heard: string[] = [];
    const two = latch(2);
    let resyncs = 0;
    events.subscribe(
      (name) => {
        heard.push(name);
        two.countDown();
      },
      { onResync: () => resyncs++ },
    );
    const first = await server.next();
    expect(first.request.headers["last-event-id"]).toBeUndefined();
    first.response.end(ready(6) + frame(7, "a"));
    const second = await server.next();
    expect(second.request.headers["last-event-id"]).toBe("7");
    second.response.write(ready(7) + frame(8, "b"));
    await two.wait({ timeout: 5_000 });
    expect(heard).toEqual(["a", "b"]);
    expect(events.connections).toBe(2);
    // Only the fresh connection may have missed events; the resumed one replays them.
    expect(resyncs).toBe(1);
  });

  it("asks listeners to look again when the server reports a gap or restarted", async () => {
    const events = stream();
    const resynced = latch(3);
    events.subscribe(() => undefined, { onResync: () => resynced.countDown() });
    const first = await server.next();
    first.response.write(`${ready(0)}${frame(50, "a")}event: gap\ndata: {"from":1,"to":9}\n\n`);
    first.response.end();
    const second = await server.next();
    expect(second.request.headers["last-event-id"]).toBe("50");
    // A restarted server: its ids went back below the one the client resumes from.
    second.response.write(ready(0));
    await resynced.wait({ timeout: 5_000 });
    expect(resynced.open).toBe(true);
  });

  it("closes the connection when the last listener unsubscribes", async () => {
    const events = stream();
    const offFirst = events.subscribe(() => undefined);
    const offSecond = events.subscribe(() => undefined);
    const connection = await server.next();
    connection.response.write(ready(0));
    offFirst();
    offFirst();
    expect(events.listenerCount).toBe(1);
    offSecond();
    await connection.closed;
    expect(events.open).toBe(false);
    expect(events.connections).toBe(1);
  });

  it("opens a fresh connection without Last-Event-ID when subscribed again after closing", async () => {
    const events = stream();
    const off = events.subscribe(() => undefined);
    const first = await server.next();
    first.response.write(ready(0) + frame(3, "a"));
    off();
    await first.closed;
    events.subscribe(() => undefined);
    const second = await server.next();
    expect(second.request.headers["last-event-id"]).toBeUndefined();
  });

  it("closes the connection and ignores later subscribers when disposed", async () => {
    const events = stream();
    events.subscribe(() => undefined);
    const connection = await server.next();
    connection.response.write(ready(0));
    events[Symbol.dispose]();
    await connection.closed;
    expect(events.listenerCount).toBe(0);
    const off = events.subscribe(() => undefined);
    off();
    expect(events.listenerCount).toBe(0);
    expect(events.connections).toBe(1);
  });

  it("reports each failed attempt and keeps retrying when the server answers an error", async () => {
    server.status = 503;
    const failures = latch(3);
    const errors: string[] = [];
    const events = stream({
      onError: (error) => {
        errors.push(String(error));
        failures.countDown();
      },
    });
    events.subscribe(() => undefined);
    await failures.wait({ timeout: 5_000 });
    expect(errors[0]).toBe(`Error: GET ${url} answered 503 Service Unavailable`);
    events.dispose();
  });

  it("reports once and stops connecting when the endpoint has no event stream (404)", async () => {
    server.status = 404;
    const clock = new VirtualClock();
    const reported = deferred<unknown>();
    const events = new EventStream({ url, reconnectDelay: 1, clock, onError: (error) => reported.resolve(error) });
    streams.push(events);
    events.subscribe(() => undefined);

    expect(String(await reported.promise)).toBe(
      `NoEventStreamError: GET ${url} answered 404 Not Found: no event stream there; waits poll`,
    );
    expect(clock.pendingTimers).toBe(0); // no reconnect scheduled
    events.subscribe(() => undefined); // nor a new connection for a later listener
    expect(events.connections).toBe(1);
  });

  it("retries without rejecting anywhere when the connection is refused", async () => {
    await server.stop();
    const failures = latch(3);
    const events = stream({ onError: () => failures.countDown() });
    events.subscribe(() => undefined);
    await failures.wait({ timeout: 5_000 });
    expect(events.open).toBe(false);
    events.dispose();
  });

  it("keeps other listeners and the stream when a listener throws", async () => {
    const errors: unknown[] = [];
    const events = stream({ onError: (error) => errors.push(error) });
    const boom = new Error("listener bug");
    const heard = latch(2);
    events.subscribe(() => {
      throw boom;
    });
    events.subscribe(() => heard.countDown());
    const connection = await server.next();
    connection.response.write(ready(0) + frame(1, "a") + frame(2, "b"));
    await heard.wait({ timeout: 5_000 });
    expect(errors).toEqual([boom, boom]);
  });

  it("throws a TypeError naming the option when it is invalid", () => {
    expect(() => new EventStream({ url: "ftp://127.0.0.1/events" })).toThrow(/`url`.*ftp:/);
    expect(() => new EventStream({ url, reconnectDelay: -1 })).toThrow(/`reconnectDelay`.*-1/);
    expect(() => new EventStream({ url, maxReconnectDelay: Number.NaN })).toThrow(/`maxReconnectDelay`.*NaN/);
  });
});
