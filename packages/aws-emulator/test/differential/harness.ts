/**
 * @module test/differential/harness
 * Runs a scenario (a sequence of AWS SDK v3 calls on one client, by default an SQS client; the SNS
 * scenarios use an `{ sns, sqs }` pair) against one endpoint and records a normalised
 * transcript; two transcripts of the same scenario are then compared. Each call declares whether AWS
 * answers it with success (`ok`) or an error (`fails`), so a scenario where both sides go wrong the same
 * way is still caught.
 */
import { SQSClient } from "@aws-sdk/client-sqs";
import { TEST_CREDENTIALS } from "../targets.js";
import { normalise, normaliseError, sortArrays } from "./normalise.js";

/** One recorded call: its label, what AWS would do, and the normalised outcome. */
export interface Step {
  readonly label: string;
  readonly expected: "ok" | "error";
  readonly output?: unknown;
  readonly error?: Record<string, unknown>;
}

/** Options for one call. */
export interface CallOptions {
  /** Top-level arrays of the output whose order AWS does not define (sorted before comparing). @default [] */
  readonly unordered?: readonly string[];
}

/** One SDK call on `Client`, e.g. `(sqs) => sqs.send(new GetQueueUrlCommand({ QueueName }))`. */
export type Call<Client, Output> = (client: Client) => Promise<Output>;

/** One SQS SDK call. */
export type SqsCall<Output> = Call<SQSClient, Output>;

/** What a scenario gets to work with (`Client` is what each call receives). */
export interface ScenarioContext<Client = SQSClient> {
  /** The endpoint the scenario runs against (for building URLs of queues that do not exist). */
  readonly endpoint: string;
  /** Queue name unique to this scenario: `d-<scenario>-<suffix>`. */
  queueName(suffix: string): string;
  /** Makes a call AWS answers with success; records it and returns the raw output (undefined if it failed). */
  ok<Output>(label: string, call: Call<Client, Output>, options?: CallOptions): Promise<Output | undefined>;
  /** Makes a call AWS answers with an error; records it. */
  fails(label: string, call: Call<Client, unknown>): Promise<void>;
}

/** A named sequence of calls. */
export interface Scenario<Client = SQSClient> {
  readonly name: string;
  run(context: ScenarioContext<Client>): Promise<void>;
}

/** Creates the SDK client the harness uses: MD5 checks on, no retries (a retry would hide an error). */
export function createSqsClient(endpoint: string, region = "us-east-1"): SQSClient {
  return new SQSClient({ endpoint, region, credentials: { ...TEST_CREDENTIALS }, maxAttempts: 1 });
}

/** Runs `scenario` against `client` and returns its normalised transcript. */
export async function recordScenario<Client>(
  scenario: Scenario<Client>,
  client: Client,
  endpoint: string,
): Promise<Step[]> {
  const steps: Step[] = [];
  const send = async <Output>(
    label: string,
    expected: Step["expected"],
    call: Call<Client, Output>,
    options: CallOptions,
  ): Promise<Output | undefined> => {
    try {
      const output = await call(client);
      steps.push({ label, expected, output: sortArrays(normalise(output), options.unordered ?? []) });
      return output;
    } catch (error) {
      steps.push({ label, expected, error: normaliseError(error) });
      return undefined;
    }
  };
  await scenario.run({
    endpoint,
    queueName: (suffix) => `d-${scenario.name}-${suffix}`,
    ok: (label, call, options = {}) => send(label, "ok", call, options),
    fails: async (label, call) => {
      await send(label, "error", call, {});
    },
  });
  return steps;
}

/**
 * A place where a reference implementation knowingly differs from AWS. The reference transcript's step is
 * replaced by what AWS answers before comparing, so the subject must match AWS there.
 */
export interface KnownDifference {
  /** Target name the difference belongs to (`"moto"`). */
  readonly target: string;
  readonly scenario: string;
  /** Label of the step. */
  readonly step: string;
  /** What AWS answers, in normalised form (`output` or `error`), given what the target recorded. */
  readonly aws: (recorded: Step) => Pick<Step, "output" | "error">;
  /** What differs, with the AWS API reference page that says so. */
  readonly why: string;
}

/** Replaces the steps listed in `differences` for `target` with AWS's answer. */
export function applyKnownDifferences(
  target: string,
  scenario: string,
  steps: readonly Step[],
  differences: readonly KnownDifference[],
): Step[] {
  return steps.map((step) => {
    const known = differences.find((d) => d.target === target && d.scenario === scenario && d.step === step.label);
    return known === undefined ? step : { label: step.label, expected: step.expected, ...known.aws(step) };
  });
}

/** Steps whose outcome (success vs error) is not what AWS does, as readable lines. */
export function unexpectedOutcomes(steps: readonly Step[]): string[] {
  return steps
    .filter((step) => (step.expected === "ok") !== (step.error === undefined))
    .map((step) =>
      step.error === undefined
        ? `${step.label}: succeeded, AWS answers an error`
        : `${step.label}: failed with ${JSON.stringify(step.error)}, AWS succeeds`,
    );
}
