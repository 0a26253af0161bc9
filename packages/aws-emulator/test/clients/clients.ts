/**
 * @module test/clients/clients
 * The real AWS clients installed on this machine (boto3 under two interpreters, AWS CLI v1 and v2), how to
 * tell whether each is present, and how to run the boto3 flow script (`sqs-flow.py`) as a child process.
 */
import { execFile, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Why a client is missing, phrased for a skip message; points at the install script. */
const INSTALL = "run scripts/install-test-deps.sh";

/** A Python interpreter with boto3. */
export interface PythonClient {
  /** Label for test titles. */
  readonly label: string;
  /** Interpreter path or name. */
  readonly python: string;
  /** The SQS wire protocol this boto3 must speak, so CI notices when an image change drops one. */
  readonly expectedProtocol: "json" | "query";
}

/** An AWS CLI binary. */
export interface AwsCli {
  readonly label: string;
  readonly path: string;
  /** Major version the binary must report (v2 understands `--no-cli-pager`, v1 does not). */
  readonly major: 1 | 2;
}

/** boto3 ≥ 1.34 (AWS JSON 1.0) from pyenv, and Debian's python3-boto3 1.26 (Query). */
export const PYTHON_CLIENTS: readonly PythonClient[] = [
  { label: "boto3 (pyenv python3, JSON protocol)", python: "python3", expectedProtocol: "json" },
  { label: "boto3 (Debian /usr/bin/python3, Query protocol)", python: "/usr/bin/python3", expectedProtocol: "query" },
];

/** pyenv's awscli v1 (first `aws` on PATH) and Debian's awscli v2. */
export const AWS_CLIS: readonly AwsCli[] = [
  { label: "AWS CLI v1 (aws on PATH)", path: "aws", major: 1 },
  { label: "AWS CLI v2 (Debian /usr/bin/aws)", path: "/usr/bin/aws", major: 2 },
];

/** Why `client` cannot run here, or `undefined` when it can. */
export function pythonClientUnavailable(client: PythonClient): string | undefined {
  const result = spawnSync(client.python, ["-c", "import boto3; print(boto3.__version__)"], { encoding: "utf8" });
  if (result.error !== undefined) return `${client.python} is not installed (${INSTALL})`;
  if (result.status !== 0) return `boto3 is not installed for ${client.python} (${INSTALL})`;
  return undefined;
}

/** Why `cli` cannot run here, or `undefined` when it can. */
export function awsCliUnavailable(cli: AwsCli): string | undefined {
  const result = spawnSync(cli.path, ["--version"], { encoding: "utf8" });
  if (result.error !== undefined) return `${cli.path} is not installed (${INSTALL})`;
  const version = `${result.stdout}${result.stderr}`.trim();
  if (!version.startsWith(`aws-cli/${cli.major}.`)) return `${cli.path} is ${version}, not AWS CLI v${cli.major}`;
  return undefined;
}

/** Runs a command and resolves with stdout, stderr and the exit code (never rejects on a non-zero exit). */
export function run(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 60_000, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") {
        reject(new Error(`${file} ${args.join(" ")} failed to run: ${error.message}\n${stderr}`, { cause: error }));
        return;
      }
      resolve({ stdout, stderr, code: error === null ? 0 : Number(error.code) });
    });
  });
}

const FLOW_SCRIPT = fileURLToPath(new URL("./sqs-flow.py", import.meta.url));

/**
 * Runs `sqs-flow.py` with `client.python` against `endpoint` (queues named `<prefix>…`) and returns its JSON line.
 *
 * @throws {Error} When the script exits non-zero or prints no JSON.
 */
export async function runPythonFlow(
  client: PythonClient,
  endpoint: string,
  prefix: string,
): Promise<Record<string, unknown>> {
  const { stdout, stderr, code } = await run(client.python, [FLOW_SCRIPT, "--endpoint", endpoint, "--prefix", prefix]);
  const line = stdout.trim().split("\n").pop() ?? "";
  if (code !== 0 || !line.startsWith("{")) {
    throw new Error(`${client.python} sqs-flow.py exited ${code}:\n${stdout}\n${stderr}`);
  }
  return JSON.parse(line) as Record<string, unknown>;
}
