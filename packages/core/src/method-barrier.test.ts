import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.js";
import { BusinessLockTimeoutError } from "./lock-errors.js";
import { methodBarrier } from "./method-barrier.js";

class Worker {
  async run(job: string): Promise<void> {
    if (job === "bad") throw new Error(`cannot run ${job}`);
  }
}

describe("methodBarrier", () => {
  it("lets one traversal through per finished call when calls finished before traverse", async () => {
    const worker = new Worker();
    using barrier = methodBarrier(worker, "run");
    await worker.run("a");
    await worker.run("b");
    await barrier.traverse();
    await barrier.traverse();
    expect(barrier.name).toBe("Worker.run");
  });

  it("waits for the next call when none has finished", async () => {
    const worker = new Worker();
    using barrier = methodBarrier(worker, "run");
    const traversed = barrier.traverse();
    await worker.run("a");
    await expect(traversed).resolves.toBeUndefined();
  });

  it("rejects with the method's own error when the call threw", async () => {
    const worker = new Worker();
    using barrier = methodBarrier(worker, "run");
    const failure = await worker.run("bad").catch((error: unknown) => error);
    await expect(barrier.traverse()).rejects.toBe(failure);
  });

  it("rejects with BusinessLockTimeoutError when the method is not called in time", async () => {
    const clock = new VirtualClock();
    const worker = new Worker();
    using barrier = methodBarrier(worker, "run", { clock });
    const traversed = barrier.traverse({ timeout: 200 });
    const assertion = expect(traversed).rejects.toThrow(BusinessLockTimeoutError);
    await clock.advance(200);
    await assertion;
    await expect(traversed).rejects.toThrow("Timed out after 200 ms waiting for the next call of Worker.run");
  });

  it("puts the original back when disposed", () => {
    const worker = new Worker();
    {
      using _barrier = methodBarrier(worker, "run");
      expect(Object.hasOwn(worker, "run")).toBe(true);
    }
    expect(Object.hasOwn(worker, "run")).toBe(false);
  });
});
