import { describe, expect, it } from "vitest";
import { createEmulatorClock, realEmulatorClock, ScaledClock, VirtualEmulatorClock } from "./clock.js";

describe("VirtualEmulatorClock", () => {
  it("fires due timers in time order when advanced", async () => {
    const clock = new VirtualEmulatorClock(1_000);
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(["b", clock.now()]), 20); // probity-allow-sleep: timers of the clock under test
    clock.setTimeout(() => fired.push(["a", clock.now()]), 10); // probity-allow-sleep: timers of the clock under test
    clock.setTimeout(() => fired.push(["c", clock.now()]), 20); // probity-allow-sleep: timers of the clock under test
    clock.setTimeout(() => fired.push(["late", clock.now()]), 31); // probity-allow-sleep: timers of the clock under test
    await clock.advance(30);
    expect(fired).toEqual([
      ["a", 1_010],
      ["b", 1_020],
      ["c", 1_020],
    ]);
    expect(clock.now()).toBe(1_030);
    expect(clock.pendingTimers).toBe(1);
  });

  it("fires timers scheduled by a callback inside the window when advanced", async () => {
    const clock = new VirtualEmulatorClock(0);
    const fired: number[] = [];
    const fireAndReschedule = (): void => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 5); // probity-allow-sleep: timers of the clock under test
    };
    clock.setTimeout(fireAndReschedule, 5); // probity-allow-sleep: a timer of the clock under test, not a wait
    await clock.advance(10);
    expect(fired).toEqual([5, 10]);
  });

  it("skips a timer when it is cleared", async () => {
    const clock = new VirtualEmulatorClock(0);
    let fired = false;
    const fire = (): void => {
      fired = true;
    };
    const timer = clock.setTimeout(fire, 1); // probity-allow-sleep: a timer of the clock under test, not a wait
    clock.clearTimeout(timer);
    clock.clearTimeout(timer);
    await clock.advance(5);
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects when advanced by a negative amount", async () => {
    await expect(new VirtualEmulatorClock().advance(-1)).rejects.toThrow(TypeError);
  });
});

describe("ScaledClock", () => {
  it("rejects when the scale is not positive", () => {
    expect(() => new ScaledClock(0)).toThrow(/timeScale/);
    expect(() => new ScaledClock(Number.NaN)).toThrow(/timeScale/);
  });

  it("fires a timer after ms / scale real time when scaled", async () => {
    const clock = new ScaledClock(1_000);
    const start = clock.now();
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 50_000)); // probity-allow-sleep: timers of the clock under test
    expect(clock.now() - start).toBeGreaterThanOrEqual(49_000);
  });

  it("never fires before its emulated due time when the real delay has a fraction of a millisecond", async () => {
    const clock = new ScaledClock(1_000);
    // 1,900 emulated ms is 1.9 real ms; Node truncates timer delays to whole milliseconds (and measures from
    // the loop's cached time), so a plain real timer fires up to ~1 emulated second early.
    const early: number[] = [];
    for (let round = 0; round < 20; round++) {
      const due = clock.now() + 1_900;
      const firedAt = await new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 1_900)); // probity-allow-sleep: a timer of the clock under test, not a wait
      if (firedAt < due) early.push(due - firedAt);
    }
    expect(early).toEqual([]);
  });

  it("does not fire a timer cleared while it waits out a remainder", async () => {
    const clock = new ScaledClock(1_000);
    let fired = false;
    const fire = (): void => {
      fired = true;
    };
    const timer = clock.setTimeout(fire, 5_000); // probity-allow-sleep: a timer of the clock under test, not a wait
    clock.clearTimeout(timer);
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 20_000)); // probity-allow-sleep: timers of the clock under test
    expect(fired).toBe(false);
  });
});

describe("createEmulatorClock", () => {
  it("returns the real clock when no scale is given", () => {
    expect(createEmulatorClock()).toBe(realEmulatorClock);
    expect(createEmulatorClock("real", 10)).toBeInstanceOf(ScaledClock);
    expect(createEmulatorClock("virtual")).toBeInstanceOf(VirtualEmulatorClock);
  });

  it("rejects when options are invalid", () => {
    expect(() => createEmulatorClock("real", -1)).toThrow(/timeScale/);
    expect(() => createEmulatorClock("virtual", 2)).toThrow(/timeScale/);
    expect(() => createEmulatorClock("bogus" as never)).toThrow(/clock/);
  });
});
