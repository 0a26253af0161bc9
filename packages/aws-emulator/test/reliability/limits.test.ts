/**
 * Resource limits and shutdown, each against an emulator in its own child process: abandoned long polls
 * leave no waiter or socket behind, memory returns near its baseline after many sent-and-deleted messages
 * and after retention expiry (virtual clock), and SIGTERM ends long polls with empty answers, refuses new
 * connections and lets the process exit on its own. Sizes scale with `RELIABILITY_SCALE`.
 */

import { Agent, type ClientRequest, request } from "node:http";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ChildEmulator,
  type ServerStats,
  scaled,
  sqsClient,
  startChildEmulator,
} from "./support/child-emulator.js";

const MB = 1_048_576;
let child: ChildEmulator | undefined;

afterEach(() => {
  child?.kill();
  child = undefined;
});

/** Re-reads the stats until `condition` holds (each read is a round trip, no timer), at most `reads` times. */
async function statsUntil(
  server: ChildEmulator,
  condition: (stats: ServerStats) => boolean,
  reads = 2_000,
): Promise<ServerStats> {
  let stats = await server.stats();
  for (let i = 0; i < reads && !condition(stats); i++) stats = await server.stats();
  if (!condition(stats)) throw new Error(`condition never held: ${JSON.stringify(stats)}`);
  return stats;
}

/** Starts a raw JSON long poll; resolves with the status and body when (if) it is answered. */
function longPoll(
  endpoint: string,
  queueUrl: string,
  agent: Agent,
): { request: ClientRequest; answer: Promise<{ status: number; body: string }> } {
  let outgoing!: ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    outgoing = request(
      `${endpoint}/`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ReceiveMessage" },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(JSON.stringify({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
  });
  return { request: outgoing, answer };
}

const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

describe("resource limits", () => {
  it("cleans up waiters and sockets when 1,000 long polls are abandoned", async () => {
    const server = await startChildEmulator({}, { exposeGc: true });
    child = server;
    const sqs = sqsClient(server.endpoint);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "abandoned" }));
    sqs.destroy();
    const before = await server.stats();
    const total = 1_000;
    const wave = 100;
    for (let done = 0; done < total; done += wave) {
      const agent = new Agent({ keepAlive: false, maxSockets: wave });
      const polls = Array.from({ length: wave }, () => longPoll(server.endpoint, QueueUrl as string, agent));
      for (const poll of polls) poll.answer.catch(() => undefined);
      await statsUntil(server, (stats) => stats.waitingReceives === wave);
      for (const poll of polls) poll.request.destroy();
      agent.destroy();
      await statsUntil(server, (stats) => stats.waitingReceives === 0);
    }
    const after = await statsUntil(
      server,
      (stats) => (stats.handles.TCPSocketWrap ?? 0) <= (before.handles.TCPSocketWrap ?? 0) + 1,
    );
    console.info(
      `[reliability] ${total} abandoned long polls: sockets ${before.handles.TCPSocketWrap} -> ${after.handles.TCPSocketWrap}, waiters 0, heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}`,
    );
    expect(after.waitingReceives).toBe(0);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * MB);
  });

  it("returns near its memory baseline after many messages are sent and deleted", async () => {
    const server = await startChildEmulator({}, { exposeGc: true });
    child = server;
    const total = scaled(100_000, 10_000);
    const body = "x".repeat(1_024);
    const admin = sqsClient(server.endpoint);
    const { QueueUrl } = await admin.send(new CreateQueueCommand({ QueueName: "churn" }));
    admin.destroy();
    const churn = async (count: number): Promise<void> => {
      const clients = Array.from({ length: 4 }, () => sqsClient(server.endpoint));
      await Promise.all(
        clients.map(async (sqs, worker) => {
          for (let sent = worker * 10; sent < count; sent += clients.length * 10) {
            await sqs.send(
              new SendMessageBatchCommand({
                QueueUrl,
                Entries: Array.from({ length: 10 }, (_, n) => ({ Id: `m${n}`, MessageBody: body })),
              }),
            );
            const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
            if (Messages.length > 0) {
              await sqs.send(
                new DeleteMessageBatchCommand({
                  QueueUrl,
                  Entries: Messages.map((m, n) => ({ Id: `d${n}`, ReceiptHandle: m.ReceiptHandle as string })),
                }),
              );
            }
          }
          sqs.destroy();
        }),
      );
      // Drain what the interleaving left behind.
      const sqs = sqsClient(server.endpoint);
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
        if (Messages.length === 0) break;
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: Messages.map((m, n) => ({ Id: `d${n}`, ReceiptHandle: m.ReceiptHandle as string })),
          }),
        );
      }
      sqs.destroy();
    };
    await churn(5_000); // warm-up: JIT, pools and buffers reach their steady size
    const baseline = await server.stats();
    const started = performance.now();
    await churn(total);
    const elapsed = performance.now() - started;
    const after = await statsUntil(server, (stats) => stats.messages === 0);
    console.info(
      `[reliability] ${total} messages sent+received+deleted in ${Math.round(elapsed)} ms: rss ${mb(baseline.rss)} -> ${mb(after.rss)}, heap ${mb(baseline.heapUsed)} -> ${mb(after.heapUsed)}`,
    );
    expect(after.heapUsed - baseline.heapUsed).toBeLessThan(16 * MB);
    expect(after.rss - baseline.rss).toBeLessThan(96 * MB);
  });

  it("frees message memory when retention expires on the virtual clock", async () => {
    const server = await startChildEmulator({ clock: "virtual" }, { exposeGc: true });
    child = server;
    const sqs = sqsClient(server.endpoint);
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: "retained", Attributes: { MessageRetentionPeriod: "60" } }),
    );
    const baseline = await server.stats();
    const count = scaled(2_000, 500);
    for (let i = 0; i < count; i += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: 10 }, (_, n) => ({ Id: `m${n}`, MessageBody: `${i + n}`.padEnd(60_000, "r") })),
        }),
      );
    }
    const full = await server.stats();
    await server.advance(61_000);
    const expired = await statsUntil(server, (stats) => stats.messages === 0);
    sqs.destroy();
    console.info(
      `[reliability] retention: ${count} × 60 KB: heap ${mb(baseline.heapUsed)} -> ${mb(full.heapUsed)} -> ${mb(expired.heapUsed)} after expiry`,
    );
    expect(full.messages).toBe(count);
    expect(full.heapUsed - baseline.heapUsed).toBeGreaterThan((count * 60_000) / 2);
    expect(expired.heapUsed - baseline.heapUsed).toBeLessThan(16 * MB);
  });
});

describe("shutdown", () => {
  it("ends long polls with empty answers, refuses new requests and exits on its own when sent SIGTERM", async () => {
    const server = await startChildEmulator();
    child = server;
    const sqs = sqsClient(server.endpoint);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "closing" }));
    sqs.destroy();
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const polls = Array.from({ length: 10 }, () => longPoll(server.endpoint, QueueUrl as string, agent));
    await statsUntil(server, (stats) => stats.waitingReceives === polls.length);
    const exit = server.terminate();
    const answers = await Promise.all(polls.map((poll) => poll.answer));
    expect(answers).toEqual(polls.map(() => ({ status: 200, body: "{}" })));
    expect(await exit).toEqual({ code: 0, signal: null });
    agent.destroy();
    await expect(fetch(`${server.endpoint}/_probity/health`)).rejects.toThrow();
  });
});
