/**
 * @module bench/sqs/report
 * Renders the SQS benchmark's section of docs/benchmarks.md: every number once per run ("run 1 / run 2"),
 * the emulator-vs-moto ratios per run, the emulator-vs-null-server (client ceiling) ratios, and the
 * issue's targets with "met" only when every run meets them.
 */
import { type BenchGoal, fmt, goalRow, machine, table } from "../lib/report.js";
import type { BenchTarget } from "./targets.js";

/** SDK calls in flight during the throughput measurements. */
export const CONCURRENCY = 16;
/** Segments the emulator-vs-null-server measurements alternate in. */
export const SEGMENTS = 10;
/** Body size of every benchmark message. */
export const BODY_BYTES = 100;

/** One target's numbers from one run. */
export interface SqsResult {
  startupMs: number;
  /** Spawn -> first answer, for targets whose `startupMs` is in-process. */
  processStartupMs: number | undefined;
  /** Spawn -> first answer with plain node from the built `dist/`, where measured. */
  distStartupMs: number | undefined;
  sendPerSecond: number;
  /** The null server's SendMessage rate, measured in alternating segments with this target. */
  ceilingSendPerSecond: number | undefined;
  batchMessagesPerSecond: number;
  ceilingBatchPerSecond: number | undefined;
  /** Server process CPU per SendMessage (µs, from /proc) during the interleaved measurement. */
  serverCpuPerSendUs: number | undefined;
  ceilingCpuPerSendUs: number | undefined;
  /** The benchmark process's (SDK client's) CPU per SendMessage (µs) in the same segments. */
  clientCpuPerSendUs: number | undefined;
  ceilingClientCpuPerSendUs: number | undefined;
  drainPerSecond: number;
  longPollMedianMs: number;
  longPollP95Ms: number;
  shallowCostMs: number;
  deepCostMs: number;
  rssBaselineBytes: number;
  rssAfterBytes: number;
}

type Runs = readonly ReadonlyMap<BenchTarget, SqsResult>[];

const joinRuns = (values: readonly string[]): string => values.join(" / ");

/** RSS growth per stored message minus the body, in bytes. */
export const overheadPerMessage = (result: SqsResult, target: BenchTarget): number =>
  (result.rssAfterBytes - result.rssBaselineBytes) / target.counts.rssMessages - BODY_BYTES;

interface Goal extends BenchGoal {
  /** The measured value of one run (emulator `a`, moto `b`). */
  readonly value: (a: SqsResult, b: SqsResult | undefined, target: BenchTarget) => number | undefined;
}

const GOALS: readonly Goal[] = [
  {
    label: "startup (in-process start → first answer) vs moto (fresh process)",
    bound: "≥",
    limit: 20,
    note: "faster",
    value: (a, b) => (b === undefined ? undefined : b.startupMs / a.startupMs),
    unit: "×",
    decimals: 0,
  },
  {
    label: "SendMessage rate vs moto",
    bound: "≥",
    limit: 10,
    value: (a, b) => (b === undefined ? undefined : a.sendPerSecond / b.sendPerSecond),
    unit: "×",
    decimals: 1,
  },
  {
    label: "SendMessage rate vs the null server (client is the bottleneck)",
    bound: "≥",
    limit: 0.9,
    value: (a) => (a.ceilingSendPerSecond === undefined ? undefined : a.sendPerSecond / a.ceilingSendPerSecond),
    unit: "×",
    decimals: 2,
  },
  {
    label: "SendMessageBatch rate vs moto",
    bound: "≥",
    limit: 20,
    value: (a, b) => (b === undefined ? undefined : a.batchMessagesPerSecond / b.batchMessagesPerSecond),
    unit: "×",
    decimals: 1,
  },
  {
    label: "drain rate vs moto",
    bound: "≥",
    limit: 20,
    value: (a, b) => (b === undefined ? undefined : a.drainPerSecond / b.drainPerSecond),
    unit: "×",
    decimals: 1,
  },
  {
    label: "send start → waiting long poll returns (median)",
    bound: "≤",
    limit: 3,
    value: (a) => a.longPollMedianMs,
    unit: " ms",
    decimals: 2,
  },
  {
    label: "send+receive+delete at depth 10,000 ÷ shallow",
    bound: "≤",
    limit: 1.5,
    value: (a) => a.deepCostMs / a.shallowCostMs,
    unit: "×",
    decimals: 2,
  },
  {
    label: "memory per stored message beyond its body (RSS growth)",
    bound: "≤",
    limit: 1024,
    value: (a, _b, target) => overheadPerMessage(a, target),
    unit: " B",
    decimals: 0,
  },
];

