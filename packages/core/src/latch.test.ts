import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.js";
import { latch } from "./latch.js";

describe("latch", () => {
  it("opens when counted down to zero by several parties", async () => {
    const done = latch(3);
    const waited = done.wait();
    done.countDown();
    done.countDown(2);
    await expect(waited).resolves.toBeUndefined();
    expect(done.open).toBe(true);
  });

  it("resolves at once when already open", async () => {
    await expect(latch(0).wait()).resolves.toBeUndefined();
  });

  it("clamps the count at zero when counted down too often", () => {
    const done = latch(1);
    done.countDown(5);
    done.countDown();
    expect(done.count).toBe(0);
  });

  it("rejects with the count still missing when it does not open in time", async () => {
    const clock = new VirtualClock();
    const done = latch(3, { clock, alias: "consumers" });
    done.countDown();
    const waited = done.wait({ timeout: 50 });
    const assertion = expect(waited).rejects.toThrow(
      "Timed out after 50 ms waiting for consumers to open: counted down 1 of 3 times, 2 missing",
    );
    await clock.advance(50);
    await assertion;
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects with the abort reason when aborted before or while waiting", async () => {
    const done = latch(1);
    await expect(done.wait({ signal: AbortSignal.abort("early") })).rejects.toBe("early");
    const controller = new AbortController();
    const waited = done.wait({ signal: controller.signal });
    controller.abort("late");
    await expect(waited).rejects.toBe("late");
  });

  it("rejects an invalid count with a TypeError naming it", () => {
    expect(() => latch(-1)).toThrow(/`count`.*got -1/);
    expect(() => latch(1.5)).toThrow(/`count`/);
    expect(() => latch(1).countDown(0)).toThrow(/`n`/);
  });
});
