/**
 * @module test/contract
 * The client's contract, written once as a function of the backend: every backend (embedded, moto,
 * LocalStack, AWS) must pass the same cases.
 */
import { BusinessLockTimeoutError } from "probity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type Backend,
  BusRequestError,
  jsonBase,
  MessageNotReceivedError,
  PayloadDecodeError,
  ResourceNotFoundError,
  SnsSqsTestClient,
  text,
  UnexpectedMessageError,
} from "../src/index.js";

/** How a contract run gets its backend. */
export interface ContractTarget {
  /** Shown in the describe title. */
  name: string;
  /** Why the backend cannot run here, or `undefined`. */
  skipReason: string | undefined;
  /** Why the backend cannot run the SNS cases (it serves SQS only), or `undefined`. */
  snsSkipReason?: string | undefined;
  start(): Promise<Backend>;
}

/** Runs the client contract against `target`. */
export function describeContract(target: ContractTarget): void {
  const title = `SnsSqsTestClient on ${target.name}${target.skipReason === undefined ? "" : ` (skipped: ${target.skipReason})`}`;
  describe.skipIf(target.skipReason !== undefined)(title, { timeout: 30_000 }, () => {
    let backend: Backend;
    let bus: SnsSqsTestClient;
    let counter = 0;
    const snsReason = target.snsSkipReason;
    /** A case that needs SNS: skipped with the reason on a backend that serves SQS only. */
    const itSns = (name: string, fn: () => Promise<void>): void => {
      it.skipIf(snsReason !== undefined)(snsReason === undefined ? name : `${name} (skipped: ${snsReason})`, fn);
    };
    /** A name no other test uses, so cases never see each other's messages. */
    const unique = (base: string): string => `t${++counter}-${base}`;

    beforeAll(async () => {
      backend = await target.start();
      bus = await SnsSqsTestClient.connect(backend);
    }, 60_000);

    afterAll(async () => {
      bus?.close();
      await backend?.dispose();
    });

    describe("names", () => {
      it("resolves queues exactly when one name is a suffix of another", async () => {
        const orders = unique("orders");
        await bus.createQueue(orders);
        await bus.createQueue(`my-${orders}`);
        await bus.send({ queue: orders, data: { to: "orders" } });
        await bus.send({ queue: `my-${orders}`, data: { to: "my-orders" } });
        expect((await bus.receive(orders)).map((m) => m.payload)).toEqual([{ to: "orders" }]);
        expect((await bus.receive(`my-${orders}`)).map((m) => m.payload)).toEqual([{ to: "my-orders" }]);
      });

      itSns("resolves topics exactly when one name is a suffix of another", async () => {
        const orders = unique("orders");
        const mine = await bus.subscribeTo({ topic: `my-${orders}`, queue: unique("q"), raw: true });
        const theirs = await bus.subscribeTo({ topic: orders, queue: unique("q"), raw: true });
        await bus.publish({ topic: orders, data: { to: "orders" } });
        await expect(bus.expectMessage(theirs.queue.url, { match: { to: "orders" } })).resolves.toBeDefined();
        await bus.expectNoMessage(mine.queue.url, { during: 200 });
      });

      it("accepts a queue URL and a queue ARN when given instead of a name", async () => {
        const queue = await bus.createQueue(unique("by-ref"));
        await bus.send({ queue: queue.arn, data: 1 });
        expect((await bus.receive(queue.url)).map((m) => m.payload)).toEqual([1]);
      });

      it("rejects with ResourceNotFoundError naming the queue, backend and existing queues when missing", async () => {
        const existing = unique("present");
        await bus.createQueue(existing);
        const error = await bus.receive(unique("absent")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ResourceNotFoundError);
        expect((error as Error).message).toContain(backend.name);
        expect((error as ResourceNotFoundError).existing).toContain(existing);
      });

      itSns("rejects with ResourceNotFoundError when publishing to a missing topic", async () => {
        await expect(bus.publish({ topic: unique("absent-topic"), data: 1 })).rejects.toThrow(ResourceNotFoundError);
      });

      it("follows every ListQueues page when the page size is small", async () => {
        const small = await SnsSqsTestClient.connect(backend, { pageSize: 2 });
        try {
          const names = Array.from({ length: 5 }, () => unique("paged"));
          for (const name of names) await small.createQueue(name);
          const error = await small.receive(unique("absent")).catch((e: unknown) => e);
          expect((error as ResourceNotFoundError).existing).toEqual(expect.arrayContaining(names));
        } finally {
          small.close();
        }
      });

      itSns("finds a topic on a later ListTopics page when there are more than 100 topics", async () => {
        const first = unique("many");
        await bus.createTopic(first);
        for (let index = 0; index < 105; index += 1) await bus.createTopic(unique("filler"));
        const fresh = await SnsSqsTestClient.connect(backend);
        try {
          await fresh.subscribeTo({ topic: first, queue: unique("q"), raw: true });
          const last = unique("last");
          await fresh.createTopic(last);
          const lookup = await SnsSqsTestClient.connect(backend);
          try {
            await expect(lookup.publish({ topic: last, data: 1 })).resolves.toBeDefined();
            await expect(lookup.publish({ topic: first, data: 1 })).resolves.toBeDefined();
          } finally {
            lookup.close();
          }
        } finally {
          fresh.close();
        }
      });
    });

    describe("createQueue and subscribeTo", () => {
      it("is idempotent and applies new attributes when called again", async () => {
        const name = unique("idem");
        const first = await bus.createQueue(name, { visibilityTimeout: 10 });
        const second = await bus.createQueue(name, { visibilityTimeout: 20 });
        expect(second.url).toBe(first.url);
        expect((await bus.attributes(name)).visibilityTimeout).toBe(20);
      });

      itSns("creates the topic, queue, DLQ and policy once when subscribing twice", async () => {
        const options = {
          topic: unique("topic"),
          queue: unique("queue"),
          dlq: { name: unique("dlq"), maxReceiveCount: 2 },
        };
        const first = await bus.subscribeTo(options);
        const second = await bus.subscribeTo(options);
        expect(second.subscriptionArn).toBe(first.subscriptionArn);
        const attributes = await bus.attributes(options.queue);
        expect(attributes.redrivePolicy).toEqual({ deadLetterTargetArn: first.dlq?.arn, maxReceiveCount: 2 });
        const policy = JSON.parse(attributes.raw.Policy ?? "{}") as { Statement: unknown[] };
        expect(policy.Statement).toHaveLength(1);
      });

      it("rejects a FIFO queue whose name lacks .fifo", async () => {
        await expect(bus.createQueue(unique("plain"), { fifo: true })).rejects.toThrow(TypeError);
      });
    });

    describe("delivery", () => {
      itSns("unwraps the SNS notification when raw delivery is off", async () => {
        const topic = unique("topic");
        const { queue } = await bus.subscribeTo({ topic, queue: unique("wrapped") });
        await bus.publish({ topic, data: { order_id: "o-1" }, envelope: jsonBase, attributes: { source: "test" } });
        const message = await bus.expectMessage(queue.name, { envelope: jsonBase });
        expect(message.payload).toEqual({ order_id: "o-1" });
        expect(message.notification?.topic).toBe(topic);
        expect(message.attributes).toEqual({ source: "test" });
      });

      itSns("delivers the body itself when raw delivery is on", async () => {
        const topic = unique("topic");
        const { queue } = await bus.subscribeTo({ topic, queue: unique("raw"), raw: true });
        const { body } = await bus.publish({ topic, data: { order_id: "o-2" }, envelope: jsonBase });
        const message = await bus.expectMessage(queue.name, { envelope: jsonBase });
        expect(message.body).toBe(body);
        expect(message.raw.Body).toBe(body);
        expect(message.notification).toBeUndefined();
      });

      itSns("decodes typed attributes when published as string, number and string array", async () => {
        const topic = unique("topic");
        const { queue } = await bus.subscribeTo({ topic, queue: unique("attrs"), raw: true });
        await bus.publish({ topic, data: 1, attributes: { s: "x", n: 4.5, tags: ["a", "b"] } });
        const message = await bus.expectMessage(queue.name);
        expect(message.attributes).toEqual({ s: "x", n: 4.5, tags: ["a", "b"] });
      });

      it("decodes typed attributes when sent as string, number, bigint and bytes", async () => {
        const queue = unique("attrs");
        await bus.createQueue(queue);
        const bytes = new Uint8Array([1, 2, 3]);
        await bus.send({ queue, data: 1, attributes: { s: "x", n: -2, big: 2n ** 60n, b: bytes } });
        const [message] = await bus.receive(queue);
        expect(message?.attributes.s).toBe("x");
        expect(message?.attributes.n).toBe(-2);
        expect(message?.raw.MessageAttributes?.big?.StringValue).toBe("1152921504606846976");
        expect(Array.from(message?.attributes.b as Uint8Array)).toEqual([1, 2, 3]);
      });

      itSns("filters out messages when the subscription's filter policy rejects them", async () => {
        const topic = unique("topic");
        const { queue } = await bus.subscribeTo({
          topic,
          queue: unique("filtered"),
          raw: true,
          filterPolicy: { kind: ["keep"] },
        });
        await bus.publish({ topic, data: "dropped", attributes: { kind: "drop" } });
        await bus.publish({ topic, data: "kept", attributes: { kind: "keep" } });
        const message = await bus.expectMessage(queue.name, { envelope: undefined });
        expect(message.payload).toBe("kept");
        await bus.expectNoMessage(queue.name, { during: 200 });
      });

      it("rejects a string array attribute when sending straight to SQS", async () => {
        const queue = unique("q");
        await bus.createQueue(queue);
        await expect(bus.send({ queue, data: 1, attributes: { tags: ["a"] } })).rejects.toThrow(TypeError);
      });
    });

    describe("FIFO", () => {
      it("deduplicates identical bodies when no dedup id is given", async () => {
        const queue = unique("dedup.fifo");
        await bus.createQueue(queue);
        await bus.send({ queue, data: { n: 1 } });
        await bus.send({ queue, data: { n: 1 } });
        await bus.send({ queue, data: { n: 2 } });
        const received = await bus.receive(queue, { max: 10 });
        expect(received.map((m) => m.payload)).toEqual([{ n: 1 }, { n: 2 }]);
        expect(received[0]?.raw.Attributes?.MessageGroupId).toBe("probity");
      });

      itSns("keeps both messages when explicit dedup ids differ", async () => {
        const topic = unique("events.fifo");
        const queue = unique("events.fifo");
        await bus.subscribeTo({ topic, queue, raw: true });
        await bus.publish({ topic, data: "same", dedupId: "a", groupId: "g" });
        await bus.publish({ topic, data: "same", dedupId: "b", groupId: "g" });
        const first = await bus.expectMessage(queue);
        const second = await bus.expectMessage(queue);
        expect([first.payload, second.payload]).toEqual(["same", "same"]);
      });
    });

    describe("receive, peek and purge", () => {
      it("deletes what it returns when ack is left on", async () => {
        const queue = unique("ack");
        await bus.createQueue(queue);
        await bus.send({ queue, data: 1 });
        expect(await bus.receive(queue)).toHaveLength(1);
        await bus.drained(queue);
      });

      it("leaves messages in flight when ack is false", async () => {
        const queue = unique("noack");
        await bus.createQueue(queue);
        await bus.send({ queue, data: 1 });
        await bus.receive(queue, { ack: false });
        expect((await bus.attributes(queue)).approximateNumberOfMessagesNotVisible).toBe(1);
      });

      it("validates payloads with a schema and types them when one is given", async () => {
        const queue = unique("schema");
        await bus.createQueue(queue);
        await bus.send({ queue, data: { id: "a", total: 2 } });
        const [message] = await bus.receive(queue, { schema: z.object({ id: z.string(), total: z.number() }) });
        expect(message?.payload.total).toBe(2);
      });

      it("throws PayloadDecodeError and keeps the message when the body is not in the envelope", async () => {
        const queue = unique("bad");
        await bus.createQueue(queue);
        await bus.send({ queue, data: { not: "jsonBase" } });
        const error = await bus.receive(queue, { envelope: jsonBase }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PayloadDecodeError);
        expect((error as PayloadDecodeError).queue).toBe(queue);
        expect((await bus.peek(queue)).map((m) => m.payload)).toEqual([{ not: "jsonBase" }]);
      });

      it("returns messages without consuming them when peeking", async () => {
        const queue = unique("peek");
        await bus.createQueue(queue);
        await bus.send({ queue, data: 1 });
        await bus.send({ queue, data: 2 });
        const sort = (values: unknown[]): unknown[] => values.sort();
        expect(sort((await bus.peek(queue)).map((m) => m.payload))).toEqual([1, 2]);
        expect(sort((await bus.peek(queue)).map((m) => m.payload))).toEqual([1, 2]);
        expect(sort((await bus.receive(queue)).map((m) => m.payload))).toEqual([1, 2]);
      });

      it("empties a queue when purged", async () => {
        const queue = unique("purge");
        await bus.createQueue(queue);
        await bus.send({ queue, data: 1 });
        await bus.purge(queue);
        await bus.send({ queue, data: 2 });
        await bus.purge(queue);
        expect(await bus.peek(queue)).toEqual([]);
      });

      it("purges every queue when purgeAll is called", async () => {
        const queues = [unique("all"), unique("all")];
        for (const queue of queues) {
          await bus.createQueue(queue);
          await bus.send({ queue, data: 1 });
        }
        const purged = await bus.purgeAll();
        expect(purged.length).toBeGreaterThanOrEqual(2);
        for (const queue of queues) expect(await bus.peek(queue)).toEqual([]);
      });

      it("rejects with the signal's reason when the signal is already aborted", async () => {
        const reason = new Error("stop");
        await expect(bus.receive(unique("x"), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
        await expect(bus.expectMessage(unique("x"), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      });
    });

    describe("dead letters", () => {
      it("returns the messages of the redrive target when they exceeded maxReceiveCount", async () => {
        const queue = unique("source");
        const dlq = unique("dead");
        await bus.createQueue(queue, { dlq: { name: dlq, maxReceiveCount: 1 } });
        await bus.send({ queue, data: { poison: true } });
        await bus.receive(queue, { ack: false, visibilityTimeout: 0 });
        expect(await bus.receive(queue)).toEqual([]);
        const dead = await bus.deadLetters(queue);
        expect(dead.map((m) => m.payload)).toEqual([{ poison: true }]);
      });

      it("rejects with ERR_NO_DEAD_LETTER_QUEUE when the queue has no redrive policy", async () => {
        const queue = unique("nodlq");
        await bus.createQueue(queue);
        await expect(bus.deadLetters(queue)).rejects.toMatchObject({ code: "ERR_NO_DEAD_LETTER_QUEUE" });
      });
    });

    describe("bus-level locks", () => {
      it("resolves drained when the consumer received and deleted everything", async () => {
        const queue = unique("drain");
        await bus.createQueue(queue);
        await bus.send({ queue, data: 1 });
        const drained = bus.drained(queue, { timeout: 5_000 });
        await bus.receive(queue);
        await expect(drained).resolves.toMatchObject({ approximateNumberOfMessages: 0 });
      });

      it("rejects drained with the counts when a message stays in flight", async () => {
        const queue = unique("stuck");
        await bus.createQueue(queue);
        await bus.send({ queue, data: 1 });
        await bus.receive(queue, { ack: false });
        const error = await bus.drained(queue, { timeout: 300 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BusinessLockTimeoutError);
        expect((error as Error).message).toContain("1 in flight");
      });

      it("returns the matching message and leaves the others when expecting a message", async () => {
        const queue = unique("expect");
        await bus.createQueue(queue);
        await bus.send({ queue, data: { id: 1 } });
        await bus.send({ queue, data: { id: 2 } });
        const message = await bus.expectMessage(queue, { match: { id: 2 } });
        expect(message.payload).toEqual({ id: 2 });
        expect((await bus.peek(queue)).map((m) => m.payload)).toEqual([{ id: 1 }]);
      });

      it("returns a message when it arrives after the wait started", async () => {
        const queue = unique("later");
        await bus.createQueue(queue);
        const waiting = bus.expectMessage(queue, { match: (m) => m.payload === "late", timeout: 5_000 });
        await bus.send({ queue, data: "late" });
        await expect(waiting).resolves.toMatchObject({ payload: "late" });
      });

      it("rejects with what arrived instead when no message matches in time", async () => {
        const queue = unique("miss");
        await bus.createQueue(queue);
        await bus.send({ queue, data: { id: 1 } });
        const error = await bus.expectMessage(queue, { match: { id: 9 }, timeout: 500 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MessageNotReceivedError);
        expect((error as Error).message).toContain('{"id":1}');
        expect((error as Error).message).toContain("id: expected 9, got 1");
        expect((await bus.peek(queue)).map((m) => m.payload)).toEqual([{ id: 1 }]);
      });

      it("passes expectNoMessage and consumes nothing when only other messages arrive", async () => {
        const queue = unique("none");
        await bus.createQueue(queue);
        await bus.send({ queue, data: { id: 1 } });
        await bus.expectNoMessage(queue, { during: 200, match: { id: 2 } });
        expect((await bus.peek(queue)).map((m) => m.payload)).toEqual([{ id: 1 }]);
      });

      it("rejects expectNoMessage with the message when a matching one is there", async () => {
        const queue = unique("some");
        await bus.createQueue(queue);
        await bus.send({ queue, data: { id: 2 } });
        const error = await bus.expectNoMessage(queue, { during: 200, match: { id: 2 } }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UnexpectedMessageError);
        expect((error as Error).message).toContain('{"id":2}');
      });
    });

    it("wraps other SDK failures in BusRequestError naming the action and backend", async () => {
      const queue = unique("delayed.fifo");
      await bus.createQueue(queue);
      // Per-message DelaySeconds is invalid on a FIFO queue (AWS: InvalidParameterValue).
      const error = await bus.send({ queue, data: "x", envelope: text, delaySeconds: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BusRequestError);
      expect((error as BusRequestError).message).toContain(`SendMessage on queue "${queue}" on ${backend.name}`);
      expect((error as BusRequestError).awsCode).toBe("InvalidParameterValue");
    });
  });
}
