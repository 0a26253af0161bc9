/**
 * The vitest integration through its public subpath: the `bus` fixture, purging after each test, the
 * global setup handing the endpoint to workers, and the matchers with their failure messages.
 */
import { describe, expect } from "vitest";
import { backends, motoSkipReason } from "../src/index.js";
import { awsGlobalSetup, type BackendDescriptor, busMatchers, createBusTest } from "../src/vitest/index.js";

expect.extend(busMatchers);

const skipReason = motoSkipReason();
const it = createBusTest({ backend: () => backends.moto(), purge: ["fixture-queue", "never-created"] });

describe.skipIf(skipReason !== undefined)(
  `probity-aws/vitest on moto${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    it("gives a connected bus when a test asks for it", async ({ bus }) => {
      await bus.createQueue("fixture-queue");
      await bus.send({ queue: "fixture-queue", data: { left: "behind" } });
      expect(bus.backend.name).toBe("moto");
    });

    it("purges the configured queues when the previous test ends", async ({ bus }) => {
      expect(await bus.peek("fixture-queue")).toEqual([]);
    });

    it("passes toReceiveMessage when a matching message arrives", async ({ bus }) => {
      await bus.createQueue("fixture-queue");
      await bus.send({ queue: "fixture-queue", data: { id: 1, name: "Ada" } });
      await expect(bus).toReceiveMessage("fixture-queue", { name: "Ada" }, { timeout: 2_000 });
    });

    it("fails toReceiveMessage showing what arrived instead when nothing matches", async ({ bus }) => {
      await bus.createQueue("fixture-queue");
      await bus.send({ queue: "fixture-queue", data: { id: 1, name: "Bob" } });
      const failure = await expect(bus)
        .toReceiveMessage("fixture-queue", { name: "Ada" }, { timeout: 300 })
        .catch((e: unknown) => e);
      expect((failure as Error).message).toContain('{"id":1,"name":"Bob"}');
      expect((failure as Error).message).toContain('name: expected "Ada", got "Bob"');
    });

    it("passes toHaveNoMessage when only other messages are there", async ({ bus }) => {
      await bus.createQueue("fixture-queue");
      await bus.send({ queue: "fixture-queue", data: { name: "Bob" } });
      await expect(bus).toHaveNoMessage("fixture-queue", { during: 200, match: { name: "Ada" } });
      expect(await bus.peek("fixture-queue")).toHaveLength(1);
    });

    it("fails toHaveNoMessage showing the message when one is there", async ({ bus }) => {
      await bus.createQueue("fixture-queue");
      await bus.send({ queue: "fixture-queue", data: { name: "Ada" } });
      const failure = await expect(bus)
        .toHaveNoMessage("fixture-queue", { during: 200 })
        .catch((e: unknown) => e);
      expect((failure as Error).message).toContain('{"name":"Ada"}');
    });

    it("rejects with a TypeError when the subject is not a client", async () => {
      await expect(expect({}).toHaveNoMessage("q", { during: 1 })).rejects.toThrow(
        "toHaveNoMessage expects an SnsSqsTestClient, got object",
      );
    });
  },
);

describe.skipIf(skipReason !== undefined)("awsGlobalSetup", () => {
  it("provides the endpoint, runs setup once and stops the backend on teardown", async () => {
    const provided: BackendDescriptor[] = [];
    const created: string[] = [];
    const teardown = await awsGlobalSetup({
      backend: () => backends.moto(),
      setup: async (bus) => {
        created.push((await bus.createQueue("global")).name);
      },
    })({ provide: (_key, value) => provided.push(value) });
    expect(created).toEqual(["global"]);
    expect(provided[0]?.name).toBe("moto");
    const answer = await fetch(`${provided[0]?.endpoint}/moto-api/`);
    expect(answer.ok).toBe(true);
    await teardown();
    await expect(fetch(`${provided[0]?.endpoint}/moto-api/`)).rejects.toThrow();
  });
});

let setupRuns = 0;
const withSetup = createBusTest({
  backend: () => backends.embedded(),
  setup: async (bus) => {
    setupRuns += 1;
    await bus.subscribeTo({ topic: "set-up-topic", queue: "set-up-queue" });
  },
});

describe("createBusTest with setup", () => {
  withSetup("runs setup on the worker's client before the first test that uses bus", async ({ bus }) => {
    await bus.publish({ topic: "set-up-topic", data: { id: 1 } });
    await expect(bus).toReceiveMessage("set-up-queue", { id: 1 }, { timeout: 2_000 });
  });

  withSetup("runs setup once per worker when more tests use bus", async ({ bus }) => {
    expect(bus.backend.name).toBe("embedded");
    expect(setupRuns).toBe(1);
  });
});
