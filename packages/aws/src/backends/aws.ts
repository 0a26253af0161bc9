/**
 * @module backends/aws
 * The `aws()` backend: real AWS through the SDK's default credential chain. Opt-in only
 * (`PROBITY_AWS_LIVE=1`); every name gets a unique run prefix and everything the client created is
 * deleted on dispose.
 */
import { randomBytes } from "node:crypto";
import { BackendUnavailableError } from "../errors.js";
import { type Backend, type CreatedResource, createBackend } from "./backend.js";

/** Options of {@link aws}. */
export interface AwsBackendOptions {
  /** The region. @default process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1" */
  region?: string;
  /** Prepended to every queue and topic name. @default `probity-<time>-<random>-` (unique per run) */
  prefix?: string;
  /** The environment read for `PROBITY_AWS_LIVE` and the region. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** A unique prefix per call: `probity-<base36 ms>-<4 hex>-`, 23 characters. @internal */
export function runPrefix(): string {
  return `probity-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}-`;
}

/**
 * Returns real AWS as a backend. Nothing is started; dispose deletes the subscriptions, topics and
 * queues the client created, in that order, and reports every failure together.
 *
 * @throws BackendUnavailableError unless `PROBITY_AWS_LIVE=1` (real resources cost money).
 * @example
 * ```ts
 * // PROBITY_AWS_LIVE=1 AWS_PROFILE=sandbox npx vitest
 * await using backend = await aws({ region: "eu-west-1" });
 * ```
 */
export async function aws(options: AwsBackendOptions = {}): Promise<Backend> {
  const env = options.env ?? process.env;
  if (env.PROBITY_AWS_LIVE !== "1") {
    throw new BackendUnavailableError({
      backend: "aws",
      reason: "real AWS is opt-in: set PROBITY_AWS_LIVE=1 (resources are created in your account and deleted after)",
    });
  }
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const prefix = options.prefix ?? runPrefix();
  const created: CreatedResource[] = [];
  return createBackend({
    name: "aws",
    endpoint: undefined,
    region,
    credentials: undefined,
    capabilities: { purgeRateLimited: true, events: false, live: true, inspection: false },
    qualify: (name) => (name.startsWith(prefix) ? name : `${prefix}${name}`),
    track: (resource) => {
      if (!created.some((known) => known.id === resource.id)) created.push(resource);
    },
    stop: () => deleteCreated(region, created),
  });
}

async function deleteCreated(region: string, created: readonly CreatedResource[]): Promise<void> {
  if (created.length === 0) return;
  // Imported here, not at the top: importing the backends does not load the AWS SDK.
  const [{ DeleteTopicCommand, SNSClient, UnsubscribeCommand }, { DeleteQueueCommand, SQSClient }] = await Promise.all([
    import("@aws-sdk/client-sns"),
    import("@aws-sdk/client-sqs"),
  ]);
  const sns = new SNSClient({ region });
  const sqs = new SQSClient({ region });
  const failures: unknown[] = [];
  const order = ["subscription", "topic", "queue"] as const;
  try {
    for (const kind of order) {
      const results = await Promise.allSettled(
        created
          .filter((resource) => resource.kind === kind)
          .map((resource) => {
            if (kind === "subscription") return sns.send(new UnsubscribeCommand({ SubscriptionArn: resource.id }));
            if (kind === "topic") return sns.send(new DeleteTopicCommand({ TopicArn: resource.id }));
            return sqs.send(new DeleteQueueCommand({ QueueUrl: resource.id }));
          }),
      );
      for (const result of results) if (result.status === "rejected") failures.push(result.reason);
    }
  } finally {
    sns.destroy();
    sqs.destroy();
  }
  if (failures.length > 0) throw new AggregateError(failures, `aws: ${failures.length} resources could not be deleted`);
}
