import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.js";
import { deferred } from "./deferred.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";

describe("deferred", () => {
  it("resolves its promise and reports settled when resolved", async () => {
    const done = deferred<number>();
    expect(done.settled).toBe(false);
    done.resolve(1);
    done.resolve(2);
    done.reject(new Error("ignored"));
    expect(done.settled).toBe(true);
    await expect(done.promise).resolves.toBe(1);
  });

  it("rejects its promise with the reason when rejected", async () => {
    const done = deferred();
    const reason = new Error("no");
    done.reject(reason);
    await expect(done.promise).rejects.toBe(reason);
    await expect(done.wait()).rejects.toBe(reason);
  });

  it("resolves wait with the value when resolved before the deadline", async () => {
    const clock = new VirtualClock();
    const done = deferred<string>({ clock });
    const waited = done.wait({ timeout: 100 });
    done.resolve("ok");
    await expect(waited).resolves.toBe("ok");
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects wait with BusinessLockTimeoutError naming the alias when never settled", async () => {
    const clock = new VirtualClock();
    const done = deferred({ clock, alias: "saved" });
    const waited = done.wait({ timeout: 100 });
    const assertion = expect(waited).rejects.toThrow(
      "Timed out after 100 ms waiting for saved to be resolved: resolve() and reject() were never called",
    );
    await clock.advance(100);
    await assertion;
    await expect(waited).rejects.toBeInstanceOf(BusinessLockTimeoutError);
  });

  it("rejects wait with the abort reason and removes its listener when aborted", async () => {
    const done = deferred();
    const controller = new AbortController();
    const waited = done.wait({ signal: controller.signal });
    controller.abort("cancelled");
    await expect(waited).rejects.toBe("cancelled");
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await expect(done.wait({ signal: AbortSignal.abort("early") })).rejects.toBe("early");
  });
});
