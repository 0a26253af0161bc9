/**
 * @module vitest/fixtures
 * `createBusTest()`: a vitest `test` with a `bus` fixture — one client per worker, connected to the
 * backend `awsGlobalSetup` started (or to one it starts itself), with queues purged after each test.
 */
import { inject, test } from "vitest";
import type { Backend } from "../backends/backend.js";
import { fromEnv } from "../backends/from-env.js";
import { SnsSqsTestClient } from "../client/sns-sqs-test-client.js";
import { ResourceNotFoundError } from "../errors.js";
import { fromDescriptor, PROVIDE_KEY } from "./backend-descriptor.js";

/** Options of {@link createBusTest}. */
export interface BusTestOptions {
  /**
   * What to purge after each test: a list of queue names, `"all"` queues (only safe when no other
   * worker shares the backend, e.g. with a backend per worker), or `false` for nothing.
   * @default false
   */
  purge?: "all" | readonly string[] | false;
  /**
   * Starts a backend per worker when no `awsGlobalSetup` provided one.
   * @default fromEnv
   */
  backend?: () => Promise<Backend>;
  /**
   * Runs once per worker, on its client, before the first test that uses `bus` (topics, queues and
   * subscriptions the tests read; it should be idempotent, as workers may share a backend).
   * @default undefined
   */
  setup?: (bus: SnsSqsTestClient) => Promise<void>;
}

/** The defaults of {@link BusTestOptions}. */
export const DEFAULT_BUS_TEST_OPTIONS = Object.freeze({ purge: false as const });

function providedBackend(): Backend | undefined {
  const descriptor = inject(PROVIDE_KEY);
  return descriptor === undefined ? undefined : fromDescriptor(descriptor);
}

/**
 * A vitest `test` with a `bus` fixture (an {@link SnsSqsTestClient}).
 *
 * @example
 * ```ts
 * const it = createBusTest({ purge: ["customer--order-created"] });
 * it("consumes orders", async ({ bus }) => {
 *   await bus.publish({ topic: "order--created", data: order, envelope: jsonBase });
 *   await bus.drained("customer--order-created");
 * });
 * ```
 */
export function createBusTest(options: BusTestOptions = {}) {
  const purge = options.purge ?? DEFAULT_BUS_TEST_OPTIONS.purge;
  return (
    test
      // biome-ignore lint/correctness/noEmptyPattern: vitest requires a destructuring pattern here.
      .extend("busClient", { scope: "worker" }, async ({}, { onCleanup }) => {
        const provided = providedBackend();
        const backend = provided ?? (await (options.backend ?? fromEnv)());
        const release = async (): Promise<void> => {
          if (provided === undefined) await backend.dispose();
        };
        const client = await SnsSqsTestClient.connect(backend).catch(async (error: unknown) => {
          await release();
          throw error;
        });
        try {
          await options.setup?.(client);
        } catch (error) {
          client.close();
          await release();
          throw error;
        }
        onCleanup(async () => {
          client.close();
          // A provided backend is this worker's remote view of the shared one: disposing it closes its
          // event stream and stops nothing else.
          await backend.dispose();
        });
        return client;
      })
      .extend("bus", async ({ busClient }, { onCleanup }) => {
        onCleanup(async () => {
          if (purge === "all") await busClient.purgeAll();
          else if (purge !== false) {
            // Concurrently: a test pays for one round trip, not one per queue.
            await Promise.all(
              purge.map((queue) =>
                busClient.purge(queue).catch((error: unknown) => {
                  if (!(error instanceof ResourceNotFoundError)) throw error;
                }),
              ),
            );
          }
        });
        return busClient;
      })
  );
}
