import { afterEach, describe, expect, it, vi } from "vitest";
import { track } from "../test/track.js";
import { VirtualClock } from "./clock.js";
import { configure, resetConfiguration } from "./configure.js";
import type { AttemptEvent } from "./probe.js";
import { probeDuring } from "./probe-during.js";
import { ProbeFailedError, ProbeTimeoutError } from "./probe-errors.js";

afterEach(() => resetConfiguration());

describe("probeDuring", () => {
  it("resolves after the last attempt, which starts at the duration, when every attempt succeeds", async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    const result = track(probeDuring(() => void starts.push(clock.now()), { clock, duration: 250, interval: 100 }));
    await clock.advance(249);
    expect(result.settled).toBe(false);
    await clock.advance(1);
    expect(result.settled).toBe(true);
    expect(result.error).toBeUndefined();
    expect(starts).toEqual([0, 100, 200, 250]);
    expect(clock.pendingTimers).toBe(0);
  });

  it("fails fast with a ProbeFailedError at the first failing attempt", async () => {
    const clock = new VirtualClock();
    const probe = vi.fn(({ attempt }: { attempt: number }) => {
      if (attempt === 3) throw new Error("duplicate event published");
    });
    const result = track(probeDuring(probe, { clock, duration: 1000, interval: 100, alias: "idempotent" }));
    await clock.advance(200);
    const error = result.error as ProbeFailedError;
    expect(error).toBeInstanceOf(ProbeFailedError);
    expect(error.code).toBe("ERR_PROBE_FAILED");
    expect(error.reason).toBe("failed");
    expect(error.alias).toBe("idempotent");
    expect(error.attempt).toBe(3);
    expect(error.elapsedMs).toBe(200);
    expect((error.cause as Error).message).toBe("duplicate event published");
    expect(error.message).toBe('probe "idempotent" failed at attempt 3 after 200 ms: duplicate event published');
    expect(error.stack).toContain("probe-during.test.ts");
    await clock.advance(1000);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(clock.pendingTimers).toBe(0);
  });

  it("fails when an async probe rejects", async () => {
    const clock = new VirtualClock();
    const result = track(probeDuring(async () => Promise.reject(new Error("seen")), { clock, duration: 100 }));
    await clock.advance(0);
    expect(result.error).toBeInstanceOf(ProbeFailedError);
  });

  it("uses the configured interval by default", async () => {
    configure({ interval: 40 });
    const clock = new VirtualClock();
    const starts: number[] = [];
    track(probeDuring(() => void starts.push(clock.now()), { clock, duration: 100 }));
    await clock.advance(100);
    expect(starts).toEqual([0, 40, 80, 100]);
  });

  it("runs one attempt when the duration is 0", async () => {
    const probe = vi.fn();
    await probeDuring(probe, { duration: 0 });
    expect(probe).toHaveBeenCalledTimes(1);
  });

  it("rejects with a ProbeTimeoutError and aborts an attempt that hangs past duration plus timeout", async () => {
    const clock = new VirtualClock();
    let attemptSignal: AbortSignal | undefined;
    const result = track(
      probeDuring(
        ({ signal, attempt }) => {
          attemptSignal = signal;
          if (attempt === 2) return new Promise(() => {});
        },
        { clock, duration: 100, interval: 50, timeout: 200 },
      ),
    );
    await clock.advance(300);
    expect(result.error).toBeInstanceOf(ProbeTimeoutError);
    expect((result.error as Error).message).toContain("attempt 2 was still running");
    expect(attemptSignal?.aborted).toBe(true);
  });

  it("reports each attempt to onAttempt", async () => {
    const clock = new VirtualClock();
    const events: AttemptEvent[] = [];
    track(probeDuring(() => "fine", { clock, duration: 10, interval: 10, onAttempt: (event) => events.push(event) }));
    await clock.advance(10);
    expect(events.map((event) => [event.attempt, event.outcome])).toEqual([
      [1, "success"],
      [2, "success"],
    ]);
  });

  it("rejects with the reason and never calls the probe when the signal is already aborted", async () => {
    const probe = vi.fn();
    const reason = new Error("gone");
    await expect(probeDuring(probe, { duration: 10, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(probe).not.toHaveBeenCalled();
  });

  it("rejects with the abort reason and stops calling the probe when the caller aborts", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const probe = vi.fn();
    const result = track(probeDuring(probe, { clock, duration: 1000, interval: 10, signal: controller.signal }));
    await clock.advance(25);
    controller.abort();
    await clock.advance(100);
    expect((result.error as Error).name).toBe("AbortError");
    expect(probe).toHaveBeenCalledTimes(3);
    expect(clock.pendingTimers).toBe(0);
  });

  const invalid: [string, unknown, RegExp][] = [
    ["no options", undefined, /options/],
    ["a negative duration", { duration: -1 }, /`duration`.*got -1/],
    ["a missing duration", {}, /`duration`.*got undefined/],
    ["a zero interval", { duration: 10, interval: 0 }, /`interval`/],
    ["a NaN timeout", { duration: 10, timeout: Number.NaN }, /`timeout`/],
    ["a non-function onAttempt", { duration: 10, onAttempt: 1 }, /`onAttempt`/],
    ["a non-signal signal", { duration: 10, signal: "stop" }, /`signal`/],
    ["a numeric alias", { duration: 10, alias: 1 }, /`alias`/],
  ];
  for (const [label, options, message] of invalid) {
    it(`rejects with a TypeError before any attempt when given ${label}`, async () => {
      const probe = vi.fn();
      await expect(probeDuring(probe, options as never)).rejects.toThrow(message);
      await expect(probeDuring(probe, options as never)).rejects.toBeInstanceOf(TypeError);
      expect(probe).not.toHaveBeenCalled();
    });
  }
});
