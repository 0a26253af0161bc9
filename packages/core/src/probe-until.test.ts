import { EventEmitter, on } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { track } from "../test/track.js";
import { VirtualClock } from "./clock.js";
import { configure, resetConfiguration } from "./configure.js";
import type { AttemptEvent } from "./probe.js";
import { ProbeFailedError, ProbeTimeoutError } from "./probe-errors.js";
import { probeUntil } from "./probe-until.js";
import { fibonacci, fixed } from "./strategies.js";

/** A probe that fails `failures` times, then returns `value`, recording when each attempt started. */
function failingThen<T>(failures: number, value: T, clock: VirtualClock) {
  const starts: number[] = [];
  const probe = vi.fn(() => {
    starts.push(clock.now());
    if (starts.length <= failures) throw new Error(`not yet (${starts.length <= 1 ? "first" : "again"})`);
    return value;
  });
  return { probe, starts };
}

/** A promise that never settles unless its signal aborts. */
function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
}

afterEach(() => resetConfiguration());

describe("probeUntil", () => {
  it("resolves with the value of the first attempt when the probe succeeds at once", async () => {
    await expect(probeUntil(() => 42)).resolves.toBe(42);
  });

  it("resolves with falsy values because only throwing is a failure", async () => {
    for (const value of [0, "", false, null, undefined, Number.NaN]) {
      await expect(probeUntil(() => value)).resolves.toBe(value);
    }
  });

  it("retries a sync probe at the interval until it stops throwing", async () => {
    const clock = new VirtualClock();
    const { probe, starts } = failingThen(3, "ok", clock);
    const result = track(probeUntil(probe, { clock, interval: 100 }));
    await clock.advance(300);
    expect(result.value).toBe("ok");
    expect(starts).toEqual([0, 100, 200, 300]);
  });

  it("passes the attempt number, signal and elapsed time to each attempt", async () => {
    const clock = new VirtualClock();
    const contexts: { attempt: number; elapsed: number; aborted: boolean }[] = [];
    const result = track(
      probeUntil(
        async ({ attempt, elapsed, signal }) => {
          contexts.push({ attempt, elapsed, aborted: signal.aborted });
          if (attempt < 2) throw new Error("not yet");
          return attempt;
        },
        { clock, interval: 50 },
      ),
    );
    await clock.advance(50);
    expect(result.value).toBe(2);
    expect(contexts).toEqual([
      { attempt: 1, elapsed: 0, aborted: false },
      { attempt: 2, elapsed: 50, aborted: false },
    ]);
  });

  it("never overlaps attempts and waits the interval after a slow attempt ends", async () => {
    const clock = new VirtualClock();
    let running = 0;
    let maxRunning = 0;
    const starts: number[] = [];
    const probe = () =>
      new Promise<number>((resolve, reject) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        starts.push(clock.now());
        const finish = (): void => {
          running--;
          if (starts.length < 3) reject(new Error("slow and wrong"));
          else resolve(starts.length);
        };
        clock.setTimeout(finish, 70); // probity-allow-sleep: a timer of the clock under test, not a wait
      });
    const result = track(probeUntil(probe, { clock, interval: 10 }));
    await clock.advance(1000);
    expect(result.value).toBe(3);
    expect(maxRunning).toBe(1);
    expect(starts).toEqual([0, 80, 160]);
  });

  it("waits pollDelay before the first attempt", async () => {
    const clock = new VirtualClock();
    const { probe, starts } = failingThen(1, "ok", clock);
    const result = track(probeUntil(probe, { clock, pollDelay: 30, interval: 10 }));
    await clock.advance(29);
    expect(probe).not.toHaveBeenCalled();
    await clock.advance(11);
    expect(starts).toEqual([30, 40]);
    expect(result.value).toBe("ok");
  });

  describe("interval", () => {
    it("follows a fixed strategy", async () => {
      const clock = new VirtualClock();
      const { probe, starts } = failingThen(2, 1, clock);
      track(probeUntil(probe, { clock, interval: fixed(25) }));
      await clock.advance(100);
      expect(starts).toEqual([0, 25, 50]);
    });

    it("follows a fibonacci strategy", async () => {
      const clock = new VirtualClock();
      const { probe, starts } = failingThen(5, 1, clock);
      track(probeUntil(probe, { clock, interval: fibonacci({ unit: 10 }) }));
      await clock.advance(1000);
      expect(starts).toEqual([0, 10, 20, 40, 70, 120]);
    });

    it("follows a function of the attempt number", async () => {
      const clock = new VirtualClock();
      const { probe, starts } = failingThen(3, 1, clock);
      track(probeUntil(probe, { clock, interval: (attempt) => attempt * 100 }));
      await clock.advance(1000);
      expect(starts).toEqual([0, 100, 300, 600]);
    });

    it("rejects with a TypeError when the strategy returns a negative delay", async () => {
      const clock = new VirtualClock();
      const result = track(probeUntil(() => Promise.reject(new Error("no")), { clock, interval: () => -1 }));
      await clock.advance(0);
      expect(result.error).toBeInstanceOf(TypeError);
      expect(String(result.error)).toMatch(/`interval\(1\)`.*got -1/);
    });
  });

  describe("timeout", () => {
    it("rejects with a ProbeTimeoutError exactly at the deadline", async () => {
      const clock = new VirtualClock();
      const probe = vi.fn(() => {
        throw new Error("never");
      });
      const result = track(probeUntil(probe, { clock, timeout: 250, interval: 100 }));
      await clock.advance(249);
      expect(result.settled).toBe(false);
      await clock.advance(1);
      expect(result.error).toBeInstanceOf(ProbeTimeoutError);
      expect((result.error as ProbeTimeoutError).elapsedMs).toBe(250);
      expect(probe).toHaveBeenCalledTimes(3);
    });

    it("rejects at the deadline while an attempt is in flight and aborts that attempt's signal", async () => {
      const clock = new VirtualClock();
      let attemptSignal: AbortSignal | undefined;
      const result = track(
        probeUntil(
          ({ signal }) => {
            attemptSignal = signal;
            return hang(signal);
          },
          { clock, timeout: 200, alias: "hung" },
        ),
      );
      await clock.advance(200);
      expect(result.error).toBeInstanceOf(ProbeTimeoutError);
      const error = result.error as ProbeTimeoutError;
      expect(error.elapsedMs).toBe(200);
      expect(error.message).toContain("attempt 1 was still running and was aborted");
      expect(attemptSignal?.aborted).toBe(true);
      expect((attemptSignal?.reason as Error | undefined)?.name).toBe("TimeoutError");
    });

    it("uses the configured default timeout and interval", async () => {
      configure({ timeout: 50, interval: 10 });
      const clock = new VirtualClock();
      const probe = vi.fn(() => {
        throw new Error("no");
      });
      const result = track(probeUntil(probe, { clock }));
      await clock.advance(50);
      expect((result.error as ProbeTimeoutError).elapsedMs).toBe(50);
      expect(probe).toHaveBeenCalledTimes(5);
    });

    it("multiplies the timeout by the configured timeout scale", async () => {
      configure({ timeoutScale: 3 });
      const clock = new VirtualClock();
      const result = track(probeUntil(() => Promise.reject(new Error("no")), { clock, timeout: 100, interval: 40 }));
      await clock.advance(299);
      expect(result.settled).toBe(false);
      await clock.advance(1);
      expect((result.error as ProbeTimeoutError).elapsedMs).toBe(300);
    });

    it("uses the configured clock when none is passed", async () => {
      const clock = new VirtualClock();
      configure({ clock });
      const result = track(probeUntil(() => Promise.reject(new Error("no")), { timeout: 1000 }));
      await clock.advance(1000);
      expect(result.error).toBeInstanceOf(ProbeTimeoutError);
    });
  });

  describe("ProbeTimeoutError", () => {
    it("names the alias, elapsed time, attempts and the last error, with the last error as cause", async () => {
      const clock = new VirtualClock();
      const result = track(
        probeUntil(
          ({ attempt }) => {
            throw new Error(attempt < 3 ? "no message yet" : "2 messages, expected 1");
          },
          { clock, timeout: 300, interval: 100, alias: "queue has one event" },
        ),
      );
      await clock.advance(300);
      const error = result.error as ProbeTimeoutError;
      expect(error.name).toBe("ProbeTimeoutError");
      expect(error.code).toBe("ERR_PROBE_TIMEOUT");
      expect(error.message).toMatch(
        /^probe "queue has one event" timed out after 300 ms and 3 attempts; last error: 2 messages, expected 1/,
      );
      expect(error.message).toContain("2 × no message yet");
      expect(error.alias).toBe("queue has one event");
      expect(error.attempts).toBe(3);
      expect((error.cause as Error).message).toBe("2 messages, expected 1");
      expect(error.errors).toEqual([
        { message: "no message yet", count: 2 },
        { message: "2 messages, expected 1", count: 1 },
      ]);
    });

    it("copies expected and actual from an assertion error so the runner shows a diff", async () => {
      const clock = new VirtualClock();
      const result = track(probeUntil(() => expect({ size: 0 }).toEqual({ size: 1 }), { clock, timeout: 100 }));
      await clock.advance(100);
      const error = result.error as ProbeTimeoutError;
      expect(error.expected).toEqual({ size: 1 });
      expect(error.actual).toEqual({ size: 0 });
    });

    it("points its stack at the caller", async () => {
      const clock = new VirtualClock();
      const result = track(probeUntil(() => Promise.reject(new Error("no")), { clock, timeout: 10 }));
      await clock.advance(10);
      expect((result.error as Error).stack).toContain("probe-until.test.ts");
    });

    it("keeps the last successful value and says how long it held when holdFor was not reached", async () => {
      const clock = new VirtualClock();
      const result = track(
        probeUntil(({ attempt }) => (attempt < 3 ? Promise.reject(new Error("no")) : attempt), {
          clock,
          timeout: 280,
          holdFor: 200,
          interval: 50,
        }),
      );
      await clock.advance(280);
      const error = result.error as ProbeTimeoutError;
      expect(error.lastValue).toBe(6);
      expect(error.message).toContain("it held for 180 of 200 ms (holdFor)");
    });
  });

  describe("holdFor", () => {
    it("resolves only after the probe succeeded continuously for holdFor, restarting after a failure", async () => {
      const clock = new VirtualClock();
      const outcomes = [true, true, false, true, true, true, true];
      const starts: number[] = [];
      const result = track(
        probeUntil(
          ({ attempt }) => {
            starts.push(clock.now());
            if (!outcomes[attempt - 1]) throw new Error("flapped");
            return attempt;
          },
          { clock, interval: 100, holdFor: 250 },
        ),
      );
      await clock.advance(549);
      expect(result.settled).toBe(false);
      await clock.advance(1);
      expect(starts).toEqual([0, 100, 200, 300, 400, 500, 550]);
      expect(result.value).toBe(7);
    });
  });

  describe("atLeast", () => {
    it("rejects with a too-early ProbeFailedError when the first success comes before atLeast", async () => {
      const clock = new VirtualClock();
      const result = track(probeUntil(() => "early", { clock, atLeast: 50, alias: "debounced" }));
      await clock.advance(0);
      const error = result.error as ProbeFailedError;
      expect(error).toBeInstanceOf(ProbeFailedError);
      expect(error.reason).toBe("too-early");
      expect(error.message).toBe('probe "debounced" was satisfied after 0 ms, earlier than atLeast 50 ms (attempt 1)');
      expect("cause" in error).toBe(false);
    });

    it("resolves when the first success comes after atLeast", async () => {
      const clock = new VirtualClock();
      const { probe } = failingThen(1, "late", clock);
      const result = track(probeUntil(probe, { clock, atLeast: 50, interval: 60 }));
      await clock.advance(60);
      expect(result.value).toBe("late");
    });
  });

  describe("wakeOn", () => {
    it("runs an attempt as soon as an EventEmitter event fires, without waiting for the interval", async () => {
      const clock = new VirtualClock();
      const emitter = new EventEmitter();
      let ready = false;
      const probe = vi.fn(() => {
        if (!ready) throw new Error("not ready");
        return "woken";
      });
      const result = track(probeUntil(probe, { clock, interval: 10_000, wakeOn: { emitter, event: "change" } }));
      await clock.advance(5);
      ready = true;
      emitter.emit("change");
      await clock.advance(0);
      expect(result.value).toBe("woken");
      expect(probe).toHaveBeenCalledTimes(2);
      expect(emitter.listenerCount("change")).toBe(0);
      expect(clock.pendingTimers).toBe(0);
    });

    it("wakes on an EventTarget event", async () => {
      const clock = new VirtualClock();
      const target = new EventTarget();
      const { probe } = failingThen(1, "woken", clock);
      const result = track(probeUntil(probe, { clock, interval: 10_000, wakeOn: { emitter: target, event: "x" } }));
      target.dispatchEvent(new Event("x"));
      await clock.advance(0);
      expect(result.value).toBe("woken");
    });

    it("wakes on each item of an async iterable and stops iterating on settle", async () => {
      const clock = new VirtualClock();
      const emitter = new EventEmitter();
      const { probe } = failingThen(2, "woken", clock);
      const result = track(probeUntil(probe, { clock, interval: 10_000, wakeOn: on(emitter, "tick") }));
      emitter.emit("tick");
      await clock.advance(0);
      emitter.emit("tick");
      await clock.advance(0);
      expect(result.value).toBe("woken");
      expect(emitter.listenerCount("tick")).toBe(0);
    });

    it("wakes through a subscribe function and calls its unsubscribe on settle", async () => {
      const clock = new VirtualClock();
      let callback: (() => void) | undefined;
      const unsubscribe = vi.fn();
      const { probe } = failingThen(1, "woken", clock);
      const result = track(
        probeUntil(probe, {
          clock,
          interval: 10_000,
          wakeOn: [
            (wake) => {
              callback = wake;
              return unsubscribe;
            },
          ],
        }),
      );
      callback?.();
      await clock.advance(0);
      expect(result.value).toBe("woken");
      expect(unsubscribe).toHaveBeenCalledTimes(1);
    });

    it("queues one attempt for events that arrive while an attempt runs, never overlapping", async () => {
      const clock = new VirtualClock();
      const emitter = new EventEmitter();
      let running = 0;
      let maxRunning = 0;
      const starts: number[] = [];
      const probe = ({ attempt }: { attempt: number }) =>
        new Promise<number>((resolve, reject) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          starts.push(clock.now());
          const finish = (): void => {
            running--;
            if (attempt < 2) reject(new Error("no"));
            else resolve(attempt);
          };
          clock.setTimeout(finish, 20); // probity-allow-sleep: a timer of the clock under test, not a wait
        });
      const result = track(probeUntil(probe, { clock, interval: 10_000, wakeOn: { emitter, event: "e" } }));
      await clock.advance(5);
      emitter.emit("e");
      emitter.emit("e");
      emitter.emit("e");
      await clock.advance(40);
      expect(starts).toEqual([0, 20]);
      expect(maxRunning).toBe(1);
      expect(result.value).toBe(2);
    });
  });

  describe("failFast", () => {
    it("rejects at once with a ProbeFailedError whose cause is the error failFast accepted", async () => {
      const clock = new VirtualClock();
      const fatal = new TypeError("cannot read properties of undefined");
      const probe = vi.fn(({ attempt }: { attempt: number }) => {
        throw attempt === 1 ? new Error("503") : fatal;
      });
      const result = track(
        probeUntil(probe, { clock, interval: 10, alias: "order", failFast: (error) => error instanceof TypeError }),
      );
      await clock.advance(100);
      const error = result.error as ProbeFailedError;
      expect(error).toBeInstanceOf(ProbeFailedError);
      expect(error.reason).toBe("fail-fast");
      expect(error.cause).toBe(fatal);
      expect(error.attempt).toBe(2);
      expect(error.message).toBe(
        'probe "order" failed fast at attempt 2 after 10 ms: TypeError: cannot read properties of undefined',
      );
      expect(probe).toHaveBeenCalledTimes(2);
    });
  });

  describe("signal", () => {
    it("rejects with the reason and never calls the probe when the signal is already aborted", async () => {
      const probe = vi.fn();
      const reason = new Error("already gone");
      await expect(probeUntil(probe, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      expect(probe).not.toHaveBeenCalled();
    });

    it("rejects promptly with an AbortError and aborts the attempt in flight when the caller aborts", async () => {
      const clock = new VirtualClock();
      const controller = new AbortController();
      let attemptSignal: AbortSignal | undefined;
      const result = track(
        probeUntil(
          ({ signal }) => {
            attemptSignal = signal;
            return hang(signal);
          },
          { clock, signal: controller.signal },
        ),
      );
      controller.abort();
      await clock.advance(0);
      expect((result.error as Error).name).toBe("AbortError");
      expect(result.error).toBe(controller.signal.reason);
      expect(attemptSignal?.reason).toBe(controller.signal.reason);
      expect(clock.pendingTimers).toBe(0);
    });

    it("keeps a custom abort reason", async () => {
      const clock = new VirtualClock();
      const controller = new AbortController();
      const result = track(
        probeUntil(() => Promise.reject(new Error("no")), { clock, signal: controller.signal, interval: 10 }),
      );
      await clock.advance(15);
      const reason = new Error("test torn down");
      controller.abort(reason);
      await clock.advance(0);
      expect(result.error).toBe(reason);
    });
  });

  describe("onAttempt", () => {
    it("reports every attempt with its outcome, value or error", async () => {
      const clock = new VirtualClock();
      const events: AttemptEvent<string>[] = [];
      const { probe } = failingThen(1, "done", clock);
      track(probeUntil(probe, { clock, interval: 10, onAttempt: (event) => events.push(event) }));
      await clock.advance(10);
      expect(events).toEqual([
        { attempt: 1, elapsedMs: 0, durationMs: 0, outcome: "failure", error: new Error("not yet (first)") },
        { attempt: 2, elapsedMs: 10, durationMs: 0, outcome: "success", value: "done" },
      ]);
    });

    it("rejects with the listener's error when the listener throws", async () => {
      const broken = new Error("listener broke");
      await expect(
        probeUntil(() => 1, {
          onAttempt: () => {
            throw broken;
          },
        }),
      ).rejects.toBe(broken);
    });
  });

  describe("cleanup", () => {
    it("leaves no timer or listener behind after resolving", async () => {
      const clock = new VirtualClock();
      const emitter = new EventEmitter();
      const { probe } = failingThen(2, "ok", clock);
      const result = track(probeUntil(probe, { clock, interval: 10, wakeOn: { emitter, event: "e" } }));
      await clock.advance(20);
      expect(result.value).toBe("ok");
      expect(clock.pendingTimers).toBe(0);
      expect(emitter.listenerCount("e")).toBe(0);
    });

    it("never calls the probe again after rejecting", async () => {
      const clock = new VirtualClock();
      const emitter = new EventEmitter();
      const probe = vi.fn(() => Promise.reject(new Error("no")));
      const result = track(probeUntil(probe, { clock, timeout: 100, interval: 30, wakeOn: { emitter, event: "e" } }));
      await clock.advance(100);
      expect(result.error).toBeInstanceOf(ProbeTimeoutError);
      const calls = probe.mock.calls.length;
      emitter.emit("e");
      await clock.advance(1000);
      expect(probe).toHaveBeenCalledTimes(calls);
      expect(clock.pendingTimers).toBe(0);
      expect(emitter.listenerCount("e")).toBe(0);
    });

    it("ignores the late outcome of an attempt that was aborted at the deadline", async () => {
      const clock = new VirtualClock();
      const onAttempt = vi.fn();
      const late = () => new Promise((resolve) => clock.setTimeout(() => resolve("late"), 500)); // probity-allow-sleep: a timer of the clock under test, not a wait
      const result = track(
        probeUntil(late, {
          clock,
          timeout: 100,
          onAttempt,
        }),
      );
      await clock.advance(600);
      expect(result.error).toBeInstanceOf(ProbeTimeoutError);
      expect(onAttempt).not.toHaveBeenCalled();
    });
  });

  describe("real timers", () => {
    it("keeps polling while vi.useFakeTimers() is active", async () => {
      vi.useFakeTimers();
      try {
        const value = await probeUntil(
          ({ attempt }) => {
            if (attempt < 3) throw new Error("not yet");
            return attempt;
          },
          { interval: 1, timeout: 5000 },
        );
        expect(value).toBe(3);
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe("options", () => {
    const invalid: [string, Record<string, unknown>, RegExp][] = [
      ["a negative timeout", { timeout: -1 }, /`timeout`.*got -1/],
      ["a NaN timeout", { timeout: Number.NaN }, /`timeout`.*got NaN/],
      ["a zero interval", { interval: 0 }, /`interval`.*got 0/],
      ["a string interval", { interval: "100" }, /`interval`/],
      ["a negative pollDelay", { pollDelay: -5 }, /`pollDelay`.*got -5/],
      ["holdFor beyond the timeout", { timeout: 100, holdFor: 200 }, /`holdFor`.*<= 100.*got 200/],
      ["atLeast at the timeout", { timeout: 100, atLeast: 100 }, /`atLeast`.*got 100/],
      ["a non-function failFast", { failFast: true }, /`failFast`/],
      ["a non-function onAttempt", { onAttempt: "log" }, /`onAttempt`/],
      ["a non-signal signal", { signal: {} }, /`signal`/],
      ["a numeric alias", { alias: 7 }, /`alias`/],
      ["an unusable wakeOn", { wakeOn: { emitter: {}, event: "x" } }, /`wakeOn.emitter`/],
      ["a wakeOn number", { wakeOn: 5 }, /`wakeOn`/],
      ["a clock without now()", { clock: {} }, /`clock`/],
    ];
    for (const [label, options, message] of invalid) {
      it(`rejects with a TypeError naming the option before any attempt when given ${label}`, async () => {
        const probe = vi.fn();
        const promise = probeUntil(probe, options as never);
        await expect(promise).rejects.toThrow(TypeError);
        await expect(promise).rejects.toThrow(message);
        expect(probe).not.toHaveBeenCalled();
      });
    }

    it("rejects with a TypeError when the probe is not a function", async () => {
      await expect(probeUntil("check" as never)).rejects.toThrow(/`probe`/);
    });
  });
});
