/**
 * @module moto-server
 * Starts moto's stand-alone server (`python3 -m moto.server`) as a child process on a loopback port: the
 * reference peer for the emulator's differential tests and benchmarks. Readiness is event driven (moto's
 * "Running on http://host:port" line on stderr), confirmed by one answered `GET /moto-api/` with a bounded,
 * backed-off retry; the child is killed on `stop()`, on `await using` disposal and when the Node process exits
 * (and exits by itself if this process is killed, through a stdin watchdog).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Options for {@link startMotoServer}. */
export interface MotoServerOptions {
  /** TCP port on 127.0.0.1; `0` lets the OS pick a free one (read back from moto's log, so there is no race). @default 0 */
  port?: number;
  /** The Python interpreter that has `moto[server]` installed. @default "python3" */
  python?: string;
  /** How long to wait for the first answered request before giving up. @default 30000 */
  startupTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before it sends SIGKILL. @default 5000 */
  stopTimeoutMs?: number;
  /** Aborts a pending start (the child is killed and the promise rejects with `signal.reason`). */
  signal?: AbortSignal;
}

/** The defaults of {@link MotoServerOptions}. */
export const DEFAULT_MOTO_SERVER_OPTIONS: Readonly<Required<Omit<MotoServerOptions, "signal">>> = Object.freeze({
  port: 0,
  python: "python3",
  startupTimeoutMs: 30_000,
  stopTimeoutMs: 5_000,
});

/** A running moto server. */
export interface MotoServer {
  /** Base URL, e.g. `http://127.0.0.1:41153`; pass it as an SDK's `endpoint`. */
  readonly endpoint: string;
  /** The port moto listens on. */
  readonly port: number;
  /** Process id of the Python server (benchmarks read its RSS from `/proc/<pid>/status`). */
  readonly pid: number;
  /** Stops the server: SIGTERM, then SIGKILL after `stopTimeoutMs`. Idempotent. */
  stop(): Promise<void>;
  /** Same as {@link MotoServer.stop}, for `await using moto = await startMotoServer()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Why moto could not be started. */
export type MotoServerErrorCode =
  | "ERR_MOTO_PYTHON_NOT_FOUND"
  | "ERR_MOTO_NOT_INSTALLED"
  | "ERR_MOTO_EXITED"
  | "ERR_MOTO_STARTUP_TIMEOUT";

/**
 * Thrown by {@link startMotoServer} when moto cannot be started; `message` says what to install or what the
 * server printed before it died.
 *
 * @example
 * ```ts
 * try { await startMotoServer(); } catch (error) {
 *   if (error instanceof MotoServerError && error.code === "ERR_MOTO_NOT_INSTALLED") console.warn(error.message);
 * }
 * ```
 */
export class MotoServerError extends Error {
  /** A stable, machine-readable identifier. */
  readonly code: MotoServerErrorCode;

