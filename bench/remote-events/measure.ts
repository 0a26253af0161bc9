/**
 * @module bench/remote-events/measure
 * How fast `drained()` reacts in a vitest worker: the emulator runs in another process (as in a
 * `globalSetup`), the client reaches it through `remote()`, once with `capabilities.events` (woken by
 * `GET /_probity/events`) and once without (polling `GetQueueAttributes` every 50 ms). A consumer
 * deletes the message at a random moment; the reaction is the time from just before its
 * `DeleteMessage` to `drained()` resolving. Not part of `npm run bench` (no `run.ts`): run it by hand
 * with `node --import tsx --conditions=probity-source bench/remote-events/measure.ts [runs]`.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { DeleteMessageCommand } from "@aws-sdk/client-sqs";
import { type Backend, remote, SnsSqsTestClient } from "probity-aws";

const runs = Number(process.argv[2] ?? 40);
const root = fileURLToPath(new URL("../../", import.meta.url));

const emulator = spawn(
  process.execPath,
  ["--import", "tsx", "--conditions=probity-source", `${root}packages/aws-emulator/src/cli.ts`, "--port", "0"],
  { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
);
const [ready] = (await once(createInterface({ input: emulator.stdout }), "line")) as [string];
const endpoint = /https?:\/\/[^\s;]+/.exec(ready)?.[0] ?? "";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2);
  return `${label.padEnd(38)} median ${f(percentile(sorted, 0.5))} ms  p90 ${f(percentile(sorted, 0.9))} ms  max ${f(sorted.at(-1) ?? Number.NaN)} ms  (n=${sorted.length})`;
}

async function measure(label: string, backend: Backend): Promise<void> {
  const bus = await SnsSqsTestClient.connect(backend);
  const consumer = await SnsSqsTestClient.connect(backend);
  const queue = await bus.createQueue(`bench-remote-events-${label}`);
  const reactions: number[] = [];
  const emptyCalls: number[] = [];
  const deletes: number[] = [];
  for (let run = 0; run < runs; run++) {
    await bus.send({ queue: queue.name, data: { run } });
    const drained = bus.drained(queue.name, { timeout: 5_000 }).then(() => performance.now());
    await sleep(10 + Math.random() * 50); // the consumer takes a while; the poller is at a random phase
    const [message] = await consumer.receive(queue.name, { max: 1, ack: false });
    const started = performance.now();
    await consumer.sqs.send(
      new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message?.raw.ReceiptHandle }),
    );
    deletes.push(performance.now() - started);
    reactions.push((await drained) - started);
    const emptyStarted = performance.now();
    await bus.drained(queue.name, { timeout: 5_000 });
    emptyCalls.push(performance.now() - emptyStarted);
  }
  console.log(summary(`${label}: delete -> drained()`, reactions));
  console.log(summary(`${label}: the DeleteMessage call alone`, deletes));
  console.log(summary(`${label}: drained() on an empty queue`, emptyCalls));
  bus.close();
  consumer.close();
  await backend.dispose();
}

try {
  await measure("events", remote({ endpoint, capabilities: { events: true, inspection: true } }));
  await measure("polling", remote({ endpoint, capabilities: { events: false, inspection: true } }));
} finally {
  emulator.kill();
}
