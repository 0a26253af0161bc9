/**
 * @module test/support/global-setup
 * The seed's session fixtures for the whole `customers` project: starts the backend named by
 * `PROBITY_BACKEND` (default `embedded`, the in-process emulator with a `timeScale`, so the seed's real
 * settings run fast; `moto` runs in real time; `remote` uses `PROBITY_AWS_ENDPOINT`), then runs both
 * services as child processes with the seed's environment (`tomodachi_container`), from a JavaScript
 * bundle, as a container runs its built image.
 *
 * It returns at once: everything starts in the background while vitest boots its worker and runs the
 * tests that need neither (see `file-order.ts`). Workers wait at the setup gate (`setup-gate.ts`) for the
 * stage they need: `backend` (the {@link CustomersSuite}) when a test file is loaded, `services` (their
 * URLs) before a test that talks to them. The seed's `_create_topics_and_queues` (the `customer--created`
 * queue) is the `bus` fixture's per-worker `setup` (see `suite.ts`), on the AWS SDK the worker has loaded
 * anyway: this process only loads the emulator, from a cached bundle of probity-aws's backends
 * (`backend-entry.ts`), as an installed probity-aws would be built JavaScript.
 *
 * When the default backend cannot run here, the integration tests skip with the reason; a backend named
 * in `PROBITY_BACKEND` that cannot run fails them with it instead.
 */
import { pathToFileURL } from "node:url";
import type { Backend, BackendDescriptor, EndpointReservation } from "probity-aws/backends";
import type { TestProject } from "vitest/node";
import type { BuildServicesOptions, BuiltServices } from "./build-services.js";
import {
  AUTOTEST_ENV_VALUES,
  BACKEND_ENTRY_PATH,
  DEFAULT_TIME_SCALE,
  ENTRY_PATHS,
  EXAMPLE_ROOT_PATH,
  testAwsEnv,
} from "./paths.js";
import { openSetupGate } from "./setup-gate.js";
import type { StartedService } from "./start-service.js";

/** What the `backend` stage of the setup gate answers (see `suite.ts`). */
export interface CustomersSuite {
  /** Why the integration tests skip ("" when they run). */
  unavailable: string;
  /** The backend's name (`embedded`, `moto`, …). */
  backend: string;
  /** The backend's endpoint ("" when unavailable). */
  endpoint: string;
  /** The backend as plain data, for the workers' `bus` fixture (undefined when unavailable). */
  descriptor: BackendDescriptor | undefined;
  /** Emulated seconds per real second (1 on moto and remote backends). */
  timeScale: number;
}

/** Where the running services are: what the `services` stage of the setup gate answers. */
export interface ServiceUrls {
  /** Base URL of the Customer service process. */
  customersUrl: string;
  /** Base URL of the Order service process. */
  ordersUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The setup gate's URL (stages `backend` and `services`). */
    customersGate: string;
  }
}

function timeScaleFromEnv(): number {
  const value = Number(process.env.PROBITY_TIME_SCALE ?? DEFAULT_TIME_SCALE);
  if (!Number.isFinite(value) || value < 1) {
    throw new TypeError(`Expected PROBITY_TIME_SCALE to be a number >= 1, got ${process.env.PROBITY_TIME_SCALE}`);
  }
  return value;
}

/** What the global setup uses of probity-aws (`backend-entry.ts`). */
export type BackendModule = typeof import("./backend-entry.js");

/**
 * How the backend entry is bundled: probity from its TypeScript source, as the tests see it; the AWS SDK
 * (which the backends load only to clean up after real AWS) and testcontainers stay in `node_modules`.
 */
const BACKEND_BUNDLE: BuildServicesOptions = {
  conditions: ["probity-source"],
  external: ["@aws-sdk/*", "@smithy/*", "@testcontainers/*", "testcontainers"],
};

/**
 * probity-aws's backends as one cached JavaScript bundle, imported natively: ~0.1 s to load and start
 * the emulator instead of ~0.5–0.7 s of vite transforming and running ~190 modules in the main thread.
 */
async function loadBackendModule(): Promise<BackendModule> {
  const { buildServices } = await import("./build-services.js");
  const built = await buildServices({ backends: BACKEND_ENTRY_PATH }, EXAMPLE_ROOT_PATH, BACKEND_BUNDLE);
  const bundle = built.entries.backends;
  if (bundle === undefined) throw new Error("the backends bundle has no `backends` entry");
  return (await import(pathToFileURL(bundle).href)) as BackendModule;
}

