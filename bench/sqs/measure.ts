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
  const elapsed = await pool(count, concurrency, async (i) => {
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body(100, i) }));
  });
  return (count / elapsed) * 1000;
}

/** Fills `url` with `count` messages in batches of 10 at `concurrency`; returns messages per second. */
export async function batchThroughput(
  sqs: SQSClient,
  url: string,
  count: number,
  concurrency: number,
  bytes = 100,
): Promise<number> {
  const batches = Math.ceil(count / 10);
  const elapsed = await pool(batches, concurrency, async (b) => {
    const entries = Array.from({ length: Math.min(10, count - b * 10) }, (_, i) => ({
      Id: `m${i}`,
      MessageBody: body(bytes, b * 10 + i),
    }));
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    if ((sent.Failed ?? []).length > 0) throw new Error(`SendMessageBatch failed: ${JSON.stringify(sent.Failed)}`);
  });
  return (count / elapsed) * 1000;
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

/** Mean ms of one sequential send + receive + delete on `url` (whatever message the receive returns). */
export async function roundTripCost(sqs: SQSClient, url: string, rounds: number): Promise<number> {
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body(100, round) }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0, VisibilityTimeout: 60 }));
    const message = got.Messages?.[0];
    if (message === undefined) throw new Error("receive returned no message");
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
  }
  return (performance.now() - started) / rounds;
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
