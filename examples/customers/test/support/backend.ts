/**
 * @module test/support/backend
 * Where the integration tests find the AWS backend, the service entry points and the seed's test settings.
 */
import { inject } from "vitest";
import { AUTOTEST_ENV_VALUES, ENTRY_PATHS, EXAMPLE_ROOT_PATH } from "./paths.js";

/** The backend endpoint from the global setup ("" when there is none). */
export const AWS_ENDPOINT = inject("awsEndpoint");

/** Why integration tests skip ("" when they run). */
export const AWS_UNAVAILABLE = inject("awsUnavailable");

/** The example package's root: the services' working directory. */
export const EXAMPLE_ROOT = EXAMPLE_ROOT_PATH;

/** Entry points of the two services. */
export const ENTRIES = ENTRY_PATHS;

/** The seed's autotest settings (see {@link AUTOTEST_ENV_VALUES}). */
export const AUTOTEST_ENV = AUTOTEST_ENV_VALUES;

/**
 * Wipes every queue, topic and table (`POST /moto-api/reset`, which the embedded emulator also answers).
 */
export async function resetBackend(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  if (!response.ok) throw new Error(`reset failed: ${response.status} ${await response.text()}`);
}
