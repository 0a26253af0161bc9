/**
 * The real `probity-aws` binary as a child process: readiness line, --init, the AWS CLI (v1 from PATH
 * and v2 at /usr/bin/aws when installed), the inspection API, SIGTERM, and one-line failures.
 */

import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frameData, nextFrame, readSse } from "./sse.js";

const BIN = fileURLToPath(new URL("../bin/probity-aws.js", import.meta.url));
const TOPOLOGY = fileURLToPath(new URL("../../../examples/customers/topology.json", import.meta.url));
const run = promisify(execFile);

interface RunningCli {
  child: ChildProcess;
  readyLine: string;
  endpoint: string;
  stderr: string[];
  exit: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Runs the binary in development mode (sources through tsx), as `npm start` does. */
function spawnCli(args: string[]): { child: ChildProcess; stdout: string[]; stderr: string[] } {
  const child = spawn(process.execPath, ["--conditions=probity-source", BIN, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => stdout.push(line));
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => stderr.push(line));
  return { child, stdout, stderr };
}

/** Starts the CLI and resolves on its ready line (rejects if it exits first). */
async function startCli(args: string[]): Promise<RunningCli> {
  const { child, stderr } = spawnCli(args);
  const exit = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const readyLine = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line.includes(" ready on ")) resolve(line);
    });
    void exit.then(([code]) => reject(new Error(`probity-aws exited with ${code}: ${stderr.join(" | ")}`)));
  });
  const endpoint = /AWS_ENDPOINT_URL=(\S+)/.exec(readyLine)?.[1] as string;
  return { child, readyLine, endpoint, stderr, exit };
}

/** Runs the CLI to completion. */
async function runToExit(args: string[]): Promise<{ code: number | null; stdout: string[]; stderr: string[] }> {
  const { child, stdout, stderr } = spawnCli(args);
  // "close" fires once the process exited and its stdout and stderr ended (every line was read).
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stdout, stderr };
}

function hasCommand(command: string): boolean {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).status === 0;
}

const AWS_V1 = hasCommand("aws") ? "aws" : undefined;
const AWS_V2 = hasCommand("/usr/bin/aws") ? "/usr/bin/aws" : undefined;

let cli: RunningCli;

function awsEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/nonexistent/probity-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/probity-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  };
}

