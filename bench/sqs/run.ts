/**
 * @module bench/sqs/run
 * `npm run bench -- sqs`: measures every SQS target in TARGETS in the same run with AWS SDK v3 (startup,
 * SendMessage and SendMessageBatch throughput at concurrency 16, receive+delete drain rate, long-poll wake
 * latency, RSS per stored message, send+receive+delete cost on a deep vs a shallow queue) and rewrites the
 * `sqs` section of docs/benchmarks.md.
 */
import { randomUUID } from "node:crypto";
import { fmt, machine, median, table, writeSection } from "../lib/report.js";
import {
  batchThroughput,
  createQueue,
  drainRate,
  longPollWake,
  roundTripCost,
  rssBytes,
  sendThroughput,
} from "./measure.js";
import { type BenchTarget, benchClient, embeddedTarget, motoTarget } from "./targets.js";

/**
 * Targets, measured in this order; the report's ratio column compares the first with the last. The embedded
 * emulator goes first as `embeddedTarget("emulator", "probity-aws-emulator", "startAwsEmulator")`.
 */
const TARGETS: readonly BenchTarget[] = [
  embeddedTarget("emulator", "probity-aws-emulator", "startAwsEmulator"),
  motoTarget(),
];

const CONCURRENCY = 16;
const BODY_BYTES = 100;

interface Result {
  startupMs: number;
  sendPerSecond: number;
  batchMessagesPerSecond: number;
  drainPerSecond: number;
  longPollMedianMs: number;
  longPollP95Ms: number;
  shallowCostMs: number;
  deepCostMs: number;
  rssBaselineBytes: number;
  rssAfterBytes: number;
}

async function measure(target: BenchTarget): Promise<Result> {
  const { counts } = target;
  const log = (what: string): void => console.log(`  ${target.name}: ${what}`);

  const startups: number[] = [];
  for (let run = 0; run < counts.startupRuns; run++) startups.push(await target.measureStartup());
  log(`startup median ${fmt(median(startups))} ms`);

  const server = await target.start();
  const sqs = benchClient(server.endpoint);
  const receiver = benchClient(server.endpoint);
  try {
    const prefix = `bench-${randomUUID().slice(0, 8)}`;
    const warm = await createQueue(sqs, `${prefix}-warm`);
    await sendThroughput(sqs, warm, CONCURRENCY * 2, CONCURRENCY);

    const sendPerSecond = await sendThroughput(
      sqs,
      await createQueue(sqs, `${prefix}-send`),
      counts.sends,
      CONCURRENCY,
    );
    log(`SendMessage ${fmt(sendPerSecond, 0)}/s`);
    const batchQueue = await createQueue(sqs, `${prefix}-batch`);
    const batchMessagesPerSecond = await batchThroughput(
      sqs,
      batchQueue,
      counts.batchMessages,
      CONCURRENCY,
      BODY_BYTES,
    );
    log(`SendMessageBatch ${fmt(batchMessagesPerSecond, 0)} messages/s`);
    const drainPerSecond = await drainRate(sqs, batchQueue, counts.batchMessages, CONCURRENCY);
    log(`drain ${fmt(drainPerSecond, 0)} messages/s`);

    const longPoll = await longPollWake(
      receiver,
      sqs,
      await createQueue(sqs, `${prefix}-long-poll`),
      counts.longPollRounds,
    );
    log(`long-poll wake median ${fmt(longPoll.median)} ms, p95 ${fmt(longPoll.p95)} ms`);

    const shallowCostMs = await roundTripCost(sqs, await createQueue(sqs, `${prefix}-shallow`), counts.depthRounds);
    const deep = await createQueue(sqs, `${prefix}-deep`);
    await batchThroughput(sqs, deep, counts.depth, CONCURRENCY, BODY_BYTES);
    const deepCostMs = await roundTripCost(sqs, deep, counts.depthRounds);
    log(`send+receive+delete ${fmt(shallowCostMs)} ms shallow, ${fmt(deepCostMs)} ms at depth ${counts.depth}`);

    const memory = await measureMemory(target);
    log(`RSS ${fmt(memory.rssBaselineBytes / 2 ** 20, 1)} -> ${fmt(memory.rssAfterBytes / 2 ** 20, 1)} MiB`);
    return {
      startupMs: median(startups),
      sendPerSecond,
      batchMessagesPerSecond,
      drainPerSecond,
      longPollMedianMs: longPoll.median,
      longPollP95Ms: longPoll.p95,
      shallowCostMs,
      deepCostMs,
      ...memory,
    };
  } finally {
    sqs.destroy();
    receiver.destroy();
    await server.stop();
  }
}

/** RSS of a fresh server process before and after storing `rssMessages` messages of BODY_BYTES each. */
async function measureMemory(target: BenchTarget): Promise<Pick<Result, "rssBaselineBytes" | "rssAfterBytes">> {
  const server = await target.start();
  const sqs = benchClient(server.endpoint);
  try {
    const url = await createQueue(sqs, "rss");
    await batchThroughput(sqs, url, CONCURRENCY * 10, CONCURRENCY, BODY_BYTES);
    const rssBaselineBytes = rssBytes(server.pid);
    await batchThroughput(sqs, url, target.counts.rssMessages, CONCURRENCY, BODY_BYTES);
    return { rssBaselineBytes, rssAfterBytes: rssBytes(server.pid) };
  } finally {
    sqs.destroy();
    await server.stop();
  }
}

