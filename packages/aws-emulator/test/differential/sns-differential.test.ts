/**
 * @module test/differential/sns-differential
 * Runs every SNS scenario against the two targets of DIFFERENTIAL_PAIR (subject, reference) in parallel and
 * compares the normalised transcripts step by step, after replacing each target's known differences from
 * AWS by AWS's answer. Also checks that every call succeeded or failed as AWS would.
 */
import { SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIFFERENTIAL_PAIR, type SqsTarget, type StartedSqsTarget, TEST_CREDENTIALS } from "../targets.js";
import { applyKnownDifferences, createSqsClient, recordScenario, type Step, unexpectedOutcomes } from "./harness.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";
import { SNS_SCENARIOS, type SnsClients } from "./sns-scenarios.js";

const [subject, reference] = DIFFERENTIAL_PAIR;
const reason = subject.unavailableReason ?? reference.unavailableReason;

interface Side {
  readonly target: SqsTarget;
  readonly started: StartedSqsTarget;
  readonly clients: SnsClients;
}

describe.skipIf(reason !== undefined)(
  `SNS differential: ${subject.name} against ${reference.name}${reason === undefined ? "" : ` (skipped: ${reason})`}`,
  () => {
    const sides: Side[] = [];
    beforeAll(async () => {
      for (const target of [subject, reference]) {
        const started = await target.start();
        const sns = new SNSClient({
          endpoint: started.endpoint,
          region: started.region,
          credentials: { ...TEST_CREDENTIALS },
          maxAttempts: 1,
        });
        sides.push({ target, started, clients: { sns, sqs: createSqsClient(started.endpoint, started.region) } });
      }
    }, 60_000);
    afterAll(async () => {
      for (const side of sides) {
        side.clients.sns.destroy();
        side.clients.sqs.destroy();
      }
      await Promise.all(sides.map((side) => side.started.stop()));
    });

    for (const scenario of SNS_SCENARIOS) {
      it(`answers ${scenario.name} like ${reference.name} when normalised`, async () => {
        const transcripts = await Promise.all(
          sides.map(async (side): Promise<Step[]> => {
            const steps = await recordScenario(scenario, side.clients, side.started.endpoint);
            return applyKnownDifferences(side.target.name, `sns:${scenario.name}`, steps, KNOWN_DIFFERENCES);
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
