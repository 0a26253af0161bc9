/**
 * @module test/support/paths
 * Entry points, working directory and the seed's test settings, without vitest (scripts can import it).
 */
import { fileURLToPath } from "node:url";

/** The example package's root: the services' working directory. */
export const EXAMPLE_ROOT_PATH = fileURLToPath(new URL("../..", import.meta.url));

/** Entry points of the two services. */
export const ENTRY_PATHS = {
  customers: fileURLToPath(new URL("../../src/customers/main.ts", import.meta.url)),
  orders: fileURLToPath(new URL("../../src/orders/main.ts", import.meta.url)),
} as const;

/**
 * The seed's autotest settings (`AWS_SQS_MAX_RECEIVE_COUNT=1`, table `autotest-customers`), with a 1 s
 * visibility timeout instead of 3 s because moto runs in real time.
 * TODO(lead): use the seed's 3 s with the embedded emulator's `timeScale`.
 */
export const AUTOTEST_ENV_VALUES = {
  PORT: "0",
  AWS_SQS_MAX_RECEIVE_COUNT: "1",
  AWS_SQS_VISIBILITY_TIMEOUT: "1",
  DYNAMODB_TABLE_NAME: "autotest-customers",
} as const;
