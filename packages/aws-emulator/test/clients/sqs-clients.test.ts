/**
 * @module test/clients/sqs-clients
 * Unmodified AWS clients against every SQS target: boto3 1.43 (AWS JSON 1.0), Debian's boto3 1.26 (Query),
 * AWS CLI v1 and v2. Each flow runs as a child process; expectations follow the AWS API reference, and
 * where a target knowingly deviates the difference is listed in KNOWN_DIFFERENCES with its reason.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, it } from "vitest";
import { SQS_TARGETS, type StartedSqsTarget } from "../targets.js";
import { runCliFlow } from "./cli-flow.js";
import { AWS_CLIS, awsCliUnavailable, PYTHON_CLIENTS, pythonClientUnavailable, runPythonFlow } from "./clients.js";

/** A field where a target knowingly differs from AWS: what the target returns instead, and why. */
interface KnownDifference {
  readonly actual: unknown;
  readonly why: string;
}

/** `target name -> "flow.field" -> difference`; AWS behaviour is asserted everywhere else. */
const KNOWN_DIFFERENCES: Record<string, Record<string, KnownDifference>> = {
  moto: {
    "errors.invalid_attribute": {
      actual: null,
      // AWS API reference, CreateQueue, Attributes: "VisibilityTimeout – ... An integer from 0 to 43,200
      // (12 hours)", error InvalidAttributeValue. moto 5.2 accepts 99999 and creates the queue.
      why: "moto does not validate VisibilityTimeout's range",
    },
  },
};

const NON_EXISTENT_QUEUE = { code: "AWS.SimpleQueueService.NonExistentQueue", status: 400 };

/** What AWS answers to sqs-flow.py, with queue names under `prefix`. */
function awsPythonFlowResult(prefix: string, protocol: string): Record<string, unknown> {
  return {
    client: { protocol },
    queues: {
      url_ends_with_name: true,
      create_is_idempotent: true,
      get_url_matches: true,
      visibility_timeout: "45",
      retention: "3600",
      arn_suffix: `${prefix}basic`,
      listed_names: [`${prefix}basic`, `${prefix}other`],
      listed_with_longer_prefix: [`${prefix}basic`],
    },
    send_receive: {
      send_md5_body_ok: true,
      send_md5_attributes_ok: true,
      received: 1,
      body: "héllo wörld ✓",
      same_message_id: true,
      receive_md5_body_ok: true,
      receive_md5_attributes_ok: true,
      attributes: {
        blob: { DataType: "Binary", Value: "0001feff" },
        color: { DataType: "String", Value: "blue" },
        count: { DataType: "Number", Value: "42" },
        kind: { DataType: "String.custom", Value: "custom" },
      },
      receive_count: "1",
      has_sent_timestamp: true,
      empty_after_delete: true,
    },
    batch: {
      sent_ids: ["m0", "m1", "m2", "m3", "m4"],
      sent_md5_ok: true,
      send_failed: 0,
      received_bodies: ["batch-0", "batch-1", "batch-2", "batch-3", "batch-4"],
      deleted: 5,
      delete_failed_ids: ["bogus"],
      delete_failed_codes: ["ReceiptHandleIsInvalid"],
    },
    visibility: { hidden_while_in_flight: true, visible_again: ["again"], receive_count: "2" },
    long_poll: { bodies: ["wake up"], returned_before_wait_ended: true },
    dead_letter: {
      policy_max_receive_count: "1",
      first_receive: ["poison"],
      second_receive: [],
      dlq_bodies: ["poison"],
      dead_letter_sources: [`${prefix}source`],
    },
    purge_tags_delete: {
      depth_before_purge: "3",
      after_purge: 0,
      tags: { team: "probity", env: "test" },
      deleted_queue_error: NON_EXISTENT_QUEUE,
    },
    errors: {
      get_url_missing: NON_EXISTENT_QUEUE,
      send_missing: NON_EXISTENT_QUEUE,
      invalid_attribute: { code: "InvalidAttributeValue", status: 400 },
    },
  };
}

/** Replaces the fields listed in KNOWN_DIFFERENCES[target] with what that target is known to return. */
function withKnownDifferences(target: string, expected: Record<string, unknown>): Record<string, unknown> {
  for (const [path, difference] of Object.entries(KNOWN_DIFFERENCES[target] ?? {})) {
    const [flow, field] = path.split(".") as [string, string];
    expected[flow] = { ...(expected[flow] as Record<string, unknown>), [field]: difference.actual };
  }
  return expected;
}

/** The result with the client's details reduced to the protocol it spoke. */
function comparable(result: Record<string, unknown>): Record<string, unknown> {
  const client = result.client as { protocol?: unknown } | undefined;
  return { ...result, client: { protocol: client?.protocol } };
}

const skipped = (reason: string | undefined): string => (reason === undefined ? "" : ` (skipped: ${reason})`);

for (const target of SQS_TARGETS) {
  describe.concurrent(`real SQS clients against ${target.name}`, () => {
    let started: StartedSqsTarget | undefined;
    const endpoint = (): string => {
      if (started === undefined) throw new Error(`${target.name} did not start`);
      return started.endpoint;
    };
    beforeAll(async () => {
      if (target.unavailableReason === undefined) started = await target.start();
    }, 60_000);
    afterAll(async () => {
      await started?.stop();
    });

    for (const client of PYTHON_CLIENTS) {
      const reason = target.unavailableReason ?? pythonClientUnavailable(client);
      it.skipIf(reason !== undefined)(
        `${client.label} sees AWS behaviour in the core flows when run against ${target.name}${skipped(reason)}`,
        async ({ expect }) => {
          const prefix = `py-${client.expectedProtocol}-${randomUUID().slice(0, 8)}-`;
          const result = await runPythonFlow(client, endpoint(), prefix);
          expect(comparable(result)).toEqual(
            withKnownDifferences(target.name, awsPythonFlowResult(prefix, client.expectedProtocol)),
          );
        },
        120_000,
      );
    }

    for (const cli of AWS_CLIS) {
      const reason = target.unavailableReason ?? awsCliUnavailable(cli);
      it.skipIf(reason !== undefined)(
        `${cli.label} sees AWS behaviour in the core flow when run against ${target.name}${skipped(reason)}`,
        async ({ expect }) => {
          const prefix = `cli-v${cli.major}-${randomUUID().slice(0, 8)}-`;
          const result = await runCliFlow(cli, endpoint(), prefix);
          expect(result).toEqual({
            createdUrlEndsWithName: true,
            getUrlMatches: true,
            listedNames: [`${prefix}queue`],
            sendMd5BodyOk: true,
            sendMd5AttributesPresent: true,
            receivedBody: "hello from the CLI ✓",
            receivedColor: "blue",
            receivedMd5BodyOk: true,
            receiveCount: "1",
            deleteExitCode: 0,
            batchSuccessful: ["e0", "e1", "e2"],
            depthAfterBatch: "3",
            depthAfterPurge: "0",
            tags: { team: "probity", env: "test" },
            deleteQueueExitCode: 0,
            missingQueue: { exitCode: cli.major === 2 ? 254 : 255, errorCode: NON_EXISTENT_QUEUE.code },
          });
        },
        120_000,
      );
    }
  });
}
