/**
 * @module test/support/moto
 * A tiny local launcher for `moto` in server mode (SNS, SQS and DynamoDB on one port), for this example's
 * tests only. TODO(lead): replace with the shared backend launcher of `probity-aws` (`backends.moto()`).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

/** A running moto server. */
export interface MotoServer {
  /** e.g. `http://127.0.0.1:41234` */
  endpoint: string;
  /** Terminates the server and waits for it to exit. */
  stop(): Promise<void>;
}

/** The Python interpreter that has moto installed: `PROBITY_MOTO_PYTHON`, else `python3`. */
export const MOTO_PYTHON = process.env.PROBITY_MOTO_PYTHON || "python3";

/**
 * Why moto cannot run here, or `undefined` when it can (`python3 -c "import moto.server"` succeeds).
 */
export function motoUnavailableReason(python = MOTO_PYTHON): string | undefined {
  const probe = spawnSync(python, ["-c", "import moto.server"], { encoding: "utf8" });
  if (probe.error) return `${python} not found (${probe.error.message}); set PROBITY_MOTO_PYTHON`;
  if (probe.status !== 0) return `moto server is not installed for ${python} (pip install "moto[server]")`;
  return undefined;
}

/**
 * Starts `python3 -m moto.server` on a free port and resolves once it prints that it is running.
 *
 * @param options.timeout - ms to wait for the server. @default 30_000
 */
export async function startMoto(options: { python?: string; timeout?: number } = {}): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn(options.python ?? MOTO_PYTHON, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitForOutput(child, /Running on http/, options.timeout ?? 30_000);
  return {
    endpoint,
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      if (pattern.test(output)) settle();
    };
    const onExit = (code: number | null): void =>
      settle(new Error(`moto exited (${code}) before it was ready:\n${output}`));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(new Error(`moto was not ready after ${timeout} ms:\n${output}`));
    }, timeout);
    const settle = (error?: Error): void => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      // Keep draining the pipes so the server never blocks on a full buffer.
      child.stdout?.resume();
      child.stderr?.resume();
      if (error) reject(error);
      else resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}
