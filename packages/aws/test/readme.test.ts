/**
 * Every TypeScript (and JavaScript) block of README.md is copied from this file, from
 * `runners/node-test.example.ts` or from the jest example in `runners/jest/` (checked by the last test), so the
 * README's examples run as written.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DeleteMessageCommand } from "@aws-sdk/client-sqs";
import { probeUntil } from "probity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Backend, Envelope } from "../src/index.js";
import {
  backends,
  createJsonBase,
  decodeMessage,
  fifoDedupId,
  jsonBase,
  matchesPartial,
  motoSkipReason,
  PayloadDecodeError,
  pythonFloat,
  pythonJsonDumps,
  raw,
  SnsSqsTestClient,
} from "../src/index.js";
import { busMatchers } from "../src/vitest/index.js";

describe("README examples", () => {
  it("builds and parses a tomodachi JsonBase message when the service is pinned", () => {
    const envelope = createJsonBase({
      service: { name: "order", uuid: "5c1d9ab2-8d1c-4a4f-9d1e-6f1f3c2a7b10" },
      uuid: () => "6c403295-2755-4178-a4f1-e3b698927971",
      now: () => 1700000000.25,
    });
    const body = envelope.build({ order_id: "o-1", total: 10.5 }, { topic: "order--created" });
    expect(body).toBe(
      '{"service": {"name": "order", "uuid": "5c1d9ab2-8d1c-4a4f-9d1e-6f1f3c2a7b10"}, "metadata": {"message_uuid": "5c1d9ab2-8d1c-4a4f-9d1e-6f1f3c2a7b10.6c403295-2755-4178-a4f1-e3b698927971", "protocol_version": "tomodachi-json-base--1.0.0", "compatible_protocol_versions": ["json_base-wip"], "timestamp": 1700000000.25, "topic": "order--created", "data_encoding": "raw"}, "data": {"order_id": "o-1", "total": 10.5}}',
    );
    const { payload, metadata } = envelope.parse(body);
    expect(payload).toEqual({ order_id: "o-1", total: 10.5 });
    expect(metadata.topic).toBe("order--created");
  });

  it("writes numbers and text as Python's json.dumps does", () => {
    expect(pythonJsonDumps({ n: 1, x: 1.5, big: 1e20, f: pythonFloat(2), s: "Zoë" })).toBe(
      '{"n": 1, "x": 1.5, "big": 1e+20, "f": 2.0, "s": "Zo\\u00eb"}',
    );
  });

  it("compresses data when its JSON reaches 60000 characters", () => {
    const big = { rows: Array.from({ length: 5_000 }, (_, index) => ({ index, label: `row ${index}` })) };
    const body = jsonBase.build(big, { topic: "report--ready" });
    expect(JSON.parse(body).metadata.data_encoding).toBe("base64_gzip_json");
    expect(jsonBase.parse(body).payload).toEqual(big);
  });

  it("decodes an SNS notification with a schema when raw delivery is off", async () => {
    const OrderCreated = z.object({ order_id: z.string(), total: z.number() });
    const body = jsonBase.build({ order_id: "o-1", total: 10.5 }, { topic: "order--created" });
    const sqsMessage = {
      MessageId: "0f7d5d0e-0c1b-4f3a-9f57-5d3b8c1e2a10",
      ReceiptHandle: "AQEBexample",
      Body: JSON.stringify({
        Type: "Notification",
        MessageId: "b3c2a1d0-1111-4222-8333-944455556666",
        TopicArn: "arn:aws:sns:us-east-1:000000000000:order--created",
        Message: body,
        Timestamp: "2024-05-01T12:00:00.000Z",
        MessageAttributes: { source: { Type: "String", Value: "checkout" } },
      }),
    };
    const message = await decodeMessage(sqsMessage, {
      envelope: jsonBase,
      schema: OrderCreated,
      queue: "customer--order-created",
    });
    expect(message.payload.total).toBe(10.5); // typed by the schema: { order_id: string; total: number }
    expect(message.attributes).toEqual({ source: "checkout" });
    expect(message.notification?.topic).toBe("order--created");
  });

  it("explains why a body cannot be decoded", async () => {
    const wrong = { Body: '{"order_id": 42}' };
    const decoding = decodeMessage(wrong, { envelope: jsonBase, queue: "customer--order-created" });
    await expect(decoding).rejects.toThrow(PayloadDecodeError);
    await expect(decoding).rejects.toThrow(
      'Cannot decode message from queue "customer--order-created" with envelope jsonBase: the body is not in the expected envelope',
    );
  });

  it("accepts a custom envelope", async () => {
    const cloudEvent: Envelope<unknown, { type: string }> = {
      name: "cloudEvent",
      build: (data, context) => JSON.stringify({ specversion: "1.0", type: context?.topic ?? "", data }),
      parse: (body) => {
        const event = JSON.parse(body) as { type: string; data: unknown };
        return { payload: event.data, metadata: { type: event.type } };
      },
    };
    const body = await cloudEvent.build({ id: 1 }, { topic: "order--created" });
    const message = await decodeMessage({ Body: body }, { envelope: cloudEvent });
    expect(message.metadata.type).toBe("order--created");
    expect(raw.parse(body).payload).toEqual({ specversion: "1.0", type: "order--created", data: { id: 1 } });
  });

  it("matches partially and hashes FIFO bodies", () => {
    const result = matchesPartial({ order_id: "o-1", total: 10.5 }, { order_id: "o-2" });
    expect(result.pass).toBe(false);
    expect(result.description).toBe('order_id: expected "o-2", got "o-1"');
    expect(fifoDedupId("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });

  it("contains every TypeScript block of the README when compared line by line", () => {
    const strip = (text: string): string[] =>
      text
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
    const source = [
      "./readme.test.ts",
      "./runners/node-test.example.ts",
      ...["jest.config.mjs", "global-setup.mjs", "global-teardown.mjs", "matchers.ts", "orders.jest.ts"].map(
        (file) => `./runners/jest/${file}`,
      ),
    ]
      .map((file) => strip(readFileSync(new URL(file, import.meta.url), "utf8")).join("\n"))
      .join("\n");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)].map((match) =>
      strip(match[1] ?? "").join("\n"),
    );
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    for (const block of blocks) expect(source).toContain(block);
  });
});

describe("README wakeOn example on the embedded emulator", () => {
  it("wakes a probe of an HTTP API when the consumer handles the message", async () => {
    await using backend = await backends.embedded();
    await using bus = await SnsSqsTestClient.connect(backend);
    const queue = await bus.createQueue("customer--order-created");
    // The service under test: an HTTP API whose state a queue consumer changes.
    const orders: string[] = [];
    const server = createServer((_request, response) => response.end(JSON.stringify({ orders })));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const consumer = (async () => {
      const [message] = await bus.receive<{ order_id: string }>("customer--order-created", { wait: 5, ack: false });
      if (message === undefined) throw new Error("the consumer received nothing");
      orders.push(message.payload.order_id);
      await bus.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.raw.ReceiptHandle }));
    })();
    try {
      await bus.send({ queue: "customer--order-created", data: { order_id: "o-4", customer_id: "c-1" } });
      const customer = await probeUntil(
        async () => {
          const response = await fetch(`${api}/customer/c-1`);
          const body = (await response.json()) as { orders: string[] };
          if (!body.orders.includes("o-4")) throw new Error("order o-4 not handled yet");
          return body;
        },
        { timeout: 5_000, wakeOn: bus.wakeOn("customer--order-created") },
      );
      expect(customer.orders).toContain("o-4");
      await consumer;
    } finally {
      server.close();
    }
  });
});

const motoReason = motoSkipReason();

describe.skipIf(motoReason !== undefined)(
  `README client examples on moto${motoReason ? ` (skipped: ${motoReason})` : ""}`,
  () => {
    let started: Backend;
    let bus: SnsSqsTestClient;
    beforeAll(async () => {
      started = await backends.moto();
      bus = await SnsSqsTestClient.connect(started);
    }, 60_000);
    afterAll(async () => {
      bus?.close();
      await started?.dispose();
    });

    it("starts a backend, publishes and expects a message", async () => {
      await using backend = await backends.moto();
      const bus = await SnsSqsTestClient.connect(backend);
      await bus.subscribeTo({
        topic: "order--created",
        queue: "customer--order-created",
        dlq: { name: "customer--order-created--dlq", maxReceiveCount: 3 },
      });
      const OrderCreated = z.object({ order_id: z.string(), total: z.number() });
      await bus.publish({ topic: "order--created", data: { order_id: "o-1", total: 10.5 }, envelope: jsonBase });
      const message = await bus.expectMessage("customer--order-created", {
        envelope: jsonBase,
        schema: OrderCreated,
        match: { order_id: "o-1" },
        timeout: 5_000,
      });
      expect(message.payload.total).toBe(10.5);
      expect(message.notification?.topic).toBe("order--created");
      bus.close();
    });

    it("waits on the bus with drained and expectNoMessage", async () => {
      await bus.createQueue("customer--order-created");
      await bus.send({ queue: "customer--order-created", data: { order_id: "o-2" } });
      await bus.receive("customer--order-created"); // stands in for the consumer under test
      await bus.drained("customer--order-created", { timeout: 5_000 });
      await bus.expectNoMessage("customer--order-created", { during: 200 });
    });

    it("asserts with the vitest matchers", async () => {
      expect.extend(busMatchers);
      await bus.send({ queue: "customer--order-created", data: { order_id: "o-3" } });
      await expect(bus).toReceiveMessage("customer--order-created", { order_id: "o-3" }, { timeout: 2_000 });
      await expect(bus).toHaveNoMessage("customer--order-created", { during: 200 });
    });
  },
);
