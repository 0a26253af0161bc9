/**
 * @module cli/args
 * `probity-aws` command-line flags: parsing (node:util `parseArgs`), validation with one readable
 * message per mistake, and the `--help` text.
 */

import { parseArgs } from "node:util";

/** A mistake in how the CLI was called or configured; the CLI prints its message as one line. */
export class CliUsageError extends Error {
  /** Stable code for callers. */
  readonly code = "ERR_PROBITY_AWS_USAGE";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliUsageError";
  }
}

/** Options of a `probity-aws` run. */
export interface CliRunOptions {
  /** @default "127.0.0.1" */
  host: string;
  /** @default 4566 */
  port: number;
  /** @default "us-east-1" */
  region: string;
  /** @default "000000000000" */
  accountId: string;
  /** @default "real" */
  clock: "real" | "virtual";
  /** @default 1 */
  timeScale: number;
  /** Topology file to create before reporting ready. @default undefined */
  init: string | undefined;
  /** One stderr line per request. @default false */
  verbose: boolean;
}

/** What the command line asks for. */
export type CliCommand = { kind: "help" } | { kind: "version" } | { kind: "run"; options: CliRunOptions };

/** The defaults of {@link CliRunOptions}. */
export const DEFAULT_CLI_OPTIONS: Readonly<CliRunOptions> = Object.freeze({
  host: "127.0.0.1",
  port: 4566,
  region: "us-east-1",
  accountId: "000000000000",
  clock: "real",
  timeScale: 1,
  init: undefined,
  verbose: false,
});

/** The `--help` text. */
export const CLI_HELP = `Usage: probity-aws [options]

Runs the embedded AWS emulator (SQS, SNS and DynamoDB on one port) until SIGINT or SIGTERM.
When ready it prints one line with the endpoint and the environment to export.

Options:
  --host <address>        Interface to bind (default 127.0.0.1). Anything but loopback
                          exposes an unauthenticated endpoint; a warning is printed.
  --port <n>              TCP port, 0 picks a free one (default 4566).
  --region <region>       Region of unsigned requests (default us-east-1). Signed requests
                          use the region of their credentials.
  --account-id <12 digits>
                          Account of requests whose access key is not 12 digits
                          (default 000000000000).
  --time-scale <n>        Emulated time runs n times faster: with 100 a 30 s visibility
                          timeout passes in 300 ms (default 1, real clock only).
  --clock <real|virtual>  virtual: time moves only with POST /_probity/clock/advance
                          {"ms": 30000} (default real).
  --init <file.json>      Create topics, queues (with dead-letter queues) and subscriptions
                          before reporting ready:
                          {"topics": ["t"], "queues": [{"name": "q", "dlq": {"name": "q-dlq",
                          "maxReceiveCount": 3}}], "subscriptions": [{"topic": "t",
                          "queue": "q", "raw": false}]}
  --verbose               Log one line per request to stderr: service, action, status, ms.
  --help                  Show this help.
  --version               Show the version.

Inspection: GET /_probity/health, /_probity/state, /_probity/events (server-sent events),
/_probity/sqs/messages?queue=NAME; POST /_probity/reset, /_probity/clock/advance.
Exit codes: 0 after SIGINT/SIGTERM, 1 when the emulator cannot start, 2 for bad flags or --init files.
`;

function integer(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < min || value > max) {
    throw new CliUsageError(`--${flag} must be an integer ${min}-${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Parses the command line.
 * @param argv - arguments after the program name.
 * @throws CliUsageError for an unknown flag, a missing or invalid value, or a stray argument.
 * @example
 * ```ts
 * parseCliArgs(["--port", "0", "--time-scale", "100"]); // { kind: "run", options: { port: 0, timeScale: 100, … } }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    throw new CliUsageError(describeParseError(error), { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: "help" };
  if (values.version === true) return { kind: "version" };
  if (positionals.length > 0) {
    throw new CliUsageError(`unexpected argument "${positionals[0]}" (see --help)`);
  }
  const options: CliRunOptions = { ...DEFAULT_CLI_OPTIONS };
  if (values.host !== undefined) {
    if (values.host.trim() === "") throw new CliUsageError("--host must not be empty");
    options.host = values.host;
  }
  if (values.port !== undefined) options.port = integer("port", values.port, 0, 65_535);
  if (values.region !== undefined) {
    if (!/^[a-z0-9-]+$/.test(values.region)) {
      throw new CliUsageError(`--region must look like us-east-1, got "${values.region}"`);
    }
    options.region = values.region;
  }
  if (values["account-id"] !== undefined) {
    if (!/^\d{12}$/.test(values["account-id"])) {
      throw new CliUsageError(`--account-id must be 12 digits, got "${values["account-id"]}"`);
    }
    options.accountId = values["account-id"];
  }
  if (values.clock !== undefined) {
    if (values.clock !== "real" && values.clock !== "virtual") {
      throw new CliUsageError(`--clock must be "real" or "virtual", got "${values.clock}"`);
    }
    options.clock = values.clock;
  }
  if (values["time-scale"] !== undefined) {
    const raw = values["time-scale"];
    const scale = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(scale) || scale <= 0) {
      throw new CliUsageError(`--time-scale must be a number > 0, got "${raw}"`);
    }
    options.timeScale = scale;
  }
  if (options.clock === "virtual" && options.timeScale !== 1) {
    throw new CliUsageError("--time-scale applies to the real clock only, not to --clock virtual");
  }
  if (values.init !== undefined) {
    if (values.init === "") throw new CliUsageError("--init needs a file path");
    options.init = values.init;
  }
  options.verbose = values.verbose === true;
  return { kind: "run", options };
}

/** One short sentence for a node:util parseArgs error. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(?:-\w, )?(--?[^' ,]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag !== undefined) return `unknown flag ${flag} (see --help)`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag !== undefined) {
    return message.includes("argument missing")
      ? `${flag} needs a value (see --help)`
      : `${flag} does not take a value (see --help)`;
  }
  return `${message.split(". ")[0] ?? message} (see --help)`;
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      host: { type: "string" },
      port: { type: "string", short: "p" },
      region: { type: "string" },
      "account-id": { type: "string" },
      "time-scale": { type: "string" },
      clock: { type: "string" },
      init: { type: "string" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean" },
    },
  });
}
