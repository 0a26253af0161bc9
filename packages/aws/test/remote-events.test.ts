/**
 * A `remote()` backend — what a vitest worker gets from `fromDescriptor` — wakes waits through the
 * emulator's `GET /_probity/events` stream, as the in-process `embedded()` backend does.
 */
import { DeleteMessageCommand } from "@aws-sdk/client-sqs";
import { deferred, latch, probeUntil } from "probity";
import { type AwsEmulator, startAwsEmulator } from "probity-aws-emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeForWorkers, fromDescriptor } from "../src/backends/descriptor.js";
import { type Backend, backends, remote, SnsSqsTestClient } from "../src/index.js";

let emulator: AwsEmulator;
let embeddedBackend: Backend;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  embeddedBackend = await backends.embedded();
});

afterAll(async () => {
  await embeddedBackend.dispose();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // Each test starts with no stream open, so the counts below are exact.
  await untilOpenStreams(0);
});

/** A worker's view of the embedded backend, as the vitest `bus` fixture builds it. */
async function workerBus(): Promise<{ backend: Backend; bus: SnsSqsTestClient }> {
  const backend = fromDescriptor(describeForWorkers(embeddedBackend));
  const bus = await SnsSqsTestClient.connect(backend);
  cleanups.push(
    () => bus.close(),
    () => backend.dispose(),
  );
  return { backend, bus };
}

/** Open `GET /_probity/events` streams, as the emulator counts them. */
async function openStreams(endpoint = embeddedBackend.endpoint): Promise<number> {
  const response = await fetch(`${endpoint}/_probity/state`);
  const state = (await response.json()) as { inspection: { eventStreams: number } };
  return state.inspection.eventStreams;
}

function untilOpenStreams(count: number, endpoint = embeddedBackend.endpoint): Promise<number> {
  return probeUntil(
    async () => {
      const open = await openStreams(endpoint);
      if (open !== count) throw new Error(`${open} open event streams, expected ${count}`);
      return open;
    },
    { timeout: 5_000, interval: 10, alias: `${count} open event streams` },
  );
}

describe("remote backend events", { timeout: 20_000 }, () => {
  it("implements subscribe when the descriptor says the backend has events", async () => {
    const { backend } = await workerBus();
    expect(backend.capabilities.events).toBe(true);
    expect(typeof backend.subscribe).toBe("function");
    expect(remote({ endpoint: "http://127.0.0.1:1" }).subscribe).toBeUndefined();
  });

  it("hears the queue name of a send, a receive and a delete when subscribed over HTTP", async () => {
    const { backend, bus } = await workerBus();
    await bus.createQueue("remote-events--heard");
    await bus.createQueue("remote-events--other");
    const heard: string[] = [];
    const three = latch(3);
    const live = deferred();
    const off = backend.subscribe?.(
      (queueName) => {
        if (queueName !== "remote-events--heard") return;
        heard.push(queueName);
        three.countDown();
      },
      { onResync: () => live.resolve() },
    );
    cleanups.push(() => off?.());
    await live.wait({ timeout: 5_000 });

    await bus.send({ queue: "remote-events--other", data: { n: 0 } });
    await bus.send({ queue: "remote-events--heard", data: { n: 1 } });
    await bus.receive("remote-events--heard", { max: 1 }); // receives and deletes: two more events

    await three.wait({ timeout: 5_000 });
    expect(heard).toEqual(["remote-events--heard", "remote-events--heard", "remote-events--heard"]);
  });

  it("hears the dead-letter queue's name when a message is dead-lettered", async () => {
    const { backend, bus } = await workerBus();
    await bus.createQueue("remote-events--source", {
      dlq: { name: "remote-events--source-dlq", maxReceiveCount: 1 },
    });
    const landed = deferred();
    const live = deferred();
    const off = backend.subscribe?.(
      (queueName) => {
        if (queueName === "remote-events--source-dlq") landed.resolve();
      },
      { onResync: () => live.resolve() },
    );
    cleanups.push(() => off?.());
    await live.wait({ timeout: 5_000 });

    await bus.send({ queue: "remote-events--source", data: { n: 1 } });
    await bus.receive("remote-events--source", { ack: false, visibilityTimeout: 0 }); // receive count 1
    await bus.receive("remote-events--source"); // over maxReceiveCount: moved to the DLQ on this receive

    await landed.wait({ timeout: 5_000 });
    expect(await bus.peek("remote-events--source-dlq")).toHaveLength(1);
  });

  it("resolves drained() through the event stream when the interval is longer than the timeout", async () => {
    const { bus } = await workerBus();
    const { bus: consumer } = await workerBus();
    await bus.createQueue("remote-events--drained");
    await bus.send({ queue: "remote-events--drained", data: { n: 1 } });

    const drained = bus.drained("remote-events--drained", { interval: 60_000, timeout: 10_000 });
    await untilOpenStreams(1);
    // The consumer handles the message only once the stream is live: only its events can end the wait.
    await consumer.receive("remote-events--drained", { max: 1 });

    const attributes = await drained;
    expect(attributes.approximateNumberOfMessages).toBe(0);
    expect(attributes.approximateNumberOfMessagesNotVisible).toBe(0);
    await untilOpenStreams(0); // drained() unsubscribed: the connection is closed
  });

  it("closes the connection when the last listener unsubscribes and when disposed", async () => {
    const { backend } = await workerBus();
    const offFirst = backend.subscribe?.(() => undefined);
    const offSecond = backend.subscribe?.(() => undefined);
    await untilOpenStreams(1); // one shared connection
    offFirst?.();
    expect(await openStreams()).toBe(1); // the other listener keeps it open
    offSecond?.();
    await untilOpenStreams(0);

    backend.subscribe?.(() => undefined);
    await untilOpenStreams(1);
    await backend.dispose();
    await untilOpenStreams(0);
  });

  it("resumes and hears events again when the emulator restarts on the same port", async () => {
    emulator = await startAwsEmulator({ port: 0 });
    const port = emulator.port;
    const backend = remote({ endpoint: emulator.endpoint, capabilities: { events: true } });
    cleanups.push(
      () => backend.dispose(),
      () => emulator.stop(),
    );
    let resyncs = 0;
    const firstLive = deferred();
    const secondLive = deferred();
    const heard = deferred<string>();
    backend.subscribe?.((queueName) => heard.resolve(queueName), {
      onResync: () => {
        resyncs++;
        (resyncs === 1 ? firstLive : secondLive).resolve();
      },
    });
    await firstLive.wait({ timeout: 5_000 });

    await emulator.stop(); // ends the stream mid-flight; reconnects are refused until the restart
    emulator = await startAwsEmulator({ port });
    await secondLive.wait({ timeout: 10_000 });

    const bus = await SnsSqsTestClient.connect(backend);
    cleanups.push(() => bus.close());
    await bus.createQueue("remote-events--restarted");
    expect(await heard.wait({ timeout: 5_000 })).toBe("remote-events--restarted");
  });
});

