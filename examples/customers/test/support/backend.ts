/**
 * @module test/support/backend
 * Where the integration tests find the AWS backend, the service entry points and the seed's test settings.
 */
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

/** The backend endpoint from the global setup ("" when there is none). */
export const AWS_ENDPOINT = inject("awsEndpoint");

/** Why integration tests skip ("" when they run). */
export const AWS_UNAVAILABLE = inject("awsUnavailable");

/** The example package's root: the services' working directory. */
export const EXAMPLE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Entry points of the two services. */
export const ENTRIES = {
  customers: fileURLToPath(new URL("../../src/customers/main.ts", import.meta.url)),
  orders: fileURLToPath(new URL("../../src/orders/main.ts", import.meta.url)),
} as const;

/**
 * The seed's autotest settings (`AWS_SQS_MAX_RECEIVE_COUNT=1`, table `autotest-customers`), with a 1 s
 * visibility timeout instead of 3 s because moto runs in real time.
 * TODO(lead): use the seed's 3 s with the embedded emulator's `timeScale`.
 */
export const AUTOTEST_ENV = {
  PORT: "0",
  AWS_SQS_MAX_RECEIVE_COUNT: "1",
  AWS_SQS_VISIBILITY_TIMEOUT: "1",
  DYNAMODB_TABLE_NAME: "autotest-customers",
} as const;

/**
 * Wipes every queue, topic and table (`POST /moto-api/reset`, which the embedded emulator also answers).
 */
export async function resetBackend(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  if (!response.ok) throw new Error(`reset failed: ${response.status} ${await response.text()}`);
}