/** A backend that started, and its time scale. */
interface StartedBackend {
  backend: Backend;
  timeScale: number;
}

/**
 * Starts the backend `name`; the embedded emulator takes `reserving`'s reservation over. Whatever fails,
 * the reservation is released, so processes already talking to it see their connections reset instead
 * of waiting for an emulator that never comes.
 */
export async function startBackend(
  name: string,
  reserving: Promise<EndpointReservation | undefined>,
  loading: Promise<BackendModule>,
): Promise<StartedBackend> {
  const reservation = await reserving;
  try {
    const { backends } = await loading;
    if (name !== "embedded") return { backend: await backends.fromEnv(), timeScale: 1 };
    const timeScale = timeScaleFromEnv();
    return { backend: await backends.embedded({ timeScale, ...(reservation ? { reservation } : {}) }), timeScale };
  } catch (error) {
    await reservation?.release();
    throw error;
  }
}

/** The `backend` stage: the suite as the workers see it, or why it skips. */
async function describeSuite(
  name: string,
  loading: Promise<BackendModule>,
  starting: Promise<StartedBackend>,
): Promise<CustomersSuite> {
  const { BackendUnavailableError, describeForWorkers } = await loading;
  try {
    const { backend, timeScale } = await starting;
    const descriptor = describeForWorkers(backend);
    return { unavailable: "", backend: backend.name, endpoint: descriptor.endpoint, descriptor, timeScale };
  } catch (error) {
    // Asked for by name (CI's moto run): a missing backend is a failure, not a skip.
    if (!(error instanceof BackendUnavailableError) || process.env.PROBITY_BACKEND) throw error;
    return {
      unavailable: `${name}: ${error.reason}`,
      backend: name,
      endpoint: "",
      descriptor: undefined,
      timeScale: 1,
    };
  }
}

async function spawnServices(
  endpoint: Promise<string>,
  building: Promise<BuiltServices>,
): Promise<Promise<StartedService>[]> {
  const [url, built, { startService }] = await Promise.all([endpoint, building, import("./start-service.js")]);
  const env = { ...testAwsEnv(url), ...AUTOTEST_ENV_VALUES };
  return (["customers", "orders"] as const).map((entry) =>
    startService(built.entries[entry] ?? ENTRY_PATHS[entry], env, { cwd: EXAMPLE_ROOT_PATH }),
  );
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = process.env.PROBITY_BACKEND || "embedded";
  // Nothing heavy is loaded before the gate is open: the emulator and esbuild load in the background.
  // The embedded emulator's endpoint is reserved first (a bound port whose connections wait for it), so
  // the services start while the emulator loads; other backends are up before the services start.
  const reserving =
    name === "embedded"
      ? import("probity-aws-emulator/reserve").then(({ reserveEndpoint }) => reserveEndpoint())
      : Promise.resolve(undefined);
  const loading = loadBackendModule();
  const starting = startBackend(name, reserving, loading);
  starting.catch(() => undefined); // its error reaches the workers through the gate
  const building = import("./build-services.js").then(({ buildServices }) =>
    buildServices(ENTRY_PATHS, EXAMPLE_ROOT_PATH),
  );
  const endpoint = reserving.then(
    async (reservation) => reservation?.endpoint ?? (await starting).backend.endpoint ?? "",
  );
  const spawned = spawnServices(endpoint, building);
  const services = spawned
    .then((started) => Promise.all(started))
    .then(([customers, orders]) => ({ customersUrl: customers?.url ?? "", ordersUrl: orders?.url ?? "" }));
  const gate = await openSetupGate({ backend: describeSuite(name, loading, starting), services });
  project.provide("customersGate", gate.url);

  return async () => {
    await gate.close();
    const settled = await Promise.allSettled(await spawned.catch(() => []));
    const running = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const codes = await Promise.all(running.map((service) => service.stop()));
    // Disposing the backend releases the reservation; a backend that failed released it already.
    await starting.then(({ backend }) => backend.dispose()).catch(() => undefined);
    const failed = running.filter((_, index) => codes[index] !== 0);
    if (failed.length > 0) {
      throw new Error(
        `services did not exit cleanly (${codes.join(", ")}):\n${failed.map((s) => s.stderr()).join("\n")}`,
      );
    }
  };
}
