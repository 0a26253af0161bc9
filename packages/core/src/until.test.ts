import { describe, expect, it } from "vitest";
import { track } from "../test/track.js";
import { VirtualClock } from "./clock.js";
import type { ProbeTimeoutError } from "./probe-errors.js";
import { probeUntil } from "./probe-until.js";
import { until } from "./until.js";

describe("until", () => {
  it("resolves with the truthy value of the predicate when it turns truthy", async () => {
    const clock = new VirtualClock();
    const orders = new Map<string, { id: string }>();
    const result = track(
      probeUntil(
        until(() => orders.get("o-1")),
        { clock, interval: 10 },
      ),
    );
    await clock.advance(10);
    orders.set("o-1", { id: "o-1" });
    await clock.advance(10);
    expect(result.value).toEqual({ id: "o-1" });
  });

  it("accepts an async predicate", async () => {
    await expect(probeUntil(until(async () => "yes"))).resolves.toBe("yes");
  });

  it("makes a readable timeout message that counts how often the condition was false", async () => {
    const clock = new VirtualClock();
    const result = track(
      probeUntil(
        until(() => false),
        { clock, timeout: 300, interval: 10, alias: "stored" },
      ),
    );
    await clock.advance(300);
    const error = result.error as ProbeTimeoutError;
    expect(error.message).toBe('probe "stored" timed out after 300 ms and 30 attempts; condition was false 30 times');
    expect(error.errors).toEqual([{ message: "condition was false", count: 30 }]);
  });

  it("names the condition by its description", async () => {
    const clock = new VirtualClock();
    const result = track(
      probeUntil(
        until(() => 0, "queue drained"),
        { clock, timeout: 10, interval: 10 },
      ),
    );
    await clock.advance(10);
    expect((result.error as Error).message).toMatch(/queue drained was false 1 time$/);
  });

  it("throws a TypeError when the predicate is not a function", () => {
    expect(() => until(true as never)).toThrow(/`predicate`/);
  });
});
