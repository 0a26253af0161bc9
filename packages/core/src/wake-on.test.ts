import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { toSubscribe } from "./wake-on.js";

describe("toSubscribe", () => {
  it("listens to an EventEmitter event and removes the listener on unsubscribe", () => {
    const emitter = new EventEmitter();
    const callback = vi.fn();
    const unsubscribe = toSubscribe("wakeOn", { emitter, event: "change" })(callback);
    emitter.emit("change", "payload");
    unsubscribe();
    emitter.emit("change");
    expect(callback).toHaveBeenCalledTimes(1);
    expect(emitter.listenerCount("change")).toBe(0);
  });

  it("listens to an EventTarget event and removes the listener on unsubscribe", () => {
    const target = new EventTarget();
    const callback = vi.fn();
    const unsubscribe = toSubscribe("wakeOn", { emitter: target, event: "change" })(callback);
    target.dispatchEvent(new Event("change"));
    unsubscribe();
    target.dispatchEvent(new Event("change"));
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it("calls back once per item of an async iterable and returns the iterator on unsubscribe", async () => {
    let returned = false;
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* items() {
      try {
        yield 1;
        yield 2;
        await gate;
        yield 3;
      } finally {
        returned = true;
      }
    }
    const seen: number[] = [];
    let unsubscribe: (() => void) | undefined;
    const twoSeen = new Promise<void>((resolve) => {
      unsubscribe = toSubscribe(
        "wakeOn",
        items(),
      )(() => {
        seen.push(seen.length + 1);
        if (seen.length === 2) resolve();
      });
    });
    await twoSeen;
    unsubscribe?.();
    release?.();
    await gate;
    expect(seen).toEqual([1, 2]);
    await vi.waitFor(() => expect(returned).toBe(true));
  });

  it("passes a subscribe function through and checks that it returns an unsubscribe function", () => {
    const unsubscribe = vi.fn();
    toSubscribe("wakeOn", () => unsubscribe)(() => {})();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(() => toSubscribe("wakeOn", () => 1)(() => {})).toThrow(/unsubscribe function/);
  });

  it("throws a TypeError naming the option for anything else", () => {
    expect(() => toSubscribe("wakeOn", null)).toThrow(/`wakeOn`.*got null/);
    expect(() => toSubscribe("wakeOn[1]", { emitter: 1, event: "x" })).toThrow(/`wakeOn\[1\].emitter`/);
  });
});
