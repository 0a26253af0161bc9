/**
 * @module bench/sqs/run
 * `npm run bench -- sqs`: measures every SQS target in TARGETS in the same run with AWS SDK v3 (startup,
 * SendMessage and SendMessageBatch throughput at concurrency 16, receive+delete drain rate, long-poll wake
 * latency, RSS per stored message, send+receive+delete cost on a deep vs a shallow queue), plus a null
 * server as the client's ceiling, and rewrites the `sqs` section of docs/benchmarks.md. The whole sequence
 * runs `BENCH_RUNS` times (default 2) so the report shows the spread on this shared, noisy machine.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { fmt, median, writeSection } from "../lib/report.js";
import {
  batchElapsed,
  cpuMs,
  createQueue,
  depthCosts,
  drainRate,
  interleavedRates,
  longPollWake,
  rssBytes,
  sendElapsed,
} from "./measure.js";
import { BODY_BYTES, CONCURRENCY, renderReport, SEGMENTS, type SqsResult } from "./report.js";
import {
  type BenchServer,
  type BenchTarget,
  benchClient,
  type ChildRuntime,
  embeddedTarget,
  motoTarget,
  startNullServer,
} from "./targets.js";

/**
 * Targets, measured in this order; the report's ratio column compares the first with the last. The first
 * one is also measured against the null server (the client's ceiling) in alternating segments.
 */
const TARGETS: readonly BenchTarget[] = [
  embeddedTarget("emulator", "probity-aws-emulator", "startAwsEmulator"),
  motoTarget(),
];

const RUNS = Number(process.env.BENCH_RUNS ?? 2);

/**
 * Builds the emulator's `dist/` (tsc -b, as `npm run build` does) so a fresh process can also be timed the
 * way an installed package starts: plain node, no TypeScript on the way.
 */
function buildDist(): boolean {
  const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));
  const project = fileURLToPath(new URL("../../packages/aws-emulator", import.meta.url));
  const built = spawnSync(process.execPath, [tsc, "-b", project], { stdio: "inherit" });
  if (built.status !== 0) console.log("  dist/ build failed: the dist startup row stays empty");
  return built.status === 0;
}
const DIST_BUILT = buildDist();

