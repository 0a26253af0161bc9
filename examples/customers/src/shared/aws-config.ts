/**
 * @module shared/aws-config
 * AWS settings read from the environment the way the seed's containers get them (`AWS_REGION`,
 * `AWS_*_ENDPOINT_URL` with `AWS_ENDPOINT_URL` as the fallback, static credentials), and the three SDK v3
 * clients built from them.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";

/** Where and as whom the services talk to AWS (or an emulator). */
export interface AwsConfig {
  /** AWS region, e.g. `us-east-1`. */
  region: string;
  /** Static credentials; when absent the SDK's default provider chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Per-service endpoint URLs; absent means the real AWS endpoint. */
  endpoints: { sns?: string; sqs?: string; dynamodb?: string };
}

/** The SDK clients a service needs. */
export interface AwsClients {
  sns: SNSClient;
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
}

/** The region used when `AWS_REGION` (and `AWS_DEFAULT_REGION`) are unset. */
export const DEFAULT_AWS_REGION = "us-east-1";

/**
 * Reads {@link AwsConfig} from environment variables.
 *
 * @param env - Usually `process.env`.
 * @example
 * ```ts
 * const aws = readAwsConfig({ AWS_ENDPOINT_URL: "http://127.0.0.1:4566", AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
 * ```
 */
export function readAwsConfig(env: Record<string, string | undefined>): AwsConfig {
  const fallback = nonEmpty(env.AWS_ENDPOINT_URL);
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  const config: AwsConfig = {
    region: nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? DEFAULT_AWS_REGION,
    endpoints: {},
  };
  const sns = nonEmpty(env.AWS_SNS_ENDPOINT_URL) ?? fallback;
  const sqs = nonEmpty(env.AWS_SQS_ENDPOINT_URL) ?? fallback;
  const dynamodb = nonEmpty(env.AWS_DYNAMODB_ENDPOINT_URL) ?? fallback;
  if (sns) config.endpoints.sns = sns;
  if (sqs) config.endpoints.sqs = sqs;
  if (dynamodb) config.endpoints.dynamodb = dynamodb;
  if (accessKeyId && secretAccessKey) config.credentials = { accessKeyId, secretAccessKey };
  return config;
}

/**
 * Builds SNS, SQS and DynamoDB clients for one {@link AwsConfig}.
 *
 * @example
 * ```ts
 * const { sns, sqs, dynamodb } = createAwsClients(readAwsConfig(process.env));
 * ```
 */
export function createAwsClients(config: AwsConfig): AwsClients {
  const base = {
    region: config.region,
    ...(config.credentials ? { credentials: config.credentials } : {}),
  };
  return {
    sns: new SNSClient({ ...base, ...(config.endpoints.sns ? { endpoint: config.endpoints.sns } : {}) }),
    sqs: new SQSClient({ ...base, ...(config.endpoints.sqs ? { endpoint: config.endpoints.sqs } : {}) }),
    dynamodb: new DynamoDBClient({
      ...base,
      ...(config.endpoints.dynamodb ? { endpoint: config.endpoints.dynamodb } : {}),
    }),
  };
}

/**
 * Closes the sockets of every client.
 * @internal
 */
export function destroyAwsClients(clients: AwsClients): void {
  clients.sns.destroy();
  clients.sqs.destroy();
  clients.dynamodb.destroy();
}

/**
 * Reads an integer setting, or the default when unset.
 *
 * @param min - The smallest accepted value.
 * @throws {TypeError} naming the variable and the value it got, when it is not an integer >= `min`.
 * @internal
 */
export function readIntSetting(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