describe("SnsSqsTestClient.wakeOn", { timeout: 20_000 }, () => {
  it("wakes only for the queues it names when the backend has events", async () => {
    const bus = await SnsSqsTestClient.connect(embeddedBackend);
    cleanups.push(() => bus.close());
    await bus.createQueue("wake--mine");
    await bus.createQueue("wake--theirs");
    let mine = 0;
    let any = 0;
    const offMine = bus.wakeOn("wake--mine")(() => mine++);
    const offAny = bus.wakeOn()(() => any++);
    // The embedded backend's events are synchronous: they have fired when the request returns.
    await bus.send({ queue: "wake--theirs", data: {} });
    expect([mine, any]).toEqual([0, 1]);
    await bus.send({ queue: "wake--mine", data: {} });
    expect([mine, any]).toEqual([1, 2]);
    offMine();
    offAny();
    await bus.send({ queue: "wake--mine", data: {} });
    expect([mine, any]).toEqual([1, 2]);
  });

  it("lets probeUntil succeed by polling when the backend has no events", async () => {
    const backend = remote({ endpoint: embeddedBackend.endpoint ?? "", capabilities: { events: false } });
    const bus = await SnsSqsTestClient.connect(backend);
    cleanups.push(() => bus.close());
    const wakeOn = bus.wakeOn("anything");
    const unsubscribe = wakeOn(() => {
      throw new Error("a backend without events never wakes");
    });
    expect(typeof unsubscribe).toBe("function");
    unsubscribe();

    let attempts = 0;
    const value = await probeUntil(
      () => {
        attempts++;
        if (attempts < 3) throw new Error("not yet");
        return "done";
      },
      { timeout: 5_000, interval: 1, wakeOn },
    );
    expect(value).toBe("done");
    expect(attempts).toBe(3);
  });

  it("wakes a probe of the consumer's effect when a message is handled through a remote backend", async () => {
    const { bus } = await workerBus();
    const { bus: consumer } = await workerBus();
    const queue = await bus.createQueue("wake--handled");
    const handled: unknown[] = [];
    const seen = probeUntil(
      () => {
        if (handled.length === 0) throw new Error("not handled yet");
        return handled[0];
      },
      { timeout: 10_000, interval: 60_000, wakeOn: bus.wakeOn("wake--handled") },
    );
    await untilOpenStreams(1);
    await bus.send({ queue: "wake--handled", data: { order: 1 } });
    // A consumer as tomodachi runs one: receive, handle, then delete (the delete's event wakes the probe).
    const [message] = await consumer.receive("wake--handled", { max: 1, ack: false });
    handled.push(message?.payload);
    await consumer.sqs.send(
      new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message?.raw.ReceiptHandle }),
    );
    expect(await seen).toEqual({ order: 1 });
  });
});
