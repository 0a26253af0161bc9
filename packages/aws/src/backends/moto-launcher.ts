/**
 * @module backends/moto-launcher
 * A minimal launcher for `python3 -m moto.server`, with the same shape as `startMotoServer` from
 * probity-aws-emulator (branch feat/clients). Temporary: replaced by the shared one once it is merged.
 * @internal
 */
import { spawn, spawnSync } from "node:child_process";

/** A running moto server. @internal */
export interface LaunchedMoto {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const unavailable = new Map<string, string | undefined>();

/** Why moto cannot run with `python`, or `undefined` when it can (checked once per interpreter). @internal */
export function motoUnavailableReason(python = "python3"): string | undefined {
  if (unavailable.has(python)) return unavailable.get(python);
  const result = spawnSync(python, ["-c", "import moto, moto.server"], { encoding: "utf8", timeout: 60_000 });
  let reason: string | undefined;
  if (result.error !== undefined) reason = `${python} could not be run (${result.error.message})`;
  else if (result.status !== 0) reason = `moto is not installed for ${python}: pip install 'moto[server]'`;
  unavailable.set(python, reason);
  return reason;
}

const RUNNING_ON = /Running on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Spawns moto on a free loopback port and resolves when it prints its address (then it serves requests).
 * @internal
 */
export function startMotoServer(
  options: { python?: string; startupTimeoutMs?: number; signal?: AbortSignal } = {},
): Promise<LaunchedMoto> {
  const { python = "python3", startupTimeoutMs = 30_000, signal } = options;
  signal?.throwIfAborted();
  const child = spawn(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  let output = "";
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise<LaunchedMoto>((resolve, reject) => {
    const fail = (error: unknown): void => {
      cleanup();
      void stop().then(() => reject(error));
    };
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-4_000);
      const match = RUNNING_ON.exec(output);
      if (match?.[1] === undefined) return;
      cleanup();
      // Keep draining: werkzeug logs every request, and a full pipe would block moto.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ endpoint: match[1], stop });
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`moto server exited before it was ready (code ${String(code)}):\n${output}`));
    const onError = (error: Error): void => fail(error);
    const onAbort = (): void => fail(signal?.reason);
    const timer = setTimeout(
      () => fail(new Error(`moto server did not start within ${startupTimeoutMs} ms:\n${output}`)),
      startupTimeoutMs,
    );
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      signal?.removeEventListener("abort", onAbort);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
