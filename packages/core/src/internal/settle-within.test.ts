import { describe, expect, it, vi } from "vitest";
import { track } from "../../test/track.js";
import { VirtualClock } from "../clock.js";
import { settleWithin } from "./settle-within.js";

describe("settleWithin", () => {
  it("resolves through the executor and runs its cleanup once, clearing timers it handed out", async () => {
    const clock = new VirtualClock();
    const cleanup = vi.fn();
    const result = track(
      settleWithin<string>({ clock, timeout: 100, onTimeout: () => new Error("late") }, (scope, settle) => {
        scope.setTimer(() => settle.resolve("done"), 10);
        scope.setTimer(() => {}, 50);
        return cleanup;
      }),
    );
    await clock.advance(10);
    expect(result.value).toBe("done");
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects with the onTimeout error at the deadline and aborts the scope signal with a TimeoutError", async () => {
    const clock = new VirtualClock();
    let signal: AbortSignal | undefined;
    const result = track(
      settleWithin({ clock, timeout: 100, onTimeout: (scope) => new Error(`late by ${scope.elapsed()}`) }, (scope) => {
        signal = scope.signal;
        return undefined;
      }),
    );
    await clock.advance(100);
    expect((result.error as Error).message).toBe("late by 100");
    expect((signal?.reason as Error | undefined)?.name).toBe("TimeoutError");
  });

  it("does not abort the scope signal on resolve", async () => {
    let signal: AbortSignal | undefined;
    await settleWithin({ clock: new VirtualClock(), onTimeout: () => undefined }, (scope, settle) => {
      signal = scope.signal;
      settle.resolve(1);
      return undefined;
    });
    expect(signal?.aborted).toBe(false);
  });

  it("rejects with the reason without calling the executor when the signal is already aborted", async () => {
    const executor = vi.fn();
    const reason = new Error("gone");
    const promise = settleWithin(
      { clock: new VirtualClock(), signal: AbortSignal.abort(reason), onTimeout: () => undefined },
      executor,
    );
    await expect(promise).rejects.toBe(reason);
    expect(executor).not.toHaveBeenCalled();
  });

  it("rejects with the caller's reason when the caller aborts and removes its listener", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const result = track(
      settleWithin({ clock, timeout: 100, signal: controller.signal, onTimeout: () => undefined }, () => undefined),
    );
    controller.abort("stop");
    await clock.advance(0);
    expect(result.error).toBe("stop");
    expect(remove).toHaveBeenCalled();
    expect(clock.pendingTimers).toBe(0);
  });

  it("schedules nothing when a timer is requested after settling", async () => {
    const clock = new VirtualClock();
    const callback = vi.fn();
    await settleWithin({ clock, timeout: 100, onTimeout: () => undefined }, (scope, settle) => {
      settle.resolve(1);
      scope.setTimer(callback, 5);
      return undefined;
    });
    await clock.advance(10);
    expect(callback).not.toHaveBeenCalled();
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects when the executor throws", async () => {
    const failure = new Error("setup failed");
    await expect(
      settleWithin({ clock: new VirtualClock(), onTimeout: () => undefined }, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });
});
