import { describe, expect, it } from "vitest";
import { EmulatorEvents } from "./events.js";

const created = { accountId: "000000000000", region: "us-east-1", queueName: "q", queueArn: "arn", at: 1 };

describe("EmulatorEvents", () => {
  it("delivers to typed and wildcard listeners when emitted", () => {
    const events = new EmulatorEvents();
    const seen: string[] = [];
    events.on("sqs.queue-created", (e) => seen.push(`direct:${e.queueName}`));
    events.on("*", (e) => seen.push(`all:${e.type}`));
    events.emit("sqs.queue-created", created);
    expect(seen).toEqual(["direct:q", "all:sqs.queue-created"]);
  });

  it("reports nobody listening after unsubscribe", () => {
    const events = new EmulatorEvents();
    const off = events.on("sqs.queue-created", () => {});
    expect(events.has("sqs.queue-created")).toBe(true);
    off();
    expect(events.has("sqs.queue-created")).toBe(false);
  });

  it("isolates a throwing listener when emitting", () => {
    const errors: unknown[] = [];
    const events = new EmulatorEvents((error) => errors.push(error));
    let reached = false;
    events.on("sqs.queue-created", () => {
      throw new Error("boom");
    });
    events.on("sqs.queue-created", () => {
      reached = true;
    });
    events.emit("sqs.queue-created", created);
    expect(reached).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it("resolves once with the first matching event when filtered", async () => {
    const events = new EmulatorEvents();
    const next = events.once("sqs.queue-created", { filter: (e) => e.queueName === "b" });
    events.emit("sqs.queue-created", created);
    events.emit("sqs.queue-created", { ...created, queueName: "b" });
    await expect(next).resolves.toMatchObject({ type: "sqs.queue-created", queueName: "b" });
    expect(events.has("sqs.queue-created")).toBe(false);
  });

  it("rejects once with the abort reason when aborted", async () => {
    const events = new EmulatorEvents();
    const controller = new AbortController();
    const next = events.once("sqs.queue-created", { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(next).rejects.toThrow("stop");
    expect(events.has("sqs.queue-created")).toBe(false);
  });
});
