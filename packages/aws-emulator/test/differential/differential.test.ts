/**
 * @module test/differential/differential
 * Runs every scenario against the two targets of DIFFERENTIAL_PAIR (subject, reference) in parallel and
 * compares the normalised transcripts step by step, after replacing each target's known differences from
 * AWS by AWS's answer. Also checks that every call succeeded or failed as AWS would, so two targets that
 * go wrong the same way do not pass.
 */
import type { SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIFFERENTIAL_PAIR, type SqsTarget, type StartedSqsTarget } from "../targets.js";
import { applyKnownDifferences, createSqsClient, recordScenario, type Step, unexpectedOutcomes } from "./harness.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";
import { SCENARIOS } from "./scenarios.js";

const [subject, reference] = DIFFERENTIAL_PAIR;
const reason = subject.unavailableReason ?? reference.unavailableReason;

interface Side {
  readonly target: SqsTarget;
  readonly started: StartedSqsTarget;
  readonly sqs: SQSClient;
}

describe.skipIf(reason !== undefined)(
  `differential: ${subject.name} against ${reference.name}${reason === undefined ? "" : ` (skipped: ${reason})`}`,
  () => {
    const sides: Side[] = [];
    beforeAll(async () => {
      for (const target of [subject, reference]) {
        const started = await target.start();
        sides.push({ target, started, sqs: createSqsClient(started.endpoint, started.region) });
      }
    }, 60_000);
    afterAll(async () => {
      for (const side of sides) side.sqs.destroy();
      await Promise.all(sides.map((side) => side.started.stop()));
    });

    for (const scenario of SCENARIOS) {
      it(`answers ${scenario.name} like ${reference.name} when normalised`, async () => {
        const transcripts = await Promise.all(
          sides.map(async (side): Promise<Step[]> => {
            const steps = await recordScenario(scenario, side.sqs, side.started.endpoint);
            return applyKnownDifferences(side.target.name, scenario.name, steps, KNOWN_DIFFERENCES);
          }),
        );
        const [ours = [], theirs = []] = transcripts;
        expect({ subject: unexpectedOutcomes(ours), reference: unexpectedOutcomes(theirs) }).toEqual({
          subject: [],
          reference: [],
        });
        expect(ours).toEqual(theirs);
      }, 30_000);
    }
  },
);
