/**
 * @module test/reliability/support/child-emulator
 * Starts `server-process.ts` in a child Node process and talks to it: its endpoint, its stats route, and
 * a SIGTERM that resolves with how the process ended. Also the sizes of the suite (`RELIABILITY_SCALE`).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { SQSClient } from "@aws-sdk/client-sqs";

const SCRIPT = fileURLToPath(new URL("./server-process.ts", import.meta.url));

/**
 * Multiplies the full sizes. CI runs `RELIABILITY_SCALE=0.25` by default (a few minutes on 2 cores);
 * `RELIABILITY_SCALE=1` runs the sizes the issue names.
 */
export const RELIABILITY_SCALE = Number(process.env.RELIABILITY_SCALE ?? "0.25");

/** `full * RELIABILITY_SCALE`, at least `min`. */
export function scaled(full: number, min = 1): number {
  return Math.max(min, Math.round(full * RELIABILITY_SCALE));
}

/** What `/_reliability/stats` returns. */
export interface ServerStats {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  handles: Record<string, number>;
  waitingReceives: number;
  messages: number;
}

/** An emulator in a child process. */
export interface ChildEmulator {
  readonly endpoint: string;
  readonly process: ChildProcess;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  stats(): Promise<ServerStats>;
  /** Advances a `"clock": "virtual"` child's clock. */
  advance(ms: number): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code and signal once the process has ended on its own. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the child if still running (test clean-up). */
  kill(): void;
}

/** Starts the child and waits for its endpoint line. */
export async function startChildEmulator(
  options: Record<string, unknown> = {},
  { exposeGc = false }: { exposeGc?: boolean } = {},
): Promise<ChildEmulator> {
  const child = spawn(
    process.execPath,
    [...(exposeGc ? ["--expose-gc"] : []), "--import", "tsx", "--conditions=probity-source", SCRIPT],
    {
      env: { ...process.env, PROBITY_EMULATOR_OPTIONS: JSON.stringify(options) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const lines: string[] = [];
  let pending = "";
  const lineWaiters: Array<() => void> = [];
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    pending += chunk;
    for (let newline = pending.indexOf("\n"); newline >= 0; newline = pending.indexOf("\n")) {
      lines.push(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
    for (const wake of lineWaiters.splice(0)) wake();
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const nextLine = async (): Promise<string> => {
    while (lines.length === 0) {
      const arrived = new Promise<void>((resolve) => lineWaiters.push(resolve));
      const ended = await Promise.race([arrived.then(() => false), exited.then(() => true)]);
      if (ended && lines.length === 0) throw new Error(`emulator child exited early: ${stderr}`);
    }
    return lines.shift() as string;
  };
  const { endpoint } = JSON.parse(await nextLine()) as { endpoint: string };
  return {
    endpoint,
    process: child,
    stderr: () => stderr,
    stats: async () => (await (await fetch(`${endpoint}/_reliability/stats`)).json()) as ServerStats,
    advance: async (ms) => {
      await (await fetch(`${endpoint}/_reliability/advance?ms=${ms}`, { method: "POST" })).arrayBuffer();
    },
    terminate: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const [code, signal] = await exited;
      return { code, signal };
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** An SDK v3 SQS client for a child emulator; each has its own keep-alive agent (like a separate service). */
export function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}
