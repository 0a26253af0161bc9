import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.js";
import { configure, resetConfiguration } from "./configure.js";
import { type Deferred, deferred } from "./deferred.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";
import { probeMethod } from "./method-probe.js";

interface Order {
  id: number;
}

class Consumer {
  readonly seen: number[] = [];
  readonly gates: Deferred<void>[] = [];

  consume(order: Order): number {
    if (order.id < 0) throw new RangeError(`bad id ${order.id}`);
    this.seen.push(order.id);
    return order.id * 10;
  }

  /** Finishes when the test opens the gate it pushed for this call. */
  async handle(order: Order): Promise<string> {
    const gate = deferred();
    this.gates.push(gate);
    await gate.promise;
    if (order.id < 0) throw new RangeError(`bad id ${order.id}`);
    return `handled ${order.id}`;
  }

  get size(): number {
    return this.seen.length;
  }
}

afterEach(() => resetConfiguration());

describe("probeMethod", () => {
  it("keeps a call that finished before nextCall was awaited", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    consumer.consume({ id: 1 });
    const call = await consume.nextCall();
    expect(call).toMatchObject({ type: "returned", args: [{ id: 1 }], result: 10, index: 0 });
    expect(call.this).toBe(consumer);
  });

  it("resolves nextCall when the call finishes after the wait started", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    const next = consume.nextCall();
    consumer.consume({ id: 2 });
    expect((await next).result).toBe(20);
  });

  it("settles an async call when its promise settles, not when it starts", async () => {
    const consumer = new Consumer();
    using handle = probeMethod(consumer, "handle");
    const running = consumer.handle({ id: 3 });
    expect(handle.calls).toMatchObject([{ type: "pending", args: [{ id: 3 }] }]);
    expect(handle.lastCall).toBeUndefined();
    consumer.gates[0]?.resolve();
    const call = await handle.nextCall();
    expect(call).toMatchObject({ type: "returned", result: "handled 3" });
    expect(await running).toBe("handled 3");
  });

  it("records concurrent calls in finish order when they finish out of order", async () => {
    const consumer = new Consumer();
    using handle = probeMethod(consumer, "handle");
    const running = [1, 2, 3].map((id) => consumer.handle({ id }));
    expect(handle.callCount).toBe(3);
    consumer.gates[1]?.resolve();
    consumer.gates[2]?.resolve();
    consumer.gates[0]?.resolve();
    const order = [await handle.nextCall(), await handle.nextCall(), await handle.nextCall()].map((c) => c.args[0]?.id);
    expect(order).toEqual([2, 3, 1]);
    expect(handle.calls.map((call) => call.type)).toEqual(["returned", "returned", "returned"]);
    await Promise.all(running);
  });

  it("hands each finished call to one waiter when several wait at once", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    const first = consume.nextCall();
    const second = consume.nextCall();
    consumer.consume({ id: 1 });
    consumer.consume({ id: 2 });
    expect((await first).args[0].id).toBe(1);
    expect((await second).args[0].id).toBe(2);
  });

  it("records every call, not only the first, when called several times", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    for (const id of [1, 2, 3]) consumer.consume({ id });
    const calls = await consume.called({ times: 3 });
    expect(calls.map((call) => call.result)).toEqual([10, 20, 30]);
    expect(consume.callCount).toBe(3);
    expect(consume.lastCall?.result).toBe(30);
    expect(consumer.seen).toEqual([1, 2, 3]);
  });

  it("waits in called until enough calls have finished when fewer have", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    consumer.consume({ id: 1 });
    const twice = consume.called({ times: 2 });
    consumer.consume({ id: 2 });
    expect(await twice).toHaveLength(2);
    // called() does not take calls away from nextCall()
    expect((await consume.nextCall()).args[0].id).toBe(1);
  });

  it("counts only matching calls in called when given where", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    const evens = consume.called({ times: 2, where: (call) => call.args[0].id % 2 === 0 });
    for (const id of [1, 2, 3, 4]) consumer.consume({ id });
    expect((await evens).map((call) => call.args[0].id)).toEqual([2, 4]);
  });

  it("rethrows a sync error unchanged and records it when the method throws", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    let thrown: unknown;
    try {
      consumer.consume({ id: -1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    const call = await consume.nextCall();
    expect(call.type).toBe("threw");
    expect(call.error).toBe(thrown);
  });

  it("returns the very same promise and keeps its rejection when an async method rejects", async () => {
    const consumer = new Consumer();
    const original = Consumer.prototype.handle;
    const returned: Promise<string>[] = [];
    consumer.handle = function (this: Consumer, order: Order) {
      const promise = original.call(this, order);
      returned.push(promise);
      return promise;
    };
    using handle = probeMethod(consumer, "handle");
    const running = consumer.handle({ id: -2 });
    expect(running).toBe(returned[0]);
    consumer.gates[0]?.reject(new TypeError("broken pipe"));
    const failure = await running.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    const call = await handle.nextCall();
    expect(call).toMatchObject({ type: "threw" });
    expect(call.error).toBe(failure);
  });

  it("rejects nextReturn with the method's own error when the call threw", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    const error = (() => {
      try {
        consumer.consume({ id: -5 });
      } catch (caught) {
        return caught;
      }
    })();
    await expect(consume.nextReturn()).rejects.toBe(error);
  });

  it("resolves nextReturn with the result when the call returned", async () => {
    const consumer = new Consumer();
    using handle = probeMethod(consumer, "handle");
    const running = consumer.handle({ id: 4 });
    consumer.gates[0]?.resolve();
    await expect(handle.nextReturn()).resolves.toBe("handled 4");
    await running;
  });

  it("waits for a matching call and leaves the others for later when given where", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    consumer.consume({ id: 1 });
    const two = consume.nextCall({ where: (call) => call.args[0].id === 2 });
    consumer.consume({ id: 3 });
    consumer.consume({ id: 2 });
    expect((await two).args[0].id).toBe(2);
    expect((await consume.nextCall()).args[0].id).toBe(1);
    expect((await consume.nextCall()).args[0].id).toBe(3);
  });

  it("rejects with the predicate's error when where throws", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    const failure = new Error("predicate broke");
    const next = consume.nextCall({
      where: () => {
        throw failure;
      },
    });
    consumer.consume({ id: 1 });
    await expect(next).rejects.toBe(failure);
    expect((await consume.nextCall()).args[0].id).toBe(1);
  });

  it("measures durationMs and startedAt on the probe's clock when given a clock", async () => {
    const clock = new VirtualClock(1_000);
    const consumer = new Consumer();
    using handle = probeMethod(consumer, "handle", { clock });
    const running = consumer.handle({ id: 1 });
    await clock.advance(250);
    consumer.gates[0]?.resolve();
    const call = await handle.nextCall();
    expect(call.startedAt).toBe(1_000);
    expect(call.durationMs).toBe(250);
    await running;
  });
});

