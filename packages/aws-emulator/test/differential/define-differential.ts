/**
 * @module test/differential/define-differential
 * The one differential suite body: runs every scenario against the two targets of DIFFERENTIAL_PAIR
 * (subject, reference) in parallel and compares the normalised transcripts step by step, after replacing
 * each target's known differences from AWS by AWS's answer. Also checks that every call succeeded or failed
 * as AWS would, so two targets that go wrong the same way do not pass.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIFFERENTIAL_PAIR, type SqsTarget, type StartedSqsTarget } from "../targets.js";
import { applyKnownDifferences, recordScenario, type Scenario, type Step, unexpectedOutcomes } from "./harness.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";

/** How one differential suite builds and releases the clients its scenarios get. */
export interface DifferentialSuite<Client> {
  /** Prefix of the describe title, e.g. "SNS differential". */
  readonly title: string;
  readonly scenarios: readonly Scenario<Client>[];
  /** Scenario names in known-differences.ts carry this prefix (e.g. "sns:"). @default "" */
  readonly knownDifferencePrefix?: string;
  createClient(started: StartedSqsTarget): Client;
  destroyClient(client: Client): void;
}

interface Side<Client> {
  readonly target: SqsTarget;
  readonly started: StartedSqsTarget;
  readonly client: Client;
}

/** Declares the describe block of one differential suite. */
export function defineDifferential<Client>(suite: DifferentialSuite<Client>): void {
  const [subject, reference] = DIFFERENTIAL_PAIR;
  const reason = subject.unavailableReason ?? reference.unavailableReason;
  const prefix = suite.knownDifferencePrefix ?? "";
  describe.skipIf(reason !== undefined)(
    `${suite.title}: ${subject.name} against ${reference.name}${reason === undefined ? "" : ` (skipped: ${reason})`}`,
    () => {
      const sides: Side<Client>[] = [];
      beforeAll(async () => {
        for (const target of [subject, reference]) {
          const started = await target.start();
          sides.push({ target, started, client: suite.createClient(started) });
        }
      }, 60_000);
      afterAll(async () => {
        for (const side of sides) suite.destroyClient(side.client);
        await Promise.all(sides.map((side) => side.started.stop()));
      });

      for (const scenario of suite.scenarios) {
        it(`answers ${scenario.name} like ${reference.name} when normalised`, async () => {
          const transcripts = await Promise.all(
            sides.map(async (side): Promise<Step[]> => {
              const steps = await recordScenario(scenario, side.client, side.started.endpoint);
              return applyKnownDifferences(side.target.name, `${prefix}${scenario.name}`, steps, KNOWN_DIFFERENCES);
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
}
