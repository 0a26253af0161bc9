/**
 * `peek()` on the embedded emulator reads through its inspection API: nothing is received, so a queue
 * whose DLQ allows a single receive keeps its messages, and the receive count stays 0.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backend, backends, inspectionApi, SnsSqsTestClient } from "../src/index.js";

let backend: Backend;
let bus: SnsSqsTestClient;

beforeAll(async () => {
  backend = await backends.embedded();
  bus = await SnsSqsTestClient.connect(backend);
});

afterAll(async () => {
  bus.close();
  await backend.dispose();
});

describe("peek on the embedded emulator", () => {
  it("reads messages without counting a receive when the backend has an inspection API", async () => {
    await bus.createQueue("peeked", { dlq: { name: "peeked--dlq", maxReceiveCount: 1 } });
    await bus.send({ queue: "peeked", data: { n: 1 } });
    await bus.send({ queue: "peeked", data: { n: 2 } });

    for (let round = 0; round < 3; round++) {
      const peeked = await bus.peek("peeked");
      expect(peeked.map((message) => message.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    }

    const [first] = await bus.receive("peeked", { max: 1 });
    expect(first?.systemAttributes.approximateReceiveCount).toBe(1);
    expect(await bus.deadLetters("peeked")).toEqual([]);
  });

  it("rejects naming the route and the HTTP status when the inspection API answers an error", async () => {
    const strategy = inspectionApi(backend.endpoint ?? "");
    const missing = `${backend.endpoint}/000000000000/no-such-queue`;
    await expect(strategy.peek({ sqs: bus.sqs, queueUrl: missing, max: 1, signal: undefined })).rejects.toThrow(
      /\/_aws\/sqs\/messages failed: HTTP 4\d\d/,
    );
  });
});
