/**
 * @module test/support/paths
 * Entry points, working directory and the seed's test settings, without vitest (the global setup and the
 * benchmark import it).
 */
import { fileURLToPath } from "node:url";
import type { AwsConfig } from "../../src/shared/aws-config.js";

/** The example package's root: the services' working directory. */
export const EXAMPLE_ROOT_PATH = fileURLToPath(new URL("../..", import.meta.url));

/** Entry points of the two services. */
export const ENTRY_PATHS = {
  customers: fileURLToPath(new URL("../../src/customers/main.ts", import.meta.url)),
  orders: fileURLToPath(new URL("../../src/orders/main.ts", import.meta.url)),
} as const;

/** What the global setup loads of probity-aws, bundled (see `backend-entry.ts`). */
export const BACKEND_ENTRY_PATH = fileURLToPath(new URL("./backend-entry.ts", import.meta.url));

/**
 * The seed's autotest settings, unchanged: `AWS_SQS_MAX_RECEIVE_COUNT=1`, `AWS_SQS_VISIBILITY_TIMEOUT=3`,
 * table `autotest-customers`. On the embedded emulator the 3 s pass in 3 s / {@link DEFAULT_TIME_SCALE}.
 */
export const AUTOTEST_ENV_VALUES = {
  PORT: "0",
  AWS_SQS_MAX_RECEIVE_COUNT: "1",
  AWS_SQS_VISIBILITY_TIMEOUT: "3",
  DYNAMODB_TABLE_NAME: "autotest-customers",
} as const;

/**
 * How much faster than real time the embedded emulator runs (`PROBITY_TIME_SCALE` overrides it): the
 * seed's 3 s visibility timeout passes in 100 ms, over twice the slowest receive-to-delete measured for
 * this consumer (39 ms, both cores busy; 6–9 ms median). Much higher and a message still being handled
 * would become visible again before its delete.
 */
export const DEFAULT_TIME_SCALE = 30;

/** The queue the tests read `CustomerCreated` from (the seed's `subscribe_to(topic=…, queue=…)`). */
export const CUSTOMER_CREATED_QUEUE = "customer--created";

/** The region of the service processes (and of the `bus` fixture). */
export const SERVICE_REGION = "us-east-1";

/**
 * AWS settings for a test backend at `endpoint`, with the seed's static `testing` credentials.
 *
 * @param region - a second region is a second, empty AWS: same endpoint, its own queues and tables.
 */
export function testAwsConfig(endpoint: string, region: string = SERVICE_REGION): AwsConfig {
  return {
    region,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    endpoints: { sns: endpoint, sqs: endpoint, dynamodb: endpoint },
  };
}

/** The same settings as environment variables, for service processes (the seed's `.with_env(...)` lines). */
export function testAwsEnv(endpoint: string): Record<string, string> {
  return {
    AWS_REGION: SERVICE_REGION,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_SNS_ENDPOINT_URL: endpoint,
    AWS_SQS_ENDPOINT_URL: endpoint,
    AWS_DYNAMODB_ENDPOINT_URL: endpoint,
  };
}
