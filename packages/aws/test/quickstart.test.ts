/**
 * The root README's quick start, run as written: the last test checks that each README block is copied
 * verbatim from this file.
 */
import { readFileSync } from "node:fs";
import { probeMethod, probeUntil } from "probity";
import { describe, expect, it } from "vitest";
import { backends, jsonBase, SnsSqsTestClient } from "../src/index.js";

describe("root README quick start", () => {
  it("probes a queue until exactly one CustomerCreated event arrives on the embedded emulator", async () => {
    // #region probe
    await using backend = await backends.embedded(); // SNS + SQS + DynamoDB in-process: no Docker
    const bus = await SnsSqsTestClient.connect(backend);
    await bus.subscribeTo({ topic: "customer--created", queue: "customer--created" });

    // The system under test publishes; here the test stands in for it.
    await bus.publish({
      topic: "customer--created",
      data: { customer_id: "c-1", name: "John Doe" },
      envelope: jsonBase,
    });

    // Poll until the probe stops throwing; reject at a real deadline, saying what was last seen.
    const event = await probeUntil(
      async () => {
        const messages = await bus.receive("customer--created", { envelope: jsonBase });
        expect(messages).toHaveLength(1);
        return messages[0]?.payload;
      },
      { timeout: 3_000, alias: "CustomerCreated emitted" },
    );
    expect(event).toEqual({ customer_id: "c-1", name: "John Doe" });
    // #endregion probe
    bus.close();
  });

  it("waits for the exact call of a consumer method instead of polling its side effects", async () => {
    // #region lock
    const saved = new Map<string, string>();
    const consumer = {
      async handle(order: { id: string }) {
        saved.set(order.id, "saved");
      },
    };
    using handle = probeMethod(consumer, "handle"); // wraps the real method; restored at the end of scope

    setImmediate(() => void consumer.handle({ id: "o-1" })); // a message arrives later

    const call = await handle.nextCall({ timeout: 1_000 }); // resolves when the call has *finished*
    expect(call.type).toBe("returned");
    expect(call.args[0]).toEqual({ id: "o-1" });
    expect(saved.get("o-1")).toBe("saved");
    // #endregion lock
  });

  it("keeps the README blocks identical to the regions above", () => {
    const source = readFileSync(new URL(import.meta.url), "utf8");
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    for (const name of ["probe", "lock"]) {
      const match = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion ${name}`).exec(source);
      const block = (match?.[1] ?? "").replace(/^ {4}/gm, "");
      expect(block.length).toBeGreaterThan(0);
      expect(readme, `README quick start block "${name}"`).toContain(block);
    }
  });
});