async function awsCli(binary: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(binary, ["--endpoint-url", cli.endpoint, "--output", "json", ...args], {
    env: awsEnv(),
  });
  return stdout.trim() === "" ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

function queueUrl(name: string): string {
  return `${cli.endpoint}/000000000000/${name}`;
}

beforeAll(async () => {
  cli = await startCli(["--port", "0", "--init", TOPOLOGY]);
}, 60_000);

afterAll(async () => {
  if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
});

describe("probity-aws", () => {
  it("prints one ready line with the endpoint and the env to export when started", () => {
    expect(cli.readyLine).toMatch(
      /^probity-aws ready on http:\/\/127\.0\.0\.1:\d+; export AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+ AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test$/,
    );
  });

  it("creates the --init queues with their dead-letter queue", async () => {
    const response = await fetch(`${cli.endpoint}/_probity/state`);
    const state = (await response.json()) as {
      sqs: { queues: { name: string; attributes: Record<string, string> }[] };
    };
    const names = state.sqs.queues.map((queue) => queue.name).sort();
    expect(names).toEqual(["customer--created", "customer--order-created", "customer--order-created--dlq"]);
    const source = state.sqs.queues.find((queue) => queue.name === "customer--order-created");
    expect(JSON.parse(source?.attributes.RedrivePolicy ?? "{}")).toMatchObject({ maxReceiveCount: 3 });
  });

  it.skipIf(AWS_V1 === undefined)(
    "serves the AWS CLI v1 (JSON protocol) when it sends and receives",
    async () => {
      const url = queueUrl("customer--created");
      await awsCli(AWS_V1 as string, ["sqs", "send-message", "--queue-url", url, "--message-body", "from cli v1"]);
      const received = await awsCli(AWS_V1 as string, [
        "sqs",
        "receive-message",
        "--queue-url",
        url,
        "--wait-time-seconds",
        "1",
      ]);
      const messages = received.Messages as { Body: string; ReceiptHandle: string }[];
      expect(messages.map((m) => m.Body)).toEqual(["from cli v1"]);
      await awsCli(AWS_V1 as string, [
        "sqs",
        "delete-message",
        "--queue-url",
        url,
        "--receipt-handle",
        messages[0]?.ReceiptHandle as string,
      ]);
    },
    60_000,
  );

  it.skipIf(AWS_V2 === undefined)(
    "serves the AWS CLI v2 when it lists queues and reads attributes",
    async () => {
      const listed = await awsCli(AWS_V2 as string, ["sqs", "list-queues"]);
      expect(listed.QueueUrls).toContain(queueUrl("customer--order-created"));
      const attributes = await awsCli(AWS_V2 as string, [
        "sqs",
        "get-queue-attributes",
        "--queue-url",
        queueUrl("customer--order-created"),
        "--attribute-names",
        "RedrivePolicy",
      ]);
      expect(JSON.stringify(attributes)).toContain("customer--order-created--dlq");
    },
    60_000,
  );

  for (const [version, binary] of [
    ["v1", AWS_V1],
    ["v2", AWS_V2],
  ] as const) {
    it.skipIf(binary === undefined)(
      `fans an SNS publish from the AWS CLI ${version} out to the --init subscription as an SNS notification`,
      async () => {
        if (binary === undefined) throw new Error("unreachable: skipped without this AWS CLI");
        const topicArn = "arn:aws:sns:us-east-1:000000000000:order--created";
        const subscriptions = await awsCli(binary, ["sns", "list-subscriptions-by-topic", "--topic-arn", topicArn]);
        expect(JSON.stringify(subscriptions.Subscriptions)).toContain(
          "arn:aws:sqs:us-east-1:000000000000:customer--order-created",
        );
        const message = `{"order_id": "cli-${version}"}`;
        const published = await awsCli(binary, [
          "sns",
          "publish",
          "--topic-arn",
          topicArn,
          "--message",
          message,
          "--message-attributes",
          '{"source":{"DataType":"String","StringValue":"aws-cli"}}',
        ]);
        const url = queueUrl("customer--order-created");
        const received = await awsCli(binary, [
          "sqs",
          "receive-message",
          "--queue-url",
          url,
          "--wait-time-seconds",
          "5",
        ]);
        const [delivered] = received.Messages as { Body: string; ReceiptHandle: string }[];
        const notification = JSON.parse(delivered?.Body ?? "{}") as Record<string, unknown>;
        expect(notification).toMatchObject({
          Type: "Notification",
          MessageId: published.MessageId,
          TopicArn: topicArn,
          Message: message,
          MessageAttributes: { source: { Type: "String", Value: "aws-cli" } },
        });
        await awsCli(binary, [
          "sqs",
          "delete-message",
          "--queue-url",
          url,
          "--receipt-handle",
          delivered?.ReceiptHandle ?? "",
        ]);
      },
      60_000,
    );
  }

  it("streams an event to an SSE subscriber when a message is sent", async () => {
    const controller = new AbortController();
    const response = await fetch(`${cli.endpoint}/_probity/events?queue=customer--order-created`, {
      signal: controller.signal,
    });
    const frames = readSse(response);
    await nextFrame(frames, (f) => f.event === "ready");
    await fetch(`${cli.endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.SendMessage" },
      body: JSON.stringify({ QueueUrl: queueUrl("customer--order-created"), MessageBody: "evented" }),
    });
    const frame = await nextFrame(frames, (f) => f.id !== undefined);
    expect(frameData(frame)).toMatchObject({ type: "sqs.message-sent", body: "evented" });
    controller.abort();
  });

  it("peeks without changing receive counts, then resets", async () => {
    const peek = async () =>
      (await (await fetch(`${cli.endpoint}/_probity/sqs/messages?queue=customer--order-created`)).json()) as {
        messages: { body: string; receiveCount: number }[];
      };
    const first = await peek();
    const second = await peek();
    expect(first.messages.map((m) => [m.body, m.receiveCount])).toEqual([["evented", 0]]);
    expect(second).toEqual(first);
    const reset = await fetch(`${cli.endpoint}/_probity/reset`, { method: "POST" });
    expect(await reset.json()).toEqual({ reset: true });
    const health = (await (await fetch(`${cli.endpoint}/_localstack/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ services: { sqs: "running" } });
  });

  it("exits 0 when it receives SIGTERM", async () => {
    cli.child.kill("SIGTERM");
    const [code, signal] = await cli.exit;
    expect([code, signal]).toEqual([0, null]);
  });
});

describe("probity-aws failures", () => {
  it("exits 1 with one line when the port is in use", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runToExit(["--port", String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toEqual([
        `probity-aws: port ${port} on 127.0.0.1 is already in use (stop the other server or pick --port)`,
      ]);
      expect(result.stdout).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("exits 2 with one line when a flag is unknown", async () => {
    const result = await runToExit(["--prot", "4566"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual(["probity-aws: unknown flag --prot (see --help)"]);
  }, 60_000);

  it("exits 2 with one line when the --init file is missing", async () => {
    const result = await runToExit(["--port", "0", "--init", "/nonexistent/topology.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([
      "probity-aws: --init /nonexistent/topology.json: cannot read the file (no such file)",
    ]);
  }, 60_000);
});
