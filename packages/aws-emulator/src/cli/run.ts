/**
 * @module cli/run
 * The `probity-aws` program: parse flags, start the emulator, apply `--init`, print one ready line,
 * log requests with `--verbose`, and stop cleanly on SIGINT/SIGTERM. Every failure is one readable
 * stderr line (no stack) and a non-zero exit code.
 */

import { type AwsEmulator, startAwsEmulator } from "../emulator.js";
import { emulatorVersion } from "../inspection/version.js";
import type { RequestLogEntry } from "../server/handler.js";
import { applyTopology, TopologyError } from "./apply-topology.js";
import { CLI_HELP, type CliRunOptions, CliUsageError, parseCliArgs } from "./args.js";
import { loadTopology } from "./topology.js";

/** Where the CLI writes and which process signals it listens to. */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Registers a stop request (SIGINT/SIGTERM); returns a function that unregisters. */
  onStopSignal: (listener: (signal: string) => void) => () => void;
}

/** Exit codes. */
export const EXIT = Object.freeze({ ok: 0, failure: 1, usage: 2 });

/** The ready line: the endpoint and the environment to export. */
export function readyLine(aws: Pick<AwsEmulator, "endpoint" | "region" | "credentials">): string {
  const env = [
    `AWS_ENDPOINT_URL=${aws.endpoint}`,
    `AWS_REGION=${aws.region}`,
    `AWS_ACCESS_KEY_ID=${aws.credentials.accessKeyId}`,
    `AWS_SECRET_ACCESS_KEY=${aws.credentials.secretAccessKey}`,
  ];
  return `probity-aws ready on ${aws.endpoint}; export ${env.join(" ")}`;
}

/** One `--verbose` line. */
export function formatRequestLog(entry: RequestLogEntry): string {
  const what = entry.service === "" ? `- ${entry.method} ${entry.path}` : `${entry.service} ${entry.action}`;
  return `${what} ${entry.status} ${entry.durationMs.toFixed(1)}ms`;
}

function describeStartError(error: unknown, options: CliRunOptions): string {
  const code = (error as { code?: unknown }).code;
  if (code === "EADDRINUSE") {
    return `port ${options.port} on ${options.host} is already in use (stop the other server or pick --port)`;
  }
  if (code === "EACCES") return `no permission to listen on ${options.host}:${options.port}`;
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return `cannot bind to --host ${options.host} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

async function runEmulator(options: CliRunOptions, io: CliIo): Promise<number> {
  // Validate --init before binding, so a bad file never leaves a half-started server behind.
  const topology = options.init === undefined ? undefined : await loadTopology(options.init);
  let stopRequested: ((signal: string) => void) | undefined;
  const stopSignal = new Promise<string>((resolve) => {
    stopRequested = resolve;
  });
  const unregister = io.onStopSignal((signal) => stopRequested?.(signal));
  let aws: AwsEmulator;
  let ready = false;
  try {
    aws = await startAwsEmulator({
      host: options.host,
      port: options.port,
      region: options.region,
      accountId: options.accountId,
      clock: options.clock,
      timeScale: options.timeScale,
      // The emulator warns when the host is reachable beyond loopback.
      warn: (message) => io.stderr(`probity-aws: warning: ${message}`),
      // Logging starts once ready: --init's own requests are summarised in one line instead.
      onRequest: options.verbose ? (entry) => ready && io.stderr(formatRequestLog(entry)) : undefined,
    });
  } catch (error) {
    unregister();
    io.stderr(`probity-aws: ${describeStartError(error, options)}`);
    return EXIT.failure;
  }
  try {
    if (topology !== undefined) {
      const summary = await applyTopology(aws, topology);
      if (summary.snsUnavailable) {
        io.stderr("probity-aws: warning: this build serves no SNS; --init skipped its topics and subscriptions");
      }
      if (options.verbose) {
        io.stderr(
          `probity-aws: --init created ${summary.queues} queues, ${summary.topics} topics, ${summary.subscriptions} subscriptions`,
        );
      }
    }
  } catch (error) {
    unregister();
    await aws.stop();
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`probity-aws: --init ${options.init}: ${message}`);
    return EXIT.usage;
  }
  ready = true;
  io.stdout(readyLine(aws));
  const signal = await stopSignal;
  if (options.verbose) io.stderr(`probity-aws: ${signal} received, stopping`);
  await aws.stop();
  unregister();
  return EXIT.ok;
}

/**
 * Runs the CLI with `argv` (arguments after the program name).
 * @returns the exit code: 0 after a stop signal, 1 when the emulator cannot start, 2 for usage errors.
 * @example
 * ```ts
 * const code = await runCli(["--port", "0"], processIo());
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    if (command.kind === "help") {
      io.stdout(CLI_HELP.trimEnd());
      return EXIT.ok;
    }
    if (command.kind === "version") {
      io.stdout(emulatorVersion());
      return EXIT.ok;
    }
    return await runEmulator(command.options, io);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof TopologyError) {
      io.stderr(`probity-aws: ${error.message}`);
      return EXIT.usage;
    }
    io.stderr(`probity-aws: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failure;
  }
}

/** The real process's stdout, stderr and SIGINT/SIGTERM. */
export function processIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    onStopSignal: (listener) => {
      let received = 0;
      const handle = (signal: NodeJS.Signals): void => {
        received++;
        // The first signal stops cleanly; a duplicate (a terminal and a parent both forwarding Ctrl-C) is
        // ignored; a third one gives up waiting.
        if (received === 1) listener(signal);
        else if (received >= 3) process.exit(EXIT.failure);
      };
      process.on("SIGINT", handle);
      process.on("SIGTERM", handle);
      return () => {
        process.off("SIGINT", handle);
        process.off("SIGTERM", handle);
      };
    },
  };
}
