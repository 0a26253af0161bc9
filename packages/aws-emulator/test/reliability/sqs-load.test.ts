/**
 * No loss, no duplicates under concurrency: 4 producers and 16 long-polling SDK v3 consumers against an
 * emulator in its own process, for a standard queue (with and without consumer crashes and a DLQ) and a
 * FIFO queue with 50 message groups. Sizes: 20,000 messages × `RELIABILITY_SCALE`.
 */

import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChildEmulator,
  RELIABILITY_SCALE,
  scaled,
  sqsClient,
  startChildEmulator,
} from "./support/child-emulator.js";
import { type LoadResult, parseBody, runLoad } from "./support/sqs-load.js";

const TOTAL = scaled(20_000, 200);
const PRODUCERS = 4;
const CONSUMERS = 16;
const MAX_RECEIVE_COUNT = 3;

let server: ChildEmulator;
let admin: SQSClient;
let queueCounter = 0;

beforeAll(async () => {
  server = await startChildEmulator();
  admin = sqsClient(server.endpoint);
});

afterAll(async () => {
  admin?.destroy();
  await server?.terminate();
});

async function createQueue(fifo: boolean, attributes: Record<string, string> = {}): Promise<string> {
  const name = `load-${++queueCounter}${fifo ? ".fifo" : ""}`;
  const { QueueUrl } = await admin.send(
    new CreateQueueCommand({ QueueName: name, Attributes: { ...(fifo ? { FifoQueue: "true" } : {}), ...attributes } }),
  );
  return QueueUrl as string;
}

async function withDeadLetterQueue(fifo: boolean, visibilityTimeout: string): Promise<[string, string]> {
  const dlq = await createQueue(fifo);
  const { Attributes } = await admin.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ["QueueArn"] }),
  );
  const queue = await createQueue(fifo, {
    VisibilityTimeout: visibilityTimeout,
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: MAX_RECEIVE_COUNT }),
  });
  return [queue, dlq];
}

async function backlog(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await admin.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed)
  );
}

function report(name: string, result: LoadResult): void {
  const rate = Math.round((result.sent.length / result.elapsedMs) * 1000);
  console.info(
    `[reliability] ${name}: ${result.sent.length} messages (scale ${RELIABILITY_SCALE}) in ${Math.round(result.elapsedMs)} ms = ${rate} msg/s, ${result.receiveCalls} receive calls, ${result.crashes} crashes`,
  );
}

/** Every sent body was received, none unknown was received, and the deleted/dead-lettered ones are disjoint. */
function expectAccountedFor(result: LoadResult): void {
  expect(result.sent).toHaveLength(TOTAL);
  expect(new Set(result.sent).size).toBe(TOTAL);
  const sent = new Set(result.sent);
  expect([...result.logs.keys()].filter((body) => !sent.has(body))).toEqual([]);
  const missing = result.sent.filter((body) => {
    const log = result.logs.get(body);
    return log === undefined || (log.deleteIssued === undefined && log.deadLettered === 0);
  });
  expect(missing).toEqual([]);
}

/** Crash runs: a message is received until one receive does not crash, or dead-lettered after maxReceiveCount. */
function expectRedriveExactlyOnce(result: LoadResult): { deadLettered: number } {
  const problems: string[] = [];
  let deadLettered = 0;
  for (const [body, log] of result.logs) {
    if (log.deadLettered > 1) problems.push(`${body} dead-lettered ${log.deadLettered} times`);
    if (log.deadLettered === 1) {
      deadLettered++;
      if (log.deleteIssued !== undefined) problems.push(`${body} deleted and dead-lettered`);
      if (log.receives.length !== MAX_RECEIVE_COUNT || log.receives.some((receive) => !receive.crashed)) {
        problems.push(`${body} dead-lettered after ${log.receives.length} receives`);
      }
    } else {
      const last = log.receives[log.receives.length - 1];
      if (last === undefined || last.crashed) problems.push(`${body} never processed`);
      if (log.receives.slice(0, -1).some((receive) => !receive.crashed)) problems.push(`${body} received after delete`);
    }
    if (log.receives.length > MAX_RECEIVE_COUNT) problems.push(`${body} received ${log.receives.length} times`);
    log.receives.forEach((receive, n) => {
      if (receive.receiveCount !== n + 1) problems.push(`${body} receive ${n + 1} had count ${receive.receiveCount}`);
    });
  }
  expect(problems.slice(0, 20)).toEqual([]);
  return { deadLettered };
}