describe("probeMethod timeouts", () => {
  it("rejects naming the method, the wait and the call count when no call finishes", async () => {
    const clock = new VirtualClock();
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume", { clock });
    const next = consume.nextCall({ timeout: 1_000 });
    const assertion = expect(next).rejects.toThrow(
      "Timed out after 1000 ms waiting for the next call of Consumer.consume to finish: it was never called",
    );
    await clock.advance(1_000);
    await assertion;
    const error = await next.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BusinessLockTimeoutError);
    expect(error).toMatchObject({ code: "ERR_BUSINESS_LOCK_TIMEOUT", lock: "Consumer.consume", elapsedMs: 1_000 });
    expect(clock.pendingTimers).toBe(0);
  });

  it("lists the calls that did not match when where never matches", async () => {
    const clock = new VirtualClock();
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume", { clock });
    consumer.consume({ id: 1 });
    consumer.consume({ id: 2 });
    const next = consume.nextCall({ timeout: 500, where: (call) => call.args[0].id === 9 });
    const assertion = expect(next).rejects.toThrow(
      /matching `where` \(call\) => call\.args\[0\]\.id === 9 to finish: 2 calls finished; these did not match:\n {2}#0 \(\{"id":1\}\) returned 10\n {2}#1 \(\{"id":2\}\) returned 20/,
    );
    await clock.advance(500);
    await assertion;
  });

  it("says a call is still running and calls were taken when nextCall times out", async () => {
    const clock = new VirtualClock();
    const consumer = new Consumer();
    using handle = probeMethod(consumer, "handle", { clock });
    const first = consumer.handle({ id: 1 });
    consumer.gates[0]?.resolve();
    await handle.nextCall();
    const second = consumer.handle({ id: 2 });
    const next = handle.nextCall({ timeout: 100 });
    const assertion = expect(next).rejects.toThrow(
      "1 call finished, 1 still running (every one already taken by an earlier nextCall)",
    );
    await clock.advance(100);
    await assertion;
    consumer.gates[1]?.resolve();
    await Promise.all([first, second]);
  });

  it("reports how many calls finished when called times out", async () => {
    const clock = new VirtualClock();
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume", { clock });
    consumer.consume({ id: 1 });
    const called = consume.called({ times: 3, timeout: 10 });
    const assertion = expect(called).rejects.toThrow("waiting for Consumer.consume to finish 3 calls: 1 call finished");
    await clock.advance(10);
    await assertion;
  });

  it("uses the configured default timeout, scaled, when none is given", async () => {
    const clock = new VirtualClock();
    configure({ timeout: 40, timeoutScale: 2, clock });
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    const next = consume.nextCall();
    const assertion = expect(next).rejects.toThrow("Timed out after 80 ms");
    await clock.advance(79);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(1);
    await assertion;
  });

  it("leaves a later call to the next waiter when an earlier wait timed out", async () => {
    const clock = new VirtualClock();
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume", { clock });
    const next = consume.nextCall({ timeout: 5 });
    const assertion = expect(next).rejects.toThrow(BusinessLockTimeoutError);
    await clock.advance(5);
    await assertion;
    consumer.consume({ id: 7 });
    expect((await consume.nextCall()).args[0].id).toBe(7);
  });
});

