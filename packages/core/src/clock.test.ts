import { describe, expect, it, vi } from "vitest";
import { realClock, VirtualClock } from "./clock.js";

describe("VirtualClock", () => {
  it("fires due timers in order when advanced", async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push("b"), 20); // probity-allow-sleep: a timer of the clock under test, not a wait
    clock.setTimeout(() => fired.push("a"), 10); // probity-allow-sleep: a timer of the clock under test, not a wait
    clock.setTimeout(() => fired.push("c"), 30); // probity-allow-sleep: a timer of the clock under test, not a wait
    await clock.advance(25);
    expect(fired).toEqual(["a", "b"]);
    expect(clock.now()).toBe(25);
    expect(clock.pendingTimers).toBe(1);
  });

  it("fires timers scheduled by callbacks inside the advanced window", async () => {
    const clock = new VirtualClock(100);
    const seen: number[] = [];
    const seeAndReschedule = (): void => {
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 5); // probity-allow-sleep: a timer of the clock under test, not a wait
    };
    clock.setTimeout(seeAndReschedule, 5); // probity-allow-sleep: a timer of the clock under test, not a wait
    await clock.advance(10);
    expect(seen).toEqual([105, 110]);
  });

  it("does not fire a cleared timer", async () => {
    const clock = new VirtualClock();
    const callback = vi.fn();
    const handle = clock.setTimeout(callback, 1); // probity-allow-sleep: a timer of the clock under test, not a wait
    clock.clearTimeout(handle);
    await clock.advance(10);
    expect(callback).not.toHaveBeenCalled();
  });

  it("rejects a negative advance", async () => {
    await expect(new VirtualClock().advance(-1)).rejects.toThrow(TypeError);
  });
});

describe("realClock", () => {
  it("keeps running when fake timers are installed", async () => {
    vi.useFakeTimers();
    try {
      const fired = await new Promise<boolean>((resolve) => {
        realClock.setTimeout(() => resolve(true), 1); // probity-allow-sleep: a timer of the clock under test, not a wait
      });
      expect(fired).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
