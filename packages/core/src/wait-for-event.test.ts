import { EventEmitter, getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";
import { waitForEvent } from "./wait-for-event.js";

describe("waitForEvent on an EventEmitter", () => {
  it("resolves with the argument array when the event is emitted", async () => {
    const emitter = new EventEmitter();
    const waited = waitForEvent<[string, number]>(emitter, "order", { timeout: 1_000 });
    emitter.emit("order", "o-1", 2);
    await expect(waited).resolves.toEqual(["o-1", 2]);
    expect(emitter.listenerCount("order")).toBe(0);
    expect(emitter.listenerCount("error")).toBe(0);
  });

  it("skips events the filter rejects", async () => {
    const emitter = new EventEmitter();
    const waited = waitForEvent<[number]>(emitter, "tick", { filter: ([n]) => n === 3 });
    for (const n of [1, 2, 3, 4]) emitter.emit("tick", n);
    await expect(waited).resolves.toEqual([3]);
  });

  it("rejects with the emitted error and removes both listeners when an error event comes first", async () => {
    const emitter = new EventEmitter();
    const waited = waitForEvent(emitter, "ready");
    const failure = new Error("connection refused");
    emitter.emit("error", failure);
    await expect(waited).rejects.toBe(failure);
    expect(emitter.listenerCount("ready")).toBe(0);
    expect(emitter.listenerCount("error")).toBe(0);
  });

  it("resolves with the error when the awaited event is error", async () => {
    const emitter = new EventEmitter();
    const waited = waitForEvent(emitter, "error");
    const failure = new Error("expected");
    emitter.emit("error", failure);
    await expect(waited).resolves.toEqual([failure]);
  });

  it("rejects with the filter's error when the filter throws", async () => {
    const emitter = new EventEmitter();
    const failure = new Error("bad filter");
    const waited = waitForEvent(emitter, "tick", {
      filter: () => {
        throw failure;
      },
    });
    emitter.emit("tick");
    await expect(waited).rejects.toBe(failure);
    expect(emitter.listenerCount("tick")).toBe(0);
  });

  it("rejects naming the event and the skipped events when it times out", async () => {
    const clock = new VirtualClock();
    const emitter = new EventEmitter();
    const waited = waitForEvent<[number]>(emitter, "tick", { clock, timeout: 300, filter: ([n]) => n > 5 });
    emitter.emit("tick", 1);
    emitter.emit("tick", 2);
    const assertion = expect(waited).rejects.toThrow(
      'Timed out after 300 ms waiting for event "tick" on EventEmitter: 2 events did not match `filter` ([n]) => n > 5 (last: [2])',
    );
    await clock.advance(300);
    await assertion;
    await expect(waited).rejects.toBeInstanceOf(BusinessLockTimeoutError);
    expect(emitter.listenerCount("tick")).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects with the abort reason and removes every listener when aborted", async () => {
    const emitter = new EventEmitter();
    const controller = new AbortController();
    const waited = waitForEvent(emitter, "ready", { signal: controller.signal });
    controller.abort("cancelled");
    await expect(waited).rejects.toBe("cancelled");
    expect(emitter.listenerCount("ready")).toBe(0);
    expect(emitter.listenerCount("error")).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects at once without subscribing when the signal is already aborted", async () => {
    const emitter = new EventEmitter();
    const waited = waitForEvent(emitter, "ready", { signal: AbortSignal.abort("early") });
    expect(emitter.listenerCount("ready")).toBe(0);
    await expect(waited).rejects.toBe("early");
  });

  it("works with an emitter that only has on and off", async () => {
    const listeners = new Set<(...args: unknown[]) => void>();
    const tiny = {
      on: (_name: string | symbol, listener: (...args: unknown[]) => void) => listeners.add(listener),
      off: (_name: string | symbol, listener: (...args: unknown[]) => void) => listeners.delete(listener),
    };
    const waited = waitForEvent(tiny, "x");
    for (const listener of [...listeners]) listener(42);
    await expect(waited).resolves.toEqual([42]);
    expect(listeners.size).toBe(0);
  });
});

describe("waitForEvent on an EventTarget", () => {
  it("resolves with the Event object and removes its listener", async () => {
    const target = new EventTarget();
    const waited = waitForEvent<CustomEvent<number>>(target, "progress", { filter: (event) => event.detail === 2 });
    target.dispatchEvent(new CustomEvent("progress", { detail: 1 }));
    target.dispatchEvent(new CustomEvent("progress", { detail: 2 }));
    const event = await waited;
    expect(event).toBeInstanceOf(CustomEvent);
    expect(event.detail).toBe(2);
    expect(getEventListeners(target, "progress")).toHaveLength(0);
  });

  it("does not treat an error event specially on an EventTarget", async () => {
    const target = new EventTarget();
    const waited = waitForEvent(target, "done");
    target.dispatchEvent(new Event("error"));
    target.dispatchEvent(new Event("done"));
    await expect(waited).resolves.toBeInstanceOf(Event);
  });

  it("describes the last skipped event when it times out after filtering", async () => {
    const clock = new VirtualClock();
    const target = new EventTarget();
    const waited = waitForEvent<CustomEvent<number>>(target, "progress", {
      clock,
      timeout: 10,
      filter: (event) => event.detail > 1,
    });
    target.dispatchEvent(new CustomEvent("progress", { detail: 1 }));
    const assertion = expect(waited).rejects.toThrow('(last: CustomEvent "progress" detail=1)');
    await clock.advance(10);
    await assertion;
  });

  it("removes its listener when it times out", async () => {
    const clock = new VirtualClock();
    const target = new EventTarget();
    const waited = waitForEvent(target, "done", { clock, timeout: 10 });
    const assertion = expect(waited).rejects.toThrow('event "done" on EventTarget: it was never emitted');
    await clock.advance(10);
    await assertion;
    expect(getEventListeners(target, "done")).toHaveLength(0);
  });
});

describe("waitForEvent validation", () => {
  it("rejects a source that is neither an emitter nor a target with a TypeError", () => {
    expect(() => waitForEvent({} as never, "x")).toThrow(/Expected `emitter`/);
  });

  it("rejects a non-function filter with a TypeError naming it", () => {
    expect(() => waitForEvent(new EventEmitter(), "x", { filter: 1 as never })).toThrow(/`filter`/);
  });
});
