import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QUEUES, TOPICS } from "./names.js";

interface Topology {
  topics: string[];
  queues: { name: string; dlq?: { name: string; maxReceiveCount: number } }[];
  subscriptions: { topic: string; queue: string; raw: boolean }[];
}

const topology = JSON.parse(readFileSync(new URL("../../topology.json", import.meta.url), "utf8")) as Topology;

describe("topology.json", () => {
  it("declares every topic the services publish or consume", () => {
    expect(topology.topics).toEqual(expect.arrayContaining(Object.values(TOPICS)));
  });

  it("declares the consumer queue with its DLQ and a non-raw subscription as the Customer service creates them", () => {
    expect(topology.queues).toContainEqual({
      name: QUEUES.customerOrderCreated,
      dlq: { name: QUEUES.customerOrderCreatedDlq, maxReceiveCount: 3 },
    });
    expect(topology.subscriptions).toContainEqual({
      topic: TOPICS.orderCreated,
      queue: QUEUES.customerOrderCreated,
      raw: false,
    });
  });

  it("only subscribes queues it declares", () => {
    const queues = new Set(topology.queues.map((queue) => queue.name));
    for (const subscription of topology.subscriptions) expect(queues).toContain(subscription.queue);
  });
});
