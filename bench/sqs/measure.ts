/**
 * @module bench/sqs/measure
 * The SQS measurements, each against a server endpoint through AWS SDK v3 (the client users run).
 * Deliberate real waits here are the subject of the measurement (long-poll wake latency) and are marked.
 */
import { readFileSync } from "node:fs";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { median, percentile } from "../lib/report.js";

/** Runs `task(i)` for i in 0..total-1 with at most `concurrency` in flight; returns elapsed ms. */
export async function pool(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return performance.now() - started;
}

/** A message body of `bytes` ASCII characters. */
export const body = (bytes: number, seed: number): string => `${seed}:`.padEnd(bytes, "x");

export async function createQueue(sqs: SQSClient, name: string): Promise<string> {
  const created = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (created.QueueUrl === undefined) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  return created.QueueUrl;
}

/** SendMessage calls per second at `concurrency`. */
export async function sendThroughput(sqs: SQSClient, url: string, count: number, concurrency: number): Promise<number> {
  return (count / (await sendElapsed(sqs, url, count, concurrency))) * 1000;
}

/** Milliseconds `count` SendMessage calls take at `concurrency`. */
export function sendElapsed(sqs: SQSClient, url: string, count: number, concurrency: number): Promise<number> {
  return pool(count, concurrency, async (i) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body(100, i) }));
  });
}

/** Fills `url` with `count` messages in batches of 10 at `concurrency`; returns messages per second. */
export async function batchThroughput(
  sqs: SQSClient,
  url: string,
  count: number,
  concurrency: number,
  bytes = 100,
): Promise<number> {
  return (count / (await batchElapsed(sqs, url, count, concurrency, bytes))) * 1000;
}

/** Milliseconds it takes to send `count` messages to `url` in batches of 10 at `concurrency`. */
export function batchElapsed(
  sqs: SQSClient,
  url: string,
  count: number,
  concurrency: number,
  bytes = 100,
): Promise<number> {
  const batches = Math.ceil(count / 10);
  return pool(batches, concurrency, async (b) => {
    const entries = Array.from({ length: Math.min(10, count - b * 10) }, (_, i) => ({
      Id: `m${i}`,
      MessageBody: body(bytes, b * 10 + i),
    }));
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    if ((sent.Failed ?? []).length > 0) throw new Error(`SendMessageBatch failed: ${JSON.stringify(sent.Failed)}`);
  });
}

/** Receives (10 at a time) and batch-deletes `count` messages with `concurrency` workers; messages per second. */
export async function drainRate(sqs: SQSClient, url: string, count: number, concurrency: number): Promise<number> {
  let deleted = 0;
  let emptyReceives = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (deleted < count && emptyReceives < 50) {
      const got = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          VisibilityTimeout: 60,
        }),
      );
      const messages = got.Messages ?? [];
      if (messages.length === 0) {
        emptyReceives++;
        continue;
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
        }),
      );
      deleted += messages.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  if (deleted < count) throw new Error(`drain: deleted ${deleted} of ${count} messages`);
  return (deleted / elapsed) * 1000;
}

/**
 * Long-poll wake latency: a ReceiveMessage(WaitTimeSeconds 20) waits on an empty queue; after the server has
 * had time to park it, a SendMessage starts; latency = send start -> the waiting receive resolves.
 */
export async function longPollWake(
  receiver: SQSClient,
  sender: SQSClient,
  url: string,
  rounds: number,
): Promise<{ median: number; p95: number }> {
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const waiting = receiver.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    // probity-allow-sleep: let the receive reach the server and park before the send (the thing measured).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sendStart = performance.now();
    const [got] = await Promise.all([
      waiting.then((result) => ({ result, at: performance.now() })),
      sender.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body(100, round) })),
    ]);
    const message = got.result.Messages?.[0];
    if (message === undefined) throw new Error("long poll returned no message");
    latencies.push(got.at - sendStart);
    await receiver.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
  }
  return { median: median(latencies), p95: percentile(latencies, 95) };
}

/** Milliseconds of one send + receive + delete on `url` (whatever message the receive returns). */
async function roundTrip(sqs: SQSClient, url: string, seed: number): Promise<number> {
  const started = performance.now();
  await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body(100, seed) }));
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0, VisibilityTimeout: 60 }));
  const message = got.Messages?.[0];
  if (message === undefined) throw new Error("receive returned no message");
  await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
  return performance.now() - started;
}

/**
 * Median ms of one sequential send + receive + delete on a shallow and on a deep queue. The two queues
 * take turns round by round (the order flips every round) after `rounds / 10` warm-up rounds each, so JIT
 * warm-up and the machine's load drift fall on both alike. The receive takes the oldest message, so the
 * deep queue keeps its depth.
 */
export async function depthCosts(
  sqs: SQSClient,
  shallowUrl: string,
  deepUrl: string,
  rounds: number,
): Promise<{ shallow: number; deep: number }> {
  const warmUp = Math.max(1, Math.floor(rounds / 10));
  for (let round = 0; round < warmUp; round++) {
    await roundTrip(sqs, shallowUrl, round);
    await roundTrip(sqs, deepUrl, round);
  }
  const shallow: number[] = [];
  const deep: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      shallow.push(await roundTrip(sqs, shallowUrl, round));
      deep.push(await roundTrip(sqs, deepUrl, round));
    } else {
      deep.push(await roundTrip(sqs, deepUrl, round));
      shallow.push(await roundTrip(sqs, shallowUrl, round));
    }
  }
  return { shallow: median(shallow), deep: median(deep) };
}

/** Total messages and elapsed ms of a rate measurement split into segments. */
interface Tally {
  messages: number;
  ms: number;
}

/**
 * Measures a rate against two servers in alternating segments (a b, b a, a b, …) so both see the same
 * machine load and neither always goes first; returns each server's overall messages per second.
 * @param run - sends `count` messages to one server and returns the elapsed ms.
 */
export async function interleavedRates(
  segments: number,
  perSegment: number,
  run: (server: 0 | 1, count: number) => Promise<number>,
): Promise<[number, number]> {
  const tallies: [Tally, Tally] = [
    { messages: 0, ms: 0 },
    { messages: 0, ms: 0 },
  ];
  for (let segment = 0; segment < segments; segment++) {
    for (const server of segment % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
      tallies[server].ms += await run(server, perSegment);
      tallies[server].messages += perSegment;
    }
  }
  return [(tallies[0].messages / tallies[0].ms) * 1000, (tallies[1].messages / tallies[1].ms) * 1000];
}

/** CPU time (user + system, ms) process `pid` has used so far (Linux /proc; 10 ms ticks), or NaN. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of process `pid` in bytes (Linux /proc), or NaN where /proc is absent. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match?.[1] === undefined ? Number.NaN : Number(match[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}
