/**
 * The examples in packages/core/README.md, run as written. A last test checks that the README's code
 * blocks are still identical to the regions below, so the documentation cannot go stale.
 */
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { ProbeFailedError, ProbeTimeoutError, probeDuring, probeUntil, until } from "probity";
import { describe, expect, it } from "vitest";

interface Message<T> {
  payload: T;
}

/** An in-memory stand-in for an SQS queue: `send` stores a message and emits "message". */
class InMemoryQueue<T> extends EventEmitter {
  readonly #messages: Message<T>[] = [];

  send(payload: T): void {
    this.#messages.push({ payload });
    this.emit("message");
  }

  peek(): Message<T>[] {
    return [...this.#messages];
  }
}

/** A service that publishes CustomerCreated a little later, like a real one behind HTTP and SNS. */
function createCustomer(queue: InMemoryQueue<{ customer_id: string; name: string }>, name: string): string {
  const customerId = `c-${name.length}`;
  queueMicrotask(() => queue.send({ customer_id: customerId, name }));
  return customerId;
}

describe("README", () => {
  it("probes a queue until exactly one event arrives and returns its payload", async () => {
    const queue = new InMemoryQueue<{ customer_id: string; name: string }>();
    // #region queue-example
    const customerId = createCustomer(queue, "John Doe"); // publishes CustomerCreated asynchronously

    const payload = await probeUntil(
      () => {
        const [event, ...others] = queue.peek();
        if (event === undefined || others.length > 0) {
          throw new Error(`expected exactly one CustomerCreated event, got ${queue.peek().length}`);
        }
        return event.payload;
      },
      {
        timeout: 3_000,
        interval: 100,
        alias: "customer--created has one event",
        wakeOn: { emitter: queue, event: "message" }, // react at once instead of at the next interval
      },
    );

    expect(payload).toEqual({ customer_id: customerId, name: "John Doe" });
    // #endregion
  });

  it("asserts that nothing more happens for a while", async () => {
    const queue = new InMemoryQueue<{ customer_id: string; name: string }>();
    createCustomer(queue, "Jane Doe");
    await probeUntil(
      until(() => queue.peek().length === 1),
      { interval: 5 },
    );
    // #region during-example
    await probeDuring(() => expect(queue.peek()).toHaveLength(1), {
      duration: 200,
      interval: 50,
      alias: "no duplicate CustomerCreated",
    });
    // #endregion
  });

  it("explains a timeout", async () => {
    const queue = new InMemoryQueue<string>();
    // #region timeout-example
    const error = await probeUntil(() => expect(queue.peek()).toHaveLength(1), {
      timeout: 200,
      interval: 50,
      alias: "one event",
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ProbeTimeoutError);
    expect(String(error)).toMatch(/^ProbeTimeoutError: probe "one event" timed out after 2\d\d ms and \d attempts;/);
    expect((error as ProbeTimeoutError).expected).toBe(1); // so vitest prints a diff
    // #endregion
  });

  it("fails fast on errors that retrying cannot fix", async () => {
    // #region fail-fast-example
    const error = await probeUntil(
      async () => {
        const response = { status: 500 }; // e.g. await fetch(url, { signal })
        if (response.status !== 200) throw Object.assign(new Error(`HTTP ${response.status}`), response);
      },
      { failFast: (error) => (error as Error & { status?: number }).status === 500 },
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ProbeFailedError);
    expect((error as ProbeFailedError).reason).toBe("fail-fast");
    // #endregion
  });

  it("keeps the README code blocks identical to the examples above", () => {
    const source = readFileSync(new URL(import.meta.url), "utf8");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const name of ["queue-example", "during-example", "timeout-example", "fail-fast-example"]) {
      const region = source.match(new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`))?.[1];
      expect(region, name).toBeDefined();
      const lines = (region ?? "").split("\n");
      const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.search(/\S/)));
      const block = lines.map((line) => line.slice(indent)).join("\n");
      expect(readme, `README block for ${name}`).toContain(block);
    }
  });
});
