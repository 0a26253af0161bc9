/**
 * @module bench/sns/run
 * `npm run bench -- sns`: SNS -> SQS fan-out and DynamoDB through the single endpoint, each target in the
 * same run with AWS SDK v3: publish -> subscribed long-poll receive latency (median/p95), Publish throughput
 * with 3 subscribed queues (deliveries verified), DynamoDB PutItem/GetItem rates. Rewrites the `sns`
 * section of docs/benchmarks.md. Runs `BENCH_RUNS` times (default 2).
 */
import { randomUUID } from "node:crypto";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { type BenchGoal, fmt, goalRow, machine, table, writeSection } from "../lib/report.js";
import { type BenchTarget, benchClient, embeddedTarget, motoTarget } from "../sqs/targets.js";
import {
  createTable,
  dynamoClient,
  itemRates,
  publishThroughput,
  publishWake,
  snsClient,
  topicWithQueues,
} from "./measure.js";

interface SnsCounts {
  readonly wakeRounds: number;
  readonly publishes: number;
  readonly items: number;
}

/** The emulator gets the full counts; moto smaller ones (its queues slow down as they fill). */
const TARGETS: readonly { target: BenchTarget; counts: SnsCounts }[] = [
  {
    target: embeddedTarget("emulator", "probity-aws-emulator", "startAwsEmulator"),
    counts: { wakeRounds: 50, publishes: 10_000, items: 5_000 },
  },
  { target: motoTarget(), counts: { wakeRounds: 15, publishes: 300, items: 500 } },
];

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const CONCURRENCY = 16;
const FAN_OUT = 3;

interface SnsResult {
  wakeMedianMs: number;
  wakeP95Ms: number;
  publishPerSecond: number;
  putPerSecond: number;
  getPerSecond: number;
}

/** Thrown when a target's build does not serve SNS (the emulator before SNS went on the wire). */
class SnsNotServed extends Error {}

