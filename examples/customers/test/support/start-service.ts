/**
 * @module test/support/start-service
 * Runs a service entry point as a child process, the way a container would run it, and resolves once it
 * prints its readiness line (`… listening on http://host:port`). Event-driven: no sleeps, no polling.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** A service process that is ready for requests. */
export interface StartedService {
  /** The base URL from the readiness line, with the real port. */
  url: string;
  /** The child's pid. */
  pid: number;
  /** Everything the child wrote to stderr so far (for diagnostics). */
  stderr(): string;
  /**
   * Sends SIGTERM and resolves with the exit code once the process has exited (SIGKILL after `killAfter` ms).
   * @param options.killAfter - @default 10_000
   */
  stop(options?: { killAfter?: number }): Promise<number | null>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options of {@link startService}. */
export interface StartServiceOptions {
  /**
   * ms to wait for the readiness line before killing the child and rejecting.
   * @default 30_000
   */
  timeout?: number;
  /**
   * Working directory of the child.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * Copy the child's stdout/stderr to this process's stderr (debugging).
   * @default process.env.PROBITY_SERVICE_LOGS === "1"
   */
  inheritLogs?: boolean;
}

/** Matches the readiness line every service prints. */
export const READINESS_LINE = /listening on (https?:\/\/\S+)/;

const STDERR_LIMIT = 64 * 1024;

/**
 * Spawns `node --import tsx --conditions=probity-source <entry>` (plain `node <entry>` for a `.js`/`.mjs`
 * entry) with `env` added to this process's env.
 *
 * @throws {Error} with the child's stderr when it exits before it is ready or is not ready in time.
 * @example
 * ```ts
 * await using customers = await startService("src/customers/main.ts", { PORT: "0", AWS_ENDPOINT_URL: endpoint });
 * await fetch(`${customers.url}/customer/42`);
 * ```
 */
export async function startService(
  entry: string,
  env: Record<string, string>,
  options: StartServiceOptions = {},
): Promise<StartedService> {
  // TypeScript entries run through tsx; plain JavaScript ones (the harness fixtures) start without it.
  const loader = /\.[cm]?ts$/.test(entry) ? ["--import", "tsx", "--conditions=probity-source"] : [];
  const child = spawn(process.execPath, [...loader, entry], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const inheritLogs = options.inheritLogs ?? process.env.PROBITY_SERVICE_LOGS === "1";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_LIMIT);
    if (inheritLogs) process.stderr.write(chunk);
  });
  // "close" fires after the process exited AND its stdio ended, so stderr() is complete once stop() resolves.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const url = await waitForReadiness(child, entry, options.timeout ?? 30_000, () => stderr, inheritLogs);

  const stop = async ({ killAfter = 10_000 } = {}): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), killAfter);
      try {
        return await exited;
      } finally {
        clearTimeout(killer);
      }
    }
    return exited;
  };
  return {
    url,
    pid: child.pid ?? -1,
    stderr: () => stderr,
    stop,
    async [Symbol.asyncDispose]() {
      await stop();
    },
  };
}

function waitForReadiness(
  child: ChildProcess,
  entry: string,
  timeout: number,
  stderr: () => string,
  inheritLogs: boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error("child has no stdout");
    const lines = createInterface({ input: child.stdout });
    let ready = false;
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.off("close", onExit);
      reject(new Error(`${entry} ${reason}\n--- stderr ---\n${stderr()}`));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (!ready) fail(`exited (code ${code}, signal ${signal}) before it was ready`);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(`printed no readiness line within ${timeout} ms`);
    }, timeout);
    lines.on("line", (line) => {
      if (inheritLogs) process.stderr.write(`${line}\n`);
      if (ready) return;
      const match = READINESS_LINE.exec(line);
      if (match?.[1]) {
        ready = true;
        clearTimeout(timer);
        child.off("close", onExit);
        resolve(match[1]);
      }
    });
    child.once("close", onExit);
    child.once("error", (error) => fail(`could not be spawned: ${error.message}`));
  });
}
