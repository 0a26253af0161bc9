/**
 * The business-lock story of docs/business-locks.md, as running tests: every snippet in that page is
 * copied from this file (test/docs-snippets.test.ts checks it).
 */
import { describe, expect, it } from "vitest";
import { methodBarrier, probeMethod, probeUntil } from "../../src/index.js";
import { createApp, InvalidOrderError } from "./app.js";

describe("story: asserting right after publish", () => {
  it("observes nothing yet when the assert runs right after publish", async () => {
    const { bus, repository } = createApp();

    await bus.publish("order--created", { orderId: "o-1", amount: 42 });

    // The naive assert would be `expect(await repository.findById("o-1")).toBeDefined()`: it fails,
    // because the consumer has not even started.
    expect(await repository.findById("o-1")).toBeUndefined();
  });

  it("never sees the entity when spinning synchronously, because delivery cannot run", async () => {
    const { bus, repository } = createApp();
    await bus.publish("order--created", { orderId: "o-1", amount: 42 });

    let seen = false;
    for (let spins = 0; spins < 100_000 && !seen; spins++) seen = repository.has("o-1");

    expect(seen).toBe(false); // a `while (!repository.has("o-1")) {}` would hang for ever
  });
});

describe("story: polling with probeUntil", () => {
  it("finds the entity by polling, but cannot tell which version when the consumer is mid-way", async () => {
    const { bus, repository } = createApp();
    await bus.publish("order--created", { orderId: "o-1", amount: 42 });

    const order = await probeUntil(
      async () => {
        const found = await repository.findById("o-1");
        if (found === undefined) throw new Error("order o-1 is not saved yet");
        return found;
      },
      { timeout: 3_000, interval: 10 },
    );

    // Polling stops at the first sign of life: the consumer may still be running.
    expect(["created", "confirmed"]).toContain(order.status);
  });
});

describe("story: polling sees half-done work", () => {
  it("shows the entity while the consumer is still running when polled at the wrong moment", async () => {
    const { bus, repository, consumer } = createApp();
    using save = probeMethod(repository, "save");
    using consume = probeMethod(consumer, "consume");

    await bus.publish("order--created", { orderId: "o-1", amount: 42 });
    await save.nextCall(); // the moment a poll would first succeed

    expect(repository.peek("o-1")).toMatchObject({ status: "created", version: 1 });
    expect(consume.callCount).toBe(1);
    expect(consume.lastCall).toBeUndefined(); // the consumer has not finished
  });
});

describe("story: business locks", () => {
  it("waits until the consumer ran and did not fail when using methodBarrier", async () => {
    const { bus, repository, consumer } = createApp();
    using barrier = methodBarrier(consumer, "consume");

    await bus.publish("order--created", { orderId: "o-1", amount: 42 });

    await barrier.traverse({ timeout: 5_000 });
    expect(await repository.findById("o-1")).toEqual({ id: "o-1", status: "confirmed", version: 2 });
  });

  it("rejects with the consumer's own error when the consumer threw", async () => {
    const { bus, consumer } = createApp();
    using barrier = methodBarrier(consumer, "consume");

    await bus.publish("order--created", { orderId: "o-2", amount: 0 });

    await expect(barrier.traverse()).rejects.toThrow(InvalidOrderError);
  });

  it("hands over the consumer's arguments, result and duration when using probeMethod", async () => {
    const { bus, consumer } = createApp();
    using consume = probeMethod(consumer, "consume");

    await bus.publish("order--created", { orderId: "o-1", amount: 42 });

    const call = await consume.nextCall({ timeout: 5_000 });
    expect(call.type).toBe("returned");
    expect(call.args[0]).toEqual({ orderId: "o-1", amount: 42 });
    expect(call.result).toEqual({ orderId: "o-1", status: "confirmed" });
    expect(call.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("records every delivery when several messages are published", async () => {
    const { bus, consumer } = createApp();
    using consume = probeMethod(consumer, "consume");

    await bus.publish("order--created", { orderId: "o-1", amount: 42 });
    await bus.publish("order--created", { orderId: "o-2", amount: 7 });

    const calls = await consume.called({ times: 2 });
    expect(calls.map((call) => call.args[0].orderId).sort()).toEqual(["o-1", "o-2"]);
  });

  it("waits for one specific message when given where", async () => {
    const { bus, consumer } = createApp();
    using consume = probeMethod(consumer, "consume");

    await bus.publish("order--created", { orderId: "o-1", amount: 42 });
    await bus.publish("order--created", { orderId: "o-2", amount: 7 });

    const call = await consume.nextCall({ where: (c) => c.args[0].orderId === "o-2" });
    expect(call.result).toEqual({ orderId: "o-2", status: "confirmed" });
  });
});