async function measure(target: BenchTarget, counts: SnsCounts): Promise<SnsResult> {
  const log = (what: string): void => console.log(`  ${target.name}: ${what}`);
  const server = await target.start();
  const sns = snsClient(server.endpoint);
  const sqs = benchClient(server.endpoint);
  const receiver = benchClient(server.endpoint);
  const dynamo = dynamoClient(server.endpoint);
  try {
    try {
      await sns.send(new ListTopicsCommand({}));
    } catch (error) {
      throw new SnsNotServed(`ListTopics failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const prefix = `bench-${randomUUID().slice(0, 8)}`;
    // Warm-up: lets the JIT compile the client's and the server's request paths before anything is timed.
    const warm = await topicWithQueues(sns, sqs, `${prefix}-warm`, 1);
    await publishThroughput(sns, sqs, warm.topicArn, warm.queueUrls, Math.ceil(counts.publishes / 10), CONCURRENCY);

    const single = await topicWithQueues(sns, sqs, `${prefix}-wake`, 1);
    const wake = await publishWake(sns, receiver, single.topicArn, single.queueUrls[0] as string, counts.wakeRounds);
    log(`publish -> long poll median ${fmt(wake.median)} ms, p95 ${fmt(wake.p95)} ms`);

    const fan = await topicWithQueues(sns, sqs, `${prefix}-fan`, FAN_OUT);
    const publishPerSecond = await publishThroughput(
      sns,
      sqs,
      fan.topicArn,
      fan.queueUrls,
      counts.publishes,
      CONCURRENCY,
    );
    log(`Publish to ${FAN_OUT} queues ${fmt(publishPerSecond, 0)}/s`);

    await createTable(dynamo, `${prefix}-warm`);
    await itemRates(dynamo, `${prefix}-warm`, Math.ceil(counts.items / 10), CONCURRENCY);
    await createTable(dynamo, `${prefix}-items`);
    const items = await itemRates(dynamo, `${prefix}-items`, counts.items, CONCURRENCY);
    log(`PutItem ${fmt(items.put, 0)}/s, GetItem ${fmt(items.get, 0)}/s`);
    return {
      wakeMedianMs: wake.median,
      wakeP95Ms: wake.p95,
      publishPerSecond,
      putPerSecond: items.put,
      getPerSecond: items.get,
    };
  } finally {
    sns.destroy();
    sqs.destroy();
    receiver.destroy();
    dynamo.destroy();
    await server.stop();
  }
}

const started = performance.now();
const available = TARGETS.filter(({ target }) => target.unavailableReason === undefined);
const runs: Map<BenchTarget, SnsResult>[] = [];
const notServed = new Map<BenchTarget, string>();
for (let run = 1; run <= RUNS; run++) {
  console.log(`run ${run} of ${RUNS}`);
  const results = new Map<BenchTarget, SnsResult>();
  for (const { target, counts } of available) {
    if (notServed.has(target)) continue;
    try {
      results.set(target, await measure(target, counts));
    } catch (error) {
      if (!(error instanceof SnsNotServed)) throw error;
      notServed.set(target, error.message);
      console.log(`  ${target.name}: skipped (${error.message})`);
    }
  }
  runs.push(results);
}

const shown = available.filter(({ target }) => !notServed.has(target));
const first = shown[0];
const last = shown.length > 1 ? shown[shown.length - 1] : undefined;
const perRun = (pick: (run: Map<BenchTarget, SnsResult>) => string): string => runs.map(pick).join(" / ");
const cell = (target: BenchTarget, value: (r: SnsResult) => number, decimals: number): string =>
  perRun((run) => {
    const r = run.get(target);
    return r === undefined ? "—" : fmt(value(r), decimals);
  });
const ratio = (value: (a: SnsResult, b: SnsResult) => number): string =>
  first === undefined || last === undefined
    ? ""
    : perRun((run) => {
        const a = run.get(first.target);
        const b = run.get(last.target);
        return a === undefined || b === undefined ? "—" : `${fmt(value(a, b), 1)}×`;
      });
const rows: [
  string,
  (r: SnsResult) => number,
  number,
  (c: SnsCounts) => string,
  (a: SnsResult, b: SnsResult) => number,
][] = [
  [
    "publish start → subscribed long poll returns (median ms)",
    (r) => r.wakeMedianMs,
    2,
    (c) => `(${c.wakeRounds} rounds)`,
    (a, b) => b.wakeMedianMs / a.wakeMedianMs,
  ],
  [
    "publish start → subscribed long poll returns (p95 ms)",
    (r) => r.wakeP95Ms,
    2,
    () => "",
    (a, b) => b.wakeP95Ms / a.wakeP95Ms,
  ],
  [
    `Publish, ${FAN_OUT} subscribed queues, concurrency ${CONCURRENCY} (calls/s)`,
    (r) => r.publishPerSecond,
    0,
    (c) => `(${c.publishes} published)`,
    (a, b) => a.publishPerSecond / b.publishPerSecond,
  ],
  [
    `DynamoDB PutItem, concurrency ${CONCURRENCY} (calls/s)`,
    (r) => r.putPerSecond,
    0,
    (c) => `(${c.items} items)`,
    (a, b) => a.putPerSecond / b.putPerSecond,
  ],
  [
    `DynamoDB GetItem, concurrency ${CONCURRENCY} (calls/s)`,
    (r) => r.getPerSecond,
    0,
    (c) => `(${c.items} items)`,
    (a, b) => a.getPerSecond / b.getPerSecond,
  ],
];
const header = [
  "measurement",
  ...shown.map(({ target }) => target.name),
  ...(last === undefined ? [] : [`${first?.target.name} vs ${last.target.name}`]),
];
const body = rows.map(([label, value, decimals, counted, versus]) => [
  label,
  ...shown.map(({ target, counts }) => `${cell(target, value, decimals)} ${counted(counts)}`.trim()),
  ...(last === undefined ? [] : [ratio(versus)]),
]);

const goals: (BenchGoal & { value: (a: SnsResult, b: SnsResult | undefined) => number | undefined })[] = [
  {
    label: "publish start → subscribed long poll returns (median)",
    bound: "≤",
    limit: 3,
    value: (a) => a.wakeMedianMs,
    unit: " ms",
    decimals: 2,
  },
  {
    label: "Publish throughput with 3 subscribed queues vs moto",
    bound: "≥",
    limit: 20,
    value: (a, b) => (b === undefined ? undefined : a.publishPerSecond / b.publishPerSecond),
    unit: "×",
    decimals: 1,
  },
];
const goalRows = goals.map((goal) =>
  goalRow(
    goal,
    runs.map((run) => {
      const a = first === undefined ? undefined : run.get(first.target);
      return a === undefined ? undefined : goal.value(a, last === undefined ? undefined : run.get(last.target));
    }),
  ),
);
const skipped = [
  ...TARGETS.filter(({ target }) => target.unavailableReason !== undefined).map(
    ({ target }) => `- ${target.name}: skipped (${target.unavailableReason})`,
  ),
  ...[...notServed].map(([target, reason]) => `- ${target.name}: skipped, this build does not serve SNS (${reason})`),
];

const markdown = [
  "## SNS → SQS and DynamoDB (`npm run bench -- sns`)",
  "",
  `Command: \`npm run bench -- sns\` (bench/sns/run.ts; \`BENCH_RUNS=n\` sets the number of runs, default 2). Peers in the same run: ${shown.map(({ target }) => target.name).join(", ")}.`,
  `Machine: ${machine()}. ${runs.length} runs, ${fmt((performance.now() - started) / 1000, 0)} s in all; each cell lists every run's value (run 1 / run 2 / …) — the machine is shared, so read the spread as noise and compare ratios within a run.`,
  "",
  "Each server runs in its own process and is driven by AWS SDK v3 (`client-sns`, `client-sqs`, `client-dynamodb`; default",
  "settings, no retries) through its one endpoint. Subscriptions are SQS with raw message delivery. The long-poll rounds",
  "wait 100 ms after issuing the receive before publishing, so the receive is parked. After the Publish throughput run",
  "the bench checks (untimed) that each of the 3 queues received every message. **moto runs at reduced counts** (numbers",
  "in parentheses; its queues slow down as they fill), which flatters its rates.",
  "",
  table(header, body),
  "",
  table(["target (issue 6)", "goal", "measured (run 1 / run 2 / …)", "met?"], goalRows),
  ...(skipped.length > 0 ? ["", ...skipped] : []),
].join("\n");
console.log(`\n${markdown}`);
writeSection("sns", markdown);
