/**
 * @module test/support/suite
 * What a test file of the `customers` project needs: the backend from the global setup, the service
 * processes, the `it` with the seed's isolation fixture, and emulated-to-real time conversion.
 *
 * Importing this module waits at the setup gate until the backend is up (a fraction of a second, while
 * the worker is still loading); the service processes are waited for only by tests that use them.
 */
import { SnsSqsTestClient } from "probity-aws";
import { type BackendDescriptor, fromDescriptor } from "probity-aws/backends";
import { createBusTest } from "probity-aws/vitest";
import { inject } from "vitest";
import { QUEUES, TOPICS } from "../../src/shared/names.js";
import type { CustomersSuite, ServiceUrls } from "./global-setup.js";
import { CUSTOMER_CREATED_QUEUE, SERVICE_REGION } from "./paths.js";
import { passSetupGate } from "./setup-gate.js";

const GATE = inject("customersGate");

/** Where the global setup started the backend (see {@link CustomersSuite}). */
export const SUITE: CustomersSuite = await passSetupGate<CustomersSuite>(GATE, "backend");

/** Why the integration tests skip ("" when they run), for `describe.skipIf(SKIP)`. */
export const SKIP = SUITE.unavailable !== "";

/** A describe title with the skip reason appended when the suite cannot run. */
export function title(name: string): string {
  return SKIP ? `${name}: ${SUITE.unavailable}` : name;
}

function suiteBackend(): BackendDescriptor {
  if (SUITE.descriptor === undefined) throw new Error(`the customers suite has no backend: ${SUITE.unavailable}`);
  return SUITE.descriptor;
}

let services: Promise<ServiceUrls> | undefined;

/**
 * The service processes' URLs, once both are ready (the first call waits at the gate; every later call,
 * in any test file of this worker, gets the same answer).
 *
 * @throws {Error} "the global setup failed at services: …" when one of them failed to start.
 */
export function serviceUrls(): Promise<ServiceUrls> {
  services ??= passSetupGate<ServiceUrls>(GATE, "services");
  return services;
}

/**
 * `it` for tests of the running services: it waits until they are ready, and its `bus` fixture (an
 * `SnsSqsTestClient` on the suite's backend) creates the seed's `customer--created` queue once per worker
 * (`_create_topics_and_queues`) and purges `customer--created` and `customer--order-created` after each
 * test — the seed's `_purge_queues_on_teardown` — plus the DLQ, which the seed left to accumulate.
 */
export const it = createBusTest({
  backend: async () => fromDescriptor(suiteBackend()),
  setup: async (bus) => {
    await bus.subscribeTo({ topic: TOPICS.customerCreated, queue: CUSTOMER_CREATED_QUEUE });
  },
  purge: [CUSTOMER_CREATED_QUEUE, QUEUES.customerOrderCreated, QUEUES.customerOrderCreatedDlq],
})
  .extend("services", { auto: true }, () => serviceUrls())
  // The seed's purge fixture is autouse: every test is followed by the purge, also one that never asks
  // for `bus` (a POST /customer publishes a CustomerCreated the next test must not see).
  .extend("purgedAfter", { auto: true }, ({ bus }) => bus !== undefined);

/**
 * Real milliseconds for `emulatedMs` of backend time: the seed's 3 s visibility timeout is 100 ms on
 * the embedded emulator (time scale 30) and 3 s on moto.
 */
export function realMs(emulatedMs: number): number {
  return emulatedMs / SUITE.timeScale;
}

/** `fetch` against the Customer service process. */
export async function customers(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${(await serviceUrls()).customersUrl}${path}`, init);
}

/** `fetch` against the Order service process. */
export async function orders(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${(await serviceUrls()).ordersUrl}${path}`, init);
}

/** `POST /customer` and the new id (asserting 200). */
export async function createCustomer(name = "John Doe"): Promise<string> {
  const response = await customers("/customer", { method: "POST", body: JSON.stringify({ name }) });
  if (response.status !== 200) throw new Error(`POST /customer answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { customer_id: string }).customer_id;
}

/**
 * A test client of its own on the suite's backend — in another region, a second, empty AWS where an
 * app built inside a test does not compete with the service processes for `customer--order-created`.
 *
 * @param region - @default SERVICE_REGION ("us-east-1", the region of the service processes)
 */
export function connectBus(region: string = SERVICE_REGION): Promise<SnsSqsTestClient> {
  return SnsSqsTestClient.connect(fromDescriptor({ ...suiteBackend(), region }));
}