async function measure(target: BenchTarget, withCeiling: boolean): Promise<SqsResult> {
  const { counts } = target;
  const log = (what: string): void => console.log(`  ${target.name}: ${what}`);

  const startups: number[] = [];
  for (let run = 0; run < counts.startupRuns; run++) startups.push(await target.measureStartup());
  log(`startup median ${fmt(median(startups))} ms`);
  const processStartup = async (runtime: ChildRuntime): Promise<number | undefined> => {
    if (target.measureProcessStartup === undefined || (runtime === "dist" && !DIST_BUILT)) return undefined;
    const fresh: number[] = [];
    for (let run = 0; run < counts.startupRuns; run++) fresh.push(await target.measureProcessStartup(runtime));
    log(`fresh-process startup (${runtime}) median ${fmt(median(fresh))} ms`);
    return median(fresh);
  };
  const processStartupMs = await processStartup("source");
  const distStartupMs = await processStartup("dist");

  const server = await target.start();
  const ceiling = withCeiling ? await startNullServer() : undefined;
  const sqs = benchClient(server.endpoint);
  const receiver = benchClient(server.endpoint);
  const nullSqs = ceiling === undefined ? undefined : benchClient(ceiling.endpoint);
  try {
    const prefix = `bench-${randomUUID().slice(0, 8)}`;
    // Warm-up: lets the JIT compile the client's and the server's request paths before anything is timed.
    const warm = await createQueue(sqs, `${prefix}-warm`);
    await sendElapsed(sqs, warm, Math.ceil(counts.sends / 10), CONCURRENCY);
    await batchElapsed(sqs, warm, Math.ceil(counts.batchMessages / 10), CONCURRENCY, BODY_BYTES);
    const sendQueue = await createQueue(sqs, `${prefix}-send`);
    const batchQueue = await createQueue(sqs, `${prefix}-batch`);

    let sendPerSecond: number;
    let batchMessagesPerSecond: number;
    let ceilingSendPerSecond: number | undefined;
    let ceilingBatchPerSecond: number | undefined;
    let serverCpuPerSendUs: number | undefined;
    let ceilingCpuPerSendUs: number | undefined;
    let clientCpuPerSendUs: number | undefined;
    let ceilingClientCpuPerSendUs: number | undefined;
    if (nullSqs === undefined) {
      sendPerSecond = (counts.sends / (await sendElapsed(sqs, sendQueue, counts.sends, CONCURRENCY))) * 1000;
      batchMessagesPerSecond =
        (counts.batchMessages / (await batchElapsed(sqs, batchQueue, counts.batchMessages, CONCURRENCY, BODY_BYTES))) *
        1000;
    } else {
      const nullQueue = await createQueue(nullSqs, "null");
      await sendElapsed(nullSqs, nullQueue, Math.ceil(counts.sends / 10), CONCURRENCY);
      await batchElapsed(nullSqs, nullQueue, Math.ceil(counts.batchMessages / 10), CONCURRENCY, BODY_BYTES);
      const cpu: [number, number] = [0, 0];
      const clientCpu: [number, number] = [0, 0];
      const pids = [server.pid, ceiling?.pid ?? -1] as const;
      [sendPerSecond, ceilingSendPerSecond] = await interleavedRates(
        SEGMENTS,
        counts.sends / SEGMENTS,
        async (i, n) => {
          const before = cpuMs(pids[i]);
          const clientBefore = process.cpuUsage();
          const elapsed = await (i === 0
            ? sendElapsed(sqs, sendQueue, n, CONCURRENCY)
            : sendElapsed(nullSqs, nullQueue, n, CONCURRENCY));
          cpu[i] += cpuMs(pids[i]) - before;
          const client = process.cpuUsage(clientBefore);
          clientCpu[i] += (client.user + client.system) / 1000;
          return elapsed;
        },
      );
      [serverCpuPerSendUs, ceilingCpuPerSendUs] = cpu.map((ms) => (ms * 1000) / counts.sends) as [number, number];
      [clientCpuPerSendUs, ceilingClientCpuPerSendUs] = clientCpu.map((ms) => (ms * 1000) / counts.sends) as [
        number,
        number,
      ];
      [batchMessagesPerSecond, ceilingBatchPerSecond] = await interleavedRates(
        SEGMENTS,
        counts.batchMessages / SEGMENTS,
        (i, n) =>
          i === 0
            ? batchElapsed(sqs, batchQueue, n, CONCURRENCY, BODY_BYTES)
            : batchElapsed(nullSqs, nullQueue, n, CONCURRENCY, BODY_BYTES),
      );
      log(`null server: SendMessage ${fmt(ceilingSendPerSecond, 0)}/s, batch ${fmt(ceilingBatchPerSecond, 0)}/s`);
    }
    log(`SendMessage ${fmt(sendPerSecond, 0)}/s`);
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

    const shallow = await createQueue(sqs, `${prefix}-shallow`);
    const deep = await createQueue(sqs, `${prefix}-deep`);
    await batchElapsed(sqs, deep, counts.depth, CONCURRENCY, BODY_BYTES);
    const costs = await depthCosts(sqs, shallow, deep, counts.depthRounds);
    log(`send+receive+delete ${fmt(costs.shallow)} ms shallow, ${fmt(costs.deep)} ms at depth ${counts.depth}`);

    const memory = await measureMemory(target);
    log(`RSS ${fmt(memory.rssBaselineBytes / 2 ** 20, 1)} -> ${fmt(memory.rssAfterBytes / 2 ** 20, 1)} MiB`);
    return {
      startupMs: median(startups),
      processStartupMs,
      distStartupMs,
      sendPerSecond,
      ceilingSendPerSecond,
      batchMessagesPerSecond,
      ceilingBatchPerSecond,
      serverCpuPerSendUs,
      ceilingCpuPerSendUs,
      clientCpuPerSendUs,
      ceilingClientCpuPerSendUs,
      drainPerSecond,
      longPollMedianMs: longPoll.median,
      longPollP95Ms: longPoll.p95,
      shallowCostMs: costs.shallow,
      deepCostMs: costs.deep,
      ...memory,
    };
  } finally {
    sqs.destroy();
    receiver.destroy();
    nullSqs?.destroy();
    await stopAll([server, ceiling]);
  }
}

async function stopAll(servers: readonly (BenchServer | undefined)[]): Promise<void> {
  await Promise.all(servers.map((server) => server?.stop()));
}

/** RSS of a fresh server process before and after storing `rssMessages` messages of BODY_BYTES each. */
async function measureMemory(target: BenchTarget): Promise<Pick<SqsResult, "rssBaselineBytes" | "rssAfterBytes">> {
  const server = await target.start();
  const sqs = benchClient(server.endpoint);
  try {
    const url = await createQueue(sqs, "rss");
    await batchElapsed(sqs, url, CONCURRENCY * 10, CONCURRENCY, BODY_BYTES);
    const rssBaselineBytes = rssBytes(server.pid);
    await batchElapsed(sqs, url, target.counts.rssMessages, CONCURRENCY, BODY_BYTES);
    return { rssBaselineBytes, rssAfterBytes: rssBytes(server.pid) };
  } finally {
    sqs.destroy();
    await server.stop();
  }
}

const started = performance.now();
const runs: Map<BenchTarget, SqsResult>[] = [];
for (let run = 1; run <= RUNS; run++) {
  console.log(`run ${run} of ${RUNS}`);
  const results = new Map<BenchTarget, SqsResult>();
  for (const target of TARGETS) {
    if (target.unavailableReason !== undefined) {
      console.log(`  ${target.name}: skipped (${target.unavailableReason})`);
      continue;
    }
    const targetStarted = performance.now();
    results.set(target, await measure(target, target === TARGETS[0]));
    console.log(`  ${target.name}: measured in ${fmt((performance.now() - targetStarted) / 1000, 1)} s`);
  }
  runs.push(results);
}
const markdown = renderReport(TARGETS, runs, (performance.now() - started) / 1000);
console.log(`\n${markdown}`);
writeSection("sqs", markdown);
