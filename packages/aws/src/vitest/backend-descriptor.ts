/**
 * @module vitest/backend-descriptor
 * What `globalSetup` hands to test workers: where the backend runs, as plain data (it crosses a
 * process boundary through vitest's `provide`/`inject`).
 */
import type { BackendDescriptor } from "../backends/descriptor.js";

export type { BackendDescriptor } from "../backends/descriptor.js";
export { describeForWorkers, fromDescriptor } from "../backends/descriptor.js";

/** The key under which {@link awsGlobalSetup} provides the backend. */
export const PROVIDE_KEY = "probityAwsBackend";

declare module "vitest" {
  interface ProvidedContext {
    /** The backend started by `awsGlobalSetup`, read by the `bus` fixture. */
    probityAwsBackend: BackendDescriptor;
  }
}