function report(results: ReadonlyMap<BenchTarget, Result>): string {
  const measured = [...results.keys()];
  const first = measured[0];
  const last = measured[measured.length - 1];
  const compare = first !== undefined && last !== undefined && first !== last;
  const row = (
    label: string,
    value: (result: Result, target: BenchTarget) => string,
    ratio?: (a: Result, b: Result) => number,
  ): string[] => {
    const cells = measured.map((target) => value(results.get(target) as Result, target));
    if (compare) {
      const a = results.get(first) as Result;
      const b = results.get(last) as Result;
      cells.push(ratio === undefined ? "" : `${fmt(ratio(a, b), 1)}×`);
    }
    return [label, ...cells];
  };
  const perMessage = (r: Result, t: BenchTarget) => (r.rssAfterBytes - r.rssBaselineBytes) / t.counts.rssMessages;
  const header = [
    "measurement",
    ...measured.map((t) => t.name),
    ...(compare ? [`${first?.name} vs ${last?.name}`] : []),
  ];
  const rows = [
    row(
      "startup → first answered ListQueues (median, ms)",
      (r) => fmt(r.startupMs, 1),
      (a, b) => b.startupMs / a.startupMs,
    ),
    row(
      `SendMessage, SDK v3, concurrency ${CONCURRENCY} (messages/s)`,
      (r, t) => `${fmt(r.sendPerSecond, 0)} (${t.counts.sends} sent)`,
      (a, b) => a.sendPerSecond / b.sendPerSecond,
    ),
    row(
      `SendMessageBatch ×10, concurrency ${CONCURRENCY} (messages/s)`,
      (r, t) => `${fmt(r.batchMessagesPerSecond, 0)} (${t.counts.batchMessages} sent)`,
      (a, b) => a.batchMessagesPerSecond / b.batchMessagesPerSecond,
    ),
    row(
      `receive ×10 + DeleteMessageBatch drain, ${CONCURRENCY} workers (messages/s)`,
      (r) => fmt(r.drainPerSecond, 0),
      (a, b) => a.drainPerSecond / b.drainPerSecond,
    ),
    row(
      "long-poll wake: send start → waiting receive returns (median ms)",
      (r, t) => `${fmt(r.longPollMedianMs)} (${t.counts.longPollRounds} rounds)`,
      (a, b) => b.longPollMedianMs / a.longPollMedianMs,
    ),
    row(
      "long-poll wake (p95 ms)",
      (r) => fmt(r.longPollP95Ms),
      (a, b) => b.longPollP95Ms / a.longPollP95Ms,
    ),
    row(
      "send + receive + delete, shallow queue (ms)",
      (r, t) => `${fmt(r.shallowCostMs)} (${t.counts.depthRounds} rounds)`,
      (a, b) => b.shallowCostMs / a.shallowCostMs,
    ),
    row(
      "send + receive + delete, deep queue (ms)",
      (r, t) => `${fmt(r.deepCostMs)} (depth ${t.counts.depth})`,
      (a, b) => b.deepCostMs / a.deepCostMs,
    ),
    row("deep ÷ shallow cost", (r) => `${fmt(r.deepCostMs / r.shallowCostMs)}×`),
    row(
      `server RSS after storing N messages of ${BODY_BYTES} B (MiB)`,
      (r, t) =>
        `${fmt(r.rssAfterBytes / 2 ** 20, 1)} (N = ${t.counts.rssMessages}, baseline ${fmt(r.rssBaselineBytes / 2 ** 20, 1)})`,
    ),
    row("RSS growth per stored message (bytes, body included)", (r, t) => fmt(perMessage(r, t), 0)),
  ];
  const skipped = TARGETS.filter((t) => t.unavailableReason !== undefined).map(
    (t) => `- ${t.name}: skipped (${t.unavailableReason})`,
  );
  return [
    "## SQS (`npm run bench -- sqs`)",
    "",
    `Machine: ${machine()}.`,
    "",
    "Every server runs in its own process (its RSS is read from `/proc/<pid>/status`); the load comes from AWS SDK v3",
    "`@aws-sdk/client-sqs` in the benchmark process (default settings, MD5 checks on, no retries). Rates are per",
    "second; numbers in parentheses are the work done — slow targets get smaller counts (bench/sqs/targets.ts), so",
    "compare rates and costs, not totals. moto's costs grow with queue depth, so its rates depend on those counts.",
    "The long-poll rounds wait 100 ms after issuing the receive before sending, so the receive is parked.",
    "",
    table(header, rows),
    ...(skipped.length > 0 ? ["", ...skipped] : []),
  ].join("\n");
}

const results = new Map<BenchTarget, Result>();
for (const target of TARGETS) {
  if (target.unavailableReason !== undefined) {
    console.log(`  ${target.name}: skipped (${target.unavailableReason})`);
    continue;
  }
  const started = performance.now();
  results.set(target, await measure(target));
  console.log(`  ${target.name}: measured in ${fmt((performance.now() - started) / 1000, 1)} s`);
}
const markdown = report(results);
console.log(`\n${markdown}`);
writeSection("sqs", markdown);