function goalsTable(first: BenchTarget, last: BenchTarget | undefined, runs: Runs): string {
  const rows = GOALS.map((goal) =>
    goalRow(
      goal,
      runs.map((run) => {
        const a = run.get(first);
        return a === undefined ? undefined : goal.value(a, last === undefined ? undefined : run.get(last), first);
      }),
    ),
  );
  return table(
    ["target (issue 5)", "goal", `measured (${runs.length === 1 ? "run" : "run 1 / run 2 / …"})`, "met?"],
    rows,
  );
}

/**
 * Renders the section.
 * @param targets - in measuring order; the first is compared with the last.
 * @param runs - each run's results.
 * @param wallSeconds - how long the whole suite took.
 */
export function renderReport(targets: readonly BenchTarget[], runs: Runs, wallSeconds: number): string {
  const measured = targets.filter((t) => runs.some((run) => run.has(t)));
  const first = measured[0];
  const last = measured.length > 1 ? measured[measured.length - 1] : undefined;
  const row = (
    label: string,
    value: (result: SqsResult, target: BenchTarget) => string,
    ratio?: (a: SqsResult, b: SqsResult) => number,
    suffix?: (target: BenchTarget) => string,
  ): string[] => {
    const cells = measured.map((target) => {
      const values = runs.map((run) => {
        const result = run.get(target);
        return result === undefined ? "—" : value(result, target);
      });
      return `${joinRuns(values)}${suffix === undefined ? "" : ` ${suffix(target)}`}`;
    });
    if (first !== undefined && last !== undefined) {
      const ratios = runs.map((run) => {
        const a = run.get(first);
        const b = run.get(last);
        return ratio === undefined || a === undefined || b === undefined ? "" : `${fmt(ratio(a, b), 1)}×`;
      });
      cells.push(ratio === undefined ? "" : joinRuns(ratios));
    }
    return [label, ...cells];
  };
  const header = [
    "measurement",
    ...measured.map((t) => t.name),
    ...(first !== undefined && last !== undefined ? [`${first.name} vs ${last.name}`] : []),
  ];
  const rows = [
    row(
      "startup → first answered ListQueues (median ms; emulator: `startAwsEmulator()` in-process, moto: fresh process)",
      (r) => fmt(r.startupMs, 1),
      (a, b) => b.startupMs / a.startupMs,
      (t) => `(${t.counts.startupRuns} starts)`,
    ),
    row(
      "fresh process → first answered ListQueues (median ms; emulator: plain node from the built dist/)",
      (r) => (r.processStartupMs === undefined ? fmt(r.startupMs, 1) : fmt(r.distStartupMs, 1)),
      (a, b) => (a.distStartupMs === undefined ? Number.NaN : b.startupMs / a.distStartupMs),
    ),
    row(
      "fresh process → first answered ListQueues (median ms; emulator: node + tsx transpiling src/)",
      (r) => (r.processStartupMs === undefined ? fmt(r.startupMs, 1) : fmt(r.processStartupMs, 1)),
      (a, b) => b.startupMs / (a.processStartupMs ?? a.startupMs),
    ),
    row(
      `SendMessage, SDK v3, concurrency ${CONCURRENCY} (messages/s)`,
      (r) => fmt(r.sendPerSecond, 0),
      (a, b) => a.sendPerSecond / b.sendPerSecond,
      (t) => `(${t.counts.sends} sent)`,
    ),
    row(
      `SendMessageBatch ×10, concurrency ${CONCURRENCY} (messages/s)`,
      (r) => fmt(r.batchMessagesPerSecond, 0),
      (a, b) => a.batchMessagesPerSecond / b.batchMessagesPerSecond,
      (t) => `(${t.counts.batchMessages} sent)`,
    ),
    row(
      `receive ×10 + DeleteMessageBatch drain, ${CONCURRENCY} workers (messages/s)`,
      (r) => fmt(r.drainPerSecond, 0),
      (a, b) => a.drainPerSecond / b.drainPerSecond,
      (t) => `(${t.counts.batchMessages} drained)`,
    ),
    row(
      "long-poll wake: send start → waiting receive returns (median ms)",
      (r) => fmt(r.longPollMedianMs),
      (a, b) => b.longPollMedianMs / a.longPollMedianMs,
      (t) => `(${t.counts.longPollRounds} rounds)`,
    ),
    row(
      "long-poll wake (p95 ms)",
      (r) => fmt(r.longPollP95Ms),
      (a, b) => b.longPollP95Ms / a.longPollP95Ms,
    ),
    row(
      "send + receive + delete, shallow queue (median ms)",
      (r) => fmt(r.shallowCostMs),
      (a, b) => b.shallowCostMs / a.shallowCostMs,
      (t) => `(${t.counts.depthRounds} rounds)`,
    ),
    row(
      "send + receive + delete, deep queue (median ms)",
      (r) => fmt(r.deepCostMs),
      (a, b) => b.deepCostMs / a.deepCostMs,
      (t) => `(depth ${t.counts.depth})`,
    ),
    row("deep ÷ shallow cost", (r) => `${fmt(r.deepCostMs / r.shallowCostMs)}×`),
    row(
      `server RSS after storing N messages of ${BODY_BYTES} B (MiB)`,
      (r) => `${fmt(r.rssAfterBytes / 2 ** 20, 1)} (baseline ${fmt(r.rssBaselineBytes / 2 ** 20, 1)})`,
      undefined,
      (t) => `(N = ${t.counts.rssMessages})`,
    ),
    row("RSS growth per stored message, body excluded (bytes)", (r, t) => fmt(overheadPerMessage(r, t), 0)),
  ];
  const ceilingRows =
    first === undefined
      ? []
      : [
          ["SendMessage (messages/s)", (r: SqsResult) => [r.sendPerSecond, r.ceilingSendPerSecond]] as const,
          [
            "SendMessageBatch ×10 (messages/s)",
            (r: SqsResult) => [r.batchMessagesPerSecond, r.ceilingBatchPerSecond],
          ] as const,
          [
            "server process CPU per SendMessage (µs; lower is better)",
            (r: SqsResult) => [r.serverCpuPerSendUs, r.ceilingCpuPerSendUs],
          ] as const,
          [
            "client (benchmark process) CPU per SendMessage (µs)",
            (r: SqsResult) => [r.clientCpuPerSendUs, r.ceilingClientCpuPerSendUs],
          ] as const,
        ].map(([label, pick]) => {
          const pairs = runs.map((run) => {
            const r = run.get(first);
            return r === undefined ? [undefined, undefined] : pick(r);
          });
          return [
            label,
            joinRuns(pairs.map(([a]) => fmt(a, 0))),
            joinRuns(pairs.map(([, b]) => fmt(b, 0))),
            joinRuns(pairs.map(([a, b]) => (a === undefined || b === undefined ? "—" : `${fmt(a / b, 2)}×`))),
          ];
        });
  const skipped = targets
    .filter((t) => t.unavailableReason !== undefined)
    .map((t) => `- ${t.name}: skipped (${t.unavailableReason})`);
  return [
    "## SQS (`npm run bench -- sqs`)",
    "",
    `Command: \`npm run bench -- sqs\` (bench/sqs/run.ts; \`BENCH_RUNS=n\` sets the number of runs, default 2). Peers in the same run: ${measured.map((t) => t.name).join(", ")}, and a null server as the client's ceiling.`,
    `Machine: ${machine()}. ${runs.length} runs, ${fmt(wallSeconds, 0)} s in all. The machine is shared with other engineers' builds and tests, so every cell lists each run's value (run 1 / run 2 / …): compare the ratios within a run, and read the spread as the noise.`,
    "",
    "Every server runs in its own process (its RSS is read from `/proc/<pid>/status`); the load comes from AWS SDK v3",
    "`@aws-sdk/client-sqs` in the benchmark process (default settings, MD5 checks on, no retries). Rates are per",
    "second; numbers in parentheses are the work done. **moto runs at reduced counts** (bench/sqs/targets.ts `MOTO_COUNTS`):",
    "its send, batch and receive costs grow with queue depth (see the deep-queue row), so filling 10,000 or 100,000",
    "messages would take tens of minutes, and its rates are for shallow queues — they flatter moto. The long-poll rounds",
    "wait 100 ms after issuing the receive before sending, so the receive is parked. The shallow and deep round trips",
    "alternate round by round after a warm-up, so both see the same load.",
    "",
    table(header, rows),
    "",
    `**Client ceiling.** The null server (bench/sqs/null-server.ts) answers SendMessage and SendMessageBatch with the least`,
    "work a correct server can do (parse the JSON, hash each body for the SDK's MD5 check, store nothing). It and the",
    `${first?.name ?? "first target"} are measured in ${SEGMENTS} alternating segments each (a b, b a, …), so both see the same load;`,
    "the CPU row reads each server process's own CPU time from `/proc/<pid>/stat` (10 ms ticks) over those segments, which",
    "load on the machine barely moves; the client row is the benchmark process's CPU (the SDK) over the same segments.",
    "",
    table(["call", first?.name ?? "—", "null server", `${first?.name ?? "—"} ÷ null server`], ceilingRows),
    "",
    ...(first === undefined ? [] : [goalsTable(first, last, runs)]),
    ...(skipped.length > 0 ? ["", ...skipped] : []),
  ].join("\n");
}
