import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startAwsEmulator } from "../emulator.js";
import { applyTopology } from "./apply-topology.js";
import { loadTopology, parseTopology } from "./topology.js";

function invalid(document: unknown): string {
  try {
    parseTopology(document);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the topology to be rejected");
}

describe("parseTopology", () => {
  it("accepts the customers example layout", () => {
    const topology = parseTopology({
      topics: ["order--created"],
      queues: [{ name: "orders", dlq: { name: "orders--dlq", maxReceiveCount: 3 } }, { name: "plain" }],
      subscriptions: [{ topic: "order--created", queue: "orders", raw: false }],
    });
    expect(topology.queues[0]?.dlq).toEqual({ name: "orders--dlq", maxReceiveCount: 3 });
    expect(topology.topics).toEqual([{ name: "order--created" }]);
    expect(topology.subscriptions[0]).toEqual({ topic: "order--created", queue: "orders", raw: false });
  });

  it("names the entry when an entry is invalid", () => {
    expect(invalid([])).toBe("the file must hold a JSON object");
    expect(invalid({ queue: [] })).toBe('the file has an unknown key "queue"');
    expect(invalid({ queues: [{ name: "q", dlq: { name: "d", maxReceiveCount: 0 } }] })).toBe(
      "queues[0].dlq.maxReceiveCount must be an integer 1-1000",
    );
    expect(invalid({ queues: [{ name: "bad name" }] })).toMatch(/^queues\[0\]\.name must be a name/);
    expect(invalid({ queues: ["q", "q"] })).toBe('queues[1] repeats the queue "q"');
    expect(invalid({ topics: ["t"], subscriptions: [{ topic: "t", queue: "missing" }] })).toBe(
      'subscriptions[0].queue "missing" is not listed in "queues"',
    );
    expect(invalid({ queues: ["q"], subscriptions: [{ topic: "nope", queue: "q" }] })).toBe(
      'subscriptions[0].topic "nope" is not listed in "topics"',
    );
    expect(invalid({ topics: ["t"], queues: ["q"], subscriptions: [{ topic: "t", queue: "q", raw: "yes" }] })).toBe(
      "subscriptions[0].raw must be true or false",
    );
  });
});

describe("loadTopology", () => {
  it("prefixes the path when the file is missing, not JSON or invalid", async () => {
    const dir = await mkdtemp(join(tmpdir(), "probity-topology-"));
    await expect(loadTopology(join(dir, "none.json"))).rejects.toThrow(
      /none\.json: cannot read the file \(no such file\)/,
    );
    await writeFile(join(dir, "broken.json"), "{ nope");
    await expect(loadTopology(join(dir, "broken.json"))).rejects.toThrow(/broken\.json: not valid JSON/);
    await writeFile(join(dir, "bad.json"), '{"queues": 1}');
    await expect(loadTopology(join(dir, "bad.json"))).rejects.toThrow(/bad\.json: queues must be an array/);
  });
});

describe("applyTopology", () => {
  it("creates the DLQ and wires the RedrivePolicy when a queue declares one", async () => {
    await using aws = await startAwsEmulator({ port: 0 });
    const summary = await applyTopology(
      aws,
      parseTopology({
        queues: [
          { name: "work", attributes: { VisibilityTimeout: "5" }, dlq: { name: "work--dlq", maxReceiveCount: 2 } },
        ],
      }),
    );
    expect(summary).toMatchObject({ queues: 2 });
    const work = aws.sqs.queue("work");
    expect(work?.attributes.VisibilityTimeout).toBe("5");
    expect(JSON.parse(work?.attributes.RedrivePolicy ?? "{}")).toEqual({
      deadLetterTargetArn: aws.sqs.queue("work--dlq")?.arn,
      maxReceiveCount: 2,
    });
  });

  it("names the queue and the AWS error when a creation fails", async () => {
    await using aws = await startAwsEmulator({ port: 0 });
    await expect(
      applyTopology(aws, parseTopology({ queues: [{ name: "q", attributes: { VisibilityTimeout: "-4" } }] })),
    ).rejects.toThrow(/^queue "q": CreateQueue: InvalidAttributeValue/);
  });
});