  constructor(message: string, code: MotoServerErrorCode, options: { cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "MotoServerError";
    this.code = code;
  }
}

const INSTALL_HINT = "install it with `pip install 'moto[server]'`";
const unavailable = new Map<string, string | undefined>();

/**
 * Why moto server cannot run with `python`, or `undefined` when it can. Checked once per interpreter
 * (a synchronous `python -c "import moto.server"`), so it suits `it.skipIf` at collection time.
 *
 * @param python - The interpreter to check. @default "python3"
 * @returns A human-readable reason, or `undefined` when `python -m moto.server` should work.
 * @example
 * ```ts
 * const reason = motoUnavailableReason();
 * it.skipIf(reason !== undefined)(`talks to moto${reason ? ` (skipped: ${reason})` : ""}`, async () => {});
 * ```
 */
export function motoUnavailableReason(python: string = DEFAULT_MOTO_SERVER_OPTIONS.python): string | undefined {
  if (unavailable.has(python)) return unavailable.get(python);
  const result = spawnSync(python, ["-c", "import moto, moto.server; print(moto.__version__)"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  let reason: string | undefined;
  if (result.error !== undefined) reason = `${python} could not be run (${result.error.message})`;
  else if (result.status !== 0) reason = `moto is not installed for ${python}: ${INSTALL_HINT}`;
  unavailable.set(python, reason);
  return reason;
}

/**
 * Whether `python -m moto.server` can run on this machine (see {@link motoUnavailableReason} for the reason).
 *
 * @param python - The interpreter to check. @default "python3"
 * @example
 * ```ts
 * it.skipIf(!isMotoAvailable())("compares against moto", async () => {});
 * ```
 */
export function isMotoAvailable(python: string = DEFAULT_MOTO_SERVER_OPTIONS.python): boolean {
  return motoUnavailableReason(python) === undefined;
}

function resolveMotoServerOptions(options: MotoServerOptions): Required<Omit<MotoServerOptions, "signal">> {
  const resolved = { ...DEFAULT_MOTO_SERVER_OPTIONS, ...withoutUndefined(options) };
  const { port, python, startupTimeoutMs, stopTimeoutMs } = resolved;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`Expected option \`port\` to be an integer in 0..65535, got ${String(port)}`);
  }
  if (typeof python !== "string" || python.length === 0) {
    throw new TypeError(`Expected option \`python\` to be a non-empty string, got ${String(python)}`);
  }
  for (const [name, value] of [
    ["startupTimeoutMs", startupTimeoutMs],
    ["stopTimeoutMs", stopTimeoutMs],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new TypeError(`Expected option \`${name}\` to be a positive number, got ${String(value)}`);
    }
  }
  return { port, python, startupTimeoutMs, stopTimeoutMs };
}

function withoutUndefined(options: MotoServerOptions): Partial<MotoServerOptions> {
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => key !== "signal" && value !== undefined));
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAllOnExit(): void {
  for (const child of running) child.kill("SIGKILL");
}

function track(child: ChildProcess): void {
  running.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", killAllOnExit);
  }
  child.once("exit", () => running.delete(child));
}

/** Last lines a child printed, for error messages. */
class OutputTail {
  readonly #lines: string[] = [];
  #partial = "";
  onLine: ((line: string) => void) | undefined;

