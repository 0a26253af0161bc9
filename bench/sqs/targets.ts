/**
 * @module bench/sqs/targets
 * The SQS servers the benchmark measures. Every target runs its server in its own process (so the
 * server's RSS can be read from /proc/<pid>/status and the load generator does not share its CPU time
 * slices or heap); an embedded (in-process) server is hosted by bench/sqs/serve.mjs for that, and its
 * startup is measured in this process, the way users start it.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { motoUnavailableReason, startMotoServer } from "../../packages/aws-emulator/src/moto-server.js";

/** How a child process loads an in-process server: TypeScript source through tsx, or built `dist/`. */
export type ChildRuntime = "source" | "dist";

/** A server started for measuring. */
export interface BenchServer {
  readonly endpoint: string;
  /** The process that holds the server's state (its RSS is what "memory" reports). */
  readonly pid: number;
  stop(): Promise<void>;
}

/** How much work each measurement does for a target (slow targets get smaller numbers; rates stay comparable). */
export interface BenchCounts {
  /** Startups measured (median reported). */
  readonly startupRuns: number;
  /** SendMessage calls for the throughput measurement. */
  readonly sends: number;
  /** Messages sent with SendMessageBatch (10 per call), then drained. */
  readonly batchMessages: number;
  /** Long-poll wake measurements. */
  readonly longPollRounds: number;
  /** Queue depth for the deep-queue cost measurement. */
  readonly depth: number;
  /** Send + receive + delete rounds on the deep and on a shallow queue. */
  readonly depthRounds: number;
  /** Messages stored before reading the server's RSS. */
  readonly rssMessages: number;
}

/** The counts the issue asks for; fast enough for an in-process server. */
export const FULL_COUNTS: BenchCounts = Object.freeze({
  startupRuns: 10,
  sends: 20_000,
  batchMessages: 50_000,
  longPollRounds: 50,
  depth: 10_000,
  depthRounds: 500,
  rssMessages: 100_000,
});

/**
 * moto 5.2's send, batch and receive cost grows linearly with queue depth (about 0.3 ms per stored message
 * per SendMessageBatch on these machines), so filling 10,000 or 100,000 messages would take tens of minutes:
 * moto gets small counts, and the report shows the counts next to each number.
 */
export const MOTO_COUNTS: BenchCounts = Object.freeze({
  startupRuns: 3,
  sends: 300,
  batchMessages: 300,
  longPollRounds: 10,
  depth: 500,
  depthRounds: 20,
  rssMessages: 1_000,
});

/** One implementation under measurement. */
export interface BenchTarget {
  readonly name: string;
  /** Why it cannot run here (the target is then reported as skipped), or `undefined`. */
  readonly unavailableReason: string | undefined;
  /** How much work each measurement does. */
  readonly counts: BenchCounts;
  /** Starts a server in its own process. */
  start(): Promise<BenchServer>;
  /** Milliseconds from "start" to the first answered ListQueues, the way users start this server. */
  measureStartup(): Promise<number>;
  /**
   * Milliseconds from spawning a fresh Node process to its first answered ListQueues, for servers whose
   * {@link measureStartup} is in-process: from the TypeScript source through tsx (`"source"`), or from the
   * built `dist/` with plain node (`"dist"`, as an installed package starts). `undefined` where
   * `measureStartup` already is a fresh process.
   */
  measureProcessStartup: ((runtime: ChildRuntime) => Promise<number>) | undefined;
}

/** Creates the benchmark's SDK v3 client: default settings (MD5 checks on), no retries. */
export function benchClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

async function firstAnswer(endpoint: string): Promise<void> {
  const sqs = benchClient(endpoint);
  try {
    await sqs.send(new ListQueuesCommand({}));
  } finally {
    sqs.destroy();
  }
}

/** moto server, `python3 -m moto.server`, with {@link MOTO_COUNTS}. */
export function motoTarget(counts: BenchCounts = MOTO_COUNTS): BenchTarget {
  return {
    name: "moto",
    unavailableReason: motoUnavailableReason(),
    counts,
    async start() {
      const moto = await startMotoServer();
      return { endpoint: moto.endpoint, pid: moto.pid, stop: () => moto.stop() };
    },
    measureProcessStartup: undefined,
    async measureStartup() {
      const started = performance.now();
      const moto = await startMotoServer();
      try {
        await firstAnswer(moto.endpoint);
        return performance.now() - started;
      } finally {
        await moto.stop();
      }
    },
  };
}

const SERVE = fileURLToPath(new URL("./serve.mjs", import.meta.url));

/**
 * An in-process server exported as `startFunction({ port: 0 }) -> { endpoint, stop() }` from `specifier`
 * (resolved with the `probity-source` condition), e.g. `embeddedTarget("emulator", "probity-aws-emulator",
 * "startAwsEmulator")`.
 */
export function embeddedTarget(
  name: string,
  specifier: string,
  startFunction: string,
  counts: BenchCounts = FULL_COUNTS,
): BenchTarget {
  return {
    name,
    unavailableReason: undefined,
    counts,
    start: () => startInChild(specifier, startFunction),
    async measureProcessStartup(runtime) {
      const started = performance.now();
      const server = await startInChild(specifier, startFunction, runtime);
      try {
        await firstAnswer(server.endpoint);
        return performance.now() - started;
      } finally {
        await server.stop();
      }
    },
    async measureStartup() {
      const loaded = (await import(specifier)) as Record<string, unknown>;
      const start = loaded[startFunction] as (options: { port: number }) => Promise<{
        endpoint: string;
        stop(): Promise<void>;
      }>;
      const started = performance.now();
      const server = await start({ port: 0 });
      try {
        await firstAnswer(server.endpoint);
        return performance.now() - started;
      } finally {
        await server.stop();
      }
    },
  };
}

/**
 * The client-ceiling server of bench/sqs/null-server.ts (answers SendMessage and SendMessageBatch only), in
 * its own process like the others.
 */
export function startNullServer(): Promise<BenchServer> {
  return startInChild(new URL("./null-server.ts", import.meta.url).href, "startNullSqsServer");
}

function startInChild(
  specifier: string,
  startFunction: string,
  runtime: ChildRuntime = "source",
): Promise<BenchServer> {
  const loader = runtime === "source" ? ["--import", "tsx", "--conditions=probity-source"] : [];
  const child = spawn(process.execPath, [...loader, SERVE, specifier, startFunction], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise<BenchServer>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`${specifier} server exited with ${String(code)} before it started`)),
    );
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      const { endpoint } = JSON.parse(line) as { endpoint: string };
      resolve({
        endpoint,
        pid: child.pid ?? -1,
        async stop() {
          child.stdin.end();
          await exited;
          process.off("exit", killOnExit);
        },
      });
    });
  });
}
