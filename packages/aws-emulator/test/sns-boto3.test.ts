/**
 * boto3 against the emulator: `test/clients/sns-flow.py` fans a message out from SNS to a raw and an
 * enveloped SQS subscription and puts/gets a DynamoDB item, configured only by `AWS_ENDPOINT_URL`.
 */

import { execFile, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type AwsEmulator, startAwsEmulator } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./clients/sns-flow.py", import.meta.url));

const skipReason: string | undefined = (() => {
  const probe = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" });
  if (probe.error !== undefined) return `python3 is not available (${probe.error.message})`;
  return probe.status === 0 ? undefined : "boto3 is not installed for python3";
})();

function runFlow(endpoint: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      "python3",
      [SCRIPT],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ENDPOINT_URL: endpoint,
          AWS_REGION: "us-east-1",
          AWS_DEFAULT_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "123456789012",
          AWS_SECRET_ACCESS_KEY: "test",
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`sns-flow.py failed: ${stderr}`, { cause: error }));
        else resolve(JSON.parse(stdout) as Record<string, unknown>);
      },
    );
  });
}

describe("boto3 SNS, SQS and DynamoDB flow", () => {
  let aws: AwsEmulator;
  beforeAll(async () => {
    aws = await startAwsEmulator({ port: 0 });
  });
  afterAll(() => aws.stop());

  it.skipIf(skipReason !== undefined)(
    `fans out raw and enveloped and stores an item when boto3 uses one endpoint${skipReason === undefined ? "" : ` (skipped: ${skipReason})`}`,
    { timeout: 60_000 },
    async () => {
      const result = await runFlow(aws.endpoint);
      expect(result.raw).toEqual({
        body: '{"customer_id": "c-1"}',
        attributes: { kind: "customer", version: "2", blob: "00ff" },
      });
      expect(result.enveloped).toMatchObject({
        type: "Notification",
        messageId: result.messageId,
        subject: "created",
        message: '{"customer_id": "c-1"}',
        attributes: {
          kind: { Type: "String", Value: "customer" },
          version: { Type: "Number", Value: "2" },
          blob: { Type: "Binary", Value: "AP8=" },
        },
        sqsAttributes: null,
      });
      expect((result.enveloped as { keys: string[] }).keys[0]).toBe("Type");
      expect(result.item).toEqual({ id: { S: "c-1" }, name: { S: "Ada" } });
      expect(result.account).toBe("123456789012");
    },
  );
});
