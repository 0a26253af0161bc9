/**
 * @module vitest/global-setup
 * `awsGlobalSetup()`: start one backend per test run in vitest's `globalSetup` and hand its endpoint
 * to every worker.
 */
import type { Backend } from "../backends/backend.js";
import { fromEnv } from "../backends/from-env.js";
import { SnsSqsTestClient } from "../client/sns-sqs-test-client.js";
import { type BackendDescriptor, describeForWorkers, PROVIDE_KEY } from "./backend-descriptor.js";

/** Options of {@link awsGlobalSetup}. */
export interface AwsGlobalSetupOptions {
  /** Starts the backend. @default fromEnv (PROBITY_BACKEND, else embedded) */
  backend?: () => Promise<Backend>;
  /** Creates topics, queues and subscriptions once, before any test runs. @default undefined */
  setup?: (bus: SnsSqsTestClient) => Promise<void>;
}

/** The part of vitest's `TestProject` a global setup uses. */
export interface ProvidingProject {
  provide(key: typeof PROVIDE_KEY, value: BackendDescriptor): void;
}

/**
 * Builds a vitest `globalSetup` function: it starts the backend, runs `setup`, provides the endpoint
 * to workers (read by the `bus` fixture of `createBusTest`) and disposes the backend after the run.
 *
 * @example
 * ```ts
 * // aws.global-setup.ts, listed in vitest.config.ts under test.globalSetup
 * export default awsGlobalSetup({
 *   backend: () => backends.moto(),
 *   setup: (bus) => bus.subscribeTo({ topic: "order--created", queue: "customer--order-created" }).then(() => {}),
 * });
 * ```
 */
export function awsGlobalSetup(
  options: AwsGlobalSetupOptions = {},
): (project: ProvidingProject) => Promise<() => Promise<void>> {
  return async (project) => {
    const backend = await (options.backend ?? fromEnv)();
    try {
      if (options.setup !== undefined) {
        const bus = await SnsSqsTestClient.connect(backend);
        try {
          await options.setup(bus);
        } finally {
          bus.close();
        }
      }
      project.provide(PROVIDE_KEY, describeForWorkers(backend));
    } catch (error) {
      await backend.dispose();
      throw error;
    }
    return () => backend.dispose();
  };
}
