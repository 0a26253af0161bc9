/**
 * @module customers/customer-config
 * The Customer service's settings and how they are read from the environment.
 */
import { type AwsConfig, readAwsConfig, readIntSetting } from "../shared/aws-config.js";

/** Everything {@link createCustomerApp} needs. */
export interface CustomerAppConfig {
  /** AWS region, credentials and endpoints. */
  aws: AwsConfig;
  /** DynamoDB table of customers (`DYNAMODB_TABLE_NAME`). */
  tableName: string;
  /**
   * Receives before an `OrderCreated` moves to the DLQ (`AWS_SQS_MAX_RECEIVE_COUNT`).
   * @default 3
   */
  maxReceiveCount?: number;
  /**
   * Visibility timeout of `customer--order-created` in seconds (`AWS_SQS_VISIBILITY_TIMEOUT`).
   * @default 30
   */
  visibilityTimeout?: number;
  /**
   * Create the table on start if it is missing.
   * @default false
   */
  ensureTable?: boolean;
  /**
   * The consumer's long-poll wait in seconds.
   * @default 20
   */
  waitTimeSeconds?: number;
  /**
   * Name written to the envelope's `service.name`.
   * @default "customer"
   */
  serviceName?: string;
}

/** The defaults of {@link CustomerAppConfig}, as in the seed's tomodachi service. */
export const DEFAULT_CUSTOMER_CONFIG = Object.freeze({
  maxReceiveCount: 3,
  visibilityTimeout: 30,
  ensureTable: false,
  waitTimeSeconds: 20,
  serviceName: "customer",
  tableName: "customers",
});

/**
 * Reads the Customer service's configuration from environment variables (`DYNAMODB_TABLE_NAME`,
 * `AWS_SQS_MAX_RECEIVE_COUNT`, `AWS_SQS_VISIBILITY_TIMEOUT` and the AWS ones); the table is created on start.
 *
 * @throws {TypeError} when a numeric variable is not a valid integer.
 * @example
 * ```ts
 * const app = createCustomerApp(readCustomerConfig(process.env));
 * ```
 */
export function readCustomerConfig(env: Record<string, string | undefined>): CustomerAppConfig {
  return {
    aws: readAwsConfig(env),
    tableName: env.DYNAMODB_TABLE_NAME || DEFAULT_CUSTOMER_CONFIG.tableName,
    maxReceiveCount: readIntSetting(env, "AWS_SQS_MAX_RECEIVE_COUNT", DEFAULT_CUSTOMER_CONFIG.maxReceiveCount, 1),
    visibilityTimeout: readIntSetting(env, "AWS_SQS_VISIBILITY_TIMEOUT", DEFAULT_CUSTOMER_CONFIG.visibilityTimeout, 0),
    ensureTable: true,
  };
}