/**
 * FIFO: a message of a group is handed out only after every earlier one was deleted or dead-lettered, or
 * earlier in the same receive batch.
 */
function expectGroupOrder(result: LoadResult): void {
  const problems: string[] = [];
  const byGroup = new Map<
    number,
    Array<{ seq: number; log: typeof result.logs extends Map<string, infer L> ? L : never }>
  >();
  for (const [body, log] of result.logs) {
    const { group, seq } = parseBody(body);
    let list = byGroup.get(group);
    if (list === undefined) {
      list = [];
      byGroup.set(group, list);
    }
    list[seq] = { seq, log };
  }
  for (const [group, list] of byGroup) {
    for (const [seq, item] of list.entries()) {
      if (item === undefined) continue;
      for (const receive of item.log.receives) {
        for (let earlier = 0; earlier < seq; earlier++) {
          const before = list[earlier]?.log;
          const sameBatch = before?.receives.some((r) => r.batch === receive.batch && r.index < receive.index) ?? false;
          const done =
            sameBatch ||
            (before !== undefined && (before.deadLettered > 0 || (before.deleteIssued ?? Infinity) < receive.index));
          if (!done) problems.push(`group ${group}: ${seq} received while ${earlier} was pending`);
        }
        if (problems.length > 20) break;
      }
    }
  }
  expect(problems.slice(0, 20)).toEqual([]);
}

describe("SQS under concurrent SDK clients", () => {
  it("delivers every message exactly once when consumers delete within the visibility timeout", async () => {
    const queueUrl = await createQueue(false);
    const result = await runLoad({
      client: () => sqsClient(server.endpoint),
      queueUrl,
      total: TOTAL,
      producers: PRODUCERS,
      consumers: CONSUMERS,
      deadlineMs: 300_000,
    });
    report("standard, no crashes", result);
    expectAccountedFor(result);
    const duplicates = [...result.logs].filter(([, log]) => log.receives.length !== 1).map(([body]) => body);
    expect(duplicates).toEqual([]);
    expect(await backlog(queueUrl)).toBe(0);
  });

  it("redelivers crashed messages and dead-letters each exactly once when consumers crash", async () => {
    const [queueUrl, dlqUrl] = await withDeadLetterQueue(false, "1");
    const result = await runLoad({
      client: () => sqsClient(server.endpoint),
      queueUrl,
      deadLetterQueueUrl: dlqUrl,
      total: TOTAL,
      producers: PRODUCERS,
      consumers: CONSUMERS,
      crashRate: 0.3,
      seed: 7,
      deadlineMs: 300_000,
    });
    report("standard, 30% crashes, maxReceiveCount 3", result);
    expectAccountedFor(result);
    const { deadLettered } = expectRedriveExactlyOnce(result);
    console.info(`[reliability]   dead-lettered ${deadLettered} of ${TOTAL}`);
    expect(deadLettered).toBeGreaterThan(0);
    expect(await backlog(queueUrl)).toBe(0);
    expect(await backlog(dlqUrl)).toBe(0);
  });

  it("keeps per-group order with 50 groups when consumers delete in time", async () => {
    const queueUrl = await createQueue(true);
    const result = await runLoad({
      client: () => sqsClient(server.endpoint),
      queueUrl,
      total: TOTAL,
      producers: PRODUCERS,
      consumers: CONSUMERS,
      groups: 50,
      deadlineMs: 300_000,
    });
    report("FIFO 50 groups, no crashes", result);
    expectAccountedFor(result);
    expect([...result.logs].filter(([, log]) => log.receives.length !== 1).map(([body]) => body)).toEqual([]);
    expectGroupOrder(result);
  });

  it("keeps per-group order and dead-letters exactly once when FIFO consumers crash", async () => {
    const [queueUrl, dlqUrl] = await withDeadLetterQueue(true, "1");
    const result = await runLoad({
      client: () => sqsClient(server.endpoint),
      queueUrl,
      deadLetterQueueUrl: dlqUrl,
      total: scaled(5_000, 200),
      producers: PRODUCERS,
      consumers: CONSUMERS,
      groups: 50,
      crashRate: 0.2,
      seed: 11,
      deadlineMs: 300_000,
    });
    report("FIFO 50 groups, 20% crashes, maxReceiveCount 3", result);
    expect(result.sent).toHaveLength(scaled(5_000, 200));
    expectRedriveExactlyOnce(result);
    expectGroupOrder(result);
    expect(await backlog(queueUrl)).toBe(0);
  });
});