  push(chunk: string): void {
    const parts = (this.#partial + chunk).split("\n");
    this.#partial = parts.pop() ?? "";
    for (const line of parts) {
      this.#lines.push(line);
      if (this.#lines.length > 20) this.#lines.shift();
      this.onLine?.(line);
    }
  }

  text(): string {
    return [...this.#lines, this.#partial].join("\n").trim();
  }
}

/**
 * `python -m moto.server`, plus a watchdog thread that exits when stdin reaches EOF: the pipe closes when
 * this Node process dies, even by SIGKILL, so moto never outlives the test run that started it.
 */
const MOTO_MAIN = [
  "import os, sys, threading",
  "def _watch():",
  "    sys.stdin.buffer.read()",
  "    os._exit(0)",
  "threading.Thread(target=_watch, daemon=True).start()",
  "from moto.server import main",
  "main(sys.argv[1:])",
].join("\n");

const RUNNING_ON = /Running on http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * Starts `python3 -m moto.server -H 127.0.0.1 -p <port>` and resolves once it has answered a request. The
 * server also exits by itself when this process dies (it watches its stdin pipe).
 *
 * @param options - See {@link MotoServerOptions}.
 * @returns The running server; stop it with `stop()` or `await using`.
 * @throws {MotoServerError} `ERR_MOTO_PYTHON_NOT_FOUND`, `ERR_MOTO_NOT_INSTALLED`, `ERR_MOTO_EXITED` (with
 * moto's last output) or `ERR_MOTO_STARTUP_TIMEOUT`.
 * @throws {TypeError} On an invalid option.
 * @example
 * ```ts
 * await using moto = await startMotoServer();
 * const sqs = new SQSClient({ endpoint: moto.endpoint, region: "us-east-1",
 *   credentials: { accessKeyId: "test", secretAccessKey: "test" } });
 * ```
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const { port, python, startupTimeoutMs, stopTimeoutMs } = resolveMotoServerOptions(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const started = Date.now();
  const child = spawn(python, ["-c", MOTO_MAIN, "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  track(child);
  const output = new OutputTail();
  // Werkzeug logs every request on stderr: keep draining both pipes for the server's whole life,
  // or a full pipe would block moto.
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const killer = realSetTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
      child.once("exit", () => {
        realClearTimeout(killer);
        resolve();
      });
      child.kill("SIGTERM");
    });
    return stopping;
  };

  try {
    const boundPort = await waitForRunningLine(child, output, port, startupTimeoutMs, signal, python);
    const endpoint = `http://127.0.0.1:${boundPort}`;
    await waitForAnswer(endpoint, started + startupTimeoutMs, child, output, signal);
    return {
      endpoint,
      port: boundPort,
      pid: child.pid ?? -1,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForRunningLine(
  child: ChildProcess,
  output: OutputTail,
  port: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  python: string,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const cleanup = (): void => {
      realClearTimeout(timer);
      output.onLine = undefined;
      child.off("error", onError);
      child.off("exit", onExit);
      signal?.removeEventListener("abort", onAbort);
    };
    const settle = (action: () => void): void => {
      cleanup();
      action();
    };
    const onError = (error: NodeJS.ErrnoException): void =>
      settle(() =>
        reject(
          error.code === "ENOENT"
            ? new MotoServerError(
                `moto server needs ${python}, which is not on PATH; ${INSTALL_HINT}`,
                "ERR_MOTO_PYTHON_NOT_FOUND",
                {
                  cause: error,
                },
              )
            : new MotoServerError(`could not start ${python} -m moto.server: ${error.message}`, "ERR_MOTO_EXITED", {
                cause: error,
              }),
        ),
      );
    const onExit = (code: number | null, exitSignal: NodeJS.Signals | null): void => {
      const printed = output.text();
      const missing = /No module named '?moto/.test(printed) || /ModuleNotFoundError/.test(printed);
      settle(() =>
        reject(
          missing
            ? new MotoServerError(
                `moto is not installed for ${python}: ${INSTALL_HINT}\n${printed}`,
                "ERR_MOTO_NOT_INSTALLED",
              )
            : new MotoServerError(
                `moto server exited before it was ready (${exitSignal ?? `code ${String(code)}`}):\n${printed}`,
                "ERR_MOTO_EXITED",
              ),
        ),
      );
    };
    const onAbort = (): void => settle(() => reject(signal?.reason));
    const timer = realSetTimeout(
      () =>
        settle(() =>
          reject(
            new MotoServerError(
              `moto server printed no "Running on" line within ${timeoutMs} ms; last output:\n${output.text()}`,
              "ERR_MOTO_STARTUP_TIMEOUT",
            ),
          ),
        ),
      timeoutMs,
    );
    output.onLine = (line) => {
      const match = RUNNING_ON.exec(line);
      if (match?.[1] !== undefined) {
        const bound = Number(match[1]);
        settle(() => resolve(port === 0 ? bound : port));
      }
    };
    child.once("error", onError);
    child.once("exit", onExit);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function waitForAnswer(
  endpoint: string,
  deadline: number,
  child: ChildProcess,
  output: OutputTail,
  signal: AbortSignal | undefined,
): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new MotoServerError(`moto server exited before it answered:\n${output.text()}`, "ERR_MOTO_EXITED");
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new MotoServerError(
        `moto server at ${endpoint} did not answer GET /moto-api/ after ${attempt} attempts`,
        "ERR_MOTO_STARTUP_TIMEOUT",
        { cause: lastError },
      );
    }
    const attemptSignal = AbortSignal.any([AbortSignal.timeout(remaining), ...(signal ? [signal] : [])]);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: attemptSignal });
      await response.arrayBuffer();
      if (response.ok) return;
      lastError = new Error(`GET /moto-api/ answered ${response.status}`);
    } catch (error) {
      signal?.throwIfAborted();
      lastError = error;
    }
    await pause(Math.min(10 * 2 ** attempt, 250, Math.max(0, deadline - Date.now())), signal);
  }
}

/** Waits `ms` (backoff between readiness attempts); rejects with `signal.reason` as soon as it aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      realClearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = realSetTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
