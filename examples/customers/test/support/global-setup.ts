/**
 * @module test/support/global-setup
 * The seed's session fixtures for the whole `customers` project: starts the backend named by
 * `PROBITY_BACKEND` (default `embedded`, the in-process emulator with a `timeScale`, so the seed's real
 * settings run fast; `moto` runs in real time; `remote` uses `PROBITY_AWS_ENDPOINT`), creates the
 * `customer--created` queue the tests read (`_create_topics_and_queues`), then runs both services as child
 * processes with the seed's environment (`tomodachi_container`), from a JavaScript bundle built once per
 * run, as a container runs its built image. It returns as soon as the processes are spawned, so vitest
 * loads the test files while they start; tests that need them wait at the service gate (see
 * `service-gate.ts`). Tests get everything through `inject("customersSuite")`, the gate and the `bus`
 * fixture of `probity-aws/vitest`.
 *
 * When the default backend cannot run here, nothing starts and the integration tests skip with the reason;
 * a backend named in `PROBITY_BACKEND` that cannot run fails the run instead.
 */
import { type Backend, BackendUnavailableError, backends, SnsSqsTestClient } from "probity-aws";
import { describeForWorkers, PROVIDE_KEY } from "probity-aws/vitest";
import type { TestProject } from "vitest/node";
import { TOPICS } from "../../src/shared/names.js";
import { type BuiltServices, buildServices } from "./build-services.js";
import {
  AUTOTEST_ENV_VALUES,
  CUSTOMER_CREATED_QUEUE,
  DEFAULT_TIME_SCALE,
  ENTRY_PATHS,
  EXAMPLE_ROOT_PATH,
  testAwsEnv,
} from "./paths.js";
import { openServiceGate, type ServiceGate } from "./service-gate.js";
import { type StartedService, startService } from "./start-service.js";

/** What the global setup hands to every test file. */
export interface CustomersSuite {
  /** Why the integration tests skip ("" when they run). */
  unavailable: string;
  /** The backend's name (`embedded`, `moto`, …). */
  backend: string;
  /** The backend's endpoint ("" when unavailable). */
  endpoint: string;
  /** The service gate's URL: answers with the services' URLs once they are ready (see `service-gate.ts`). */
  servicesGate: string;
  /** Emulated seconds per real second (1 on moto and remote backends). */
  timeScale: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    customersSuite: CustomersSuite;
  }
}

const UNAVAILABLE: CustomersSuite = {
  unavailable: "",
  backend: "",
  endpoint: "",
  servicesGate: "",
  timeScale: 1,
};

function timeScaleFromEnv(): number {
  const value = Number(process.env.PROBITY_TIME_SCALE ?? DEFAULT_TIME_SCALE);
  if (!Number.isFinite(value) || value < 1) {
    throw new TypeError(`Expected PROBITY_TIME_SCALE to be a number >= 1, got ${process.env.PROBITY_TIME_SCALE}`);
  }
  return value;
}

async function startBackend(name: string, timeScale: number): Promise<Backend> {
  return name === "embedded" ? backends.embedded({ timeScale }) : backends.fromEnv();
}

/** The seed's `_create_topics_and_queues`: the queue the tests read `CustomerCreated` from. */
async function subscribeCustomerCreated(backend: Backend): Promise<void> {
  const bus = await SnsSqsTestClient.connect(backend);
  try {
    await bus.subscribeTo({ topic: TOPICS.customerCreated, queue: CUSTOMER_CREATED_QUEUE });
  } finally {
    bus.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = process.env.PROBITY_BACKEND || "embedded";
  const timeScale = name === "embedded" ? timeScaleFromEnv() : 1;
  // The bundle builds (in esbuild's own process) while the backend starts; its error surfaces below.
  const building = buildServices(ENTRY_PATHS, EXAMPLE_ROOT_PATH);
  building.catch(() => undefined);
  let backend: Backend;
  try {
    backend = await startBackend(name, timeScale);
  } catch (error) {
    await building.then((bundle) => bundle.remove()).catch(() => undefined);
    // Asked for by name (CI's moto run): a missing backend is a failure, not a skip.
    if (!(error instanceof BackendUnavailableError) || process.env.PROBITY_BACKEND) throw error;
    project.provide("customersSuite", { ...UNAVAILABLE, backend: name, unavailable: `${name}: ${error.reason}` });
    return async () => {};
  }
  let starting: Promise<StartedService>[] = [];
  let built: BuiltServices | undefined;
  let gate: ServiceGate | undefined;
  const teardown = async (): Promise<void> => {
    const settled = await Promise.allSettled(starting);
    const services = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const codes = await Promise.all(services.map((service) => service.stop()));
    await Promise.all([gate?.close(), backend.dispose(), built?.remove()]);
    const failed = services.filter((_, index) => codes[index] !== 0);
    if (failed.length > 0) {
      throw new Error(
        `services did not exit cleanly (${codes.join(", ")}):\n${failed.map((s) => s.stderr()).join("\n")}`,
      );
    }
  };
  try {
    const endpoint = backend.endpoint ?? "";
    const env = { ...testAwsEnv(endpoint), ...AUTOTEST_ENV_VALUES };
    built = await building;
    const customers = startService(built.entries.customers ?? ENTRY_PATHS.customers, env, { cwd: EXAMPLE_ROOT_PATH });
    const orders = startService(built.entries.orders ?? ENTRY_PATHS.orders, env, { cwd: EXAMPLE_ROOT_PATH });
    starting = [customers, orders];
    // Not awaited here: vitest starts its worker while the services start and the test queue is
    // subscribed; tests wait at the gate until all three are done.
    gate = await openServiceGate(
      Promise.all([customers, orders, subscribeCustomerCreated(backend)]).then(([c, o]) => ({
        customersUrl: c.url,
        ordersUrl: o.url,
      })),
    );
    project.provide(PROVIDE_KEY, describeForWorkers(backend));
    project.provide("customersSuite", {
      unavailable: "",
      backend: backend.name,
      endpoint,
      servicesGate: gate.url,
      timeScale,
    });
    return teardown;
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
}