describe("probeMethod abort", () => {
  it("rejects at once with the reason when the signal is already aborted", async () => {
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume");
    consumer.consume({ id: 1 });
    const reason = new Error("stop");
    await expect(consume.nextCall({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    // The finished call was not taken by the aborted wait.
    expect((await consume.nextCall()).args[0].id).toBe(1);
  });

  it("rejects with the reason and removes its timer and listener when aborted while waiting", async () => {
    const clock = new VirtualClock();
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume", { clock });
    const controller = new AbortController();
    const next = consume.nextCall({ signal: controller.signal, timeout: 1_000 });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort("enough");
    await expect(next).rejects.toBe("enough");
    expect(clock.pendingTimers).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    consumer.consume({ id: 4 });
    expect((await consume.nextCall()).args[0].id).toBe(4);
  });

  it("removes its timer and abort listener when a call releases it", async () => {
    const clock = new VirtualClock();
    const consumer = new Consumer();
    using consume = probeMethod(consumer, "consume", { clock });
    const controller = new AbortController();
    const next = consume.nextCall({ signal: controller.signal });
    consumer.consume({ id: 1 });
    await next;
    expect(clock.pendingTimers).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});

describe("probeMethod restore", () => {
  it("puts the original back when the using block ends", () => {
    const consumer = new Consumer();
    {
      using consume = probeMethod(consumer, "consume");
      expect(consumer.consume).not.toBe(Consumer.prototype.consume);
      expect(consume.restored).toBe(false);
    }
    expect(Object.hasOwn(consumer, "consume")).toBe(false);
    expect(consumer.consume).toBe(Consumer.prototype.consume);
  });

  it("restores an own method exactly and stops recording when restored twice", () => {
    const original = (n: number) => n + 1;
    const target = { bump: original };
    const probe = probeMethod(target, "bump");
    target.bump(1);
    probe.restore();
    probe.restore();
    expect(target.bump).toBe(original);
    expect(Object.getOwnPropertyDescriptor(target, "bump")).toMatchObject({ enumerable: true, writable: true });
    target.bump(2);
    expect(probe.callCount).toBe(1);
    expect(probe.restored).toBe(true);
  });

  it("records calls on every instance when the prototype is probed", async () => {
    const a = new Consumer();
    const b = new Consumer();
    using consume = probeMethod(Consumer.prototype, "consume");
    expect(consume.name).toBe("Consumer.prototype.consume");
    a.consume({ id: 1 });
    b.consume({ id: 2 });
    const calls = await consume.called({ times: 2 });
    expect(calls.map((call) => call.this)).toEqual([a, b]);
    consume.restore();
    expect(Object.hasOwn(Consumer.prototype, "consume")).toBe(true);
    expect(a.consume({ id: 3 })).toBe(30);
    expect(consume.callCount).toBe(2);
  });

  it("unwinds both probes when the same method is probed twice and restored in reverse", () => {
    const consumer = new Consumer();
    const outer = probeMethod(consumer, "consume");
    const inner = probeMethod(consumer, "consume");
    consumer.consume({ id: 1 });
    expect([outer.callCount, inner.callCount]).toEqual([1, 1]);
    inner.restore();
    consumer.consume({ id: 2 });
    expect([outer.callCount, inner.callCount]).toEqual([2, 1]);
    outer.restore();
    expect(Object.hasOwn(consumer, "consume")).toBe(false);
  });

  it("unwinds both probes when the same method is probed twice and restored in creation order", () => {
    const consumer = new Consumer();
    const first = probeMethod(consumer, "consume");
    const second = probeMethod(consumer, "consume");
    first.restore();
    consumer.consume({ id: 1 });
    expect([first.callCount, second.callCount]).toEqual([0, 1]);
    second.restore();
    expect(Object.hasOwn(consumer, "consume")).toBe(false);
    expect(consumer.consume({ id: 2 })).toBe(20);
  });
});

describe("probeMethod targets", () => {
  it("names a static method after its class", () => {
    class Registry {
      readonly entries = new Map<string, string>();
      static lookup(key: string): string {
        return key.toUpperCase();
      }
    }
    using lookup = probeMethod(Registry, "lookup");
    expect(Registry.lookup("a")).toBe("A");
    expect(lookup.name).toBe("Registry.lookup");
  });

  it("names a symbol-keyed method with brackets", () => {
    const run = Symbol("run");
    class Job {
      [run](): number {
        return 1;
      }
    }
    const job = new Job();
    using probe = probeMethod(job, run);
    expect(job[run]()).toBe(1);
    expect(probe.name).toBe("Job[Symbol(run)]");
    expect(probe.callCount).toBe(1);
  });

  it("uses the alias in messages when given one", async () => {
    const clock = new VirtualClock();
    const target = { run: () => 1 };
    using run = probeMethod(target, "run", { alias: "worker.run", clock });
    expect(run.name).toBe("worker.run");
    const next = run.nextCall({ timeout: 1 });
    const assertion = expect(next).rejects.toThrow("the next call of worker.run");
    await clock.advance(1);
    await assertion;
  });

  it("passes new.target through when the probed function is called with new", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const factory = { Point };
    // A class is not callable, so MethodKey leaves it out; the runtime still supports `new`.
    using probe = probeMethod(factory, "Point" as never);
    const point = new factory.Point(3);
    expect(point).toBeInstanceOf(Point);
    expect(probe.lastCall?.result).toBe(point);
  });

  it("rejects a getter with a TypeError", () => {
    const consumer = new Consumer();
    expect(() => probeMethod(consumer, "size" as never)).toThrow(
      new TypeError("Cannot probe Consumer.size: it is a getter/setter (an accessor property), not a method"),
    );
  });

  it("rejects a missing method with a TypeError naming it", () => {
    expect(() => probeMethod(new Consumer(), "nope" as never)).toThrow(
      new TypeError("Cannot probe Consumer.nope: there is no such method"),
    );
  });

  it("rejects a non-function property with a TypeError naming it", () => {
    expect(() => probeMethod({ limit: 3 }, "limit" as never)).toThrow(
      new TypeError("Cannot probe limit: it is a number, not a function"),
    );
  });

  it("rejects a frozen object and a non-object target", () => {
    expect(() => probeMethod(Object.freeze({ run: () => 1 }), "run")).toThrow(/read-only/);
    expect(() => probeMethod(Object.freeze(new Consumer()), "consume")).toThrow(/not extensible/);
    expect(() => probeMethod(null as never, "run" as never)).toThrow(/the target is null/);
  });

  it("rejects invalid wait options with a TypeError naming the option", () => {
    using consume = probeMethod(new Consumer(), "consume");
    expect(() => consume.nextCall({ timeout: -1 })).toThrow(/`timeout`.*got -1/);
    expect(() => consume.nextCall({ signal: "no" as never })).toThrow(/`signal`/);
    expect(() => consume.called({ times: 0 })).toThrow(/`times`.*got 0/);
  });
});
