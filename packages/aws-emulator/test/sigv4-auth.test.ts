/**
 * `requireAuth`: SigV4 verification with real AWS SDK v3 signatures — a configured key passes, a wrong
 * secret, an unknown key, a body changed after signing, a request signed more than 15 minutes off and an
 * unsigned request are rejected as AWS rejects them. Also the warning when binding beyond loopback.
 */

import { CreateQueueCommand, ListQueuesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type AwsEmulator, startAwsEmulator } from "probity-aws-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nonLoopbackWarning } from "../src/emulator.js";

const KEY = { accessKeyId: "AKIDRELIABILITY", secretAccessKey: "s3cr3t/with+chars" };
const OTHER = { accessKeyId: "123456789012", secretAccessKey: "other" };

let aws: AwsEmulator;
const warnings: string[] = [];

beforeAll(async () => {
  aws = await startAwsEmulator({
    port: 0,
    requireAuth: { credentials: [KEY, OTHER] },
    warn: (message) => warnings.push(message),
  });
});

afterAll(async () => {
  await aws.stop();
});

function client(credentials: { accessKeyId: string; secretAccessKey: string }, region = "us-east-1"): SQSClient {
  return new SQSClient({ endpoint: aws.endpoint, region, credentials, maxAttempts: 1 });
}

/** A client signing with its clock `offsetMs` off. */
function skewedClient(offsetMs: number): SQSClient {
  const sqs = client(KEY);
  sqs.config.systemClockOffset = offsetMs;
  return sqs;
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error("the request was accepted");
}

describe("requireAuth", () => {
  it("accepts requests when they are signed with a configured key", async () => {
    const sqs = client(KEY, "eu-west-1");
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "signed" }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "héllo wörld & more" }));
    expect(aws.sqs.queue("signed", { region: "eu-west-1" })?.visible).toBe(1);
    const { QueueUrls } = await client(OTHER).send(new ListQueuesCommand({}));
    expect(QueueUrls).toBeUndefined();
  });

  it("rejects with SignatureDoesNotMatch when the secret is wrong", async () => {
    const sqs = client({ accessKeyId: KEY.accessKeyId, secretAccessKey: "wrong" });
    expect(await rejection(sqs.send(new ListQueuesCommand({})))).toEqual({
      name: "SignatureDoesNotMatch",
      status: 403,
    });
  });

  it("rejects with InvalidClientTokenId when the key is unknown", async () => {
    const sqs = client({ accessKeyId: "AKIDUNKNOWN", secretAccessKey: KEY.secretAccessKey });
    expect(await rejection(sqs.send(new ListQueuesCommand({})))).toEqual({ name: "InvalidClientTokenId", status: 403 });
  });

  it("rejects with SignatureDoesNotMatch when the body changes after signing", async () => {
    const sqs = client(KEY);
    // The deserialize step runs after signing, right before the request is sent.
    sqs.middlewareStack.add(
      (next) => async (args) => {
        const request = (args as { request: { body: string } }).request;
        request.body = request.body.replace("original", "tampered");
        return next(args);
      },
      { step: "deserialize", name: "tamperBody" },
    );
    const result = await rejection(
      sqs.send(new SendMessageCommand({ QueueUrl: `${aws.endpoint}/000000000000/signed`, MessageBody: "original" })),
    );
    expect(result).toEqual({ name: "SignatureDoesNotMatch", status: 403 });
  });

  it("answers MissingAuthenticationToken in the request's protocol when it is unsigned", async () => {
    const query = await fetch(`${aws.endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=ListQueues",
    });
    expect(query.status).toBe(403);
    expect(await query.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    const json = await fetch(`${aws.endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AmazonSQS.ListQueues" },
      body: "{}",
    });
    expect(json.status).toBe(403);
    expect(((await json.json()) as { __type: string }).__type).toBe("com.amazonaws.sqs#MissingAuthenticationToken");
  });

  it("rejects with Signature expired when the request was signed more than 15 minutes ago", async () => {
    const sqs = skewedClient(-20 * 60_000);
    const error = await sqs.send(new ListQueuesCommand({})).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: "SignatureDoesNotMatch", $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });

  it("rejects with Signature not yet current when the request is signed more than 15 minutes ahead", async () => {
    const sqs = skewedClient(20 * 60_000);
    const error = await sqs.send(new ListQueuesCommand({})).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: "SignatureDoesNotMatch", $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toMatch(/^Signature not yet current: .* \+ 15 min\.\)$/);
  });

  it("accepts a request signed within 15 minutes of its clock", async () => {
    const sqs = skewedClient(-10 * 60_000);
    await expect(sqs.send(new ListQueuesCommand({}))).resolves.toBeDefined();
  });

  it("lets the SDK correct its clock from the rejection when its clock is an hour off", async () => {
    // As with AWS: the SDK reads the server's time from the error's Date header and fixes its offset,
    // so the next request is signed in time.
    const sqs = skewedClient(-60 * 60_000);
    await expect(sqs.send(new ListQueuesCommand({}))).rejects.toThrow(/^Signature expired/);
    expect(Math.abs(sqs.config.systemClockOffset)).toBeLessThan(5 * 60_000);
    await expect(sqs.send(new ListQueuesCommand({}))).resolves.toBeDefined();
  });

  it("keeps /_probity/health open when auth is required", async () => {
    expect((await fetch(`${aws.endpoint}/_probity/health`)).status).toBe(200);
  });

  it("exposes the first configured key as credentials when auth is required", () => {
    expect({ ...aws.credentials }).toEqual({ accessKeyId: KEY.accessKeyId, secretAccessKey: KEY.secretAccessKey });
  });

  it("fails at once with a TypeError when no credentials are configured", async () => {
    await expect(startAwsEmulator({ port: 0, requireAuth: { credentials: [] } })).rejects.toThrow(TypeError);
  });
});

describe("nonLoopbackWarning", () => {
  it("stays silent when the host is loopback", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) {
      expect(nonLoopbackWarning(host)).toBeUndefined();
    }
    expect(warnings).toEqual([]);
  });

  it("warns when the host is reachable from other machines", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.test"]) {
      expect(nonLoopbackWarning(host)).toMatch(/other machines may reach/);
    }
  });
});
