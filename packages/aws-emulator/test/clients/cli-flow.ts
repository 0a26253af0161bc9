/**
 * @module test/clients/cli-flow
 * The core SQS flow driven by an unmodified AWS CLI binary (v1 or v2), one child process per command, with
 * `--endpoint-url`, `--region us-east-1`, dummy credentials from the environment and no user config files.
 * Returns what each step observed, for sqs-clients.test.ts to assert.
 */
import { createHash, randomUUID } from "node:crypto";
import { type AwsCli, run } from "./clients.js";

/** What the CLI flow observed. */
export interface CliFlowResult {
  readonly createdUrlEndsWithName: boolean;
  readonly getUrlMatches: boolean;
  readonly listedNames: readonly string[];
  readonly sendMd5BodyOk: boolean;
  readonly sendMd5AttributesPresent: boolean;
  readonly receivedBody: string | undefined;
  readonly receivedColor: string | undefined;
  readonly receivedMd5BodyOk: boolean;
  readonly receiveCount: string | undefined;
  readonly deleteExitCode: number;
  readonly batchSuccessful: readonly string[];
  readonly depthAfterBatch: string | undefined;
  readonly depthAfterPurge: string | undefined;
  readonly tags: Record<string, string>;
  readonly deleteQueueExitCode: number;
  /** Exit code of `get-queue-url` on the deleted queue (non-zero) and the error code printed in parentheses. */
  readonly missingQueue: { readonly exitCode: number; readonly errorCode: string | undefined };
}

const md5 = (text: string): string => createHash("md5").update(text, "utf8").digest("hex");

function parse(stdout: string): Record<string, unknown> {
  return stdout.trim() === "" ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * Runs the flow with `cli` against `endpoint`, on queues named `<prefix>…`.
 *
 * @throws {Error} When a step that must succeed exits non-zero (with the CLI's stderr).
 */
export async function runCliFlow(cli: AwsCli, endpoint: string, prefix = `cli-${randomUUID().slice(0, 8)}-`) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_PAGER: "",
  };
  const common = ["--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"];
  if (cli.major === 2) common.push("--no-cli-pager");
  const raw = (args: readonly string[]) => run(cli.path, ["sqs", ...args, ...common], env);
  const sqs = async (args: readonly string[]): Promise<Record<string, unknown>> => {
    const { stdout, stderr, code } = await raw(args);
    if (code !== 0) throw new Error(`aws sqs ${args.join(" ")} exited ${code}: ${stderr}`);
    return parse(stdout);
  };

  const name = `${prefix}queue`;
  const url = String(
    (
      await sqs([
        "create-queue",
        "--queue-name",
        name,
        "--attributes",
        "VisibilityTimeout=40",
        "--tags",
        "team=probity",
      ])
    ).QueueUrl,
  );
  const gotUrl = String((await sqs(["get-queue-url", "--queue-name", name])).QueueUrl);
  const listed = (await sqs(["list-queues", "--queue-name-prefix", prefix])).QueueUrls;

  const body = "hello from the CLI ✓";
  const sent = await sqs([
    "send-message",
    "--queue-url",
    url,
    "--message-body",
    body,
    "--message-attributes",
    JSON.stringify({ color: { DataType: "String", StringValue: "blue" } }),
  ]);
  const received = await sqs([
    "receive-message",
    "--queue-url",
    url,
    "--attribute-names",
    "All",
    "--message-attribute-names",
    "All",
    "--wait-time-seconds",
    "1",
  ]);
  const message = record(Array.isArray(received.Messages) ? received.Messages[0] : undefined);
  const deleted = await raw(["delete-message", "--queue-url", url, "--receipt-handle", String(message.ReceiptHandle)]);

  const batch = await sqs([
    "send-message-batch",
    "--queue-url",
    url,
    "--entries",
    JSON.stringify([0, 1, 2].map((i) => ({ Id: `e${i}`, MessageBody: `batch ${i}` }))),
  ]);
  const depth = async () =>
    record(
      (await sqs(["get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessages"]))
        .Attributes,
    ).ApproximateNumberOfMessages;
  const depthAfterBatch = await depth();
  await sqs(["purge-queue", "--queue-url", url]);
  const depthAfterPurge = await depth();
  await sqs(["tag-queue", "--queue-url", url, "--tags", "env=test"]);
  const tags = record((await sqs(["list-queue-tags", "--queue-url", url])).Tags);
  const deletedQueue = await raw(["delete-queue", "--queue-url", url]);
  const missing = await raw(["get-queue-url", "--queue-name", name]);

  return {
    createdUrlEndsWithName: url.endsWith(`/${name}`),
    getUrlMatches: gotUrl === url,
    listedNames: Array.isArray(listed) ? listed.map((u) => String(u).split("/").pop() ?? "").sort() : [],
    sendMd5BodyOk: sent.MD5OfMessageBody === md5(body),
    sendMd5AttributesPresent: typeof sent.MD5OfMessageAttributes === "string",
    receivedBody: typeof message.Body === "string" ? message.Body : undefined,
    receivedColor: record(record(message.MessageAttributes).color).StringValue as string | undefined,
    receivedMd5BodyOk: message.MD5OfBody === md5(body),
    receiveCount: record(message.Attributes).ApproximateReceiveCount as string | undefined,
    deleteExitCode: deleted.code,
    batchSuccessful: (Array.isArray(batch.Successful) ? batch.Successful : [])
      .map((entry) => String(record(entry).Id))
      .sort(),
    depthAfterBatch: depthAfterBatch as string | undefined,
    depthAfterPurge: depthAfterPurge as string | undefined,
    tags: tags as Record<string, string>,
    deleteQueueExitCode: deletedQueue.code,
    missingQueue: { exitCode: missing.code, errorCode: /An error occurred \(([^)]+)\)/.exec(missing.stderr)?.[1] },
  } satisfies CliFlowResult;
}
